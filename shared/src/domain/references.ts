import type { AgendaItem } from './agenda.ts';
import { allow, refuseField, type Decision } from './decision.ts';
import type { Delegation } from './delegation.ts';
import type { Participant } from './participant.ts';

/**
 * What a new entity may point at. Each reference must exist and belong to
 * the same summit (or session); an id from elsewhere reads exactly like one
 * that does not exist, so nothing about another summit is revealed. The
 * server loads the referenced entities (undefined: not found) and asks here.
 */
type Ok = Decision<true, 'INVALID_PAYLOAD'>;

/** A session's chair is a chair of its summit; its delegations are the summit's. */
export function sessionReferences(
  summitId: string,
  input: { chairId: string | null; delegationIds: readonly string[] },
  chair: Pick<Participant, 'summitId' | 'role'> | undefined,
  delegations: readonly (Pick<Delegation, 'summitId'> | undefined)[],
): Ok {
  if (input.chairId !== null && (chair?.summitId !== summitId || chair.role !== 'chair'))
    return refuseField('chairId', 'is not a chair of this summit');
  for (const [i] of input.delegationIds.entries()) {
    if (delegations[i]?.summitId !== summitId)
      return refuseField(`delegationIds.${i}`, 'is not a delegation of this summit');
  }
  return allow(true);
}

/** A participant's delegation is one of the summit's. */
export function participantReferences(
  summitId: string,
  delegationId: string | null,
  delegation: Pick<Delegation, 'summitId'> | undefined,
): Ok {
  if (delegationId !== null && delegation?.summitId !== summitId)
    return refuseField('delegationId', 'is not a delegation of this summit');
  return allow(true);
}

/** A motion is moved on an agenda item of its own session. */
export function motionReferences(
  sessionId: string,
  item: Pick<AgendaItem, 'sessionId'> | undefined,
): Ok {
  if (item?.sessionId !== sessionId)
    return refuseField('agendaItemId', 'is not an item of this session');
  return allow(true);
}

/** A new agenda item without a position goes after the last one, on a whole number. */
export const nextAgendaPosition = (last: Pick<AgendaItem, 'position'> | undefined): number =>
  last === undefined ? 1 : Math.floor(last.position) + 1;
