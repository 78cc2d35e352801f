import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { MEDIA_CHECK_ROOM_PREFIX, MediaCheckTokenRequest } from '@majlis/shared';
import type { MediaGateway } from '../media/gateway.ts';
import type { Clock } from '../clock.ts';
import { parseOr422 } from './problem.ts';

/**
 * A scratch room for checking camera and microphone with a colleague. The
 * room name is forced into its own namespace so this route can never hand
 * out a token for a summit session's room.
 */
export function mediaCheckRoutes(deps: { media: MediaGateway; clock: Clock }): Router {
  const router = Router();
  router.post('/media-check/token', async (req, res) => {
    const input = parseOr422(MediaCheckTokenRequest, req.body);
    const details = await deps.media.mediaCheckToken(
      {
        roomName: `${MEDIA_CHECK_ROOM_PREFIX}${input.room}`,
        identity: `check-${randomUUID()}`,
        displayName: input.displayName,
      },
      deps.clock.now(),
    );
    res.status(201).json(details);
  });
  return router;
}
