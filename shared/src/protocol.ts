import { z } from 'zod';
import type { Result } from './errors.ts';

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

export interface ServerToClientEvents {
  'connection:accepted': (hello: Hello) => void;
  'access:revoked': (notice: AccessRevoked) => void;
}

export interface ClientToServerEvents {
  'clock:sync': (payload: unknown, ack: (reply: Result<{ serverTime: string }>) => void) => void;
}

/** Nothing passes between server nodes except through the adapter yet. */
export interface InterServerEvents {
  'node:ping': () => void;
}

export interface SocketData {
  principalKind: 'organiser' | 'participant';
  principalId: string;
  summitId: string | null;
}
