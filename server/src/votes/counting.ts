import { emptyCount, type CountedBox, type Motion, type RollCallEntry } from '@majlis/shared';
import type { Logger } from '../logger.ts';
import { keys } from '../store/keys.ts';
import type { Write } from '../store/tx.ts';
import { ifExists } from '../summits/common.ts';
import { CHOICES, type MotionLifecycle, type VoteDeps } from './lifecycle.ts';
import type { VerifiableBallots } from './verifiable.ts';

/** setTimeout's longest delay; a later deadline is reached in hops. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Sealed boxes and the silence clock (VOTE-3, VOTE-6). A sealed box is
 * counted and its result published in one commit: the first moment any
 * count exists outside Redis. A crash between seal and count is finished at
 * the next start, and silence deadlines are re-armed from Redis.
 */
export class Counting {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(
    private readonly deps: VoteDeps & { logger: Logger },
    private readonly motions: MotionLifecycle,
    /** VOTE-8: a verifiable box is counted by its trustees' partial decryptions, not read here. */
    private readonly verifiable?: VerifiableBallots,
  ) {}

  /** Counts a sealed box and publishes the result. */
  async count(motionId: string): Promise<Motion> {
    const sealed = await this.motions.load(motionId);
    if (sealed.status !== 'counting') return sealed;
    if (this.verifiable && (await this.verifiable.handles(motionId)))
      return this.verifiable.sealAndCount(motionId);
    const box = await this.readBox(sealed);
    const motion = await this.motions.apply(undefined, motionId, { type: 'count', box }, (m) => [
      { op: 'srem', key: keys.liveMotions(), member: m.id },
      // The published receipts and totals are all that stays of a secret box.
      ...(m.ballot === 'secret'
        ? CHOICES.map((c): Write => ({ op: 'del', key: keys.motionBox(m.id, c) }))
        : []),
    ]);
    if (motion.ballot === 'secret') {
      // The append-only file still holds each cast in order; rewrite it from the data.
      void this.deps.store.compactLog().then((ok) => {
        if (!ok) this.deps.logger.warn({ motionId }, 'Redis did not rewrite its append-only file');
      });
    }
    return motion;
  }

  /** Read only once sealed: the Lua script refuses every ballot after the seal. */
  private async readBox(motion: Motion): Promise<CountedBox> {
    const { store } = this.deps;
    const eligible = (await store.members(keys.motionEligible(motion.id))).sort();
    const counts = emptyCount();
    if (motion.ballot === 'recorded') {
      const roll = await store.hashAll(keys.motionRoll(motion.id));
      const entries: RollCallEntry[] = eligible.map((delegationId) => {
        const choice = roll[delegationId];
        const parsed = CHOICES.find((c) => c === choice);
        if (parsed !== undefined) counts[parsed] += 1;
        return { delegationId, choice: parsed ?? 'not_voting' };
      });
      return { counts, eligible: eligible.length, roll: entries, receipts: null };
    }
    const receipts: string[] = [];
    for (const choice of CHOICES) {
      const { members, total } = await store.rangeByRank(
        keys.motionBox(motion.id, choice),
        0,
        1_000_000,
      );
      counts[choice] = total;
      receipts.push(...members);
    }
    return { counts, eligible: eligible.length, roll: null, receipts };
  }

  /** After a start: count boxes sealed before a crash, re-arm silence deadlines. */
  async resume(): Promise<void> {
    for (const id of await this.deps.store.members(keys.liveMotions())) {
      const motion = await ifExists(this.motions.load(id));
      if (motion === undefined) continue;
      if (motion.status === 'counting') await this.count(id);
      else if (motion.status === 'closed') {
        await this.deps.store.commit({
          checks: [],
          writes: [{ op: 'srem', key: keys.liveMotions(), member: id }],
        });
      } else this.arm(motion);
    }
  }

  arm(motion: Motion): void {
    if (this.stopped || motion.status !== 'open' || motion.silenceDeadline === null) return;
    if (this.timers.has(motion.id)) return;
    const wait = Date.parse(motion.silenceDeadline) - this.deps.clock.now().getTime();
    const timer = setTimeout(
      () => {
        this.timers.delete(motion.id);
        if (wait > MAX_TIMER_MS) this.arm(motion);
        else this.expireIfDue(motion, true);
      },
      Math.min(Math.max(wait, 0), MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(motion.id, timer);
  }

  /** Seals and counts a consensus motion whose silence deadline has passed. */
  expireIfDue(motion: Motion, force = false): void {
    if (this.stopped || motion.status !== 'open' || motion.silenceDeadline === null) return;
    if (!force && Date.parse(motion.silenceDeadline) > this.deps.clock.now().getTime()) {
      this.arm(motion);
      return;
    }
    void this.motions
      .apply(undefined, motion.id, { type: 'expire' })
      .then((m) => (m.status === 'counting' ? this.count(m.id) : m))
      .catch((err: unknown) => {
        // Logged, not hidden: the motion stays live and the next read or start retries it.
        if (!this.stopped)
          this.deps.logger.error({ err, motionId: motion.id }, 'silence deadline failed');
      });
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
