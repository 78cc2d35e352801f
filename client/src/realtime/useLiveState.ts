import { useCallback, useEffect, useRef, useState } from 'react';
import type { NoticeName, NoticePayload } from '@majlis/shared';
import { ApiError } from '../api/http.ts';
import { call, getSocket, listen } from './socket.ts';

/** A change to a live state: the incoming state to merge, or undefined to leave it. */
export type LiveChange<S> = (current: S | undefined) => S | undefined;

/** One notice that changes a live state; made by `onNotice`. */
export interface LiveNotice<S> {
  subscribe: (sessionId: string, apply: (change: LiveChange<S>) => void) => () => void;
}

/**
 * How one notice changes a live state. `reduce` returns the incoming state
 * (merged by the spec's `merge`), or undefined when the notice is about
 * another session or changes nothing here.
 */
export function onNotice<S, N extends NoticeName>(
  event: N,
  reduce: (payload: NoticePayload<N>, current: S | undefined, sessionId: string) => S | undefined,
): LiveNotice<S> {
  return {
    subscribe: (sessionId, apply) =>
      listen(event, (payload) => apply((current) => reduce(payload, current, sessionId))),
  };
}

/** One kind of live state of a session (the floor, the booths, the motions). Keep it a module constant. */
export interface LiveStateSpec<S> {
  /** Reads the whole state; runs once watching, and again after each reconnect. */
  load(sessionId: string): Promise<S>;
  /** The state to keep when `incoming` arrives: the newer by version, never an older one. */
  merge(current: S | undefined, incoming: S): S;
  notices: readonly LiveNotice<S>[];
}

/** `merge` for a state that carries one version: an older state never replaces a newer one. */
export const newerByVersion =
  <S>(version: (state: S) => number) =>
  (current: S | undefined, incoming: S): S =>
    current !== undefined && version(current) > version(incoming) ? current : incoming;

/**
 * Sessions this page follows, with how many hooks follow each: the last one
 * to stop sends `session:unwatch`. Messages on one socket keep their order,
 * so an unwatch followed at once by a new watch (React's double mount in
 * development) leaves the session watched.
 */
const watching = new Map<string, number>();

function follow(sessionId: string): void {
  watching.set(sessionId, (watching.get(sessionId) ?? 0) + 1);
}

function unfollow(sessionId: string): void {
  const left = (watching.get(sessionId) ?? 1) - 1;
  if (left > 0) {
    watching.set(sessionId, left);
    return;
  }
  watching.delete(sessionId);
  call('session:unwatch', { sessionId }).catch((err: unknown) => {
    // Refused or unanswered: the notices that still come name a session no
    // hook follows, and every reducer ignores them; a reconnect ends them.
    if (!(err instanceof ApiError)) throw err;
  });
}

export interface LiveState<S> {
  /** Undefined until the first load (or notice) for this session. */
  state: S | undefined;
  /** The last load failed; the state (if any) may be stale until the next reconnect. */
  failed: boolean;
  /** Merges a change the page caused itself, e.g. a command's answer. */
  apply: (change: LiveChange<S>) => void;
}

/**
 * A session's live state: watch the session, read the whole state, then
 * merge every notice, an older version never replacing a newer one. After a
 * reconnect it watches and reads again; on unmount it stops following (the
 * last follower sends `session:unwatch`).
 */
export function useLiveState<S>(sessionId: string, spec: LiveStateSpec<S>): LiveState<S> {
  const current = useRef<{ sessionId: string; value: S | undefined }>({
    sessionId,
    value: undefined,
  });
  const [shown, setShown] = useState<{
    sessionId: string;
    value: S | undefined;
    failed: boolean;
  }>({ sessionId, value: undefined, failed: false });

  const apply = useCallback(
    (change: LiveChange<S>) => {
      const mine = current.current;
      if (mine.sessionId !== sessionId) return;
      const incoming = change(mine.value);
      if (incoming === undefined) return;
      const next = spec.merge(mine.value, incoming);
      if (next === mine.value) return;
      current.current = { sessionId, value: next };
      setShown({ sessionId, value: next, failed: false });
    },
    [sessionId, spec],
  );

  useEffect(() => {
    current.current = { sessionId, value: undefined };
    let live = true;
    const socket = getSocket();
    const sync = () => {
      void call('session:watch', { sessionId })
        .then(() => spec.load(sessionId))
        .then(
          (loaded) => {
            if (!live) return;
            apply(() => loaded);
            setShown((s) => (s.failed ? { ...s, failed: false } : s));
          },
          (err: unknown) => {
            if (!(err instanceof ApiError)) throw err;
            if (live)
              setShown((s) => ({
                sessionId,
                value: s.sessionId === sessionId ? s.value : undefined,
                failed: true,
              }));
          },
        );
    };
    follow(sessionId);
    const unsubscribe = spec.notices.map((n) => n.subscribe(sessionId, apply));
    socket.on('connect', sync);
    if (socket.connected) sync();
    return () => {
      live = false;
      socket.off('connect', sync);
      for (const off of unsubscribe) off();
      unfollow(sessionId);
    };
  }, [sessionId, spec, apply]);

  const mine = shown.sessionId === sessionId;
  return { state: mine ? shown.value : undefined, failed: mine && shown.failed, apply };
}
