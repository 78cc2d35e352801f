import type { MajorityRule, MotionResult, OutcomeReason, RollCallEntry } from './motion.ts';

/** Ballots in the sealed box, by choice. */
export interface BallotCount {
  yes: number;
  no: number;
  abstain: number;
  object: number;
}

export const emptyCount = (): BallotCount => ({ yes: 0, no: 0, abstain: 0, object: 0 });

export interface QuorumCheck {
  /** Delegations with voting rights admitted to the session. */
  votingDelegations: number;
  /** Of those, connected now. */
  present: number;
}

/**
 * VOTE-4: a majority of the delegations with voting rights must be present.
 * With none at all there is nobody to vote, so no quorum either.
 */
export function checkQuorum(q: QuorumCheck): { met: boolean; required: number } {
  const required = Math.floor(q.votingDelegations / 2) + 1;
  return { met: q.votingDelegations > 0 && q.present >= required, required };
}

/**
 * Yes votes needed among those present and voting (yes + no; VOTE-2).
 * Simple: more yes than no. Two-thirds: yes at least twice no, i.e.
 * 3·yes ≥ 2·(yes + no). Both need at least one yes.
 */
export function requiredYes(rule: 'simple' | 'two_thirds', presentAndVoting: number): number {
  if (presentAndVoting === 0) return 1;
  return rule === 'simple'
    ? Math.floor(presentAndVoting / 2) + 1
    : Math.ceil((2 * presentAndVoting) / 3);
}

/** Applies the motion's rule to the sealed box (VOTE-2, VOTE-3). */
export function tally(
  rule: MajorityRule,
  counts: BallotCount,
  extras: { eligible: number; roll: RollCallEntry[] | null; receipts: string[] | null },
): MotionResult {
  const presentAndVoting = counts.yes + counts.no;
  const ballotsCast = counts.yes + counts.no + counts.abstain + counts.object;
  let adopted: boolean;
  let required: number;
  let reason: OutcomeReason;
  switch (rule) {
    case 'consensus':
      // The silence procedure: adopted unless someone objected in time.
      required = 0;
      adopted = counts.object === 0;
      reason = adopted ? 'no_objection' : 'objection';
      break;
    case 'simple':
    case 'two_thirds':
      required = requiredYes(rule, presentAndVoting);
      adopted = presentAndVoting > 0 && counts.yes >= required;
      reason = adopted
        ? 'majority_reached'
        : presentAndVoting === 0
          ? 'no_votes'
          : counts.yes === counts.no
            ? 'tie'
            : 'majority_not_reached';
      break;
    default: {
      const unreachable: never = rule;
      throw new Error(`unhandled majority rule ${String(unreachable)}`);
    }
  }
  return {
    rule,
    tally: { yes: counts.yes, no: counts.no, abstain: counts.abstain, objections: counts.object },
    presentAndVoting,
    required,
    outcome: adopted ? 'adopted' : 'rejected',
    reason,
    ballotsCast,
    eligible: extras.eligible,
    roll: extras.roll,
    receipts: extras.receipts === null ? null : [...extras.receipts].sort(),
  };
}
