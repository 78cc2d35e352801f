import type {
  ChannelReport,
  InterpretationView,
  LanguageCode,
  ListeningChoice,
} from '@majlis/shared';
import { call } from '../../realtime/socket.ts';
import {
  newerByVersion,
  onNotice,
  useLiveState,
  type LiveStateSpec,
} from '../../realtime/useLiveState.ts';

/** The session's booths: read with `interpretation:get`, kept by `interpretation:changed`. */
const liveBooths: LiveStateSpec<InterpretationView> = {
  load: (sessionId) => call('interpretation:get', { sessionId }),
  merge: newerByVersion((view) => view.version),
  notices: [
    onNotice('interpretation:changed', (view, _current, sessionId) =>
      view.sessionId === sessionId ? view : undefined,
    ),
  ],
};

/** The session's booths as the server sees them, live. */
export function useInterpretation(sessionId: string): {
  view: InterpretationView | undefined;
  failed: boolean;
} {
  const { state, failed } = useLiveState(sessionId, liveBooths);
  return { view: state, failed };
}

/** Tells the server what this person listens to, for reach by language (REACH-1). */
export function reportChannel(sessionId: string, channel: ListeningChoice): Promise<ChannelReport> {
  return call('interpretation:listen', { sessionId, channel });
}

/** One action: `to` goes on air in the booth, whoever was live goes off; null: nobody stays on. */
export function handOver(
  sessionId: string,
  language: LanguageCode,
  to: string | null,
): Promise<InterpretationView> {
  return call('interpretation:handover', { sessionId, language, to });
}
