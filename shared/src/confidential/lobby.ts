import { z } from 'zod';
import { Id, Timestamp } from '../domain/common.ts';
import { allow, refuse, type Decision } from '../domain/decision.ts';
import { ParticipantRole } from '../domain/participant.ts';
import type { Session } from '../domain/session.ts';

/**
 * CONF-5 and ACCESS-8 as one pure reducer per session: who waits in the
 * lobby of a closed or bilateral session, whom the chair or the secretariat
 * admitted or denied, and which of a bilateral's delegations invited the
 * secretariat. No LiveKit token is issued to anyone before they are admitted
 * (the server's join gate reads this state), and the room guard removes
 * whoever is in the room without being admitted.
 */

export const LobbyStatus = z.enum(['waiting', 'admitted', 'denied']);
export type LobbyStatus = z.infer<typeof LobbyStatus>;

export const LobbyEntry = z.object({
  participantId: Id,
  name: z.string(),
  role: ParticipantRole,
  delegationId: Id.nullable(),
  status: LobbyStatus,
  /** When the status last changed. */
  since: Timestamp,
});
export type LobbyEntry = z.infer<typeof LobbyEntry>;

export const SecretariatInvite = z.object({
  delegationId: Id,
  /** The head of delegation who invited: a recorded act of that delegation. */
  participantId: Id,
  at: Timestamp,
});
export type SecretariatInvite = z.infer<typeof SecretariatInvite>;

export const LobbyState = z.object({
  sessionId: Id,
  version: z.number().int().nonnegative(),
  entries: z.array(LobbyEntry),
  /** ACCESS-8: bilaterals only; the secretariat enters once both delegations are here. */
  secretariatInvites: z.array(SecretariatInvite),
});
export type LobbyState = z.infer<typeof LobbyState>;

export const initialLobby = (sessionId: string): LobbyState => ({
  sessionId,
  version: 0,
  entries: [],
  secretariatInvites: [],
});

/** Who acts: the secretariat, or a participant with the facts the rules read. */
export type LobbyActor =
  | { kind: 'organiser' }
  | {
      kind: 'participant';
      id: string;
      name: string;
      role: ParticipantRole;
      delegationId: string | null;
    };

export const LobbyCommand = z.discriminatedUnion('type', [
  /** The actor asks to enter (what joining a confidential session does). */
  z.object({ type: z.literal('knock') }),
  z.object({ type: z.literal('admit'), participantId: Id }),
  z.object({ type: z.literal('deny'), participantId: Id }),
  /** Admits everyone of one delegation who is waiting. */
  z.object({ type: z.literal('admitDelegation'), delegationId: Id }),
  /** ACCESS-8: a head of one of a bilateral's delegations invites the secretariat. */
  z.object({ type: z.literal('inviteSecretariat') }),
]);
export type LobbyCommand = z.infer<typeof LobbyCommand>;

export type LobbyEvent =
  | { type: 'knocked'; entry: LobbyEntry }
  | { type: 'admitted'; entry: LobbyEntry }
  | { type: 'denied'; entry: LobbyEntry }
  | { type: 'secretariatInvited'; invite: SecretariatInvite };

type LobbySession = Pick<Session, 'id' | 'kind' | 'chairId' | 'delegationIds'>;
type LobbyRefusal = 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT';

/** Closed and bilateral sessions have a lobby; public ones do not. */
export const hasLobby = (session: Pick<Session, 'kind'>): boolean =>
  session.kind === 'closed' || session.kind === 'bilateral';

/**
 * Who may pass without waiting: the session's own chair (who admits) and
 * the secretariat. Everyone else, members included, waits to be admitted.
 */
export const passesLobby = (
  actor: { kind: 'organiser' } | { kind: 'participant'; id: string },
  session: Pick<Session, 'chairId'>,
): boolean => actor.kind === 'organiser' || session.chairId === actor.id;

/** ACCESS-8: the secretariat is in a bilateral only once both of its delegations invited it. */
export const secretariatInvited = (
  state: LobbyState,
  session: Pick<Session, 'kind' | 'delegationIds'>,
): boolean =>
  session.kind !== 'bilateral' ||
  (session.delegationIds.length > 0 &&
    session.delegationIds.every((d) => state.secretariatInvites.some((i) => i.delegationId === d)));

