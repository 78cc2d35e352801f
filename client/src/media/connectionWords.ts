import { ConnectionState } from 'livekit-client';
import type { MessageKey } from '../i18n/index.ts';
import { ApiError } from '../api/http.ts';

/** Exhaustive: a new LiveKit state fails the build until it has words in every page that shows it. */
export const CONNECTION_WORDS: Readonly<Record<ConnectionState, MessageKey>> = {
  [ConnectionState.Connected]: 'mediaCheck.state.connected',
  [ConnectionState.Connecting]: 'mediaCheck.state.connecting',
  [ConnectionState.Reconnecting]: 'mediaCheck.state.reconnecting',
  [ConnectionState.SignalReconnecting]: 'mediaCheck.state.reconnecting',
  [ConnectionState.Disconnected]: 'mediaCheck.state.disconnected',
};

/** Why joining a session's room failed, from the server's refusal; anything else is a media failure. */
export function joinFailureWords(err: unknown): MessageKey {
  if (err instanceof ApiError) {
    if (err.status === 403) return 'meeting.error.forbidden';
    if (err.status === 401) return 'meeting.error.signIn';
    // A malformed id names no session either (422): not a media failure.
    if (err.status === 404 || err.status === 422) return 'meeting.error.notFound';
    // MEET-2: the session has not opened yet; the page shows its waiting room.
    if (err.status === 409) return 'room.waiting.title';
  }
  return 'meeting.error.media';
}
