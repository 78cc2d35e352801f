import {
  SessionKeys,
  applyKeys,
  forgetOwner,
  hasLobby,
  initialKeys,
  keysViewFor,
  mediaIdentityOf,
  type KeysCommand,
  type KeysView,
  type Participant,
  type Session,
} from '@majlis/shared';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { keys } from '../store/keys.ts';
import { transact, type Change } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import { decided, ifExists } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';
import type { LobbyService } from './lobby.ts';

export interface KeysChange {
  session: Session;
  state: SessionKeys;
}

const identityOf = (principal: Principal): string =>
  principal.kind === 'organiser'
    ? mediaIdentityOf({ kind: 'organiser', id: principal.userId })
    : mediaIdentityOf({ kind: 'participant', id: principal.participant.id });

const chairIdentity = (session: Session): string | null =>
  session.chairId === null ? null : mediaIdentityOf({ kind: 'participant', id: session.chairId });

/**
 * CONF-1, CONF-2: the relay of a confidential session's media keys. It
 * stores device public keys and keys wrapped per device, hands each device
 * what was wrapped for it, and refuses (typed) keys from anyone who is not an
 * admitted member's own device, for a device that is not a member's, or for
 * a stale key index. It never sees a media key: wrapping happens on devices.
 */
export class KeyRelay {
  private readonly listeners: ((change: KeysChange) => void)[] = [];

  constructor(
    private readonly store: RedisStore,
    private readonly summits: SummitService,
    private readonly lobby: LobbyService,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    // A member denied after admission is out of the room; their devices go and the key rotates.
    lobby.onChange(({ session, events }) => {
      for (const e of events)
        if (e.type === 'denied')
          this.forget(
            session.id,
            mediaIdentityOf({ kind: 'participant', id: e.entry.participantId }),
          ).catch((err: unknown) => {
            this.logger.error(
              { err, sessionId: session.id },
              'could not drop a denied member’s devices',
            );
          });
    });
  }

  onChange(listener: (change: KeysChange) => void): void {
    this.listeners.push(listener);
  }

  private async read(sessionId: string): Promise<SessionKeys> {
    const raw = await this.store.get(keys.sessionKeys(sessionId));
    return raw === null ? initialKeys(sessionId) : SessionKeys.parse(JSON.parse(raw));
  }

  /** A member of the session now: admitted, its chair, or the invited secretariat. */
  private async memberSession(principal: Principal, sessionId: string): Promise<Session> {
    const session = await this.summits.getSession(principal, sessionId);
    if (!hasLobby(session))
      throw new AppError('CONFLICT', 'Only closed and bilateral sessions are end-to-end encrypted');
    if ((await this.lobby.mayStay(sessionId, identityOf(principal))) !== true)
      throw new AppError('FORBIDDEN', 'Only members admitted to the session hold its keys');
    return session;
  }

  async view(principal: Principal, sessionId: string, deviceId?: string): Promise<KeysView> {
    const session = await this.memberSession(principal, sessionId);
    const state = await this.read(sessionId);
    // Only the owner of a device reads what was wrapped for it.
    const own = state.devices.find((d) => d.deviceId === deviceId)?.owner === identityOf(principal);
    return keysViewFor(state, own ? (deviceId ?? null) : null, chairIdentity(session));
  }

  async act(principal: Principal, sessionId: string, command: KeysCommand): Promise<KeysView> {
    const session = await this.memberSession(principal, sessionId);
    const identity = identityOf(principal);
    let next: SessionKeys | undefined;
    await transact(
      this.store,
      async () => {
        const before = await this.read(sessionId);
        next = decided(
          applyKeys(
            before,
            command,
            { identity, presides: identity === chairIdentity(session) },
            chairIdentity(session),
            this.clock.now().toISOString(),
          ),
        );
        return this.commit(before, next);
      },
      { retryConflicts: true },
    );
    if (next === undefined) throw new Error('keys transaction ended without a decision');
    for (const l of this.listeners) l({ session, state: next });
    const deviceId = command.type === 'register' ? command.deviceId : command.fromDeviceId;
    return keysViewFor(next, deviceId, chairIdentity(session));
  }

  private commit(before: SessionKeys, next: SessionKeys): Change {
    if (next === before) return { tx: { checks: [], writes: [] } };
    const key = keys.sessionKeys(before.sessionId);
    return {
      tx: {
        checks: [before.version === 0 ? { key, absent: true } : { key, version: before.version }],
        writes: [{ op: 'set', key, value: JSON.stringify(next) }],
      },
    };
  }

  /**
   * CONF-2: someone left a session's room or lost access: their devices go
   * and the key must rotate. Quiet for a session without their devices.
   */
  async forget(sessionId: string, identity: string): Promise<void> {
    // Set inside the transaction, which may run more than once; read after it.
    const outcome: { next: SessionKeys | null } = { next: null };
    await transact(
      this.store,
      async () => {
        const before = await this.read(sessionId);
        outcome.next = forgetOwner(before, identity);
        return this.commit(before, outcome.next ?? before);
      },
      { retryConflicts: true },
    );
    const next = outcome.next;
    if (next === null) return;
    const session = await this.summits.getSessionUnchecked(sessionId);
    for (const l of this.listeners) l({ session, state: next });
  }

  /** `participant_left` from LiveKit: a member who leaves a confidential room makes the key rotate. */
  async onLeft(roomName: string | undefined, identity: string | undefined): Promise<void> {
    if (roomName === undefined || identity === undefined || !roomName.startsWith('session-'))
      return;
    const session = await ifExists(this.summits.getSessionUnchecked(roomName.slice(8)));
    if (session !== undefined && hasLobby(session)) await this.forget(session.id, identity);
  }

  /** A revoked participant leaves every session's key set of their summit (ACCESS-1, CONF-2). */
  async forgetEverywhere(participant: Participant): Promise<void> {
    const identity = mediaIdentityOf({ kind: 'participant', id: participant.id });
    const sessions = await this.summits.summitSessionsUnchecked(participant.summitId);
    for (const s of sessions.filter(hasLobby)) {
      try {
        await this.forget(s.id, identity);
      } catch (err) {
        this.logger.error({ err, sessionId: s.id }, 'could not drop a revoked member’s devices');
      }
    }
  }
}
