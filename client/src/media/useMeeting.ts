import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { Meeting } from './meeting.ts';

/** The page's meeting: one per session id, left when the page goes away. */
export function useMeeting(sessionId: string) {
  const meeting = useMemo(() => new Meeting(sessionId), [sessionId]);
  const snapshot = useSyncExternalStore(
    (l) => meeting.subscribe(l),
    () => meeting.getSnapshot(),
  );
  useEffect(() => () => void meeting.room.disconnect(), [meeting]);
  return { meeting, snapshot };
}
