import { useState } from 'react';
import type { LobbyCommand, LobbyEntry, LobbyStatus } from '@majlis/shared';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { call } from '../../realtime/socket.ts';
import { useLobby } from './useLobby.ts';

const STATUS_WORDS: Readonly<Record<LobbyStatus, MessageKey>> = {
  waiting: 'lobby.status.waiting',
  admitted: 'lobby.status.admitted',
  denied: 'lobby.status.denied',
};

/**
 * CONF-5: the chair's (or the secretariat's) lobby console, live: who is
 * waiting, grouped by delegation, with admit and deny per person and admit
 * for a whole delegation; who was admitted or denied, to change one's mind.
 */
export function LobbyPanel({
  sessionId,
  onRefused,
}: {
  sessionId: string;
  onRefused: (err: unknown) => void;
}) {
  const t = useT();
  const { lobby, failed, act } = useLobby(sessionId);
  const send = (command: LobbyCommand) => void act(command).catch(onRefused);
  if (lobby === undefined)
    return <p className="muted">{failed ? t('lobby.unavailable') : t('meeting.loading')}</p>;
  const waiting = lobby.entries.filter((e) => e.status === 'waiting');
  const decided = lobby.entries.filter((e) => e.status !== 'waiting');
  const groups = new Map<string | null, LobbyEntry[]>();
  for (const e of waiting) groups.set(e.delegationId, [...(groups.get(e.delegationId) ?? []), e]);
  const row = (e: LobbyEntry) => (
    <li key={e.participantId} data-testid="lobby-entry" data-status={e.status}>
      <span>
        {t('lobby.entry', {
          name: e.name,
          role: t(`role.${e.role}`),
          status: t(STATUS_WORDS[e.status]),
        })}
      </span>{' '}
      {e.status !== 'admitted' && (
        <button
          type="button"
          data-testid="lobby-admit"
          onClick={() => send({ type: 'admit', participantId: e.participantId })}
        >
          {t('lobby.admit')}
        </button>
      )}{' '}
      {e.status !== 'denied' && (
        <button
          type="button"
          className="danger"
          data-testid="lobby-deny"
          onClick={() => send({ type: 'deny', participantId: e.participantId })}
        >
          {t('lobby.deny')}
        </button>
      )}
    </li>
  );
  return (
    <section className="lobby" data-testid="lobby" aria-label={t('lobby.tab')}>
      {waiting.length === 0 && <p className="muted">{t('lobby.empty')}</p>}
      {[...groups.entries()].map(([delegationId, entries]) => (
        <div key={delegationId ?? 'none'} className="lobby-group">
          <ul>{entries.map(row)}</ul>
          {delegationId !== null && entries.length > 1 && (
            <button
              type="button"
              data-testid="lobby-admit-delegation"
              onClick={() => send({ type: 'admitDelegation', delegationId })}
            >
              {t('lobby.admitDelegation')}
            </button>
          )}
        </div>
      ))}
      {decided.length > 0 && <ul className="muted">{decided.map(row)}</ul>}
    </section>
  );
}

/**
 * ACCESS-8: a head of one of a bilateral's two delegations invites the
 * secretariat; it may join (and is then seen by everyone) once both have.
 */
export function SecretariatInvite({
  sessionId,
  onRefused,
}: {
  sessionId: string;
  onRefused: (err: unknown) => void;
}) {
  const t = useT();
  const [invited, setInvited] = useState(false);
  if (invited)
    return (
      <p className="muted" data-testid="secretariat-invited">
        {t('lobby.secretariatInvited')}
      </p>
    );
  return (
    <button
      type="button"
      data-testid="invite-secretariat"
      onClick={() =>
        void call('lobby:act', { sessionId, command: { type: 'inviteSecretariat' } }).then(
          () => setInvited(true),
          onRefused,
        )
      }
    >
      {t('lobby.inviteSecretariat')}
    </button>
  );
}
