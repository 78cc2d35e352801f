import { useCallback, useEffect, useRef } from 'react';
import type { LobbyCommand, LobbyState, LobbyStatus } from '@majlis/shared';
import { call, listen } from '../../realtime/socket.ts';
import {
  newerByVersion,
  onNotice,
  useLiveState,
  type LiveStateSpec,
} from '../../realtime/useLiveState.ts';

/** CONF-5: a session's lobby as the chair or the secretariat sees it, kept by `lobby:changed`. */
export const liveLobby: LiveStateSpec<LobbyState> = {
  load: (sessionId) => call('lobby:get', { sessionId }),
  merge: newerByVersion((s) => s.version),
  notices: [
    onNotice('lobby:changed', (state, _current, sessionId) =>
      state.sessionId === sessionId ? state : undefined,
    ),
  ],
};

/** The lobby, live, and the presiding officer's one way to act on it. */
export function useLobby(sessionId: string): {
  lobby: LobbyState | undefined;
  failed: boolean;
  act: (command: LobbyCommand) => Promise<void>;
} {
  const live = useLiveState(sessionId, liveLobby);
  const act = useCallback(
    async (command: LobbyCommand) => {
      const state = await call('lobby:act', { sessionId, command });
      live.apply(() => state);
    },
    [sessionId, live],
  );
  return { lobby: live.state, failed: live.failed, act };
}

/** CONF-5: the chair admitted or denied me; a waiting page joins at once on `admitted`. */
export function useLobbyDecision(
  sessionId: string,
  onDecided: (status: LobbyStatus) => void,
): void {
  const latest = useRef(onDecided);
  useEffect(() => {
    latest.current = onDecided;
  });
  useEffect(
    () =>
      listen('lobby:decided', (d) => {
        if (d.sessionId === sessionId) latest.current(d.status);
      }),
    [sessionId],
  );
}
