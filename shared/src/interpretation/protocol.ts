import { z } from 'zod';
import { Id, LanguageCode, SessionRef } from '../domain/common.ts';
import { command, notice, type ContractTable } from '../contract.ts';
import { ListeningChoice } from './booths.ts';

export const BoothInterpreter = z.object({
  participantId: Id,
  /** The LiveKit identity their channel track comes from. */
  identity: z.string(),
  name: z.string(),
  /** Languages they interpret from; a speaker outside them means relay. */
  languages: z.array(LanguageCode),
});
export type BoothInterpreter = z.infer<typeof BoothInterpreter>;

export const BoothView = z.object({
  language: LanguageCode,
  interpreters: z.array(BoothInterpreter),
  /** The interpreter on air, or null while the booth is silent. */
  active: Id.nullable(),
  activeIdentity: z.string().nullable(),
  since: z.number().nullable(),
});
export type BoothView = z.infer<typeof BoothView>;

/** Every booth of a session, as every client sees it. */
export const InterpretationView = z.object({
  sessionId: z.string(),
  version: z.number().int().nonnegative(),
  booths: z.array(BoothView),
});
export type InterpretationView = z.infer<typeof InterpretationView>;

/** `to: null` takes the booth off air. */
export const HandOverRequest = z.object({
  sessionId: Id,
  language: LanguageCode,
  to: Id.nullable(),
});
export type HandOverRequest = z.infer<typeof HandOverRequest>;
/** A listener's channel, for reach by language (REACH-1). */
export const ListenRequest = z.object({ sessionId: Id, channel: ListeningChoice });
export type ListenRequest = z.infer<typeof ListenRequest>;

export const ChannelReport = z.object({ channel: ListeningChoice });
export type ChannelReport = z.infer<typeof ChannelReport>;

/** Interpretation's realtime contract (INTERP-1, REACH-1). */
export const interpretationContract = {
  'interpretation:get': command({
    input: SessionRef,
    output: InterpretationView,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  /** One action: `to` goes on air, whoever was live in that booth goes off. */
  'interpretation:handover': command({
    input: HandOverRequest,
    output: InterpretationView,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'interpretation:listen': command({
    input: ListenRequest,
    output: ChannelReport,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  /** Sent to everyone watching the session after each hand-over. */
  'interpretation:changed': notice(InterpretationView),
} as const satisfies ContractTable;
