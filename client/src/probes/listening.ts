import { RemoteAudioTrack, type Room } from 'livekit-client';
import type { ListeningChoice } from '@majlis/shared';

/**
 * Test support: what a person actually hears, measured. Each remote audio
 * track this page plays is fed into WebAudio at the volume its elements
 * play it at (0 when muted or not attached), summed, and analysed by FFT, so
 * an automated check can tell which tone arrives and how loud, from the
 * received media itself rather than from track names. Nothing runs until a
 * check calls it.
 */
export interface HeardTrack {
  identity: string;
  trackName: string;
  volume: number;
}

export interface HearingReport {
  choice: ListeningChoice;
  /** dBFS at each asked frequency in the mix (-200 for silence). */
  levels: Record<string, number>;
  /** The strongest tones in the mix, loudest first. */
  peaks: { hz: number; db: number }[];
  tracks: HeardTrack[];
}

export interface ListeningProbe {
  choice(): ListeningChoice;
  /** Averages the mix over `ms` and reports levels at `frequencies`. */
  analyse(frequencies: number[], ms?: number): Promise<HearingReport>;
  /**
   * Milliseconds until `hz` is heard at `minDb` or more while every one of
   * `absent` stays under `absentMaxDb`; null after `timeoutMs`.
   */
  waitFor(opts: {
    hz: number;
    minDb: number;
    absent?: number[];
    absentMaxDb?: number;
    timeoutMs: number;
  }): Promise<number | null>;
}

declare global {
  interface Window {
    majlisListening?: ListeningProbe;
  }
}

const FFT_SIZE = 4096;
const SILENCE = -200;

interface Tap {
  stream: MediaStream;
  source: MediaStreamAudioSourceNode;
  gain: GainNode;
}

const playbackVolume = (track: RemoteAudioTrack): number =>
  track.attachedElements.reduce((v, el) => Math.max(v, el.muted ? 0 : el.volume), 0);

export function installListeningProbe(room: Room, choice: () => ListeningChoice): () => void {
  let ctx: AudioContext | undefined;
  let mix: AnalyserNode | undefined;
  const taps = new Map<string, Tap>();

  const heard = (): HeardTrack[] => {
    const graph = ensureGraph();
    const seen = new Set<string>();
    const out: HeardTrack[] = [];
    for (const p of room.remoteParticipants.values()) {
      for (const pub of p.audioTrackPublications.values()) {
        const track = pub.track;
        if (!(track instanceof RemoteAudioTrack) || !pub.isSubscribed) continue;
        const key = `${p.identity}/${pub.trackSid}/${track.mediaStreamTrack.id}`;
        seen.add(key);
        let tap = taps.get(key);
        if (tap === undefined) {
          const stream = new MediaStream([track.mediaStreamTrack]);
          const source = graph.ctx.createMediaStreamSource(stream);
          const gain = graph.ctx.createGain();
          source.connect(gain).connect(graph.mix);
          tap = { stream, source, gain };
          taps.set(key, tap);
        }
        const volume = playbackVolume(track);
        tap.gain.gain.value = volume;
        out.push({ identity: p.identity, trackName: pub.trackName, volume });
      }
    }
    for (const [key, tap] of taps)
      if (!seen.has(key)) {
        tap.source.disconnect();
        tap.gain.disconnect();
        taps.delete(key);
      }
    return out;
  };

  function ensureGraph(): { ctx: AudioContext; mix: AnalyserNode } {
    if (ctx === undefined || mix === undefined) {
      ctx = new AudioContext();
      mix = ctx.createAnalyser();
      mix.fftSize = FFT_SIZE;
      mix.smoothingTimeConstant = 0;
    }
    void ctx.resume();
    return { ctx, mix };
  }

  const binOf = (hz: number, c: AudioContext) => Math.round(hz / (c.sampleRate / FFT_SIZE));
  const levelAt = (data: Float32Array, hz: number, c: AudioContext): number => {
    const k = binOf(hz, c);
    let best = -Infinity;
    for (let i = Math.max(0, k - 2); i <= Math.min(data.length - 1, k + 2); i++)
      best = Math.max(best, data[i] ?? -Infinity);
    return Number.isFinite(best) ? best : SILENCE;
  };
  const frame = (): Float32Array => {
    const { mix: m } = ensureGraph();
    const data = new Float32Array(m.frequencyBinCount);
    m.getFloatFrequencyData(data);
    return data;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  const probe: ListeningProbe = {
    choice,
    async analyse(frequencies, ms = 600) {
      const tracks = heard();
      const { ctx: c } = ensureGraph();
      // Let the graph fill one window before the first reading.
      await sleep((FFT_SIZE / c.sampleRate) * 1000 + 20);
      const power = new Float64Array(frame().length);
      let frames = 0;
      const end = performance.now() + ms;
      do {
        const data = frame();
        for (let i = 0; i < data.length; i++) {
          const db = data[i] ?? -Infinity;
          power[i] = (power[i] ?? 0) + (Number.isFinite(db) ? 10 ** (db / 10) : 0);
        }
        frames++;
        await sleep(50);
      } while (performance.now() < end);
      const avg = Float32Array.from(power, (p) =>
        p > 0 ? 10 * Math.log10(p / frames) : -Infinity,
      );
      const levels: Record<string, number> = {};
      for (const hz of frequencies) levels[String(hz)] = Math.round(levelAt(avg, hz, c) * 10) / 10;
      const binHz = c.sampleRate / FFT_SIZE;
      const peaks: { hz: number; db: number }[] = [];
      for (let i = 2; i < avg.length - 2; i++) {
        const v = avg[i] ?? -Infinity;
        if (v > -90 && v >= (avg[i - 1] ?? 0) && v >= (avg[i + 1] ?? 0))
          peaks.push({ hz: Math.round(i * binHz), db: Math.round(v * 10) / 10 });
      }
      peaks.sort((a, b) => b.db - a.db);
      const distinct = peaks.filter(
        (p, i) => peaks.findIndex((q) => Math.abs(q.hz - p.hz) < 60) === i,
      );
      return { choice: choice(), levels, peaks: distinct.slice(0, 6), tracks };
    },
    async waitFor({ hz, minDb, absent = [], absentMaxDb = -80, timeoutMs }) {
      const started = performance.now();
      const { ctx: c } = ensureGraph();
      while (performance.now() - started < timeoutMs) {
        heard();
        const data = frame();
        if (
          levelAt(data, hz, c) >= minDb &&
          absent.every((other) => levelAt(data, other, c) < absentMaxDb)
        )
          return Math.round(performance.now() - started);
        await sleep(10);
      }
      return null;
    },
  };
  window.majlisListening = probe;
  return () => {
    if (window.majlisListening === probe) delete window.majlisListening;
    for (const tap of taps.values()) {
      tap.source.disconnect();
      tap.gain.disconnect();
    }
    taps.clear();
    void ctx?.close();
  };
}
