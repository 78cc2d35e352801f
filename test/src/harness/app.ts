import {
  createApplication,
  createLogger,
  createMediaGateway,
  connectRedis,
  type RedisStore,
} from '@majlis/server';
import type { Logger } from '@majlis/server/logger';
import type { LiveKitInfo } from './services.ts';

export interface RunningApp {
  baseUrl: string;
  redis: RedisStore;
  logger: Logger;
  close(): Promise<void>;
}

/** The real app, in-process, on a free loopback port. */
export async function startApp(opts: {
  redisUrl: string;
  livekit: LiveKitInfo;
  clientDir?: string;
}): Promise<RunningApp> {
  const logger = createLogger({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent', format: 'json' });
  const redis = await connectRedis(opts.redisUrl);
  const media = createMediaGateway({
    url: opts.livekit.url,
    publicUrl: opts.livekit.url,
    apiKey: opts.livekit.apiKey,
    apiSecret: opts.livekit.apiSecret,
    tokenTtlSeconds: 600,
  });
  const app = createApplication({
    redis,
    media,
    logger,
    livekitPublicUrl: opts.livekit.url,
    clientDir: opts.clientDir,
  });
  const port = await app.listen(0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    redis,
    logger,
    async close() {
      await app.close();
      await redis.close();
    },
  };
}
