import { useEffect, useState } from 'react';
import type { InterpretationView, ListeningChoice } from '@majlis/shared';
import { command, getSocket } from '../../realtime/socket.ts';

/**
 * The session's booths as the server sees them, kept current by
 * `interpretation:changed`. Watching the session is shared with the floor;
 * it is never unwatched here, since another component may still follow it.
 */
export function useInterpretation(sessionId: string): {
  view: InterpretationView | undefined;
  failed: boolean;
} {
  const [view, setView] = useState<InterpretationView | undefined>();
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const socket = getSocket();
    let live = true;
    const load = () => {
      command((ack) => socket.emit('session:watch', { sessionId }, ack))
        .then(() =>
          command<InterpretationView>((ack) =>
            socket.emit('interpretation:get', { sessionId }, ack),
          ),
        )
        .then(
          (v) => {
            if (!live) return;
            setFailed(false);
            setView((cur) => (cur && cur.version > v.version ? cur : v));
          },
          () => {
            if (live) setFailed(true);
          },
        );
    };
    const changed = (v: InterpretationView) => {
      if (v.sessionId !== sessionId) return;
      setView((cur) => (cur && cur.version > v.version ? cur : v));
    };
    socket.on('connect', load);
    socket.on('interpretation:changed', changed);
    if (socket.connected) load();
    return () => {
      live = false;
      socket.off('connect', load);
      socket.off('interpretation:changed', changed);
    };
  }, [sessionId]);
  return { view, failed };
}

/** Tells the server what this person listens to, for reach by language (REACH-1). */
export function reportChannel(sessionId: string, channel: ListeningChoice): Promise<unknown> {
  const socket = getSocket();
  return command((ack) => socket.emit('interpretation:listen', { sessionId, channel }, ack));
}

/** One action: `to` goes on air in the booth, whoever was live goes off. */
export function handOver(
  sessionId: string,
  language: InterpretationView['booths'][number]['language'],
  to: string,
): Promise<InterpretationView> {
  const socket = getSocket();
  return command<InterpretationView>((ack) =>
    socket.emit('interpretation:handover', { sessionId, language, to }, ack),
  );
}
