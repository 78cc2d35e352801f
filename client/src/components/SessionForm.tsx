import { useState, type SyntheticEvent } from 'react';
import {
  SessionKind,
  isPublicSession,
  type Delegation,
  type Participant,
  type Session,
  type Summit,
} from '@majlis/shared';
import { createSession } from '../api/summits.ts';
import { useT, type Lang } from '../i18n/index.ts';
import { ErrorAlert } from './Alerts.tsx';
import { DelegationName } from './DelegationName.tsx';
import { LanguageChecklist } from './LanguageChecklist.tsx';
import {
  LocalizedTextFields,
  localizedFromDraft,
  type LocalizedDraft,
} from './LocalizedTextFields.tsx';
import { SESSION_KIND_WORDS } from './words.ts';
import {
  ZonedDateTimeInput,
  instantToZonedLocal,
  zonedLocalToInstant,
} from './ZonedDateTimeInput.tsx';
import { useAction } from './useAction.ts';

const HOUR = 60 * 60 * 1000;

/** Schedules a session on the summit's clock. */
export function SessionForm({
  summit,
  delegations,
  participants,
  onCreated,
}: {
  summit: Summit;
  delegations: readonly Delegation[];
  participants: readonly Participant[];
  onCreated: (session: Session) => void;
}) {
  const t = useT();
  const zone = summit.timeZone;
  const [kind, setKind] = useState<SessionKind>('plenary');
  const [title, setTitle] = useState<LocalizedDraft>({});
  const [startsAt, setStartsAt] = useState(() =>
    instantToZonedLocal(new Date(summit.startsAt), zone),
  );
  const [endsAt, setEndsAt] = useState(() =>
    instantToZonedLocal(new Date(Date.parse(summit.startsAt) + HOUR), zone),
  );
  const [chairId, setChairId] = useState('');
  const [interpretation, setInterpretation] = useState<Lang[]>([]);
  const [delegationIds, setDelegationIds] = useState<string[]>([]);
  const { busy, failure, run } = useAction();

  const chairs = participants.filter((p) => p.role === 'chair' && p.status !== 'revoked');
  const restricted = !isPublicSession(kind);
  const labels = {
    kind: t('session.kind'),
    title: t('session.titleField'),
    startsAt: t('session.startsAt'),
    endsAt: t('session.endsAt'),
    chairId: t('session.chair'),
    interpretationLanguages: t('session.interpretation'),
    delegationIds: t('session.delegations'),
  };

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    const start = zonedLocalToInstant(startsAt, zone);
    const end = zonedLocalToInstant(endsAt, zone);
    if (start === undefined || end === undefined) return;
    await run(async () => {
      const session = await createSession(summit.id, {
        kind,
        title: localizedFromDraft(title, summit.officialLanguages),
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        chairId: chairId === '' ? null : chairId,
        interpretationLanguages: interpretation,
        delegationIds: restricted ? delegationIds : [],
      });
      setTitle({});
      onCreated(session);
    });
  };

  const toggleDelegation = (id: string, on: boolean) =>
    setDelegationIds((ids) => (on ? [...ids, id] : ids.filter((d) => d !== id)));

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="session-form">
      <label>
        {labels.kind}
        <select value={kind} onChange={(e) => setKind(SessionKind.parse(e.target.value))}>
          {SessionKind.options.map((k) => (
            <option key={k} value={k}>
              {t(SESSION_KIND_WORDS[k])}
            </option>
          ))}
        </select>
      </label>
      <LocalizedTextFields
        field={labels.title}
        langs={summit.officialLanguages}
        value={title}
        onChange={setTitle}
      />
      <ZonedDateTimeInput
        label={labels.startsAt}
        zone={zone}
        value={startsAt}
        onChange={setStartsAt}
      />
      <ZonedDateTimeInput
        label={labels.endsAt}
        zone={zone}
        value={endsAt}
        onChange={setEndsAt}
        min={startsAt}
      />
      <label>
        {labels.chairId}
        <select value={chairId} onChange={(e) => setChairId(e.target.value)}>
          <option value="">{t('session.noChair')}</option>
          {chairs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <LanguageChecklist
        legend={labels.interpretationLanguages}
        value={interpretation}
        onChange={setInterpretation}
      />
      {restricted && (
        <fieldset className="checklist">
          <legend>{labels.delegationIds}</legend>
          <p className="hint">
            {kind === 'bilateral' ? t('session.bilateralHint') : t('session.closedHint')}
          </p>
          {delegations.length === 0 && <p className="muted">{t('delegation.none')}</p>}
          {delegations.map((d) => (
            <label key={d.id}>
              <input
                type="checkbox"
                checked={delegationIds.includes(d.id)}
                onChange={(e) => toggleDelegation(d.id, e.target.checked)}
              />
              <DelegationName delegation={d} fallbackLangs={summit.officialLanguages} />
            </label>
          ))}
        </fieldset>
      )}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('session.create')}
        </button>
      </div>
      {failure && <ErrorAlert error={failure.error} fieldLabels={labels} />}
    </form>
  );
}
