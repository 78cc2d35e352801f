import type { Logger } from '../logger.ts';
import {
  notify,
  participantRoom,
  sessionRoom,
  type MajlisIo,
  type RealtimeModule,
} from '../realtime/io.ts';
import type { VoteService } from '../votes/service.ts';
import type { ChairTools } from './chair.ts';
import type { SessionLifecycleService } from './lifecycle.ts';

/** Socket.IO commands for a session's life and the chair's tools (MEET-2, MEET-3). */
export function sessionModule(
  lifecycle: SessionLifecycleService,
  chair: ChairTools,
): RealtimeModule {
  return {
    attach(_socket, on) {
      on('lifecycle:get', ({ sessionId }, principal) => lifecycle.view(principal, sessionId));
      on('lifecycle:act', ({ sessionId, act }, principal) =>
        lifecycle.act(principal, sessionId, act),
      );
      on('chair:mute', (input, principal) => chair.mute(principal, input));
      on('turnout:get', ({ motionId }, principal) => chair.turnout(principal, motionId));
    },
  };
}

/**
 * Fans changes out: the life of a session to everyone watching it (a close
 * tells every page to leave), a chair's mute to the room, and the turnout
 * after each ballot to the presiding officer's devices only.
 */
export function broadcastSessions(
  io: MajlisIo,
  lifecycle: SessionLifecycleService,
  chair: ChairTools,
  votes: VoteService,
  logger: Logger,
): void {
  lifecycle.onChange(({ session, progress }) => {
    notify(io.to(sessionRoom(session.id)), 'lifecycle:changed', progress);
  });
  chair.onMuted((muted) => {
    notify(io.to(sessionRoom(muted.sessionId)), 'chair:muted', muted);
  });
  const tellChair = (motionId: string) => {
    chair.turnoutNotice(motionId).then(
      (notice) => {
        if (notice?.chairId != null)
          notify(io.to(participantRoom(notice.chairId)), 'turnout:changed', notice.turnout);
      },
      (err: unknown) => {
        logger.error({ err, motionId }, 'could not count the turnout of a vote');
      },
    );
  };
  votes.onRecorded(({ motionId }) => tellChair(motionId));
  votes.onChanged((motion) => {
    if (motion.status === 'open') tellChair(motion.id);
  });
}
