import { createServer, type IncomingMessage, type Server } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import type { Logger } from './logger.ts';
import type { RedisStore } from './store/redis.ts';
import type { MediaGateway } from './media/gateway.ts';
import { systemClock, type Clock } from './clock.ts';
import { AccountService } from './auth/accounts.ts';
import { SummitService } from './summits/service.ts';
import type { Principal } from './summits/principal.ts';
import { healthRoutes } from './http/health.ts';
import { webhookRoutes } from './http/webhook.ts';
import { RoomGuard } from './media/room-guard.ts';
import { LobbyService } from './confidential/lobby.ts';
import { broadcastKeys, broadcastLobby, keysModule, lobbyModule } from './confidential/realtime.ts';
import { KeyRelay } from './confidential/keys.ts';
import { apiRoutes, readCookie } from './http/api.ts';
import { accountFeatureRoutes } from './http/sign-in-wiring.ts';
import type { Mailer } from './mail/mailer.ts';
import { fromPublicOrigin, PublicOrigin, refuseForeignWrites } from './http/origin.ts';
import { httpLimiters, LoginLockout } from './http/rate-limit.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './limits.ts';
import { mountRoutes, type RouteDef } from './http/registry.ts';
import { buildOpenApi, renderDocsHtml } from './http/openapi.ts';
import { CommuniqueService } from './communiques/service.ts';
import { PressService } from './press/service.ts';
import { broadcastPress, pressModule } from './press/realtime.ts';
import { communiqueRoutes, wellKnownKeys } from './http/communique-routes.ts';
import { notFound, problemHandler } from './http/problem.ts';
import {
  createRealtime,
  disconnectLogin,
  disconnectParticipant,
  loginRoom,
  type MajlisIo,
  type RealtimeModule,
} from './realtime/io.ts';
import { closeClient, withTimeout, type RedisClient } from './store/redis.ts';
import { sha256 } from './summits/common.ts';
import { PresenceService } from './presence/presence.ts';
import { MediaAccess } from './media/access.ts';
import { FloorService } from './floor/service.ts';
import { broadcastFloor, floorModule } from './floor/realtime.ts';
import { InterpretationService } from './interpretation/service.ts';
import { broadcastInterpretation, interpretationModule } from './interpretation/realtime.ts';
import { VoteService } from './votes/service.ts';
import { broadcastVotes, votesModule } from './votes/realtime.ts';
import { lifecycleRoomRule, sessionsFeature, type SessionsFeature } from './sessions/index.ts';
import { voteRoutes } from './http/vote-routes.ts';
import { verifiableVoteRoutes } from './http/verifiable-vote-routes.ts';
import { ReachService } from './reach/service.ts';
import { chromiumPdf } from './reach/pdf.ts';
import { reachRoutes } from './http/reach-routes.ts';

export type { Clock };

export { DEFAULT_RATE_LIMITS, type RateLimits } from './limits.ts';

export interface AppDeps {
  redis: RedisStore;
  media: MediaGateway;
  logger: Logger;
  clock?: Clock;
  /** The URL browsers use for LiveKit; allowed in the page's CSP. */
  livekitPublicUrl: string;
  /** Folder holding the built client; omitted in API-only tests. */
  clientDir?: string | undefined;
  mediaCheck?: boolean;
  /**
   * MAJLIS_PUBLIC_URL: the only origin in absolute links and the only one
   * writes and sockets are accepted from; omitted: http://host:port on listening.
   */
  publicUrl?: string | undefined;
  rateLimits?: Partial<RateLimits>;
  /**
   * Where the HTTP rate-limit counters live in Redis: the same for every
   * node of a deployment (the default); tests sharing one Redis keep apart.
   */
  rateLimitPrefix?: string;
  /** Express's `trust proxy` (TRUST_PROXY): whose X-Forwarded-* to believe; default none. */
  trustProxy?: false | number | string[];
  /** Seals issuers' signing keys at rest (COMM-2): MAJLIS_SIGNING_KEK or the data folder's file. */
  signingKek: Buffer;
  /**
   * A dedicated Redis connection for Socket.IO's cross-node adapter. With
   * it, several Majlis processes sharing one Redis act as one.
   */
  adapterClient?: RedisClient | undefined;
  /** ACCESS-6: how often every session room is checked for people who may not be in it. */
  roomSweepMs?: number;
  /** ACCT-1: invitations and sign-in links; omitted: every mail fails, and that is logged. */
  mailer?: Mailer;
}

