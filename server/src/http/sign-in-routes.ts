import type { Request, Response } from 'express';
import {
  DeviceList,
  Id,
  InvitationCreate,
  InvitationMailed,
  Me,
  RedeemSignInLink,
  RequestSignInLink,
  SignedInDeviceId,
} from '@majlis/shared';
import { z } from 'zod';
import { deviceLabel, type Devices } from '../auth/devices.ts';
import type { SignInLinks } from '../auth/magic-link.ts';
import { AppError } from '../errors.ts';
import type { InvitationMail } from '../mail/invitations.ts';
import type { Principal } from '../summits/principal.ts';
import { route, type RouteDef } from './registry.ts';

/** How this app keeps a browser's session: its cookie, as the account routes set it. */
export interface BrowserSessions {
  /** Starts a participant's session and sets this browser's cookie. */
  start(req: Request, res: Response, participantId: string, label: string): Promise<void>;
  /** The SHA-256 of this browser's session id, when it has one. */
  currentHash(req: Request): string | undefined;
}

const DeviceParams = z.object({ deviceId: SignedInDeviceId });
const ParticipantParams = z.object({ participantId: Id });

const signedIn = (principal: Principal | undefined): Principal => {
  if (principal === undefined) throw new AppError('UNAUTHENTICATED', 'Not signed in');
  return principal;
};

/**
 * ACCT-1: signing in again by an e-mailed link, and the caller's devices.
 * Open routes (no action): a request names no one, and the device routes
 * act only on the caller's own sessions.
 */
export function signInRoutes(deps: {
  links: SignInLinks;
  devices: Devices;
  sessions: BrowserSessions;
  invitations: InvitationMail;
  origin: () => string;
}): RouteDef[] {
  return [
    route({
      operationId: 'mailInvitation',
      method: 'post',
      path: '/participants/{participantId}/invitations/mail',
      summary: 'Send a new single-use invitation to the participant’s address, in their language',
      tag: 'accreditation',
      action: 'invitation:create',
      params: ParticipantParams,
      body: InvitationCreate,
      response: { status: 201, schema: InvitationMailed },
      async handler({ actor, params, body }) {
        return {
          body: await deps.invitations.send(actor, params.participantId, body, deps.origin()),
        };
      },
    }),
    route({
      operationId: 'requestSignInLink',
      method: 'post',
      path: '/auth/sign-in-links',
      summary:
        'Mail a single-use sign-in link (15 minutes) to an accredited address; always 202, known or not',
      tag: 'accounts',
      body: RequestSignInLink,
      response: { status: 202 },
      async handler({ body }) {
        const mailAfterAnswer = await deps.links.request(body, deps.origin());
        // After the answer: how long SMTP takes must not tell a known address from an unknown one.
        setImmediate(() => void mailAfterAnswer());
        return {};
      },
    }),
    route({
      operationId: 'redeemSignInLink',
      method: 'post',
      path: '/auth/sign-in-links/redeem',
      summary: 'Redeem a sign-in link (single use) and start a session on this device',
      tag: 'accounts',
      body: RedeemSignInLink,
      response: { status: 200, schema: Me },
      async handler({ body, req, res }) {
        const participant = await deps.links.redeem(body.token);
        await deps.sessions.start(req, res, participant.id, deviceLabel(req.get('user-agent')));
        return {
          body: {
            kind: 'participant',
            participantId: participant.id,
            summitId: participant.summitId,
            delegationId: participant.delegationId,
            name: participant.name,
            role: participant.role,
          },
        };
      },
    }),
    route({
      operationId: 'listMyDevices',
      method: 'get',
      path: '/me/devices',
      summary: 'The browsers signed in as the caller',
      tag: 'accounts',
      response: { status: 200, schema: DeviceList },
      async handler({ principal, req }) {
        const me = signedIn(principal);
        return { body: { devices: await deps.devices.list(me, deps.sessions.currentHash(req)) } };
      },
    }),
    route({
      operationId: 'signOutDevice',
      method: 'delete',
      path: '/me/devices/{deviceId}',
      summary: 'Sign one of the caller’s browsers out; its live connections are cut at once',
      tag: 'accounts',
      params: DeviceParams,
      response: { status: 204 },
      async handler({ principal, params }) {
        await deps.devices.signOut(signedIn(principal), params.deviceId);
        return {};
      },
    }),
  ];
}
