// A bare livekit-client page: connect with a token minted directly, no
// Majlis in between. The join benchmark's baseline.
import { Room, RoomEvent, Track } from 'livekit-client';

declare global {
  interface Window {
    bareJoin(url: string, token: string): Promise<number>;
  }
}

window.bareJoin = async (url: string, token: string): Promise<number> => {
  const t0 = performance.now();
  const room = new Room({ adaptiveStream: false });
  await room.connect(url, token);
  room.on(RoomEvent.Disconnected, () => undefined);
  for (;;) {
    for (const p of room.remoteParticipants.values()) {
      for (const pub of p.trackPublications.values()) {
        if (pub.track?.kind !== Track.Kind.Video) continue;
        const report = await pub.track.getRTCStatsReport();
        let decoded = 0;
        report?.forEach((s: Record<string, unknown>) => {
          if (s['type'] === 'inbound-rtp' && typeof s['framesDecoded'] === 'number')
            decoded += s['framesDecoded'];
        });
        if (decoded > 0) {
          const ms = performance.now() - t0;
          await room.disconnect();
          return ms;
        }
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
};
