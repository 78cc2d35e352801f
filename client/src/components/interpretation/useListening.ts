import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Room } from 'livekit-client';
import type { InterpretationView } from '@majlis/shared';
import {
  Listening,
  type ListeningPreference,
  type ListeningSnapshot,
} from '../../media/listening.ts';
import { installListeningProbe } from './probe.ts';

/**
 * A `Listening` for the page's room, fed with the server's booth state. It
 * is started in an effect and stopped in its cleanup, so React's double
 * mount in development leaves one set of room listeners.
 */
export function useListening(
  room: Room,
  view: InterpretationView | undefined,
  opts: { remember: boolean; initial?: ListeningPreference },
): { listening: Listening; snapshot: ListeningSnapshot } {
  const { remember, initial } = opts;
  const listening = useMemo(
    () => new Listening(room, initial === undefined ? { remember } : { remember, initial }),
    // The initial preference is read once per room.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [room, remember],
  );
  useEffect(() => {
    listening.start();
    const uninstall = installListeningProbe(room, () => listening.effectiveChoice());
    return () => {
      uninstall();
      listening.stop();
    };
  }, [room, listening]);
  useEffect(() => {
    if (view) listening.setView(view);
  }, [listening, view]);
  const snapshot = useSyncExternalStore(
    (l) => listening.subscribe(l),
    () => listening.getSnapshot(),
  );
  return { listening, snapshot };
}
