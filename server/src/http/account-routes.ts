import type { Response } from 'express';
import { Login, Me, RedeemInvitation, SetupOrganiser } from '@majlis/shared';
import { AppError } from '../errors.ts';
import type { OrganiserAccount } from '../auth/accounts.ts';
import { clearSessionCookie, meOf, readCookie, setSessionCookie, type ApiDeps } from './api.ts';
import { route, type RouteDef } from './registry.ts';

/** Signing in and out: organiser accounts, the one-time setup, and redeeming an invitation. */
export function accountRoutes(deps: ApiDeps): RouteDef[] {
  const { summits, accounts } = deps;
  /** Starts the organiser's browser session and answers with who they are. */
  const signedIn = async (res: Response, account: OrganiserAccount) => {
    setSessionCookie(
      res,
      await accounts.startSession({ kind: 'organiser', id: account.id }),
      deps.publicOrigin,
    );
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
  return [
    route({
      operationId: 'setupOrganiser',
      method: 'post',
      path: '/setup',
      summary: 'Create the first organiser account with the one-time setup code',
      tag: 'accounts',
      body: SetupOrganiser,
      response: { status: 201, schema: Me },
      async handler({ body, res }) {
        const account = await accounts.setupOrganiser(body);
        return signedIn(res, account);
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
      async handler({ body, res }) {
        // Issue 19, item 7: a locked account is refused before its password is even checked.
        await deps.lockout.refuseWhileLocked(body.email, res);
        const account = await accounts.login(body).catch(async (err: unknown) => {
          if (err instanceof AppError && err.code === 'UNAUTHENTICATED')
            await deps.lockout.failed(body.email);
          throw err;
        });
        await deps.lockout.succeeded(body.email);
        return signedIn(res, account);
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
        const sid = readCookie(req, deps.publicOrigin.sessionCookie);
        if (sid !== undefined && /^[A-Za-z0-9_-]{43}$/.test(sid)) await accounts.endSession(sid);
        clearSessionCookie(res, deps.publicOrigin);
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
      async handler({ body, res }) {
        const participant = await summits.redeemInvitation(body.token);
        setSessionCookie(
          res,
          await accounts.startSession({ kind: 'participant', id: participant.id }),
          deps.publicOrigin,
        );
        return { body: meOf({ kind: 'participant', participant, role: participant.role }) };
      },
    }),
  ];
}
