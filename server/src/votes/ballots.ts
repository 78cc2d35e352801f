import { createHash, randomInt } from 'node:crypto';
import {
  can,
  decideCast,
  mayBeAlternate,
  type Action,
  type AlternateDesignation,
  type BallotReceipt,
  type CastBallot,
  type ReceiptCheck,
} from '@majlis/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { BallotKeys } from '../store/ballot.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import { decided, ifExists, recordBody } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';
import type { Counting } from './counting.ts';
import { Alternate, type MotionLifecycle, type VoteDeps } from './lifecycle.ts';
import type { VerifiableBallots } from './verifiable.ts';

/** What a secret ballot's voter gets back: a short code derived from the key only their device holds. */
export function receiptOf(ballotKey: string): string {
  const hex = createHash('sha256').update(`majlis-receipt\n${ballotKey}`).digest('hex');
  return (hex.slice(0, 20).toUpperCase().match(/.{4}/g) ?? []).join('-');
}

export function ballotKeys(motionId: string): BallotKeys {
  return {
    motion: keys.motion(motionId),
    eligible: keys.motionEligible(motionId),
    voted: keys.motionVoted(motionId),
    roll: keys.motionRoll(motionId),
    box: {
      yes: keys.motionBox(motionId, 'yes'),
      no: keys.motionBox(motionId, 'no'),
      abstain: keys.motionBox(motionId, 'abstain'),
      object: keys.motionBox(motionId, 'object'),
    },
  };
}

export function authorize(actor: Principal, action: Action): void {
  if (!can(actor.role, action))
    throw new AppError('FORBIDDEN', `The role ${actor.role} may not ${action.replace(':', ' ')}`);
}

/** How soon after a secret cast the append-only file is rewritten (casts in between share it). */
export const SECRET_CAST_REWRITE_MS = 2000;

export interface BallotRecorded {
  motionId: string;
  delegationId: string;
}

/**
 * Ballots and who casts them (VOTE-1, VOTE-7). Whether a voter may cast is
 * `decideCast` in shared; the box itself is one Lua script in the store, so
 * one ballot per delegation holds whatever the retries. A delegation hears
 * only that its ballot is in, never what it was.
 */
