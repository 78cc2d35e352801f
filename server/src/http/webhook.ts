import express, { Router } from 'express';
import type { Logger } from '../logger.ts';
import type { MediaGateway, WebhookNotice } from '../media/gateway.ts';
import type { PresenceService } from '../presence/presence.ts';
import type { RoomGuard } from '../media/room-guard.ts';
import type { KeyRelay } from '../confidential/keys.ts';
import { sendProblem } from './problem.ts';

/**
 * LiveKit webhooks, signature-verified; presence is built on them (the
 * presence service de-duplicates repeated deliveries by event id).
 */
export function webhookRoutes(deps: {
  media: MediaGateway;
  logger: Logger;
  presence: PresenceService;
  guard: RoomGuard;
  keys: KeyRelay;
}): Router {
  const router = Router();
  router.post(
    '/livekit/webhook',
    express.raw({ type: 'application/webhook+json', limit: '256kb' }),
    async (req, res) => {
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
      let event: WebhookNotice;
      try {
        event = await deps.media.verifyWebhook(body, req.get('authorization'));
      } catch {
        sendProblem(res, 'UNAUTHENTICATED', 'Webhook signature did not verify');
        return;
      }
      deps.logger.debug(
        { event: event.event, id: event.id, room: event.roomName },
        'livekit webhook',
      );
      // ACCESS-6: a join by someone who may not be there is undone before anything else.
      if (event.event === 'participant_joined')
        await deps.guard.onJoined(event.roomName, event.identity);
      await deps.presence.onWebhook(event);
      // CONF-2: a member who leaves a confidential room makes its media key rotate.
      if (event.event === 'participant_left')
        await deps.keys.onLeft(event.roomName, event.identity);
      res.status(204).end();
    },
  );
  return router;
}
