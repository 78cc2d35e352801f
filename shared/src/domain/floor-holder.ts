import { sessionAdmits } from './access.ts';
import type { Participant } from './participant.ts';
import type { Session } from './session.ts';

/** Why someone may not be put on a delegation's floor. */
export type FloorHolderRefusal =
  | 'unknown_participant'
  | 'other_summit'
  | 'revoked'
  | 'not_a_speaker'
  | 'other_delegation'
  | 'not_in_session';

/**
 * ACCESS-7: only a delegation's own head or delegates hold its floor. The
 * chair's `add` names a participant and a delegation freely, so whoever is
 * named is checked here before the list takes them and again before the floor
 * is given: an observer, an adviser, someone revoked, or a made-up delegation
 * never becomes a (possibly hidden) publisher. Null when the entry may hold
 * the floor.
 */
export function floorHolderRefusal(
  candidate: Participant | undefined,
  entry: { participantId: string; delegationId: string },
  session: Pick<
    Session,
    'summitId' | 'kind' | 'chairId' | 'delegationIds' | 'interpretationLanguages'
  >,
): FloorHolderRefusal | null {
  if (candidate === undefined || candidate.id !== entry.participantId) return 'unknown_participant';
  if (candidate.summitId !== session.summitId) return 'other_summit';
  if (candidate.status === 'revoked') return 'revoked';
  if (candidate.role !== 'head_of_delegation' && candidate.role !== 'delegate')
    return 'not_a_speaker';
  if (candidate.delegationId === null || candidate.delegationId !== entry.delegationId)
    return 'other_delegation';
  if (!sessionAdmits(candidate, session)) return 'not_in_session';
  return null;
}
