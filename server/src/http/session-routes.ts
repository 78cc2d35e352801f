import {
  AgendaItem,
  AgendaItemCreate,
  AgendaItemUpdate,
  ConnectionDetails,
  Id,
  ListQuery,
  Session,
  SessionCreate,
  SessionPresence,
  pageOf,
} from '@majlis/shared';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { ApiDeps } from './api.ts';
import { route, type RouteDef } from './registry.ts';

const SummitParams = z.object({ summitId: Id });
const SessionParams = z.object({ sessionId: Id });
const AgendaItemParams = z.object({ agendaItemId: Id });

/** Sessions, joining their rooms, who is connected, and their agendas. */
export function sessionRoutes(deps: ApiDeps): RouteDef[] {
  const { summits } = deps;
  return [
    route({
      operationId: 'createSession',
      method: 'post',
      path: '/summits/{summitId}/sessions',
      summary: 'Schedule a session',
      tag: 'sessions',
      action: 'session:create',
      params: SummitParams,
      body: SessionCreate,
      response: { status: 201, schema: Session, etag: true },
      async handler({ actor, params, body }) {
        const s = await summits.createSession(actor, params.summitId, body);
        return { body: s, etag: s.version };
      },
    }),
    route({
      operationId: 'listSessions',
      method: 'get',
      path: '/summits/{summitId}/sessions',
      summary: 'Sessions the caller may enter, in start order',
      tag: 'sessions',
      action: 'session:read',
      params: SummitParams,
      query: ListQuery,
      response: { status: 200, schema: pageOf(Session) },
      async handler({ actor, params, query }) {
        return { body: await summits.listSessions(actor, params.summitId, query) };
      },
    }),
    route({
      operationId: 'getSession',
      method: 'get',
      path: '/sessions/{sessionId}',
      summary: 'Read a session',
      tag: 'sessions',
      action: 'session:read',
      params: SessionParams,
      response: { status: 200, schema: Session, etag: true },
      async handler({ actor, params }) {
        const s = await summits.getSession(actor, params.sessionId);
        return { body: s, etag: s.version };
      },
    }),
    route({
      operationId: 'joinSession',
      method: 'post',
      path: '/sessions/{sessionId}/join',
      summary:
        'Connection details for the session’s room, with the role’s grants (token lives at most 10 minutes)',
      tag: 'sessions',
      action: 'session:join',
      params: SessionParams,
      response: { status: 200, schema: ConnectionDetails },
      async handler({ actor, params }) {
        return { body: await deps.mediaAccess.join(actor, params.sessionId) };
      },
    }),
    route({
      operationId: 'getPresence',
      method: 'get',
      path: '/sessions/{sessionId}/presence',
      summary: 'Who is connected to the session’s room now',
      tag: 'sessions',
      action: 'presence:read',
      params: SessionParams,
      response: { status: 200, schema: SessionPresence },
      async handler({ actor, params }) {
        const session = await summits.getSession(actor, params.sessionId);
        if (actor.kind === 'participant' && session.chairId !== actor.participant.id) {
          throw new AppError('FORBIDDEN', 'Only the chair of this session sees its presence');
        }
        return { body: await deps.presence.presence(session.id) };
      },
    }),
    route({
      operationId: 'createAgendaItem',
      method: 'post',
      path: '/sessions/{sessionId}/agenda-items',
      summary: 'Add an agenda item (at the end unless a position is given)',
      tag: 'agenda',
      action: 'agenda:create',
      params: SessionParams,
      body: AgendaItemCreate,
      response: { status: 201, schema: AgendaItem, etag: true },
      async handler({ actor, params, body }) {
        const a = await summits.createAgendaItem(actor, params.sessionId, body);
        return { body: a, etag: a.version };
      },
    }),
    route({
      operationId: 'listAgendaItems',
      method: 'get',
      path: '/sessions/{sessionId}/agenda-items',
      summary: 'The agenda of a session, in order',
      tag: 'agenda',
      action: 'agenda:read',
      params: SessionParams,
      query: ListQuery,
      response: { status: 200, schema: pageOf(AgendaItem) },
      async handler({ actor, params, query }) {
        return { body: await summits.listAgendaItems(actor, params.sessionId, query) };
      },
    }),
    route({
      operationId: 'updateAgendaItem',
      method: 'patch',
      path: '/agenda-items/{agendaItemId}',
      summary: 'Change or move an agenda item; honours If-Match',
      tag: 'agenda',
      action: 'agenda:update',
      params: AgendaItemParams,
      body: AgendaItemUpdate,
      response: { status: 200, schema: AgendaItem, etag: true },
      async handler({ actor, params, body, ifMatch }) {
        const a = await summits.updateAgendaItem(actor, params.agendaItemId, body, ifMatch);
        return { body: a, etag: a.version };
      },
    }),
  ];
}
