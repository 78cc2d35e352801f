import { FLOOR, languageOfTrackName, isChannelTrackName, type ListeningChoice } from './booths.ts';
import type { LanguageCode } from '../domain/common.ts';

/** The original under an interpretation: audible, about 16 dB down. */
export const ORIGINAL_UNDERNEATH_VOLUME = 0.15;

/** What the listening rules need to know about a remote track. */
export interface PublicationFacts {
  trackName: string;
  kind: 'audio' | 'video';
  publisherIdentity: string;
  /** From the server-set metadata; undefined when it is missing. */
  publisherRole: string | undefined;
}

export type TrackClass =
  | { kind: 'floor' }
  | { kind: 'channel'; language: LanguageCode }
  /** Never subscribed: a channel-named track from someone not on air, or an interpreter's stray track. */
  | { kind: 'ignored' };

/**
 * Sorts a remote track into the floor, a language channel, or nothing.
 * A channel is trusted only from the identity the server says is on air in
 * that booth: LiveKit grants are per source, not per track name, so anyone
 * allowed a microphone (the chair, the floor holder) could publish a track
 * named `interp-fr`; such a track reaches no one. Interpreters never feed
 * the floor, whatever their track is called.
 */
export function classifyTrack(
  pub: PublicationFacts,
  live: Readonly<Partial<Record<LanguageCode, string>>>,
): TrackClass {
  if (pub.publisherRole === 'interpreter' || isChannelTrackName(pub.trackName)) {
    const language = languageOfTrackName(pub.trackName);
    if (language !== undefined && pub.kind === 'audio' && live[language] === pub.publisherIdentity)
      return { kind: 'channel', language };
    return { kind: 'ignored' };
  }
  return { kind: 'floor' };
}

/** Subscribe to the floor always, and to the chosen channel only. */
export function wantsSubscription(track: TrackClass, choice: ListeningChoice): boolean {
  switch (track.kind) {
    case 'floor':
      return true;
    case 'channel':
      return choice === track.language;
    case 'ignored':
      return false;
    default: {
      const unreachable: never = track;
      return unreachable;
    }
  }
}

/** Playback volume (0…1) of a subscribed audio track. */
export function volumeFor(
  track: TrackClass,
  choice: ListeningChoice,
  originalUnderneath: boolean,
): number {
  switch (track.kind) {
    case 'floor':
      if (choice === FLOOR) return 1;
      return originalUnderneath ? ORIGINAL_UNDERNEATH_VOLUME : 0;
    case 'channel':
      return choice === track.language ? 1 : 0;
    case 'ignored':
      return 0;
    default: {
      const unreachable: never = track;
      return unreachable;
    }
  }
}
