import { z } from 'zod';
import { command, notice, type ContractTable } from '../contract.ts';
import { Id, SessionRef } from '../domain/common.ts';
import { Entry, ExpiryPolicy, FloorCommand, FloorState } from './speakers-list.ts';

/** What clients see: the whole floor state and the server's clock at that moment. */
export const FloorView = z.object({ floor: FloorState, serverTime: z.number() });
export type FloorView = z.infer<typeof FloorView>;

/** One command for one session; the discriminant names the act. */
export const FloorCommandRequest = z.object({ sessionId: Id, command: FloorCommand });
export type FloorCommandRequest = z.infer<typeof FloorCommandRequest>;

/** FLOOR-5: 30 seconds left for the current speaker. */
export const FloorWarned = z.object({ sessionId: Id, entry: Entry, deadline: z.number() });
export type FloorWarned = z.infer<typeof FloorWarned>;

/** The speaker's time is up: a notice only, or the microphone closes after the grace. */
export const FloorExpired = z.object({
  sessionId: Id,
  entry: Entry,
  policy: ExpiryPolicy,
  graceDeadline: z.number().nullable(),
});
export type FloorExpired = z.infer<typeof FloorExpired>;

/** The floor's realtime contract (FLOOR-*). */
export const floorContract = {
  'floor:get': command({
    input: SessionRef,
    output: FloorView,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  'floor:command': command({
    input: FloorCommandRequest,
    output: FloorView,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  /** Sent to everyone watching the session after every change; apply if `version` is newer. */
  'floor:changed': notice(FloorView),
  'floor:warned': notice(FloorWarned),
  'floor:expired': notice(FloorExpired),
} as const satisfies ContractTable;
