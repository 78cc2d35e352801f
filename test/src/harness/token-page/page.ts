// A bare livekit-client page driven by a token the test hands it, with no
// Majlis in between: what someone holding a leaked or stale token, or a
// token minted with the API secret, could do. Bundled by esbuild
// (token-client.ts); never part of the product.
import { EngineEvent, Room, RoomEvent, Track, type RemoteTrack } from 'livekit-client';

export interface TokenClientCounters {
  /** Bytes received so far over every track this page ever subscribed to. */
  bytesReceived: number;
  /** Tracks subscribed since the page connected. */
  tracks: number;
  /** Who is in the room now as this client sees it, with how many tracks each publishes. */
  remote: { identity: string; publications: number }[];
}

export interface TokenClient {
  /** 'connected', or 'refused: <why>' when the SFU does not let the token in. */
  connect(url: string, token: string): Promise<string>;
  state(): string;
  /** Why the room disconnected (livekit's DisconnectReason number), or null. */
  disconnectReason(): number | null;
  counters(): TokenClientCounters;
  /** The token LiveKit sent this client to reconnect with (its refresh), or null. */
  refreshedToken(): string | null;
  /**
   * Publishes the fake camera and a pure tone at `toneHz`. With `force`,
   * livekit-client's own permission check is switched off first, as a
   * tampered client would, so only the SFU can refuse.
   */
  publish(toneHz: number, force?: boolean): Promise<string>;
  /** Makes livekit-client reconnect as after a network change (its own test hook). */
  fullReconnect(): Promise<void>;
  /** How many times the room reconnected since the page connected. */
  reconnects(): number;
  disconnect(): Promise<void>;
  /**
   * What this client can make of the media (CONF-1): over `ms` of every
   * subscribed audio track mixed, the level in dB at each frequency and how
   * far it stands above its neighbourhood (60 to 200 Hz either side: a tone
   * is a narrow peak, noise is locally flat), and the video frames its
   * decoder produced so far. A local tone at `referenceHz`, at about the
   * level a source arrives at, is mixed in: the detector is shown to find a
   * tone in whatever noise the page receives.
   */
  hear(
    frequencies: number[],
    ms: number,
    referenceHz: number,
  ): Promise<{ levels: number[]; prominence: number[]; framesDecoded: number }>;
}

declare global {
  interface Window {
    tokenClient: TokenClient;
  }
}

let room: Room | undefined;
let reason: number | null = null;
let refreshed: string | null = null;
let reconnected = 0;
const tracks: RemoteTrack[] = [];
const lastBytes = new Map<RemoteTrack, number>();

// Counters are sampled while the tracks live, so the figure after a removal
// is the last one the connection reached: it must stop growing.
setInterval(() => {
  for (const track of tracks) {
    void track.receiver
      ?.getStats()
      .then((report) => {
        let bytes = 0;
        report.forEach((s: { type: string; bytesReceived?: number }) => {
          if (s.type === 'inbound-rtp') bytes += s.bytesReceived ?? 0;
        });
        lastBytes.set(track, Math.max(bytes, lastBytes.get(track) ?? 0));
      })
      .catch(() => {
        // A closed connection has no stats: the last sample stands.
      });
  }
}, 100);

