import { ConnectionState } from 'livekit-client';
import type { MessageKey } from '../i18n/index.ts';

/** Exhaustive: a new LiveKit state fails the build until it has words in every page that shows it. */
export const CONNECTION_WORDS: Readonly<Record<ConnectionState, MessageKey>> = {
  [ConnectionState.Connected]: 'mediaCheck.state.connected',
  [ConnectionState.Connecting]: 'mediaCheck.state.connecting',
  [ConnectionState.Reconnecting]: 'mediaCheck.state.reconnecting',
  [ConnectionState.SignalReconnecting]: 'mediaCheck.state.reconnecting',
  [ConnectionState.Disconnected]: 'mediaCheck.state.disconnected',
};
