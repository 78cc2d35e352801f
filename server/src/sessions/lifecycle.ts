import {
  SessionProgress,
  applyLifecycle,
  initialProgress,
  joinAdmission,
  participantIdOfIdentity,
  type LifecycleActor,
  type LifecycleEvent,
  type Session,
  type SessionAct,
} from '@majlis/shared';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { MediaAccess } from '../media/access.ts';
import type { MediaGateway } from '../media/gateway.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import { decided, recordBody } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';

export interface LifecycleChange {
  session: Session;
  progress: SessionProgress;
  events: LifecycleEvent[];
}

/** Reads a session's progress: a session nobody has opened yet is scheduled (MEET-2). */
export async function readProgress(store: RedisStore, sessionId: string): Promise<SessionProgress> {
  const raw = await store.get(keys.sessionLifecycle(sessionId));
  return raw === null ? initialProgress(sessionId) : SessionProgress.parse(JSON.parse(raw));
}

/**
 * MEET-2 for the room guard: someone may stay in a session's room only while
 * it is open or suspended. Closing removes everyone at once; this keeps out
 * a client that reconnects afterwards with a token it still holds.
 */
export const lifecycleRoomRule =
  (store: RedisStore) =>
  async (sessionId: string): Promise<true | string> => {
    const { state } = await readProgress(store, sessionId);
    return joinAdmission(state) === 'enter' ? true : `session ${state}`;
  };

export const lifecycleActorOf = (principal: Principal): LifecycleActor =>
  principal.kind === 'organiser'
    ? { kind: 'organiser' }
    : { kind: 'participant', participantId: principal.participant.id };

/**
 * MEET-2 on the server: load the progress, ask `applyLifecycle`, commit it
 * with its record entry in one transaction, then the effects: the SFU
 * follows the new state (permissions pushed to everyone in the room; on
 * closing, everyone removed from it) and watchers are told.
 */
export class SessionLifecycleService {
  private readonly listeners: ((change: LifecycleChange) => void)[] = [];

  constructor(
    private readonly store: RedisStore,
    private readonly summits: SummitService,
    private readonly media: MediaGateway,
    private readonly access: MediaAccess,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  onChange(listener: (change: LifecycleChange) => void): void {
    this.listeners.push(listener);
  }

  /** The progress of a session the principal may enter. */
  async view(principal: Principal, sessionId: string): Promise<SessionProgress> {
    await this.summits.getSession(principal, sessionId);
    return readProgress(this.store, sessionId);
  }

  async act(principal: Principal, sessionId: string, act: SessionAct): Promise<SessionProgress> {
    // Someone who may not enter the session learns nothing about it, not even that it exists.
    const session = await this.summits.getSession(principal, sessionId);
    const now = this.clock.now();
    let change: { progress: SessionProgress; events: LifecycleEvent[] } | undefined;
    await transact(
      this.store,
      async () => {
        // load
        const before = await readProgress(this.store, sessionId);
        // decide
        change = decided(
          applyLifecycle(before, act, lifecycleActorOf(principal), session, now.getTime()),
        );
        // commit: the version check makes two presiding officers' clicks land one after the other
        return {
          tx: {
            checks: [
              before.version === 0
                ? { key: keys.sessionLifecycle(sessionId), absent: true }
                : { key: keys.sessionLifecycle(sessionId), version: before.version },
            ],
            writes: [
              {
                op: 'set',
                key: keys.sessionLifecycle(sessionId),
                value: JSON.stringify(change.progress),
              },
            ],
          },
          record: {
            scope: session.summitId,
            bodies: change.events.map((e) =>
              recordBody(
                principal,
                `session.${e.type}`,
                { type: 'session', id: sessionId },
                { from: e.from, to: e.to },
                now.toISOString(),
              ),
            ),
          },
        };
      },
      { retryConflicts: true },
    );
    if (change === undefined) throw new Error('lifecycle transaction ended without a decision');
    // effects
    await this.followInRoom(session, change.progress);
    for (const l of this.listeners) l({ session, ...change });
    return change.progress;
  }

  /**
   * The SFU follows the state. Closing removes everyone from the room at
   * once (in parallel, so it is done within the 2 s MEET-2 allows); any other
   * change pushes the new permission to everyone in it: nobody speaks in a
   * suspended session but the chair and the booths.
   */
  private async followInRoom(session: Session, progress: SessionProgress): Promise<void> {
    const identities = await this.media.roomParticipants(session.roomName);
    if (progress.state === 'closed') {
      const results = await Promise.allSettled(
        identities.map((identity) => this.media.removeFromRoom(session.roomName, identity)),
      );
      for (const r of results)
        if (r.status === 'rejected')
          this.logger.error(
            { err: r.reason as unknown, sessionId: session.id },
            'could not remove someone from a closed session’s room',
          );
      return;
    }
    const participantIds = identities
      .map(participantIdOfIdentity)
      .filter((id): id is string => id !== null);
    await this.access.refreshPermissions(session, participantIds);
  }
}
