import {
  Delegation,
  Participant,
  Session,
  Summit,
  type DelegationUpdate,
  type ParticipantUpdate,
  type SessionUpdate,
  type SummitUpdate,
} from '@majlis/shared';
import { request, send } from './http.ts';

/**
 * ACCT-3: the secretariat's corrections. Each sends the version the page
 * shows as If-Match, so a change made meanwhile by someone else is refused
 * (PRECONDITION_FAILED) instead of overwritten; a deletion that would orphan
 * something is refused CONFLICT with the problem's `dependants`.
 */
const id = (value: string) => encodeURIComponent(value);

export const updateSummit = (summitId: string, version: number, change: SummitUpdate) =>
  request(Summit, `/summits/${id(summitId)}`, { method: 'PATCH', body: change, ifMatch: version });
export const updateSession = (sessionId: string, version: number, change: SessionUpdate) =>
  request(Session, `/sessions/${id(sessionId)}`, {
    method: 'PATCH',
    body: change,
    ifMatch: version,
  });
export const updateDelegation = (delegationId: string, version: number, change: DelegationUpdate) =>
  request(Delegation, `/delegations/${id(delegationId)}`, {
    method: 'PATCH',
    body: change,
    ifMatch: version,
  });
export const updateParticipant = (
  participantId: string,
  version: number,
  change: ParticipantUpdate,
) =>
  request(Participant, `/participants/${id(participantId)}`, {
    method: 'PATCH',
    body: change,
    ifMatch: version,
  });

/** What can be deleted, by the path of its resource. */
export type Deletable =
  | { kind: 'summit'; id: string }
  | { kind: 'session'; id: string }
  | { kind: 'agenda_item'; id: string }
  | { kind: 'delegation'; id: string }
  | { kind: 'participant'; id: string };

const PATHS: Readonly<Record<Deletable['kind'], string>> = {
  summit: '/summits/',
  session: '/sessions/',
  agenda_item: '/agenda-items/',
  delegation: '/delegations/',
  participant: '/participants/',
};

export async function deleteEntity(target: Deletable, version: number): Promise<void> {
  await send(`${PATHS[target.kind]}${id(target.id)}`, { method: 'DELETE', ifMatch: version });
}
