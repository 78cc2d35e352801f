import { useEffect, useId, useState } from 'react';
import { AlternateDesignation, type Participant } from '@majlis/shared';
import { request } from '../../api/http.ts';
import { listParticipants } from '../../api/summits.ts';
import { errorMessage, useT } from '../../i18n/index.ts';

/**
 * A head of delegation names the delegate who may cast the delegation's
 * ballot besides them (VOTE-1), or nobody.
 */
export function AlternatePicker({
  summitId,
  delegationId,
}: {
  summitId: string;
  delegationId: string;
}) {
  const t = useT();
  const id = useId();
  const [delegates, setDelegates] = useState<Participant[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [status, setStatus] = useState<string>();
  const path = `/delegations/${encodeURIComponent(delegationId)}/alternate`;

  useEffect(() => {
    const guard = { live: true };
    void Promise.all([listParticipants(summitId), request(AlternateDesignation, path)]).then(
      ([people, designation]) => {
        if (!guard.live) return;
        setDelegates(
          people.filter(
            (p) =>
              p.delegationId === delegationId && p.role === 'delegate' && p.status !== 'revoked',
          ),
        );
        setCurrent(designation.participantId);
      },
      () => undefined,
    );
    return () => {
      guard.live = false;
    };
  }, [summitId, delegationId, path]);

  const choose = (participantId: string | null) => {
    setStatus(undefined);
    request(AlternateDesignation, path, { method: 'POST', body: { participantId } }).then(
      (designation) => {
        setCurrent(designation.participantId);
        setStatus(t('vote.alternate.saved'));
      },
      (err: unknown) => setStatus(errorMessage(err, t)),
    );
  };

  return (
    <div className="alternate">
      <label htmlFor={id}>{t('vote.alternate.label')}</label>
      <select
        id={id}
        value={current ?? ''}
        onChange={(e) => choose(e.target.value === '' ? null : e.target.value)}
        data-testid="alternate"
      >
        <option value="">{t('vote.alternate.none')}</option>
        {delegates.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
      {status !== undefined && <p role="status">{status}</p>}
    </div>
  );
}
