import { useEffect, useState } from 'react';

/** The peak of one block of 8-bit time-domain samples (128 is silence), from 0 to 1. */
export function peakLevel(samples: Uint8Array): number {
  let peak = 0;
  for (const v of samples) peak = Math.max(peak, Math.abs(v - 128) / 128);
  return peak;
}

/**
 * A microphone's level (0–1), read by a WebAudio AnalyserNode once per
 * animation frame: what a meter needs to show the microphone picks up sound.
 */
export function useMicrophoneLevel(track: MediaStreamTrack | undefined): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (track === undefined) return;
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    const source = ctx.createMediaStreamSource(new MediaStream([track]));
    source.connect(analyser);
    const data = new Uint8Array(analyser.fftSize);
    let frame = 0;
    const tick = () => {
      analyser.getByteTimeDomainData(data);
      setLevel(peakLevel(data));
      frame = requestAnimationFrame(tick);
    };
    tick();
    return () => {
      cancelAnimationFrame(frame);
      source.disconnect();
      void ctx.close();
      setLevel(0);
    };
  }, [track]);
  return level;
}
