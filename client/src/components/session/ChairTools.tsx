import { useId, useState } from 'react';
import type {
  AgendaItem,
  FloorCommand,
  FloorPolicy,
  InterventionKind,
  SessionProgress,
} from '@majlis/shared';
import { localizedText, useLanguage, useT, type MessageKey } from '../../i18n/index.ts';
import { ConfirmDialog } from '../ConfirmDialog.tsx';
import type { useFloor } from '../floor/useFloor.ts';
import { useTurnout } from './live.ts';

const LIMIT_WORDS: Readonly<Record<InterventionKind, MessageKey>> = {
  statement: 'floor.kind.statement',
  point_of_order: 'floor.kind.point_of_order',
  right_of_reply: 'floor.kind.right_of_reply',
  explanation_of_vote: 'floor.kind.explanation_of_vote',
};
const KINDS = Object.keys(LIMIT_WORDS) as InterventionKind[];

/** The speaking limits as the chair edits them: minutes and seconds as typed, checked on Apply. */
function LimitsForm({
  policy,
  onApply,
}: {
  policy: FloorPolicy;
  onApply: (policy: FloorPolicy) => void;
}) {
  const t = useT();
  const id = useId();
  const [minutes, setMinutes] = useState<Record<InterventionKind, string>>(
    () =>
      Object.fromEntries(KINDS.map((k) => [k, String(policy.limitsMs[k] / 60_000)])) as Record<
        InterventionKind,
        string
      >,
  );
  const [expiry, setExpiry] = useState(policy.expiry);
  const [grace, setGrace] = useState(String(policy.graceMs / 1000));
  const parsed = KINDS.map((k) => Math.round(Number(minutes[k]) * 60_000));
  const graceMs = Math.round(Number(grace) * 1000);
  const valid =
    parsed.every((ms) => Number.isFinite(ms) && ms >= 10_000 && ms <= 3_600_000) &&
    Number.isFinite(graceMs) &&
    graceMs >= 0 &&
    graceMs <= 120_000;
  return (
    <form
      className="limits"
      data-testid="limits-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        onApply({
          ...policy,
          expiry,
          graceMs,
          limitsMs: Object.fromEntries(KINDS.map((k, i) => [k, parsed[i]])) as Record<
            InterventionKind,
            number
          >,
        });
      }}
    >
      <fieldset>
        <legend>{t('room.chair.limits')}</legend>
        {KINDS.map((k) => (
          <div key={k} className="limit-row">
            <label htmlFor={`${id}-${k}`}>{t(LIMIT_WORDS[k])}</label>
            <input
              id={`${id}-${k}`}
              type="number"
              min={0.5}
              max={60}
              step={0.5}
              value={minutes[k]}
              onChange={(e) => setMinutes((m) => ({ ...m, [k]: e.target.value }))}
            />
          </div>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('room.chair.expiry')}</legend>
        <label>
          <input
            type="radio"
            name={`${id}-expiry`}
            checked={expiry === 'notify'}
            onChange={() => setExpiry('notify')}
          />{' '}
          {t('room.chair.expiry.notify')}
        </label>
        <label>
          <input
            type="radio"
            name={`${id}-expiry`}
            checked={expiry === 'revoke'}
            onChange={() => setExpiry('revoke')}
          />{' '}
          {t('room.chair.expiry.revoke')}
        </label>
        <div className="limit-row">
          <label htmlFor={`${id}-grace`}>{t('room.chair.grace')}</label>
          <input
            id={`${id}-grace`}
            type="number"
            min={0}
            max={120}
            value={grace}
            onChange={(e) => setGrace(e.target.value)}
          />
        </div>
      </fieldset>
      {!valid && <p className="bad">{t('room.chair.limitsInvalid')}</p>}
      <button type="submit" disabled={!valid}>
        {t('room.chair.apply')}
      </button>
    </form>
  );
}

/**
 * The presiding officer's tools (MEET-2, MEET-3): the session's life, the
 * current agenda item (the booths and the reply limit follow it), speaking
 * limits and expiry policy, and the live turnout of an open vote.
 */
export function ChairTools({
  sessionId,
  progress,
  act,
  agenda,
  floor,
  onFloor,
}: {
  sessionId: string;
  progress: SessionProgress;
  act: (a: 'open' | 'suspend' | 'close') => void;
  agenda: readonly AgendaItem[];
  /** Absent in a bilateral: no list, so no agenda-driven reply limit or clock. */
  floor: ReturnType<typeof useFloor> | null;
  onFloor: (command: FloorCommand) => void;
}) {
  const t = useT();
  const { lang } = useLanguage();
  const agendaId = useId();
  const [confirmClose, setConfirmClose] = useState(false);
  const turnout = useTurnout(sessionId);
  const state = progress.state;
  return (
    <section
      className="chair-tools"
      aria-labelledby={`${agendaId}-title`}
      data-testid="chair-tools"
    >
      <h2 id={`${agendaId}-title`}>{t('room.chair.title')}</h2>
      <div className="chair-life" role="group" aria-label={t('room.chair.life')}>
        {state === 'scheduled' && (
          <button type="button" onClick={() => act('open')} data-testid="session-open">
            {t('room.chair.open')}
          </button>
        )}
        {state === 'open' && (
          <button type="button" onClick={() => act('suspend')} data-testid="session-suspend">
            {t('room.chair.suspend')}
          </button>
        )}
        {state === 'suspended' && (
          <button type="button" onClick={() => act('open')} data-testid="session-resume">
            {t('room.chair.resume')}
          </button>
        )}
        {state !== 'closed' && (
          <button
            type="button"
            className="danger"
            onClick={() => setConfirmClose(true)}
            data-testid="session-close"
          >
            {t('room.chair.close')}
          </button>
        )}
      </div>
      {confirmClose && (
        <ConfirmDialog
          title={t('room.chair.close')}
          confirmLabel={t('room.chair.close')}
          onCancel={() => setConfirmClose(false)}
          onConfirm={() => {
            setConfirmClose(false);
            act('close');
          }}
        >
          <p>{t('room.chair.closeConfirm')}</p>
        </ConfirmDialog>
      )}
      {floor?.floor && state !== 'scheduled' && (
        <>
          <label htmlFor={agendaId}>{t('room.chair.agendaItem')}</label>
          <select
            id={agendaId}
            data-testid="agenda-select"
            value={floor.floor.agendaItemId ?? ''}
            onChange={(e) =>
              onFloor({ type: 'setAgendaItem', agendaItemId: e.target.value || null })
            }
          >
            <option value="">{t('room.chair.noAgendaItem')}</option>
            {agenda.map((item) => (
              <option key={item.id} value={item.id}>
                {/* An option holds text only: the title in the reader's language, as a string. */}
                {localizedText(item.title, lang)?.text ?? item.id}
              </option>
            ))}
          </select>
          <details>
            <summary>{t('room.chair.limits')}</summary>
            <LimitsForm
              key={floor.floor.version}
              policy={floor.floor.policy}
              onApply={(policy) => onFloor({ type: 'setPolicy', policy })}
            />
          </details>
        </>
      )}
      {turnout && (
        <p className="turnout" role="status" data-testid="turnout">
          {t('room.chair.turnout', { voted: turnout.voted, eligible: turnout.eligible })}
        </p>
      )}
    </section>
  );
}
