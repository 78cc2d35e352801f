import { z } from 'zod';
import type { Result } from './errors.ts';
import type { FloorClientEvents, FloorServerEvents } from './floor/protocol.ts';
import type { VoteClientEvents, VoteServerEvents } from './votes/protocol.ts';
import type {
  InterpretationClientEvents,
  InterpretationServerEvents,
} from './interpretation/protocol.ts';

/**
 * The realtime protocol: typed Socket.IO event maps. Commands are
 * imperative (`entity:verb`), notices past tense. Payloads are parsed with
 * these schemas at the server's edge.
 */
export const AccessRevoked = z.object({ reason: z.enum(['revoked', 'signed_out']) });
export type AccessRevoked = z.infer<typeof AccessRevoked>;

export const Hello = z.object({
  participantId: z.string().nullable(),
  summitId: z.string().nullable(),
  serverTime: z.string(),
});
export type Hello = z.infer<typeof Hello>;

/** Every command carries an ack; its reply is a Result with a closed error code. */
export type Ack<T> = (reply: Result<T>) => void;

export const SessionRef = z.object({
  sessionId: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'is not a valid id'),
});
export type SessionRef = z.infer<typeof SessionRef>;

export interface CoreServerEvents {
  'connection:accepted': (hello: Hello) => void;
  'access:revoked': (notice: AccessRevoked) => void;
}

export interface CoreClientEvents {
  'clock:sync': (payload: unknown, ack: Ack<{ serverTime: string }>) => void;
  /** Follow a session's live state (floor, votes, channels): joins its broadcast room. */
  'session:watch': (payload: unknown, ack: Ack<SessionRef>) => void;
  'session:unwatch': (payload: unknown, ack: Ack<SessionRef>) => void;
}

/**
 * Each feature declares its own event maps beside its schemas and joins
 * them here, so a wrong event name or payload fails to compile everywhere.
 */
export interface ServerToClientEvents
  extends CoreServerEvents, FloorServerEvents, InterpretationServerEvents, VoteServerEvents {}
export interface ClientToServerEvents
  extends CoreClientEvents, FloorClientEvents, InterpretationClientEvents, VoteClientEvents {}

/** Nothing passes between server nodes except through the adapter yet. */
export interface InterServerEvents {
  'node:ping': () => void;
}

export interface SocketData {
  principalKind: 'organiser' | 'participant';
  principalId: string;
  summitId: string | null;
}
