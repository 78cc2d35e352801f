import { useEffect, useState } from 'react';
import type { FloorView } from '@majlis/shared';
import { command, getSocket } from '../../realtime/socket.ts';

export interface FloorFacts {
  /** Who holds the floor now. */
  speakerId: string | null;
  agendaItemId: string | null;
}

/** The little of the floor a booth needs: who speaks, under which agenda item. */
export function useFloorSpeaker(sessionId: string): FloorFacts {
  const [facts, setFacts] = useState<FloorFacts & { version: number }>({
    speakerId: null,
    agendaItemId: null,
    version: -1,
  });
  useEffect(() => {
    const socket = getSocket();
    const accept = (view: FloorView) => {
      if (view.floor.sessionId !== sessionId) return;
      setFacts((cur) =>
        view.floor.version < cur.version
          ? cur
          : {
              speakerId: view.floor.current?.entry.participantId ?? null,
              agendaItemId: view.floor.agendaItemId,
              version: view.floor.version,
            },
      );
    };
    const load = () => {
      command((ack) => socket.emit('session:watch', { sessionId }, ack))
        .then(() => command<FloorView>((ack) => socket.emit('floor:get', { sessionId }, ack)))
        .then(accept, () => undefined);
    };
    socket.on('connect', load);
    socket.on('floor:changed', accept);
    if (socket.connected) load();
    return () => {
      socket.off('connect', load);
      socket.off('floor:changed', accept);
    };
  }, [sessionId]);
  return facts;
}
