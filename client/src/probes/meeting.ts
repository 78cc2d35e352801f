import type { ConnectionState, Room } from 'livekit-client';
import { inboundCounters, type InboundCounters } from '../media/stats.ts';

/**
 * Test build only (see `media/meeting.ts`): the joined meeting's room and
 * received-media counters, for end-to-end checks that read the media itself.
 */
declare global {
  interface Window {
    majlisMeeting?: {
      room: Room;
      counters(): Promise<InboundCounters>;
      countersFrom(identity: string): Promise<InboundCounters>;
      remoteIdentities(): string[];
      state(): ConnectionState;
    };
  }
}

export function exposeMeeting(room: Room): void {
  window.majlisMeeting = {
    room,
    counters: () => inboundCounters(room),
    countersFrom: (identity) => inboundCounters(room, identity),
    remoteIdentities: () => [...room.remoteParticipants.keys()],
    state: () => room.state,
  };
}
