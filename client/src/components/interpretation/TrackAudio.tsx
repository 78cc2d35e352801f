import { useEffect, useRef } from 'react';
import type { Track } from 'livekit-client';

/** Plays a remote audio track; its volume is set on the track (see `Listening`). */
export function TrackAudio({ track }: { track: Track | undefined }) {
  const ref = useRef<HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !track) return;
    track.attach(el);
    return () => void track.detach(el);
  }, [track]);
  return <audio ref={ref} autoPlay />;
}
