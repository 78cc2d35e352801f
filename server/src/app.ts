import { createServer, type Server } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import type { Logger } from './logger.ts';
import type { RedisStore } from './store/redis.ts';
import type { MediaGateway } from './media/gateway.ts';
import { healthRoutes } from './http/health.ts';
import { mediaCheckRoutes } from './http/media-check.ts';
import { webhookRoutes } from './http/webhook.ts';
import { notFound, problemHandler, sendProblem } from './http/problem.ts';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

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
}

export interface Application {
  app: express.Express;
  httpServer: Server;
  /** Listens on host:port (port 0 picks a free one) and returns the bound port. */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

/** The composition root: everything the app touches comes in through `deps`. */
export function createApplication(deps: AppDeps): Application {
  const clock = deps.clock ?? systemClock;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  const livekitHttp = deps.livekitPublicUrl.replace(/^ws/, 'http');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'connect-src': ["'self'", deps.livekitPublicUrl, livekitHttp],
          'media-src': ["'self'", 'blob:'],
          'worker-src': ["'self'", 'blob:'],
          'img-src': ["'self'", 'data:', 'blob:'],
        },
      },
      // Same-origin only: nothing here should be embedded elsewhere.
      crossOriginResourcePolicy: { policy: 'same-origin' },
    }),
  );

  app.use(healthRoutes(deps));
  // Raw body for signature verification: mounted before the JSON parser.
  app.use(webhookRoutes(deps));

  const api = express.Router();
  api.use(
    rateLimit({
      windowMs: 60_000,
      limit: 600,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) => sendProblem(res, 'RATE_LIMITED', 'Too many requests; slow down'),
    }),
  );
  api.use(express.json({ limit: '64kb' }));
  if (deps.mediaCheck !== false) {
    api.use(
      '/media-check',
      rateLimit({
        windowMs: 60_000,
        limit: 30,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, res) =>
          sendProblem(res, 'RATE_LIMITED', 'Too many media-check tokens; wait a minute'),
      }),
    );
    api.use(mediaCheckRoutes({ media: deps.media, clock }));
  }
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
  return {
    app,
    httpServer,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const addr = httpServer.address();
          resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
        });
      });
    },
    async close() {
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
export { createMediaGateway, type MediaGateway } from './media/gateway.ts';
