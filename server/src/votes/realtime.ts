import type { Principal } from '../summits/principal.ts';
import {
  notify,
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
      on('vote:list', async ({ sessionId }, principal, socket) => {
        await followDelegation(socket, principal);
        return votes.list(principal, sessionId);
      });
      on('vote:get', async ({ motionId }, principal, socket) => {
        await followDelegation(socket, principal);
        return votes.view(principal, motionId);
      });
      on('vote:open', ({ motionId }, principal) => votes.open(principal, motionId));
      on('vote:close', ({ motionId }, principal) => votes.close(principal, motionId));
      on('vote:cast', async (ballot, principal, socket) => {
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
    notify(io.to(sessionRoom(motion.sessionId)), 'vote:changed', { motion });
  });
  votes.onRecorded(({ motionId, delegationId }) => {
    notify(io.to(delegationRoom(delegationId)), 'vote:recorded', { motionId, delegationId });
  });
}
