import express, { Router } from 'express';
import type { Logger } from '../logger.ts';
import type { MediaGateway } from '../media/gateway.ts';
import { sendProblem } from './problem.ts';

/**
 * LiveKit webhooks, signature-verified. Deliveries can repeat, so events are
 * de-duplicated by id; presence will be built on them.
 */
export function webhookRoutes(deps: { media: MediaGateway; logger: Logger }): Router {
  const router = Router();
  const seen = new Set<string>();
  router.post(
    '/livekit/webhook',
    express.raw({ type: 'application/webhook+json', limit: '256kb' }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      let event: { id: string; event: string };
      try {
        event = await deps.media.verifyWebhook(body, req.get('authorization'));
      } catch {
        sendProblem(res, 'UNAUTHENTICATED', 'Webhook signature did not verify');
        return;
      }
      if (!seen.has(event.id)) {
        seen.add(event.id);
        if (seen.size > 10_000) seen.clear();
        deps.logger.debug({ event: event.event, id: event.id }, 'livekit webhook');
      }
      res.status(204).end();
    },
  );
  return router;
}
