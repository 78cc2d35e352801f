import { useCallback, useEffect, useState } from 'react';
import type { FloorCommand, FloorState, FloorView } from '@majlis/shared';
import { call, listen } from '../../realtime/socket.ts';
import {
  newerByVersion,
  onNotice,
  useLiveState,
  type LiveStateSpec,
} from '../../realtime/useLiveState.ts';

/** A short tone for the 30-second warning (FLOOR-5), made on the spot: no audio file to ship. */
function beep(): void {
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = 880;
    gain.gain.value = 0.2;
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.25);
    osc.onended = () => void ctx.close();
  } catch {
    // No audio output: the visual warning still shows.
  }
}

/** The floor as this page holds it, with how far the server's clock is from ours (FLOOR-5). */
export interface LiveFloor {
  floor: FloorState;
  offsetMs: number;
}

const seen = (view: FloorView): LiveFloor => ({
  floor: view.floor,
  offsetMs: view.serverTime - Date.now(),
});

/** The session's floor: read with `floor:get`, kept by `floor:changed`, newest version wins. */
export const liveFloor: LiveStateSpec<LiveFloor> = {
  load: async (sessionId) => seen(await call('floor:get', { sessionId })),
  merge: newerByVersion((live) => live.floor.version),
  notices: [
    onNotice('floor:changed', (view, _current, sessionId) =>
      view.floor.sessionId === sessionId ? seen(view) : undefined,
    ),
  ],
};

/**
 * The session's floor, live, and the chair's and delegates' one way to act
 * on it. The server's clock offset makes everyone's countdown the same
 * (FLOOR-5); the 30-second cue and the expiry belong to the speaker they
 * were sent for, so they go when the floor moves on.
 */
export function useFloor(sessionId: string) {
  const { state, apply } = useLiveState(sessionId, liveFloor);
  const [warned, setWarned] = useState<{ entryId: string; deadline: number } | undefined>();
  const [expired, setExpired] = useState<string | undefined>();
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const stopWarned = listen('floor:warned', (notice) => {
      if (notice.sessionId !== sessionId) return;
      setWarned({ entryId: notice.entry.id, deadline: notice.deadline });
      beep();
    });
    const stopExpired = listen('floor:expired', (notice) => {
      if (notice.sessionId === sessionId) setExpired(notice.entry.id);
    });
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => {
      clearInterval(timer);
      stopWarned();
      stopExpired();
    };
  }, [sessionId]);

  const send = useCallback(
    async (command: FloorCommand) => {
      const view = await call('floor:command', { sessionId, command });
      apply(() => seen(view));
    },
    [sessionId, apply],
  );

  const floor = state?.floor;
  const speaking = floor?.current?.entry.id;
  return {
    floor,
    serverNow: now + (state?.offsetMs ?? 0),
    warned: warned !== undefined && warned.entryId === speaking ? warned.deadline : undefined,
    expired: expired !== undefined && expired === speaking,
    send,
  };
}
