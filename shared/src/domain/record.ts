import { z } from 'zod';
import { Timestamp } from './common.ts';

/**
 * One entry of a summit's append-only record. `hash` is SHA-256 over the
 * previous entry's hash and this entry's canonical JSON, so removing or
 * editing any entry breaks every hash after it (ACCESS-5).
 */
export const RecordEntry = z.object({
  seq: z.number().int().nonnegative(),
  at: Timestamp,
  actor: z.object({ kind: z.enum(['organiser', 'participant', 'system']), id: z.string() }),
  act: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }),
  changes: z.record(z.string(), z.unknown()),
  prev: z.string(),
  hash: z.string(),
});
export type RecordEntry = z.infer<typeof RecordEntry>;
