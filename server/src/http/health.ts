import { Router } from 'express';
import type { Readiness } from '@majlis/shared';
import type { RedisStore } from '../store/redis.ts';
import type { MediaGateway } from '../media/gateway.ts';

/**
 * Liveness says the process runs; readiness says it can serve a meeting,
 * which needs both Redis and LiveKit answering right now.
 */
export function healthRoutes(deps: { redis: RedisStore; media: MediaGateway }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const [redisUp, livekitUp] = await Promise.all([deps.redis.ping(), deps.media.ping()]);
    const body: Readiness = { redis: redisUp ? 'ok' : 'down', livekit: livekitUp ? 'ok' : 'down' };
    res.status(redisUp && livekitUp ? 200 : 503).json(body);
  });
  return router;
}