/** Where one participant stands: null when they never knocked. */
export const lobbyStatusOf = (state: LobbyState, participantId: string): LobbyStatus | null =>
  state.entries.find((e) => e.participantId === participantId)?.status ?? null;

const presides = (actor: LobbyActor, session: LobbySession): boolean =>
  actor.kind === 'organiser' || (actor.role === 'chair' && session.chairId === actor.id);

/**
 * Applies one lobby command. A repeat changes nothing and emits nothing, so
 * retries and double clicks are harmless. The caller has checked that the
 * actor may enter the session at all (ACCESS-2).
 */
export function applyLobby(
  state: LobbyState,
  command: LobbyCommand,
  actor: LobbyActor,
  session: LobbySession,
  now: string,
): Decision<{ state: LobbyState; events: LobbyEvent[] }, LobbyRefusal> {
  if (!hasLobby(session))
    return refuse('CONFLICT', 'Only closed and bilateral sessions have a lobby');
  const events: LobbyEvent[] = [];
  const entries = [...state.entries];
  const setStatus = (index: number, status: LobbyStatus): LobbyEntry => {
    const entry = { ...(entries[index] as LobbyEntry), status, since: now };
    entries[index] = entry;
    return entry;
  };
  const indexOf = (participantId: string): number =>
    entries.findIndex((e) => e.participantId === participantId);

  switch (command.type) {
    case 'knock': {
      if (actor.kind === 'organiser' || passesLobby(actor, session))
        return refuse('CONFLICT', 'The chair and the secretariat do not wait in the lobby');
      const i = indexOf(actor.id);
      // Waiting, admitted or denied already: knocking again changes nothing.
      if (i >= 0) break;
      const entry: LobbyEntry = {
        participantId: actor.id,
        name: actor.name,
        role: actor.role,
        delegationId: actor.delegationId,
        status: 'waiting',
        since: now,
      };
      entries.push(entry);
      events.push({ type: 'knocked', entry });
      break;
    }
    case 'admit':
    case 'deny': {
      if (!presides(actor, session))
        return refuse('FORBIDDEN', 'Only the chair or the secretariat decides who enters');
      const i = indexOf(command.participantId);
      if (i < 0) return refuse('NOT_FOUND', 'Nobody by that id is in the lobby');
      const status = command.type === 'admit' ? 'admitted' : 'denied';
      if (entries[i]?.status === status) break;
      events.push({ type: status, entry: setStatus(i, status) });
      break;
    }
    case 'admitDelegation': {
      if (!presides(actor, session))
        return refuse('FORBIDDEN', 'Only the chair or the secretariat decides who enters');
      if (!session.delegationIds.includes(command.delegationId))
        return refuse('NOT_FOUND', 'That delegation is not in this session');
      entries.forEach((e, i) => {
        if (e.delegationId === command.delegationId && e.status === 'waiting')
          events.push({ type: 'admitted', entry: setStatus(i, 'admitted') });
      });
      break;
    }
    case 'inviteSecretariat': {
      if (session.kind !== 'bilateral')
        return refuse('CONFLICT', 'The secretariat is invited to bilaterals only');
      if (
        actor.kind !== 'participant' ||
        actor.role !== 'head_of_delegation' ||
        actor.delegationId === null ||
        !session.delegationIds.includes(actor.delegationId)
      )
        return refuse('FORBIDDEN', 'Only the head of one of the two delegations invites');
      const delegationId = actor.delegationId;
      if (state.secretariatInvites.some((i) => i.delegationId === delegationId)) break;
      const invite: SecretariatInvite = { delegationId, participantId: actor.id, at: now };
      events.push({ type: 'secretariatInvited', invite });
      return allow({
        state: {
          ...state,
          version: state.version + 1,
          secretariatInvites: [...state.secretariatInvites, invite],
        },
        events,
      });
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
  if (events.length === 0) return allow({ state, events });
  return allow({ state: { ...state, version: state.version + 1, entries }, events });
}
