import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Response } from 'express';
import {
  ConnectionDetails,
  MEDIA_CHECK_ROOM_PREFIX,
  MediaCheckTokenRequest,
  type Me,
} from '@majlis/shared';
import type { AccountService } from '../auth/accounts.ts';
import { SESSION_TTL_SECONDS } from '../auth/accounts.ts';
import type { Clock } from '../clock.ts';
import type { MediaAccess } from '../media/access.ts';
import type { MediaGateway } from '../media/gateway.ts';
import type { PresenceService } from '../presence/presence.ts';
import type { RedisStore } from '../store/redis.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';
import { accountRoutes } from './account-routes.ts';
import { accreditationRoutes } from './accreditation-routes.ts';
import { correctionRoutes } from './correction-routes.ts';
import type { PublicOrigin } from './origin.ts';
import type { LoginLockout } from './rate-limit.ts';
import { route, type RouteDef } from './registry.ts';
import { sessionRoutes } from './session-routes.ts';
import { summitRoutes } from './summit-routes.ts';

export const SESSION_COOKIE = 'majlis_session';

/**
 * A cookie's value, or undefined when it is absent. A value that does not
 * decode (`%E0%A4%A`) is anyone's to send, so it reads as absent, never as
 * an error; `onMalformed` hears of it (the app logs it at debug level).
 */
export function readCookie(
  req: IncomingMessage,
  name: string,
  onMalformed?: (cookie: string) => void,
): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k !== name) continue;
    try {
      return decodeURIComponent(v.join('='));
    } catch {
      onMalformed?.(name);
      return undefined;
    }
  }
  return undefined;
}

/** Secure by the public URL, not by the request: behind a TLS proxy the hop to us is plain. */
const sessionCookieOptions = (origin: PublicOrigin) =>
  ({ httpOnly: true, sameSite: 'strict', secure: origin.secure, path: '/' }) as const;

export function setSessionCookie(res: Response, sid: string, origin: PublicOrigin): void {
  res.cookie(origin.sessionCookie, sid, {
    ...sessionCookieOptions(origin),
    maxAge: SESSION_TTL_SECONDS * 1000,
  });
}

export function clearSessionCookie(res: Response, origin: PublicOrigin): void {
  res.clearCookie(origin.sessionCookie, sessionCookieOptions(origin));
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

export interface ApiDeps {
  summits: SummitService;
  presence: PresenceService;
  mediaAccess: MediaAccess;
  accounts: AccountService;
  store: RedisStore;
  media: MediaGateway;
  clock: Clock;
  mediaCheck: boolean;
  /** Per-account lockout after wrong passwords, shared by every node. */
  lockout: LoginLockout;
  /** The only source of absolute links (MAJLIS_PUBLIC_URL). */
  publicOrigin: PublicOrigin;
}

/** Every REST route but the votes', grouped by what they act on. */
export function apiRoutes(deps: ApiDeps): RouteDef[] {
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
    ...accountRoutes(deps),
    ...summitRoutes(deps),
    ...sessionRoutes(deps),
    ...accreditationRoutes(deps),
    ...correctionRoutes(deps),
  ];
}
