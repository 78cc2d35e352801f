import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import ical from 'ical-generator';
import {
  AgendaItem,
  AgendaItemCreate,
  AgendaItemUpdate,
  Delegation,
  DelegationCreate,
  Id,
  InvitationCreate,
  InvitationCreated,
  ListQuery,
  Login,
  Me,
  Participant,
  ParticipantCreate,
  RecordEntry,
  ConnectionDetails,
  MEDIA_CHECK_ROOM_PREFIX,
  MediaCheckTokenRequest,
  RedeemInvitation,
  SessionPresence,
  Session,
  SessionCreate,
  SetupOrganiser,
  Summit,
  SummitCreate,
  SummitUpdate,
  pageOf,
  type LanguageCode,
  type LocalizedText,
} from '@majlis/shared';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { AccountService, OrganiserAccount } from '../auth/accounts.ts';
import type { MediaGateway } from '../media/gateway.ts';
import type { MediaAccess } from '../media/access.ts';
import type { PresenceService } from '../presence/presence.ts';
import type { Clock } from '../clock.ts';
import { SESSION_TTL_SECONDS } from '../auth/accounts.ts';
import type { SummitService } from '../summits/service.ts';
import type { Principal } from '../summits/principal.ts';
import { readRecord, verifyChain } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import { route, type RouteDef } from './registry.ts';

export const SESSION_COOKIE = 'majlis_session';

export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function setSessionCookie(req: Request, res: Response, sid: string): void {
  res.cookie(SESSION_COOKIE, sid, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: SESSION_TTL_SECONDS * 1000,
  });
}

export function meOf(p: Principal): Me {
  return p.kind === 'organiser'
    ? { kind: 'organiser', userId: p.userId, email: p.email, name: p.name, role: 'organiser' }
    : {
        kind: 'participant',
        participantId: p.participant.id,
        summitId: p.participant.summitId,
        delegationId: p.participant.delegationId,
        name: p.participant.name,
        role: p.participant.role,
      };
}

const SummitParams = z.object({ summitId: Id });
const SessionParams = z.object({ sessionId: Id });
const AgendaItemParams = z.object({ agendaItemId: Id });
const ParticipantParams = z.object({ participantId: Id });
const ScheduleQuery = z.object({ lang: z.enum(['ar', 'zh', 'en', 'fr', 'ru', 'es']).optional() });
const RecordPage = z.object({ entries: z.array(RecordEntry), chainValid: z.boolean() });

const pick = (
  t: LocalizedText,
  lang: LanguageCode | undefined,
  fallback: readonly LanguageCode[],
): string => {
  for (const l of [lang, ...fallback, 'en', 'fr', 'ar', 'es', 'ru', 'zh'] as const) {
    if (l !== undefined && t[l] !== undefined) return t[l];
  }
  return '';
};

export interface ApiDeps {
  summits: SummitService;
  presence: PresenceService;
  mediaAccess: MediaAccess;
  accounts: AccountService;
  store: RedisStore;
  media: MediaGateway;
  clock: Clock;
  mediaCheck: boolean;
  publicUrl?: string | undefined;
}

