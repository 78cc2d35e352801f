import { z } from 'zod';
import { Id, LanguageCode } from '../domain/common.ts';
import type { Ack } from '../protocol.ts';
import { ListeningChoice } from './booths.ts';

const SessionId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'is not a valid id');

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

export const InterpretationRequest = z.object({ sessionId: SessionId });
export const HandOverRequest = z.object({ sessionId: SessionId, language: LanguageCode, to: Id });
export type HandOverRequest = z.infer<typeof HandOverRequest>;
/** A listener's channel, for reach by language (REACH-1). */
export const ListenRequest = z.object({ sessionId: SessionId, channel: ListeningChoice });
export type ListenRequest = z.infer<typeof ListenRequest>;

export interface InterpretationServerEvents {
  /** Sent to everyone watching the session after each hand-over. */
  'interpretation:changed': (view: InterpretationView) => void;
}

export interface InterpretationClientEvents {
  'interpretation:get': (payload: unknown, ack: Ack<InterpretationView>) => void;
  /** One action: `to` goes on air, whoever was live in that booth goes off. */
  'interpretation:handover': (payload: unknown, ack: Ack<InterpretationView>) => void;
  'interpretation:listen': (payload: unknown, ack: Ack<{ channel: ListeningChoice }>) => void;
}
