import type { ConnectionState, Room } from 'livekit-client';
import { inboundCounters, type InboundCounters } from '../media/stats.ts';
import type { MediaKeys } from '../e2ee/mediaKeys.ts';

/** CONF-1 … CONF-3 as one device holds them: the raw key only ever leaves the page here, in tests. */
export interface E2eeProbe {
  keyIndex: number;
  securityCode: string | undefined;
  /** Hex of the media key in use; undefined before the first key. */
  keyHex: string | undefined;
  /** When (epoch ms) that key went into livekit-client's key provider. */
  keyAt: number | undefined;
  problem: string | undefined;
}

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
      /** Undefined in a session that is not end-to-end encrypted. */
      e2ee(): E2eeProbe | undefined;
    };
  }
}

const hex = (bytes: Uint8Array): string =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

export function exposeMeeting(room: Room, keys: MediaKeys | undefined): void {
  // The raw key is caught on its way into livekit-client's key provider: the
  // product keeps no copy of its own (installed before the meeting makes any key).
  let latest: Uint8Array | undefined;
  let latestAt: number | undefined;
  if (keys !== undefined) {
    const provider = keys.keyProvider;
    const setIndexedKey = provider.setIndexedKey.bind(provider);
    provider.setIndexedKey = (key, keyIndex) => {
      latest = key;
      latestAt = Date.now();
      return setIndexedKey(key, keyIndex);
    };
  }
  window.majlisMeeting = {
    room,
    counters: () => inboundCounters(room),
    countersFrom: (identity) => inboundCounters(room, identity),
    remoteIdentities: () => [...room.remoteParticipants.keys()],
    state: () => room.state,
    e2ee: () => {
      if (keys === undefined) return undefined;
      const { keyIndex, securityCode, problem } = keys.getState();
      return {
        keyIndex,
        securityCode,
        problem,
        keyHex: latest === undefined ? undefined : hex(latest),
        keyAt: latestAt,
      };
    },
  };
}
