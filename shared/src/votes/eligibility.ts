import { sessionAdmits } from '../domain/access.ts';
import type { Delegation } from '../domain/delegation.ts';
import type { Participant } from '../domain/participant.ts';
import type { Session } from '../domain/session.ts';
import { allow, refuse, type Decision } from '../domain/decision.ts';
import { acceptsBallots, choicesFor, type BallotChoice, type Motion } from './motion.ts';
import type { QuorumCheck } from './tally.ts';

/**
 * Who votes and who casts (VOTE-1, VOTE-4) as pure rules. The server loads
 * the delegations, the connected participants and the designated alternate,
 * asks these functions, and only then commits.
 */
export type SessionSeats = Pick<
  Session,
  'kind' | 'chairId' | 'delegationIds' | 'interpretationLanguages'
>;

/**
 * VOTE-1: a delegation votes in a session when it has voting rights and sits
 * in it. It sits where its head of delegation is admitted (ACCESS-2): the one
 * admission rule decides both, so the two can never disagree.
 */
export function delegationVotesIn(
  session: SessionSeats,
  delegation: Pick<Delegation, 'id' | 'votingRights'>,
): boolean {
  if (!delegation.votingRights) return false;
  // The admission rule reads a head of delegation's delegation only, never their id.
  return sessionAdmits(
    { id: '', role: 'head_of_delegation', delegationId: delegation.id, boothLanguage: null },
    session,
  );
}

/** VOTE-1: the delegations that vote in the session: fixed when a vote opens. */
export function votingDelegations(
  session: SessionSeats,
  delegations: readonly Pick<Delegation, 'id' | 'votingRights'>[],
): Set<string> {
  return new Set(delegations.filter((d) => delegationVotesIn(session, d)).map((d) => d.id));
}

/**
 * VOTE-4: a voting delegation is present when any of its accredited (not
 * revoked, invitation redeemed) members is connected to the session's room.
 */
export function presentDelegations(
  connected: readonly Pick<Participant, 'status' | 'delegationId'>[],
  voting: ReadonlySet<string>,
): Set<string> {
  const out = new Set<string>();
  for (const p of connected)
    if (p.status === 'active' && p.delegationId !== null && voting.has(p.delegationId))
      out.add(p.delegationId);
  return out;
}

/** VOTE-4: the figures `applyMotion` checks the quorum against. */
export const quorumOf = (
  voting: ReadonlySet<string>,
  present: ReadonlySet<string>,
): QuorumCheck => ({ votingDelegations: voting.size, present: present.size });

export type Voter = Pick<Participant, 'id' | 'role' | 'delegationId'>;

/** VOTE-1: the delegation's head, or the delegate it designated, casts its ballot. */
export function castsForDelegation(voter: Voter, alternateId: string | null): boolean {
  return (
    voter.delegationId !== null &&
    (voter.role === 'head_of_delegation' || (alternateId !== null && alternateId === voter.id))
  );
}

/**
 * VOTE-1: a head designates a delegate of the same delegation, still
 * accredited; `candidate` is undefined when no such participant exists.
 */
export function mayBeAlternate(
  candidate: Pick<Participant, 'delegationId' | 'role' | 'status'> | undefined,
  delegationId: string,
): boolean {
  return (
    candidate !== undefined &&
    candidate.delegationId === delegationId &&
    candidate.role === 'delegate' &&
    candidate.status !== 'revoked'
  );
}

/** Why a ballot is refused before it reaches the box; `closed` lets the server expire a due silence procedure. */
export type CastRefusalReason =
  'no_delegation' | 'not_the_voter' | 'bad_choice' | 'not_open' | 'closed';

/**
 * VOTE-1, VOTE-2, VOTE-6: may this voter cast this choice on this motion
 * now? The box itself (VOTE-7: one ballot, eligibility fixed at opening) is
 * decided atomically in the store; this is everything that can be decided
 * before it. Answers the delegation whose ballot it is.
 */
export function decideCast(
  motion: Pick<Motion, 'status' | 'majority' | 'silenceDeadline'>,
  voter: Voter | null,
  alternateId: string | null,
  choice: BallotChoice,
  now: number,
): Decision<string> & { reason?: CastRefusalReason } {
  if (voter?.delegationId == null)
    return { ...refuse('FORBIDDEN', 'Only a delegation casts a ballot'), reason: 'no_delegation' };
  if (!castsForDelegation(voter, alternateId))
    return {
      ...refuse(
        'FORBIDDEN',
        'Only the head of delegation or its designated alternate casts the delegation’s ballot',
      ),
      reason: 'not_the_voter',
    };
  const allowed = choicesFor(motion.majority);
  if (!allowed.includes(choice))
    return {
      ...refuse('INVALID_PAYLOAD', `choice: must be one of ${allowed.join(', ')} for this motion`, [
        { path: 'choice', message: `must be one of ${allowed.join(', ')}` },
      ]),
      reason: 'bad_choice',
    };
  if (motion.status === 'draft')
    return {
      ...refuse('PRECONDITION_FAILED', 'This vote has not been opened yet'),
      reason: 'not_open',
    };
  if (!acceptsBallots(motion, now))
    return { ...refuse('PRECONDITION_FAILED', 'This vote is closed'), reason: 'closed' };
  return allow(voter.delegationId);
}
