import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { Meeting } from './meeting.ts';

/**
 * The page's meeting: one per session id, left when the page goes away.
 * `encrypted` (closed and bilateral sessions, CONF-1) is known once the
 * session is read; the page joins only after that, with the right one.
 */
export function useMeeting(sessionId: string, encrypted = false) {
  const meeting = useMemo(() => new Meeting(sessionId, encrypted), [sessionId, encrypted]);
  const snapshot = useSyncExternalStore(
    (l) => meeting.subscribe(l),
    () => meeting.getSnapshot(),
  );
  useEffect(() => () => void meeting.room.disconnect(), [meeting]);
  return { meeting, snapshot };
}
