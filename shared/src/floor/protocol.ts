import { z } from 'zod';
import type { Ack } from '../protocol.ts';
import { FloorCommand, FloorState, type Entry } from './speakers-list.ts';

/** What clients see: the whole floor state and the server's clock at that moment. */
export const FloorView = z.object({ floor: FloorState, serverTime: z.number() });
export type FloorView = z.infer<typeof FloorView>;

const SessionId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'is not a valid id');
export const FloorStateRequest = z.object({ sessionId: SessionId });
/** One command for one session; the discriminant names the act. */
export const FloorCommandRequest = z.object({ sessionId: SessionId, command: FloorCommand });
export type FloorCommandRequest = z.infer<typeof FloorCommandRequest>;

export interface FloorServerEvents {
  /** Sent to everyone watching the session after every change; apply if `version` is newer. */
  'floor:changed': (view: FloorView) => void;
  /** FLOOR-5: 30 seconds left for the current speaker. */
  'floor:warned': (notice: { sessionId: string; entry: Entry; deadline: number }) => void;
  'floor:expired': (notice: {
    sessionId: string;
    entry: Entry;
    policy: 'notify' | 'revoke';
    graceDeadline: number | null;
  }) => void;
}

export interface FloorClientEvents {
  'floor:get': (payload: unknown, ack: Ack<FloorView>) => void;
  'floor:command': (payload: unknown, ack: Ack<FloorView>) => void;
}
