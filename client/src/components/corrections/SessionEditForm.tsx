import { useState, type SyntheticEvent } from 'react';
import {
  isPublicSession,
  type Delegation,
  type Participant,
  type Session,
  type Summit,
} from '@majlis/shared';
import { updateSession } from '../../api/corrections.ts';
import { useT, type Lang } from '../../i18n/index.ts';
import { ErrorAlert } from '../Alerts.tsx';
import { DelegationName } from '../DelegationName.tsx';
import { LanguageChecklist } from '../LanguageChecklist.tsx';
import {
  ZonedDateTimeInput,
  instantToZonedLocal,
  zonedLocalToInstant,
} from '../ZonedDateTimeInput.tsx';
import { useAction } from '../useAction.ts';

/**
 * ACCT-3: a scheduled session corrected after the fact: its chair (a
 * session is often created before any chair is accredited), times,
 * interpretation and, for closed and bilateral sessions, who is admitted.
 * Sent with the version shown, so a change made meanwhile is not overwritten.
 */
export function SessionEditForm({
  session,
  summit,
  delegations,
  participants,
  onSaved,
  onCancel,
}: {
  session: Session;
  summit: Summit;
  delegations: readonly Delegation[];
  participants: readonly Participant[];
  onSaved: (session: Session) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const zone = summit.timeZone;
  const [chairId, setChairId] = useState(session.chairId ?? '');
  const [startsAt, setStartsAt] = useState(() =>
    instantToZonedLocal(new Date(session.startsAt), zone),
  );
  const [endsAt, setEndsAt] = useState(() => instantToZonedLocal(new Date(session.endsAt), zone));
  const [interpretation, setInterpretation] = useState<Lang[]>([
    ...session.interpretationLanguages,
  ]);
  const [delegationIds, setDelegationIds] = useState<string[]>([...session.delegationIds]);
  const { busy, failure, run } = useAction();
  const chairs = participants.filter((p) => p.role === 'chair' && p.status !== 'revoked');
  const restricted = !isPublicSession(session.kind);
  const labels = {
    chairId: t('session.chair'),
    startsAt: t('session.startsAt'),
    endsAt: t('session.endsAt'),
    interpretationLanguages: t('session.interpretation'),
    delegationIds: t('session.delegations'),
  };

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    const start = zonedLocalToInstant(startsAt, zone);
    const end = zonedLocalToInstant(endsAt, zone);
    if (start === undefined || end === undefined) return;
    await run(async () => {
      onSaved(
        await updateSession(session.id, session.version, {
          chairId: chairId === '' ? null : chairId,
          startsAt: start.toISOString(),
          endsAt: end.toISOString(),
          interpretationLanguages: interpretation,
          ...(restricted ? { delegationIds } : {}),
        }),
      );
    });
  };

  const toggleDelegation = (id: string, on: boolean) =>
    setDelegationIds((ids) => (on ? [...ids, id] : ids.filter((d) => d !== id)));

  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="session-edit-form">
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
      <LanguageChecklist
        legend={labels.interpretationLanguages}
        value={interpretation}
        onChange={setInterpretation}
      />
      {restricted && (
        <fieldset className="checklist">
          <legend>{labels.delegationIds}</legend>
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
        <button type="button" className="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" disabled={busy}>
          {t('correction.save')}
        </button>
      </div>
      {failure && (
        <ErrorAlert
          error={failure.error}
          fieldLabels={labels}
          codeWords={{ PRECONDITION_FAILED: 'correction.stale' }}
        />
      )}
    </form>
  );
}