export function apiRoutes(deps: ApiDeps): RouteDef[] {
  const { summits, accounts } = deps;
  /** Starts the organiser's browser session and answers with who they are. */
  const signedIn = async (req: Request, res: Response, account: OrganiserAccount) => {
    setSessionCookie(req, res, await accounts.startSession({ kind: 'organiser', id: account.id }));
    return {
      body: meOf({
        kind: 'organiser',
        userId: account.id,
        email: account.email,
        name: account.name,
        role: 'organiser',
      }),
    };
  };
  const originOf = (req: Request) =>
    deps.publicUrl ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
  const mediaCheck = route({
    operationId: 'createMediaCheckToken',
    method: 'post',
    path: '/media-check/token',
    summary: 'A token for a scratch room to test camera and microphone (check- rooms only)',
    tag: 'media',
    body: MediaCheckTokenRequest,
    response: { status: 201, schema: ConnectionDetails },
    async handler({ body }) {
      // The room name is forced into its own namespace: this route can never open a session's room.
      const details = await deps.media.mediaCheckToken(
        {
          roomName: `${MEDIA_CHECK_ROOM_PREFIX}${body.room}`,
          identity: `check-${randomUUID()}`,
          displayName: body.displayName,
        },
        deps.clock.now(),
      );
      return { body: details };
    },
  });
  return [
    ...(deps.mediaCheck ? [mediaCheck] : []),
    // ── accounts ────────────────────────────────────────────────────────
    route({
      operationId: 'setupOrganiser',
      method: 'post',
      path: '/setup',
      summary: 'Create the first organiser account with the one-time setup code',
      tag: 'accounts',
      body: SetupOrganiser,
      response: { status: 201, schema: Me },
      async handler({ body, req, res }) {
        const account = await accounts.setupOrganiser(body);
        return signedIn(req, res, account);
      },
    }),
    route({
      operationId: 'login',
      method: 'post',
      path: '/auth/login',
      summary: 'Sign in as an organiser',
      tag: 'accounts',
      body: Login,
      response: { status: 200, schema: Me },
      async handler({ body, req, res }) {
        const account = await accounts.login(body);
        return signedIn(req, res, account);
      },
    }),
    route({
      operationId: 'logout',
      method: 'post',
      path: '/auth/logout',
      summary: 'End this browser’s session',
      tag: 'accounts',
      response: { status: 204 },
      async handler({ req, res }) {
        const sid = readCookie(req, SESSION_COOKIE);
        if (sid !== undefined && /^[A-Za-z0-9_-]{43}$/.test(sid)) await accounts.endSession(sid);
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        return {};
      },
    }),
    route({
      operationId: 'getMe',
      method: 'get',
      path: '/me',
      summary: 'Who is signed in',
      tag: 'accounts',
      response: { status: 200, schema: Me },
      handler({ principal }) {
        if (principal === undefined)
          return Promise.reject(new AppError('UNAUTHENTICATED', 'Not signed in'));
        return Promise.resolve({ body: meOf(principal) });
      },
    }),
    route({
      operationId: 'redeemInvitation',
      method: 'post',
      path: '/invitations/redeem',
      summary: 'Redeem an invitation link (single use) and start a session',
      tag: 'accreditation',
      body: RedeemInvitation,
      response: { status: 200, schema: Me },
      async handler({ body, req, res }) {
        const participant = await summits.redeemInvitation(body.token);
        setSessionCookie(
          req,
          res,
          await accounts.startSession({ kind: 'participant', id: participant.id }),
        );
        return { body: meOf({ kind: 'participant', participant, role: participant.role }) };
      },
    }),
    // ── summits ─────────────────────────────────────────────────────────
    route({
      operationId: 'listSummits',
      method: 'get',
      path: '/summits',
      summary: 'List summits',
      tag: 'summits',
      action: 'summit:read',
      query: ListQuery,
      response: { status: 200, schema: pageOf(Summit) },
      async handler({ actor, query }) {
        return { body: await summits.listSummits(actor, query) };
      },
    }),
    route({
      operationId: 'createSummit',
      method: 'post',
      path: '/summits',
      summary: 'Create a summit (as a draft)',
      tag: 'summits',
      action: 'summit:create',
      body: SummitCreate,
      response: { status: 201, schema: Summit, etag: true },
      async handler({ actor, body }) {
        const s = await summits.createSummit(actor, body);
        return { body: s, etag: s.version };
      },
    }),
    route({
      operationId: 'getSummit',
      method: 'get',
      path: '/summits/{summitId}',
      summary: 'Read a summit',
      tag: 'summits',
      action: 'summit:read',
      params: SummitParams,
      response: { status: 200, schema: Summit, etag: true },
      async handler({ actor, params }) {
        const s = await summits.getSummit(actor, params.summitId);
        return { body: s, etag: s.version };
      },
    }),
    route({
      operationId: 'updateSummit',
      method: 'patch',
      path: '/summits/{summitId}',
      summary: 'Change a summit; honours If-Match',
      tag: 'summits',
      action: 'summit:update',
      params: SummitParams,
      body: SummitUpdate,
      response: { status: 200, schema: Summit, etag: true },
      async handler({ actor, params, body, ifMatch }) {
        const s = await summits.updateSummit(actor, params.summitId, body, ifMatch);
        return { body: s, etag: s.version };
      },
    }),
    // ── sessions and agenda ─────────────────────────────────────────────
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
    // ── delegations and participants ────────────────────────────────────
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
      async handler({ actor, params, body, req }) {
        return {
          body: await summits.createInvitation(actor, params.participantId, body, originOf(req)),
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
    // ── schedule and record ─────────────────────────────────────────────
    route({
      operationId: 'exportSchedule',
      method: 'get',
      path: '/summits/{summitId}/schedule.ics',
      summary: 'The caller’s sessions as an iCalendar file',
      tag: 'schedule',
      action: 'schedule:export',
      params: SummitParams,
      query: ScheduleQuery,
      response: { status: 200, contentType: 'text/calendar' },
      async handler({ actor, params, query }) {
        const summit = await summits.getSummit(actor, params.summitId);
        const sessions = await summits.allSessions(actor, params.summitId);
        const lang = query.lang;
        const cal = ical({
          name: pick(summit.title, lang, summit.officialLanguages),
          timezone: summit.timeZone,
          prodId: { company: 'Majlis', product: 'schedule' },
        });
        for (const s of sessions) {
          cal.createEvent({
            id: `${s.id}@majlis`,
            start: new Date(s.startsAt),
            end: new Date(s.endsAt),
            summary: pick(s.title, lang, summit.officialLanguages),
            description: `${s.kind.replace('_', ' ')} — ${pick(summit.title, lang, summit.officialLanguages)}`,
            timezone: summit.timeZone,
          });
        }
        return {
          text: {
            contentType: 'text/calendar; charset=utf-8',
            content: cal.toString(),
            filename: 'majlis-schedule.ics',
          },
        };
      },
    }),
    route({
      operationId: 'getRecord',
      method: 'get',
      path: '/summits/{summitId}/record',
      summary: 'The summit’s append-only, hash-chained record',
      tag: 'record',
      action: 'record:read',
      params: SummitParams,
      response: { status: 200, schema: RecordPage },
      async handler({ actor, params }) {
        await summits.getSummit(actor, params.summitId);
        const entries = await readRecord(deps.store, params.summitId);
        return { body: { entries, chainValid: verifyChain(entries).ok } };
      },
    }),
  ];
}
