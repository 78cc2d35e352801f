import {
  Motion,
  VoteError,
  applyMotion,
  type MotionCommand,
  type MotionEvent,
} from '@majlis/shared';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import type { Write } from '../store/tx.ts';
import { recordBody } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';

/** Every choice a box may hold; a motion accepts those `choicesFor` its rule. */
export const CHOICES = ['yes', 'no', 'abstain', 'object'] as const;

/** The designated alternate as stored (VOTE-1). */
export const Alternate = z.object({
  delegationId: z.string(),
  participantId: z.string().nullable(),
  version: z.number().int().positive(),
  updatedAt: z.string(),
});

export interface VoteDeps {
  store: RedisStore;
  clock: Clock;
}

/**
 * A motion's stored state and its one way of changing: the pure
 * `applyMotion` from shared, committed atomically with its record entries,
 * then announced. Every vote module reads and writes motions through here.
 */
export class MotionLifecycle {
  private readonly changed: ((motion: Motion) => void)[] = [];

  constructor(private readonly deps: VoteDeps) {}

  onChanged(listener: (motion: Motion) => void): void {
    this.changed.push(listener);
  }

  async load(motionId: string): Promise<Motion> {
    const raw = await this.deps.store.get(keys.motion(motionId));
    if (raw === null) throw new AppError('NOT_FOUND', 'Motion not found');
    return Motion.parse(JSON.parse(raw));
  }

  async loadMany(motionIds: string[]): Promise<Motion[]> {
    const raws = await this.deps.store.mget(motionIds.map(keys.motion));
    return raws.filter((r): r is string => r !== null).map((r) => Motion.parse(JSON.parse(r)));
  }

  async alternateOf(delegationId: string): Promise<string | null> {
    const raw = await this.deps.store.get(keys.delegationAlternate(delegationId));
    return raw === null ? null : Alternate.parse(JSON.parse(raw)).participantId;
  }

  /**
   * Applies one lifecycle command to the stored motion in one atomic commit
   * with its record entry, re-reading when another writer got in first (a
   * double click, another server process, the silence timer).
   */
  async apply(
    actor: Principal | undefined,
    motionId: string,
    command: MotionCommand,
    extraWrites: (motion: Motion, events: MotionEvent[]) => Write[] = () => [],
  ): Promise<Motion> {
    let result: Motion | undefined;
    let published: MotionEvent[] = [];
    await transact(
      this.deps.store,
      async () => {
        const current = await this.load(motionId);
        const now = this.deps.clock.now();
        let next: { motion: Motion; events: MotionEvent[] };
        try {
          next = applyMotion(current, command, now.getTime());
        } catch (err) {
          if (err instanceof VoteError) throw toAppError(err);
          throw err;
        }
        result = next.motion;
        published = next.events;
        if (next.events.length === 0) return { tx: { checks: [], writes: [] } };
        return {
          tx: {
            checks: [{ key: keys.motion(motionId), version: current.version }],
            writes: [
              { op: 'set', key: keys.motion(motionId), value: JSON.stringify(next.motion) },
              ...extraWrites(next.motion, next.events),
            ],
          },
          record: {
            scope: current.summitId,
            bodies: next.events.map((e) =>
              recordBody(
                actor,
                `motion.${e.type}`,
                { type: 'motion', id: motionId },
                recordedChanges(e),
                now.toISOString(),
              ),
            ),
          },
        };
      },
      { retryConflicts: true },
    );
    if (result === undefined) throw new Error('motion transaction finished without a result');
    if (published.length > 0) this.announce(result);
    return result;
  }

  announce(motion: Motion): void {
    for (const l of this.changed) l(motion);
  }
}

/** The quorum figures of a refusal travel as field issues, so a client can show them. */
function toAppError(err: VoteError): AppError {
  const issues = Object.entries(err.details).map(([k, v]) => ({
    path: `quorum.${k}`,
    message: String(v),
  }));
  return new AppError(err.code, err.message, issues.length > 0 ? issues : undefined);
}

function recordedChanges(e: MotionEvent): Record<string, unknown> {
  switch (e.type) {
    case 'opened':
      return { quorum: e.quorum, silenceDeadline: e.silenceDeadline };
    case 'sealed':
      return { by: e.by };
    case 'closed':
      return { result: e.result };
    default: {
      const unreachable: never = e;
      throw new Error(`unhandled motion event ${JSON.stringify(unreachable)}`);
    }
  }
}
