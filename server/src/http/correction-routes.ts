import {
  Delegation,
  DelegationUpdate,
  Id,
  Participant,
  ParticipantUpdate,
  Session,
  SessionUpdate,
} from '@majlis/shared';
import { z } from 'zod';
import type { ApiDeps } from './api.ts';
import { route, type RouteDef } from './registry.ts';

const SummitParams = z.object({ summitId: Id });
const SessionParams = z.object({ sessionId: Id });
const AgendaItemParams = z.object({ agendaItemId: Id });
const DelegationParams = z.object({ delegationId: Id });
const ParticipantParams = z.object({ participantId: Id });

/**
 * ACCT-3: the secretariat's corrections. Every one honours If-Match (a stale
 * ETag is 412); a deletion that would orphan something is 409 with the
 * problem's `dependants` naming what, and how many.
 */
export function correctionRoutes(deps: ApiDeps): RouteDef[] {
  const { summits } = deps;
  return [
    route({
      operationId: 'deleteSummit',
      method: 'delete',
      path: '/summits/{summitId}',
      summary: 'Delete a summit that holds nothing yet; honours If-Match',
      tag: 'summits',
      action: 'summit:delete',
      params: SummitParams,
      response: { status: 204 },
      async handler({ actor, params, ifMatch }) {
        await summits.deleteSummit(actor, params.summitId, ifMatch);
        return {};
      },
    }),
    route({
      operationId: 'updateSession',
      method: 'patch',
      path: '/sessions/{sessionId}',
      summary: 'Change a session (chair, times, languages, admitted delegations); honours If-Match',
      tag: 'sessions',
      action: 'session:update',
      params: SessionParams,
      body: SessionUpdate,
      response: { status: 200, schema: Session, etag: true },
      async handler({ actor, params, body, ifMatch }) {
        const s = await summits.updateSession(actor, params.sessionId, body, ifMatch);
        return { body: s, etag: s.version };
      },
    }),
    route({
      operationId: 'deleteSession',
      method: 'delete',
      path: '/sessions/{sessionId}',
      summary: 'Delete a session never opened, with no agenda or motions; honours If-Match',
      tag: 'sessions',
      action: 'session:delete',
      params: SessionParams,
      response: { status: 204 },
      async handler({ actor, params, ifMatch }) {
        await summits.deleteSession(actor, params.sessionId, ifMatch);
        return {};
      },
    }),
    route({
      operationId: 'deleteAgendaItem',
      method: 'delete',
      path: '/agenda-items/{agendaItemId}',
      summary: 'Delete an agenda item not taken up and with no motions; honours If-Match',
      tag: 'agenda',
      action: 'agenda:delete',
      params: AgendaItemParams,
      response: { status: 204 },
      async handler({ actor, params, ifMatch }) {
        await summits.deleteAgendaItem(actor, params.agendaItemId, ifMatch);
        return {};
      },
    }),
    route({
      operationId: 'updateDelegation',
      method: 'patch',
      path: '/delegations/{delegationId}',
      summary: 'Change a delegation (code, name, voting rights); honours If-Match',
      tag: 'delegations',
      action: 'delegation:update',
      params: DelegationParams,
      body: DelegationUpdate,
      response: { status: 200, schema: Delegation, etag: true },
      async handler({ actor, params, body, ifMatch }) {
        const d = await summits.updateDelegation(actor, params.delegationId, body, ifMatch);
        return { body: d, etag: d.version };
      },
    }),
    route({
      operationId: 'deleteDelegation',
      method: 'delete',
      path: '/delegations/{delegationId}',
      summary: 'Delete a delegation with no members, sessions or signing key; honours If-Match',
      tag: 'delegations',
      action: 'delegation:delete',
      params: DelegationParams,
      response: { status: 204 },
      async handler({ actor, params, ifMatch }) {
        await summits.deleteDelegation(actor, params.delegationId, ifMatch);
        return {};
      },
    }),
    route({
      operationId: 'updateParticipant',
      method: 'patch',
      path: '/participants/{participantId}',
      summary: 'Correct an accreditation; honours If-Match',
      tag: 'accreditation',
      action: 'participant:update',
      params: ParticipantParams,
      body: ParticipantUpdate,
      response: { status: 200, schema: Participant, etag: true },
      async handler({ actor, params, body, ifMatch }) {
        const p = await summits.updateParticipant(actor, params.participantId, body, ifMatch);
        return { body: p, etag: p.version };
      },
    }),
    route({
      operationId: 'deleteParticipant',
      method: 'delete',
      path: '/participants/{participantId}',
      summary: 'Delete an accreditation never used (else revoke it); honours If-Match',
      tag: 'accreditation',
      action: 'participant:delete',
      params: ParticipantParams,
      response: { status: 204 },
      async handler({ actor, params, ifMatch }) {
        await summits.deleteParticipant(actor, params.participantId, ifMatch);
        return {};
      },
    }),
  ];
}