export interface Application {
  app: express.Express;
  httpServer: Server;
  io: MajlisIo;
  summits: SummitService;
  accounts: AccountService;
  communiques: CommuniqueService;
  presence: PresenceService;
  mediaAccess: MediaAccess;
  roomGuard: RoomGuard;
  lobby: LobbyService;
  keyRelay: KeyRelay;
  floor: FloorService;
  interpretation: InterpretationService;
  votes: VoteService;
  sessions: SessionsFeature;
  routes: readonly RouteDef[];
  /** MAJLIS_PUBLIC_URL, or http://host:port once listening. */
  publicOrigin: PublicOrigin;
  /** Listens on host:port (port 0 picks a free one) and returns the bound port. */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

const API_VERSION = '1.0.0';

const PERMISSIONS_POLICY = [
  'camera=(self)',
  'microphone=(self)',
  'display-capture=(self)',
  'fullscreen=(self)',
  'autoplay=(self)',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'midi=()',
  'accelerometer=()',
  'gyroscope=()',
  'magnetometer=()',
].join(', ');

/** The composition root: everything the app touches comes in through `deps`. */
export function createApplication(deps: AppDeps): Application {
  const clock = deps.clock ?? systemClock;
  const limits = { ...DEFAULT_RATE_LIMITS, ...deps.rateLimits };
  const summits = new SummitService(deps.redis, clock);
  const accounts = new AccountService(deps.redis, summits, clock);
  const presence = new PresenceService(deps.redis, deps.media, deps.logger);
  const mediaAccess = new MediaAccess(summits, deps.media, deps.redis, clock, deps.logger);
  const roomGuard = new RoomGuard(summits, deps.media, deps.logger);
  // CONF-5, ACCESS-8: no token before admission; nobody unadmitted stays in a confidential room.
  const lobby = new LobbyService(deps.redis, summits, deps.media, clock);
  mediaAccess.addGate((actor, session) => lobby.gate(actor, session));
  roomGuard.addRule((sessionId, identity) => lobby.mayStay(sessionId, identity));
  // MEET-2: nobody stays in the room of a session that is not open (or suspended).
  roomGuard.addRule(lifecycleRoomRule(deps.redis));
  // CONF-1, CONF-2: wrapped media keys only; a member leaving or revoked makes the key rotate.
  const keyRelay = new KeyRelay(deps.redis, summits, lobby, clock, deps.logger);
  const votes = new VoteService(deps.redis, summits, presence, clock, deps.logger);
  const communiques = new CommuniqueService(
    deps.redis,
    summits,
    clock,
    deps.logger,
    deps.signingKek,
  );
  const publicOrigin = new PublicOrigin(deps.publicUrl);
  const limiters = httpLimiters(deps.redis, limits, deps.rateLimitPrefix);
  const lockout = new LoginLockout(deps.redis, limits, deps.rateLimitPrefix);
  const resolveRaw = (req: IncomingMessage): Promise<Principal | undefined> =>
    accounts.resolve(
      readCookie(req, publicOrigin.sessionCookie, (name) => {
        deps.logger.debug({ cookieName: name }, 'malformed cookie ignored');
      }),
    );

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);

  const livekitHttp = deps.livekitPublicUrl.replace(/^ws/, 'http');
  // HSTS and upgrade-insecure-requests only over https (req.secure, which TRUST_PROXY lets a
  // TLS-terminating proxy vouch for): sent over plain http they would break a loopback start.
  const headersFor = (https: boolean) =>
    helmet({
      contentSecurityPolicy: {
        directives: {
          'connect-src': ["'self'", deps.livekitPublicUrl, livekitHttp],
          'media-src': ["'self'", 'blob:'],
          'worker-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
          'upgrade-insecure-requests': https ? [] : null,
        },
      },
      strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
      // Same-origin only: nothing here should be embedded elsewhere.
      crossOriginResourcePolicy: { policy: 'same-origin' },
    });
  const overHttps = headersFor(true);
  const overHttp = headersFor(false);
  app.use((req, res, next) => {
    (req.secure ? overHttps : overHttp)(req, res, next);
  });
  // The page needs camera, microphone and screen sharing from itself; nothing else, from no one.
  app.use((_req, res, next) => {
    res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
    next();
  });

  app.use(healthRoutes(deps));
  app.use(wellKnownKeys(communiques));
  // Raw body for signature verification: mounted before the JSON parser.
  app.use(webhookRoutes({ ...deps, presence, guard: roomGuard, keys: keyRelay }));

