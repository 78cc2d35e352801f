import { randomBytes } from 'node:crypto';
import {
  createApplication,
  createLogger,
  createMediaGateway,
  connectRedis,
  type RedisStore,
} from '@majlis/server';
import type { Application, Clock, RateLimits } from '@majlis/server';
import type { Logger } from '@majlis/server/logger';
import type { Mailer } from '@majlis/server/mail';
import type { LiveKitInfo } from './services.ts';

export interface RunningApp {
  baseUrl: string;
  redis: RedisStore;
  logger: Logger;
  application: Application;
  close(): Promise<void>;
}

/** The real app, in-process, on a free loopback port. */
export async function startApp(opts: {
  redisUrl: string;
  livekit: LiveKitInfo;
  clientDir?: string;
  clock?: Clock;
  rateLimits?: Partial<RateLimits>;
  /**
   * Rate-limit counters in Redis: apps sharing one test Redis each count
   * apart unless given the same prefix (two nodes of one deployment).
   */
  rateLimitPrefix?: string;
  /** MAJLIS_PUBLIC_URL; omitted: the app's own http://127.0.0.1:port. */
  publicUrl?: string;
  /** TRUST_PROXY: whose X-Forwarded-* the app believes. */
  trustProxy?: false | number | string[];
  logger?: Logger;
  /** A fixed port, when LiveKit's webhooks must find the app again after a restart. */
  port?: number;
  /** Join other processes through Socket.IO's Redis streams adapter. */
  cluster?: boolean;
  /** Seals signing keys (COMM-2); a fresh one per app unless a test needs to know it. */
  signingKek?: Buffer;
  /** ACCESS-6: the room guard's sweep period; long to test the webhook path alone. */
  roomSweepMs?: number;
  /** ACCT-1: where mail goes (a test's mailpit); omitted: mails fail and are logged. */
  mailer?: Mailer;
}): Promise<RunningApp> {
  const logger =
    opts.logger ??
    createLogger({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent', format: 'json' });
  const redis = await connectRedis(opts.redisUrl);
  const media = createMediaGateway({
    url: opts.livekit.url,
    publicUrl: opts.livekit.url,
    apiKey: opts.livekit.apiKey,
    apiSecret: opts.livekit.apiSecret,
    tokenTtlSeconds: 60,
  });
  const application = createApplication({
    redis,
    media,
    logger,
    livekitPublicUrl: opts.livekit.url,
    clientDir: opts.clientDir,
    ...(opts.clock ? { clock: opts.clock } : {}),
    // Tests sign in and redeem far more than people do; the figures' own tests set them low.
    rateLimits: {
      apiPerMinute: 100_000,
      authPer15Minutes: 10_000,
      authPerCredential: 1_000,
      ...opts.rateLimits,
    },
    ...(opts.publicUrl === undefined ? {} : { publicUrl: opts.publicUrl }),
    ...(opts.trustProxy === undefined ? {} : { trustProxy: opts.trustProxy }),
    rateLimitPrefix: opts.rateLimitPrefix ?? `majlis:ratelimit:${randomBytes(6).toString('hex')}:`,
    adapterClient: opts.cluster === true ? await redis.duplicate() : undefined,
    signingKek: opts.signingKek ?? randomBytes(32),
    ...(opts.roomSweepMs === undefined ? {} : { roomSweepMs: opts.roomSweepMs }),
    ...(opts.mailer === undefined ? {} : { mailer: opts.mailer }),
  });
  const port = await application.listen(opts.port ?? 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    redis,
    logger,
    application,
    async close() {
      await application.close();
      await redis.close();
    },
  };
}
