import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { MediaAccess } from '../media/access.ts';
import type { MediaGateway } from '../media/gateway.ts';
import type { MajlisIo, RealtimeModule } from '../realtime/io.ts';
import type { RedisStore } from '../store/redis.ts';
import type { SummitService } from '../summits/service.ts';
import type { VoteService } from '../votes/service.ts';
import { ChairTools } from './chair.ts';
import { SessionLifecycleService } from './lifecycle.ts';
import { broadcastSessions, sessionModule } from './realtime.ts';

export { SessionLifecycleService, lifecycleRoomRule, readProgress } from './lifecycle.ts';
export { ChairTools } from './chair.ts';

export interface SessionsFeature {
  lifecycle: SessionLifecycleService;
  chair: ChairTools;
  /** The Socket.IO commands, for `createRealtime`. */
  module: RealtimeModule;
  /** Starts the notices once the Socket.IO server exists. */
  broadcast(io: MajlisIo): void;
}

/** A session's life and the chair's tools (MEET-2, MEET-3), built from the app's dependencies. */
export function sessionsFeature(deps: {
  store: RedisStore;
  summits: SummitService;
  media: MediaGateway;
  access: MediaAccess;
  votes: VoteService;
  clock: Clock;
  logger: Logger;
}): SessionsFeature {
  const lifecycle = new SessionLifecycleService(
    deps.store,
    deps.summits,
    deps.media,
    deps.access,
    deps.clock,
    deps.logger,
  );
  const chair = new ChairTools(deps.store, deps.summits, deps.media, deps.clock);
  return {
    lifecycle,
    chair,
    module: sessionModule(lifecycle, chair),
    broadcast(io) {
      broadcastSessions(io, lifecycle, chair, deps.votes, deps.logger);
    },
  };
}