export class Ballots {
  private readonly recorded: ((notice: BallotRecorded) => void)[] = [];
  private compaction: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly deps: VoteDeps & { logger: Logger },
    private readonly summits: SummitService,
    private readonly motions: MotionLifecycle,
    private readonly counting: Counting,
    private readonly verifiable?: VerifiableBallots,
  ) {}

  onRecorded(listener: (notice: BallotRecorded) => void): void {
    this.recorded.push(listener);
  }

  async cast(actor: Principal, input: CastBallot): Promise<BallotReceipt> {
    authorize(actor, 'vote:cast');
    const now = this.deps.clock.now().getTime();
    // load
    const motion = await this.motions.load(input.motionId);
    await this.summits.getSession(actor, motion.sessionId);
    // VOTE-8: a verifiable motion never takes a plaintext choice.
    if (await this.verifiable?.handles(motion.id))
      throw new AppError('PRECONDITION_FAILED', 'This vote takes encrypted ballots only');
    const voter = actor.kind === 'participant' ? actor.participant : null;
    const alternate =
      voter?.delegationId == null ? null : await this.motions.alternateOf(voter.delegationId);
    // decide
    const decision = decideCast(motion, voter, alternate, input.choice, now);
    if (decision.reason === 'closed') this.counting.expireIfDue(motion);
    const delegationId = decided(decision);
    // commit: the store's script decides the box atomically (VOTE-7)
    const receipt = receiptOf(input.ballotKey);
    const outcome = await this.deps.store.castBallot({
      keys: ballotKeys(motion.id),
      delegationId,
      choice: input.choice,
      receipt,
      score: randomInt(0, 2 ** 47),
    });
    switch (outcome) {
      case 'cast':
      case 'unchanged':
      case 'changed':
        // effects
        for (const l of this.recorded) l({ motionId: motion.id, delegationId });
        if (motion.ballot === 'secret' && outcome !== 'unchanged') this.compactSoon(motion.id);
        return {
          motionId: motion.id,
          status: outcome,
          receipt: motion.ballot === 'secret' ? receipt : null,
        };
      case 'closed':
        throw new AppError('PRECONDITION_FAILED', 'This vote is closed');
      case 'not_found':
        throw new AppError('NOT_FOUND', 'Motion not found');
      case 'not_eligible':
        throw new AppError('FORBIDDEN', 'Your delegation has no vote on this motion');
      case 'already_voted':
        throw new AppError(
          'CONFLICT',
          motion.changeable && motion.ballot === 'secret'
            ? 'Your delegation has already voted; a secret ballot is changed only from the device that cast it'
            : 'Your delegation has already voted',
        );
      case 'receipt_taken':
        throw new AppError('CONFLICT', 'This ballot key was already used; make a new one');
      default: {
        const unreachable: never = outcome;
        throw new Error(`unhandled cast outcome ${String(unreachable)}`);
      }
    }
  }

  /**
   * VOTE-5, issue 19 item 11: the append-only file's tail holds each secret
   * cast as written (the delegation marked voted and its receipt in one
   * transaction) until Redis rewrites the file from the data, where the two
   * are no longer linked. Rewritten within seconds of a cast, not only at
   * close; a rewrite Redis refuses (one already running) leaves it to the next
   * cast or the count. docs/SPEC.md states the window that remains.
   */
  private compactSoon(motionId: string): void {
    if (this.compaction !== undefined) return;
    this.compaction = setTimeout(() => {
      this.compaction = undefined;
      void this.deps.store.compactLog().then((ok) => {
        if (!ok) this.deps.logger.warn({ motionId }, 'Redis did not rewrite its append-only file');
      });
    }, SECRET_CAST_REWRITE_MS);
    this.compaction.unref();
  }

  /** Anyone who may see the motion can check a receipt; it says only whether that code was counted. */
  async checkReceipt(actor: Principal, motionId: string, receipt: string): Promise<ReceiptCheck> {
    authorize(actor, 'motion:read');
    const motion = await this.motions.load(motionId);
    await this.summits.getSession(actor, motion.sessionId);
    const closed = motion.status === 'closed';
    return {
      motionId,
      receipt,
      closed,
      counted: closed && (motion.result?.receipts ?? []).includes(receipt),
    };
  }

  async alternate(actor: Principal, delegationId: string): Promise<AlternateDesignation> {
    const d = await this.summits.getDelegation(delegationId);
    await this.summits.getSummit(actor, d.summitId);
    // Issue 19, item 8: the delegation's own people and the chair, not every insider.
    if (
      actor.kind === 'participant' &&
      actor.participant.role !== 'chair' &&
      actor.participant.delegationId !== delegationId
    )
      throw new AppError('FORBIDDEN', 'Only the delegation and the chair see its alternate');
    return { delegationId, participantId: await this.motions.alternateOf(delegationId) };
  }

  /** A head of delegation names the delegate who may cast the delegation's ballot (VOTE-1). */
  async designate(
    actor: Principal,
    delegationId: string,
    participantId: string | null,
  ): Promise<AlternateDesignation> {
    authorize(actor, 'vote:designate');
    if (actor.kind !== 'participant' || actor.participant.delegationId !== delegationId)
      throw new AppError('FORBIDDEN', 'Only a head of this delegation designates its alternate');
    if (participantId !== null) {
      const candidate = await ifExists(this.summits.getParticipant(participantId));
      if (!mayBeAlternate(candidate, delegationId))
        throw new AppError(
          'INVALID_PAYLOAD',
          'participantId: is not a delegate of this delegation',
          [{ path: 'participantId', message: 'is not a delegate of this delegation' }],
        );
    }
    const { store, clock } = this.deps;
    await transact(
      store,
      async () => {
        const key = keys.delegationAlternate(delegationId);
        const raw = await store.get(key);
        const current = raw === null ? null : Alternate.parse(JSON.parse(raw));
        if ((current?.participantId ?? null) === participantId)
          return { tx: { checks: [], writes: [] } };
        const at = clock.now().toISOString();
        const next = {
          delegationId,
          participantId,
          version: (current?.version ?? 0) + 1,
          updatedAt: at,
        };
        return {
          tx: {
            checks: [current === null ? { key, absent: true } : { key, version: current.version }],
            writes: [{ op: 'set', key, value: JSON.stringify(next) }],
          },
          record: {
            scope: actor.participant.summitId,
            body: recordBody(
              actor,
              'delegation.alternate_designated',
              { type: 'delegation', id: delegationId },
              { participantId },
              at,
            ),
          },
        };
      },
      { retryConflicts: true },
    );
    return { delegationId, participantId };
  }
}
