import { allow, refuse, type Decision } from '../domain/decision.ts';
import type { Motion } from '../votes/motion.ts';
import type { Turnout } from './contract.ts';

/**
 * MEET-3 within VOTE-6: the live count the chair sees while a vote is open.
 * Only the number of delegations that have voted, and only where that
 * number is not the result itself: a consensus motion's ballots are all
 * objections, so its count stays sealed like its result.
 */
export function turnoutOf(
  motion: Pick<Motion, 'id' | 'sessionId' | 'status' | 'majority'>,
  counts: { voted: number; eligible: number },
): Decision<Turnout, 'CONFLICT'> {
  if (motion.majority === 'consensus')
    return refuse('CONFLICT', 'A consensus motion’s count is its result: sealed until it closes');
  if (motion.status !== 'open') return refuse('CONFLICT', 'The vote is not open');
  return allow({
    sessionId: motion.sessionId,
    motionId: motion.id,
    voted: Math.min(counts.voted, counts.eligible),
    eligible: counts.eligible,
  });
}
