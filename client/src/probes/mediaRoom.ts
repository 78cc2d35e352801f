import type { ConnectionState, Room } from 'livekit-client';
import { inboundCounters, type InboundCounters } from '../media/stats.ts';

/** Test build only (see `media/useMediaRoom.ts`): the media check's counters and tracks. */
declare global {
  interface Window {
    majlisMedia?: {
      counters(): Promise<InboundCounters>;
      state(): ConnectionState;
      localTracks(): string[];
    };
  }
}

export function exposeMediaRoom(room: Room): void {
  window.majlisMedia = {
    counters: () => inboundCounters(room),
    state: () => room.state,
    localTracks: () => [...room.localParticipant.trackPublications.values()].map((p) => p.source),
  };
}
