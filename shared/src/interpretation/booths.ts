import { z } from 'zod';
import { Id, LanguageCode } from '../domain/common.ts';

/**
 * Simultaneous interpretation (INTERP-1): one booth per interpretation
 * language of a session, usually two interpreters taking turns, exactly one
 * of them live. The live one publishes a single audio track named
 * `interp-<lang>`; listeners choose the floor or one language.
 */

const CHANNEL_PREFIX = 'interp-';

/** The name of the one track a booth publishes, e.g. `interp-fr`. */
export const channelTrackName = (language: LanguageCode): string => `${CHANNEL_PREFIX}${language}`;

/** True for any track named like a language channel, whoever published it. */
export const isChannelTrackName = (name: string): boolean => name.startsWith(CHANNEL_PREFIX);

/** The language a channel track carries; undefined for anything else. */
export function languageOfTrackName(name: string): LanguageCode | undefined {
  if (!isChannelTrackName(name)) return undefined;
  const parsed = LanguageCode.safeParse(name.slice(CHANNEL_PREFIX.length));
  return parsed.success ? parsed.data : undefined;
}

/** What a person hears: the floor (the original) or one language channel. */
export const FLOOR = 'floor';
export const ListeningChoice = z.union([z.literal(FLOOR), LanguageCode]);
export type ListeningChoice = z.infer<typeof ListeningChoice>;

/** One booth's live state: who is on air, since when (ms since the epoch). */
export const Booth = z.object({ active: Id.nullable(), since: z.number().nullable() });
export type Booth = z.infer<typeof Booth>;

/** Every booth of a session, stored as one versioned JSON value. */
export const BoothsState = z.object({
  sessionId: z.string(),
  /** 0 until the first change is stored. */
  version: z.number().int().nonnegative(),
  booths: z.partialRecord(LanguageCode, Booth),
});
export type BoothsState = z.infer<typeof BoothsState>;

export const initialBooths = (sessionId: string): BoothsState => ({
  sessionId,
  version: 0,
  booths: {},
});

/** The person asking for a hand-over, as the booth rules see them. */
export type BoothActor =
  | { kind: 'organiser' }
  | { kind: 'chair' }
  | { kind: 'interpreter'; participantId: string; boothLanguage: LanguageCode | null }
  | { kind: 'other' };

export interface HandOverCommand {
  language: LanguageCode;
  /** The interpreter who goes on air; null takes the booth off air (a solo interpreter's pause). */
  to: string | null;
}

export interface HandedOver {
  type: 'handed_over';
  language: LanguageCode;
  from: string | null;
  to: string | null;
}

export class BoothError extends Error {
  constructor(
    readonly code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'INVALID_PAYLOAD',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Puts `to` on air in the booth, taking the previous interpreter off it, in
 * one step: there is never a moment with two live interpreters in a booth.
 * A null `to` takes the booth off air: an interpreter alone in a booth may
 * stop without a partner to hand to (the channel is then silent).
 * The booth's own interpreters hand over (or take over) between themselves;
 * the chair and the secretariat may also assign the live seat. Handing over
 * to the one already on air changes nothing, so a retried command is harmless.
 */
export function handOver(
  state: BoothsState,
  command: HandOverCommand,
  actor: BoothActor,
  booth: { languages: readonly LanguageCode[]; interpreters: readonly string[] },
  now: number,
): { state: BoothsState; events: HandedOver[] } {
  const { language, to } = command;
  if (!booth.languages.includes(language))
    throw new BoothError('NOT_FOUND', `This session has no ${language} booth`);
  switch (actor.kind) {
    case 'organiser':
    case 'chair':
      break;
    case 'interpreter':
      if (actor.boothLanguage !== language || !booth.interpreters.includes(actor.participantId))
        throw new BoothError('FORBIDDEN', `Only the ${language} booth may hand over its channel`);
      break;
    case 'other':
      throw new BoothError(
        'FORBIDDEN',
        'Only interpreters, the chair or the secretariat hand over',
      );
    default: {
      const unreachable: never = actor;
      return unreachable;
    }
  }
  if (to !== null && !booth.interpreters.includes(to))
    throw new BoothError('INVALID_PAYLOAD', `to: is not an interpreter of the ${language} booth`);
  const current = state.booths[language]?.active ?? null;
  if (current === to) return { state, events: [] };
  return {
    state: {
      ...state,
      version: state.version + 1,
      booths: {
        ...state.booths,
        [language]: to === null ? { active: null, since: null } : { active: to, since: now },
      },
    },
    events: [{ type: 'handed_over', language, from: current, to }],
  };
}

/** The live interpreter of `language`, if any. */
export const activeOf = (state: BoothsState, language: LanguageCode): string | null =>
  state.booths[language]?.active ?? null;
