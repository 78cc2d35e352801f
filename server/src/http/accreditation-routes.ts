import {
  Delegation,
  DelegationCreate,
  Id,
  InvitationCreate,
  InvitationCreated,
  ListQuery,
  Participant,
  ParticipantCreate,
  pageOf,
} from '@majlis/shared';
import { z } from 'zod';
import type { ApiDeps } from './api.ts';
import { route, type RouteDef } from './registry.ts';

const SummitParams = z.object({ summitId: Id });
const ParticipantParams = z.object({ participantId: Id });

/** Delegations, accredited participants, their invitations and revocation (ACCESS-1). */
export function accreditationRoutes(deps: ApiDeps): RouteDef[] {
  const { summits } = deps;
  return [
    route({
      operationId: 'createDelegation',
      method: 'post',
      path: '/summits/{summitId}/delegations',
      summary: 'Add a delegation (a state by ISO code, or an organisation)',
      tag: 'delegations',
      action: 'delegation:create',
      params: SummitParams,
      body: DelegationCreate,
      response: { status: 201, schema: Delegation, etag: true },
      async handler({ actor, params, body }) {
        const d = await summits.createDelegation(actor, params.summitId, body);
        return { body: d, etag: d.version };
      },
    }),
    route({
      operationId: 'listDelegations',
      method: 'get',
      path: '/summits/{summitId}/delegations',
      summary: 'Delegations of a summit',
      tag: 'delegations',
      action: 'delegation:read',
      params: SummitParams,
      query: ListQuery,
      response: { status: 200, schema: pageOf(Delegation) },
      async handler({ actor, params, query }) {
        return { body: await summits.listDelegations(actor, params.summitId, query) };
      },
    }),
    route({
      operationId: 'createParticipant',
      method: 'post',
      path: '/summits/{summitId}/participants',
      summary: 'Accredit a participant',
      tag: 'accreditation',
      action: 'participant:create',
      params: SummitParams,
      body: ParticipantCreate,
      response: { status: 201, schema: Participant, etag: true },
      async handler({ actor, params, body }) {
        const p = await summits.createParticipant(actor, params.summitId, body);
        return { body: p, etag: p.version };
      },
    }),
    route({
      operationId: 'listParticipants',
      method: 'get',
      path: '/summits/{summitId}/participants',
      summary: 'Participants of a summit',
      tag: 'accreditation',
      action: 'participant:read',
      params: SummitParams,
      query: ListQuery,
      response: { status: 200, schema: pageOf(Participant) },
      async handler({ actor, params, query }) {
        return { body: await summits.listParticipants(actor, params.summitId, query) };
      },
    }),
    route({
      operationId: 'createInvitation',
      method: 'post',
      path: '/participants/{participantId}/invitations',
      summary: 'Create a single-use invitation link (shown once)',
      tag: 'accreditation',
      action: 'invitation:create',
      params: ParticipantParams,
      body: InvitationCreate,
      response: { status: 201, schema: InvitationCreated },
      async handler({ actor, params, body }) {
        return {
          body: await summits.createInvitation(
            actor,
            params.participantId,
            body,
            deps.publicOrigin.value,
          ),
        };
      },
    }),
    route({
      operationId: 'revokeParticipant',
      method: 'post',
      path: '/participants/{participantId}/revoke',
      summary: 'Revoke accreditation: ends sessions and connections at once',
      tag: 'accreditation',
      action: 'participant:revoke',
      params: ParticipantParams,
      response: { status: 200, schema: Participant, etag: true },
      async handler({ actor, params }) {
        const p = await summits.revokeParticipant(actor, params.participantId);
        return { body: p, etag: p.version };
      },
    }),
  ];
}