  const routes = apiRoutes({
    summits,
    accounts,
    presence,
    mediaAccess,
    store: deps.redis,
    media: deps.media,
    clock,
    mediaCheck: deps.mediaCheck !== false,
    publicOrigin,
    lockout,
  });
  routes.push(...communiqueRoutes(communiques, publicOrigin));
  routes.push(...accountFeatureRoutes({ ...deps, clock, summits, accounts, publicOrigin }));
  routes.push(...voteRoutes(votes));
  routes.push(...verifiableVoteRoutes(votes));
  routes.push(
    ...reachRoutes(new ReachService(deps.redis, summits, clock, deps.logger, chromiumPdf())),
  );
  const openapi = buildOpenApi(routes, API_VERSION);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(renderDocsHtml(openapi));
  });

  const api = express.Router();
  api.use(limiters.api);
  // Cookies are SameSite=Strict, and a write must also name our own origin.
  api.use(refuseForeignWrites(publicOrigin));
  api.use(express.json({ limit: '64kb' }));
  const signIn = ['/auth/login', '/setup', '/invitations/redeem'];
  api.use(signIn, limiters.authPerAddress, limiters.authPerCredential);
  api.use('/media-check', limiters.mediaCheck);
  mountRoutes(api, routes, (req) => resolveRaw(req));
  api.use(notFound);
  app.use('/api/v1', api);

  const clientDir = deps.clientDir;
  if (clientDir !== undefined && fs.existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    // Single-page app: unknown GETs that want HTML get the shell.
    app.get('/{*path}', (req, res, next) => {
      if (!req.accepts('html')) {
        next();
        return;
      }
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(clientDir, 'index.html'));
    });
  }
  app.use(notFound);
  app.use(problemHandler(deps.logger));

  const httpServer = createServer(app);
  const floor = new FloorService(deps.redis, summits, mediaAccess, clock, deps.logger);
  const interpretation = new InterpretationService(
    deps.redis,
    summits,
    mediaAccess,
    clock,
    deps.logger,
  );
  const sessions = sessionsFeature({
    ...deps,
    store: deps.redis,
    summits,
    access: mediaAccess,
    votes,
    clock,
  });
  const press = new PressService(deps.redis, summits, mediaAccess, clock, deps.logger);
  const modules: RealtimeModule[] = [
    sessions.module,
    lobbyModule(lobby),
    keysModule(keyRelay),
    floorModule(floor, clock),
    interpretationModule(interpretation),
    votesModule(votes),
    pressModule(press),
  ];
  const io = createRealtime(
    httpServer,
    {
      resolve: resolveRaw,
      commandQuota: limits,
      loginRoomOf: (req) => {
        const sid = readCookie(req, publicOrigin.sessionCookie);
        return sid === undefined ? undefined : loginRoom(sha256(sid));
      },
      // A page elsewhere must not open a socket with our cookie (cross-site WebSocket hijacking).
      allowRequest: (req) => fromPublicOrigin(req, publicOrigin),
      logger: deps.logger,
      adapterClient: deps.adapterClient,
      // Following a session's live state needs the same admission as reading it.
      admitToSession: async (principal, sessionId) => {
        await summits.getSession(principal, sessionId);
      },
    },
    modules,
  );
  broadcastPress(io, press);
  broadcastFloor(io, floor, clock);
  broadcastInterpretation(io, interpretation);
  broadcastVotes(io, votes);
  sessions.broadcast(io);
  broadcastLobby(io, lobby);
  broadcastKeys(io, keyRelay);
  // Signing out, like revocation, ends the realtime connection at once (issue 19, item 2).
  accounts.onSessionEnded((sessionHash) => {
    disconnectLogin(io, sessionHash);
  });
  summits.onRevoked(async (participant) => {
    disconnectParticipant(io, participant.id);
    // CONF-2: the media key starts rotating at once, not after LiveKit's round trips.
    await Promise.all([
      mediaAccess.removeEverywhere(participant),
      keyRelay.forgetEverywhere(participant),
    ]);
  });

  return {
    app,
    httpServer,
    io,
    summits,
    accounts,
    communiques,
    presence,
    mediaAccess,
    roomGuard,
    lobby,
    keyRelay,
    floor,
    interpretation,
    votes,
    sessions,
    routes,
    publicOrigin,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const addr = httpServer.address();
          publicOrigin.listeningOn(
            host,
            typeof addr === 'object' && addr !== null ? addr.port : port,
          );
          // Webhooks may have been missed while we were down; LiveKit's own list is the truth.
          presence.reconcile(clock.now()).catch((err: unknown) => {
            deps.logger.warn({ err }, 'could not reconcile presence with LiveKit');
          });
          // ACCESS-6: whoever joined while we were down and may not stay is removed now, then every few seconds.
          roomGuard.start(deps.roomSweepMs ?? 1000);
          // FLOOR-7: deadlines live in Redis; the clocks pick up where they were.
          floor.resumeClocks().catch((err: unknown) => {
            deps.logger.error({ err }, 'could not resume floor clocks');
          });
          // VOTE-6: a box sealed before a crash is counted; silence deadlines run again.
          votes.resume().catch((err: unknown) => {
            deps.logger.error({ err }, 'could not resume votes');
          });
          resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
        });
      });
    },
    async close() {
      roomGuard.stop();
      floor.close();
      votes.stop();
      // Bounded: the adapter's reads wait on Redis, which may be the part that died. Shutdown
      // only: whatever io.close() left undone, the process is going away and has nothing to answer.
      await withTimeout(io.close(), 2000).catch(() => undefined);
      if (deps.adapterClient) await closeClient(deps.adapterClient);
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
    },
  };
}

export { parseConfig, ConfigError, type Config } from './config.ts';
export { createLogger } from './logger.ts';
export { connectRedis, type RedisStore } from './store/redis.ts';
export { ATTENDANCE_MAX_ENTRIES } from './store/streams.ts';
export { createMediaGateway, type MediaGateway } from './media/gateway.ts';
export { SummitService } from './summits/service.ts';
export { AccountService } from './auth/accounts.ts';
export type { Principal } from './summits/principal.ts';
