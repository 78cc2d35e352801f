import { useLiveState } from '../../realtime/useLiveState.ts';
import { liveFloor } from '../floor/useFloor.ts';

export interface FloorFacts {
  /** Who holds the floor now. */
  speakerId: string | null;
  agendaItemId: string | null;
}

/** The little of the floor a booth needs: who speaks, under which agenda item. */
export function useFloorSpeaker(sessionId: string): FloorFacts {
  const floor = useLiveState(sessionId, liveFloor).state?.floor;
  return {
    speakerId: floor?.current?.entry.participantId ?? null,
    agendaItemId: floor?.agendaItemId ?? null,
  };
}
