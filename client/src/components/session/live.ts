import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionAct, SessionProgress, Turnout } from '@majlis/shared';
import { call, listen } from '../../realtime/socket.ts';
import {
  newerByVersion,
  onNotice,
  useLiveState,
  type LiveStateSpec,
} from '../../realtime/useLiveState.ts';

/** MEET-2: the session's life, read with `lifecycle:get`, kept by `lifecycle:changed`. */
export const liveLifecycle: LiveStateSpec<SessionProgress> = {
  load: (sessionId) => call('lifecycle:get', { sessionId }),
  merge: newerByVersion((p) => p.version),
  notices: [
    onNotice('lifecycle:changed', (progress, _current, sessionId) =>
      progress.sessionId === sessionId ? progress : undefined,
    ),
  ],
};

/** The session's life, live, and the presiding officer's one way to change it. */
export function useSessionLife(sessionId: string): {
  progress: SessionProgress | undefined;
  failed: boolean;
  act: (act: SessionAct) => Promise<void>;
} {
  const live = useLiveState(sessionId, liveLifecycle);
  const act = useCallback(
    async (a: SessionAct) => {
      const progress = await call('lifecycle:act', { sessionId, act: a });
      live.apply(() => progress);
    },
    [sessionId, live],
  );
  return { progress: live.state, failed: live.failed, act };
}

/** MEET-3: the chair's live turnout of the open vote, counts only (VOTE-6). */
export function useTurnout(sessionId: string): Turnout | undefined {
  const [turnout, setTurnout] = useState<Turnout>();
  useEffect(
    () =>
      listen('turnout:changed', (t) => {
        if (t.sessionId === sessionId) setTurnout(t);
      }),
    [sessionId],
  );
  return turnout;
}

/** MEET-3: the chair muted someone; the page tells the person concerned. */
export function useChairMuted(sessionId: string, onMuted: (participantId: string) => void): void {
  const latest = useRef(onMuted);
  useEffect(() => {
    latest.current = onMuted;
  });
  useEffect(
    () =>
      listen('chair:muted', (m) => {
        if (m.sessionId === sessionId) latest.current(m.participantId);
      }),
    [sessionId],
  );
}

/**
 * A message that clears itself (a refusal shown by its code, "the chair
 * muted you"): shown for `ms`, replaced by the next one.
 */
export function useFlash<T>(ms = 8000): { flash: T | undefined; show: (value: T) => void } {
  const [flash, setFlash] = useState<{ value: T; n: number }>();
  const counter = useRef(0);
  useEffect(() => {
    if (flash === undefined) return;
    const timer = setTimeout(() => setFlash(undefined), ms);
    return () => clearTimeout(timer);
  }, [flash, ms]);
  const show = useCallback((value: T) => {
    counter.current += 1;
    setFlash({ value, n: counter.current });
  }, []);
  return { flash: flash?.value, show };
}
