import { useCallback, useEffect, useRef, useState } from 'react';
import type { FloorCommand, FloorState, FloorView } from '@majlis/shared';
import { command, getSocket } from '../../realtime/socket.ts';

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

/**
 * The session's floor, live: fetched on (re)connect, then kept by
 * `floor:changed` broadcasts, newest version wins. The server's clock
 * offset makes everyone's countdown the same (FLOOR-5).
 */
export function useFloor(sessionId: string) {
  const [floor, setFloor] = useState<FloorState | undefined>();
  const [offsetMs, setOffsetMs] = useState(0);
  const [warned, setWarned] = useState<number | undefined>();
  const [expired, setExpired] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const versionRef = useRef(-1);

  const accept = useCallback((view: FloorView) => {
    if (view.floor.version < versionRef.current) return;
    versionRef.current = view.floor.version;
    setOffsetMs(view.serverTime - Date.now());
    setFloor(view.floor);
    if (view.floor.current === null) {
      setWarned(undefined);
      setExpired(false);
    }
  }, []);

  useEffect(() => {
    const socket = getSocket();
    const sync = () => {
      void command<{ sessionId: string }>((ack) => socket.emit('session:watch', { sessionId }, ack))
        .then(() => command<FloorView>((ack) => socket.emit('floor:get', { sessionId }, ack)))
        .then(accept, () => undefined);
    };
    const onChanged = (view: FloorView) => {
      if (view.floor.sessionId === sessionId) accept(view);
    };
    const onWarned = (n: { sessionId: string; deadline: number }) => {
      if (n.sessionId !== sessionId) return;
      setWarned(n.deadline);
      beep();
    };
    const onExpired = (n: { sessionId: string }) => {
      if (n.sessionId === sessionId) setExpired(true);
    };
    socket.on('connect', sync);
    socket.on('floor:changed', onChanged);
    socket.on('floor:warned', onWarned);
    socket.on('floor:expired', onExpired);
    if (socket.connected) sync();
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => {
      clearInterval(timer);
      socket.off('connect', sync);
      socket.off('floor:changed', onChanged);
      socket.off('floor:warned', onWarned);
      socket.off('floor:expired', onExpired);
    };
  }, [sessionId, accept]);

  const send = useCallback(
    (c: FloorCommand) =>
      command<FloorView>((ack) =>
        getSocket().emit('floor:command', { sessionId, command: c }, ack),
      ).then(accept),
    [sessionId, accept],
  );

  return { floor, serverNow: now + offsetMs, warned, expired, send };
}