window.tokenClient = {
  async connect(url, token) {
    room = new Room({ adaptiveStream: false, dynacast: false });
    room.on(RoomEvent.TrackSubscribed, (track) => {
      tracks.push(track);
    });
    room.on(RoomEvent.Disconnected, (why) => {
      reason = why ?? null;
    });
    room.on(RoomEvent.Reconnected, () => {
      reconnected += 1;
    });
    room.engine.on(EngineEvent.TokenRefreshed, (t: string) => {
      refreshed = t;
    });
    try {
      await room.connect(url, token, { autoSubscribe: true });
      return 'connected';
    } catch (err) {
      return `refused: ${err instanceof Error ? err.message : String(err)}`;
    }
  },
  state: () => room?.state ?? 'new',
  disconnectReason: () => reason,
  counters: () => ({
    bytesReceived: [...lastBytes.values()].reduce((a, b) => a + b, 0),
    tracks: tracks.length,
    remote: [...(room?.remoteParticipants.values() ?? [])].map((p) => ({
      identity: p.identity,
      publications: p.trackPublications.size,
    })),
  }),
  refreshedToken: () => refreshed,
  async publish(toneHz, force = false) {
    if (!room) return 'not connected';
    const permissions = room.localParticipant.permissions;
    if (force && permissions) {
      permissions.canPublish = true;
      permissions.canPublishSources = [];
    }
    const audio = new AudioContext();
    const oscillator = audio.createOscillator();
    oscillator.frequency.value = toneHz;
    const sink = audio.createMediaStreamDestination();
    oscillator.connect(sink);
    oscillator.start();
    const [tone] = sink.stream.getAudioTracks();
    const [camera] = (await navigator.mediaDevices.getUserMedia({ video: true })).getVideoTracks();
    if (!tone || !camera) return 'no tracks';
    const local = room.localParticipant;
    try {
      await Promise.race([
        (async () => {
          await local.publishTrack(tone, { name: 'tone', source: Track.Source.Microphone });
          await local.publishTrack(camera, { name: 'camera', source: Track.Source.Camera });
        })(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('no answer from the SFU')), 15_000),
        ),
      ]);
      return 'published';
    } catch (err) {
      return `refused: ${err instanceof Error ? err.message : String(err)}`;
    }
  },
  async fullReconnect() {
    await room?.simulateScenario('full-reconnect');
  },
  reconnects: () => reconnected,
  async disconnect() {
    await room?.disconnect();
  },
  async hear(frequencies, ms, referenceHz) {
    const ctx = new AudioContext();
    await ctx.resume();
    const mix = ctx.createAnalyser();
    mix.fftSize = 8192;
    mix.smoothingTimeConstant = 0;
    const reference = ctx.createOscillator();
    reference.frequency.value = referenceHz;
    const quiet = ctx.createGain();
    quiet.gain.value = 0.08;
    reference.connect(quiet).connect(mix);
    reference.start();
    let framesDecoded = 0;
    for (const track of tracks) {
      if (track.kind === Track.Kind.Audio) {
        // Chrome feeds WebAudio from a remote track only while it plays somewhere.
        track.attach();
        ctx.createMediaStreamSource(new MediaStream([track.mediaStreamTrack])).connect(mix);
      } else {
        const report = await track.receiver?.getStats();
        report?.forEach((s: { type: string; framesDecoded?: number }) => {
          if (s.type === 'inbound-rtp') framesDecoded += s.framesDecoded ?? 0;
        });
      }
    }
    const power = new Float64Array(mix.frequencyBinCount);
    const data = new Float32Array(mix.frequencyBinCount);
    let frames = 0;
    const end = performance.now() + ms;
    await new Promise((r) => setTimeout(r, 200));
    while (performance.now() < end) {
      mix.getFloatFrequencyData(data);
      data.forEach((db, i) => {
        power[i] = (power[i] ?? 0) + 10 ** (db / 10);
      });
      frames += 1;
      await new Promise((r) => setTimeout(r, 50));
    }
    const bin = ctx.sampleRate / mix.fftSize;
    const db = (p: number) => (p <= 0 ? -200 : 10 * Math.log10(p / Math.max(1, frames)));
    const peak = (hz: number) => {
      const k = Math.round(hz / bin);
      let best = 0;
      // The window's main lobe: a tone on a bin's frequency is within one bin of it.
      for (let i = Math.max(0, k - 1); i <= k + 1; i++) best = Math.max(best, power[i] ?? 0);
      return db(best);
    };
    const around = (hz: number) => {
      let sum = 0;
      let n = 0;
      for (const side of [-1, 1])
        for (let f = 60; f <= 200; f += bin) {
          sum += power[Math.round((hz + side * f) / bin)] ?? 0;
          n += 1;
        }
      return db(sum / n);
    };
    const levels = frequencies.map(peak);
    const prominence = frequencies.map((hz) => peak(hz) - around(hz));
    reference.stop();
    await ctx.close();
    return { levels, prominence, framesDecoded };
  },
};
