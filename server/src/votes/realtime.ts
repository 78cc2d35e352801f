import { CastBallot, MotionRef, SessionRef } from '@majlis/shared';
import type { Principal } from '../summits/principal.ts';
import {
  sessionRoom,
  type MajlisIo,
  type MajlisSocket,
  type RealtimeModule,
} from '../realtime/io.ts';
import type { VoteService } from './service.ts';

/** The members of one delegation, on every device and node: hears "your delegation has voted". */
export const delegationRoom = (id: string): string => `delegation:${id}`;

/** A delegation's member follows its own ballot state from any vote command. */
async function followDelegation(socket: MajlisSocket, principal: Principal): Promise<void> {
  if (principal.kind === 'participant' && principal.participant.delegationId !== null)
    await socket.join(delegationRoom(principal.participant.delegationId));
}

/** Socket.IO commands for votes; authorization and sealing live in the service. */
export function votesModule(votes: VoteService): RealtimeModule {
  return {
    attach(_socket, on) {
      on('vote:list', SessionRef, async ({ sessionId }, principal, socket) => {
        await followDelegation(socket, principal);
        return votes.list(principal, sessionId);
      });
      on('vote:get', MotionRef, async ({ motionId }, principal, socket) => {
        await followDelegation(socket, principal);
        return votes.view(principal, motionId);
      });
      on('vote:open', MotionRef, ({ motionId }, principal) => votes.open(principal, motionId));
      on('vote:close', MotionRef, ({ motionId }, principal) => votes.close(principal, motionId));
      on('vote:cast', CastBallot, async (ballot, principal, socket) => {
        await followDelegation(socket, principal);
        return votes.cast(principal, ballot);
      });
    },
  };
}

/**
 * Fans changes out through the adapter. The session hears motion states
 * (with a result only once closed); a delegation hears that its ballot is
 * in, never its choice, so nothing pairing the two reaches the adapter's
 * Redis stream either.
 */
export function broadcastVotes(io: MajlisIo, votes: VoteService): void {
  votes.onChanged((motion) => {
    io.to(sessionRoom(motion.sessionId)).emit('vote:changed', { motion });
  });
  votes.onRecorded(({ motionId, delegationId }) => {
    io.to(delegationRoom(delegationId)).emit('vote:recorded', { motionId, delegationId });
  });
}
