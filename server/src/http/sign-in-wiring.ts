import { Devices } from '../auth/devices.ts';
import type { AccountService } from '../auth/accounts.ts';
import { SignInLinks } from '../auth/magic-link.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { InvitationMail } from '../mail/invitations.ts';
import { unsentMailer, type Mailer } from '../mail/mailer.ts';
import type { RedisStore } from '../store/redis.ts';
import { sha256 } from '../summits/common.ts';
import type { SummitService } from '../summits/service.ts';
import { readCookie, setSessionCookie } from './api.ts';
import type { PublicOrigin } from './origin.ts';
import type { RouteDef } from './registry.ts';
import { signInRoutes } from './sign-in-routes.ts';

/**
 * ACCT-1 put together from the app's parts: sign-in links mailed through
 * `mailer`, devices from the accounts' sessions, and this app's cookie.
 */
export function accountFeatureRoutes(deps: {
  redis: RedisStore;
  clock: Clock;
  logger: Logger;
  summits: SummitService;
  accounts: AccountService;
  publicOrigin: PublicOrigin;
  mailer?: Mailer | undefined;
}): RouteDef[] {
  const { accounts, publicOrigin } = deps;
  const mailer = deps.mailer ?? unsentMailer;
  return signInRoutes({
    links: new SignInLinks({
      store: deps.redis,
      clock: deps.clock,
      summits: deps.summits,
      mailer,
      logger: deps.logger,
    }),
    invitations: new InvitationMail({ summits: deps.summits, mailer, logger: deps.logger }),
    devices: new Devices(accounts),
    sessions: {
      async start(_req, res, participantId, label) {
        const sid = await accounts.startSession({ kind: 'participant', id: participantId }, label);
        setSessionCookie(res, sid, publicOrigin);
      },
      currentHash(req) {
        const sid = readCookie(req, publicOrigin.sessionCookie);
        return sid === undefined ? undefined : sha256(sid);
      },
    },
    origin: () => publicOrigin.value,
  });
}
