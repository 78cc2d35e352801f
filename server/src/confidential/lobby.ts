import {
  LobbyState,
  applyLobby,
  hasLobby,
  initialLobby,
  lobbyStatusOf,
  mediaIdentityOf,
  participantIdOfIdentity,
  passesLobby,
  secretariatInvited,
  type LobbyActor,
  type LobbyCommand,
  type LobbyEvent,
  type Session,
} from '@majlis/shared';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { MediaGateway } from '../media/gateway.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import { decided, ifExists, recordBody } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';

export interface LobbyChange {
  session: Session;
  state: LobbyState;
  events: LobbyEvent[];
}

/** Record entries for the lobby's decisions (ACCESS-5); a knock is not a procedural act. */
const RECORDED: Partial<Record<LobbyEvent['type'], string>> = {
  admitted: 'lobby.admitted',
  denied: 'lobby.denied',
  secretariatInvited: 'lobby.secretariat_invited',
};

/**
 * CONF-5 and ACCESS-8 on the server: load the session's lobby, ask the pure
 * `applyLobby`, commit it with its record entries in one transaction, then
 * the effects (watchers told, the person told, a denied member removed from
 * the room at once). It also answers the two questions the media side asks:
 * may this person have a token now (`gate`, before any token is minted),
 * and may this identity stay in the room (`mayStay`, for the room guard).
 */
export class LobbyService {
  private readonly listeners: ((change: LobbyChange) => void)[] = [];

  constructor(
    private readonly store: RedisStore,
    private readonly summits: SummitService,
    private readonly media: MediaGateway,
    private readonly clock: Clock,
  ) {}

  onChange(listener: (change: LobbyChange) => void): void {
    this.listeners.push(listener);
  }

  async read(sessionId: string): Promise<LobbyState> {
    const raw = await this.store.get(keys.sessionLobby(sessionId));
    return raw === null ? initialLobby(sessionId) : LobbyState.parse(JSON.parse(raw));
  }

  /** The chair's or the secretariat's view; anyone else is refused. */
  async view(principal: Principal, sessionId: string): Promise<LobbyState> {
    const session = await this.summits.getSession(principal, sessionId);
    if (!hasLobby(session))
      throw new AppError('CONFLICT', 'Only closed and bilateral sessions have a lobby');
    if (!presides(principal, session))
      throw new AppError('FORBIDDEN', 'Only the chair or the secretariat sees the lobby');
    return this.read(sessionId);
  }

  async act(principal: Principal, sessionId: string, command: LobbyCommand): Promise<LobbyState> {
    // Someone who may not enter the session learns nothing about it (ACCESS-2).
    const session = await this.summits.getSession(principal, sessionId);
    const now = this.clock.now().toISOString();
    let change: { state: LobbyState; events: LobbyEvent[] } | undefined;
    await transact(
      this.store,
      async () => {
        const before = await this.read(sessionId);
        change = decided(applyLobby(before, command, lobbyActorOf(principal), session, now));
        if (change.events.length === 0) return { tx: { checks: [], writes: [] } };
        const bodies = change.events.flatMap((e) => {
          const act = RECORDED[e.type];
          if (act === undefined) return [];
          const changes =
            e.type === 'secretariatInvited'
              ? { delegationId: e.invite.delegationId }
              : e.type === 'knocked'
                ? {}
                : { participantId: e.entry.participantId, delegationId: e.entry.delegationId };
          return [recordBody(principal, act, { type: 'session', id: sessionId }, changes, now)];
        });
        return {
          tx: {
            checks: [
              before.version === 0
                ? { key: keys.sessionLobby(sessionId), absent: true }
                : { key: keys.sessionLobby(sessionId), version: before.version },
            ],
            writes: [
              {
                op: 'set',
                key: keys.sessionLobby(sessionId),
                value: JSON.stringify(change.state),
              },
            ],
          },
          ...(bodies.length === 0 ? {} : { record: { scope: session.summitId, bodies } }),
        };
      },
      { retryConflicts: true },
    );
    if (change === undefined) throw new Error('lobby transaction ended without a decision');
    if (change.events.length > 0) {
      // A member denied after being admitted leaves the room now, not at the next sweep.
      for (const e of change.events)
        if (e.type === 'denied')
          await this.media.removeFromRoom(
            session.roomName,
            mediaIdentityOf({ kind: 'participant', id: e.entry.participantId }),
          );
      for (const l of this.listeners) l({ session, ...change });
    }
    return change.state;
  }

  /**
   * Before a token for `session` is minted (CONF-5, ACCESS-8): the chair and
   * the secretariat pass (the secretariat into a bilateral only when both
   * delegations invited it); a member who was not admitted knocks and is
   * told to wait (CONFLICT), a denied one is refused (FORBIDDEN).
   */
  async gate(principal: Principal, session: Session): Promise<void> {
    if (!hasLobby(session)) return;
    if (principal.kind === 'organiser') {
      if (!secretariatInvited(await this.read(session.id), session))
        throw new AppError(
          'FORBIDDEN',
          'The secretariat joins a bilateral only when both delegations invite it',
        );
      return;
    }
    const id = principal.participant.id;
    if (passesLobby({ kind: 'participant', id }, session)) return;
    let status = lobbyStatusOf(await this.read(session.id), id);
    if (status === null) {
      status = lobbyStatusOf(await this.act(principal, session.id, { type: 'knock' }), id);
    }
    switch (status) {
      case 'admitted':
        return;
      case 'denied':
        throw new AppError('FORBIDDEN', 'The chair did not admit you to this session');
      case 'waiting':
      case null:
        throw new AppError('CONFLICT', 'Waiting in the lobby until the chair admits you');
      default: {
        const unreachable: never = status;
        return unreachable;
      }
    }
  }

  /**
   * For the room guard: in a closed or bilateral room only the chair,
   * admitted members and (where invited) the secretariat stay. An identity
   * Majlis never issues (a token minted elsewhere with the API secret) is
   * removed too.
   */
  async mayStay(sessionId: string, identity: string): Promise<true | string> {
    const session = await ifExists(this.summits.getSessionUnchecked(sessionId));
    if (session === undefined) return 'unknown session';
    if (!hasLobby(session)) return true;
    if (identity.startsWith('org-'))
      return secretariatInvited(await this.read(sessionId), session)
        ? true
        : 'secretariat not invited';
    const participantId = participantIdOfIdentity(identity);
    if (participantId === null) return 'not a Majlis identity';
    if (passesLobby({ kind: 'participant', id: participantId }, session)) return true;
    return lobbyStatusOf(await this.read(sessionId), participantId) === 'admitted'
      ? true
      : 'not admitted from the lobby';
  }
}

const presides = (principal: Principal, session: Session): boolean =>
  principal.kind === 'organiser' || session.chairId === principal.participant.id;

const lobbyActorOf = (principal: Principal): LobbyActor =>
  principal.kind === 'organiser'
    ? { kind: 'organiser' }
    : {
        kind: 'participant',
        id: principal.participant.id,
        name: principal.participant.name,
        role: principal.participant.role,
        delegationId: principal.participant.delegationId,
      };
