import {
  BoothsState,
  FloorState,
  LanguageCode,
  PressBriefing,
  SessionProgress,
  type MediaRoomState,
  type Session,
} from '@majlis/shared';
import { keys } from '../store/keys.ts';
import type { RedisStore } from '../store/redis.ts';

/**
 * Reads what the permission rules need from the live state of a session's
 * room: the floor and the booths, as their services stored them. One read
 * serves everyone whose permission is recomputed after a change.
 */
export class MediaRoomReader {
  constructor(private readonly store: RedisStore) {}

  async read(session: Session): Promise<MediaRoomState> {
    const [floorRaw, boothsRaw, progressRaw, pressRaw] = await this.store.mget([
      keys.sessionFloor(session.id),
      keys.sessionBooths(session.id),
      keys.sessionLifecycle(session.id),
      keys.sessionPress(session.id),
    ]);
    // MEET-2: a session nobody has opened is scheduled.
    const state =
      progressRaw == null ? 'scheduled' : SessionProgress.parse(JSON.parse(progressRaw)).state;
    const speaking = floorRaw == null ? null : FloorState.parse(JSON.parse(floorRaw)).current;
    const booths = boothsRaw == null ? {} : BoothsState.parse(JSON.parse(boothsRaw)).booths;
    const onAir: MediaRoomState['booths'] = {};
    for (const language of LanguageCode.options) onAir[language] = booths[language]?.active ?? null;
    return {
      session: { ...session, state },
      floor:
        speaking === null
          ? null
          : {
              participantId: speaking.entry.participantId,
              delegationId: speaking.entry.delegationId,
            },
      booths: onAir,
      // PRESS-1: the journalist whose question was picked, until it ends.
      pressSpeaker:
        pressRaw == null
          ? null
          : (PressBriefing.parse(JSON.parse(pressRaw)).speaker?.journalistId ?? null),
    };
  }
}
