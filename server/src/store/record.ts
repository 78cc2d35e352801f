import { createHash } from 'node:crypto';
import { RecordEntry } from '@majlis/shared';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { keys } from './keys.ts';
import type { RedisStore } from './redis.ts';
import type { Tx } from './tx.ts';

export const GENESIS = '0'.repeat(64);

/** The last entry of a record scope, as stored beside its stream; writers chain to it. */
const RecordHead = z.object({
  seq: z.number().int().nonnegative(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** JSON with object keys sorted at every depth, so a hash does not depend on insertion order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export type RecordBody = Omit<RecordEntry, 'seq' | 'prev' | 'hash'>;

export function hashEntry(prev: string, body: Omit<RecordEntry, 'hash'>): string {
  return createHash('sha256').update(prev).update('\n').update(canonicalJson(body)).digest('hex');
}

export function chain(head: { seq: number; hash: string } | null, body: RecordBody): RecordEntry {
  const prev = head?.hash ?? GENESIS;
  const unsigned = { ...body, seq: (head?.seq ?? -1) + 1, prev };
  return { ...unsigned, hash: hashEntry(prev, unsigned) };
}

/** Checks every link; returns the first broken sequence number, if any. */
export function verifyChain(
  entries: readonly RecordEntry[],
): { ok: true } | { ok: false; brokenAt: number } {
  let prev = GENESIS;
  for (const e of entries) {
    const { hash, ...unsigned } = e;
    if (e.prev !== prev || hashEntry(prev, unsigned) !== hash)
      return { ok: false, brokenAt: e.seq };
    prev = hash;
  }
  return { ok: true };
}

export interface Change {
  tx: Omit<Tx, 'record'>;
  /** Omitted for changes that are not procedural acts (e.g. login sessions). */
  record?:
    { scope: string; body: RecordBody } | { scope: string; bodies: RecordBody[] } | undefined;
}

/**
 * Writers to one record scope in this process queue behind each other, so a
 * burst does not turn into a storm of optimistic retries; writers in other
 * processes are still caught by the head check and retried.
 */
const scopeQueues = new Map<string, Promise<unknown>>();
function serialized<T>(scope: string, work: () => Promise<T>): Promise<T> {
  const previous = scopeQueues.get(scope) ?? Promise.resolve();
  const next = previous.then(work, work);
  const tail = next.then(
    () => undefined,
    () => undefined,
  );
  scopeQueues.set(scope, tail);
  void tail.then(() => {
    if (scopeQueues.get(scope) === tail) scopeQueues.delete(scope);
  });
  return next;
}

/**
 * Reads, decides and commits, retrying from the read when another writer
 * moved the record head first. Conflicts on checked entities are final.
 * The first attempt is optimistic; a writer that loses the race retries
 * inside its record scope's queue, where only other processes can still
 * get in its way.
 */
export async function transact(
  store: RedisStore,
  build: () => Promise<Change>,
  opts: {
    onConflict?: 'CONFLICT' | 'PRECONDITION_FAILED';
    maxAttempts?: number;
    queued?: boolean;
    /** Rebuild when a checked entity changed too: for commands that re-apply to the new state. */
    retryConflicts?: boolean;
  } = {},
): Promise<void> {
  const maxAttempts = opts.maxAttempts ?? 50;
  for (let attempt = 0; attempt < maxAttempts; attempt += 1) {
    const change = await build();
    let record: Tx['record'];
    if (change.record) {
      const headKey = keys.recordHead(change.record.scope);
      const rawHead = await store.get(headKey);
      let head = rawHead === null ? null : RecordHead.parse(JSON.parse(rawHead));
      const bodies = 'bodies' in change.record ? change.record.bodies : [change.record.body];
      const entries: string[] = [];
      for (const body of bodies) {
        const entry = chain(head, body);
        head = { seq: entry.seq, hash: entry.hash };
        entries.push(JSON.stringify(entry));
      }
      record =
        head === null || entries.length === 0
          ? undefined
          : {
              headKey,
              streamKey: keys.record(change.record.scope),
              expectedHead: rawHead ?? '',
              newHead: JSON.stringify(head),
              entries,
            };
    }
    // Writers already queue for this record: join them rather than race them,
    // or the queue's head keeps losing to newcomers (long tails under load).
    if (opts.queued !== true && change.record && scopeQueues.has(change.record.scope)) {
      return serialized(change.record.scope, () =>
        transact(store, build, { ...opts, queued: true }),
      );
    }
    const result = await store.commit({ ...change.tx, record });
    // Rebuild from a fresh read when another writer got in first: always for a
    // moved record head, and for a changed entity when the caller re-applies
    // its command to whatever state it finds (retryConflicts).
    const rebuild =
      result.status === 'retry' || (result.status === 'conflict' && opts.retryConflicts === true);
    if (rebuild) {
      if (opts.queued !== true && change.record) {
        return serialized(change.record.scope, () =>
          transact(store, build, { ...opts, queued: true }),
        );
      }
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(50, 2 ** attempt)));
      continue;
    }
    switch (result.status) {
      case 'ok':
        return;
      case 'conflict':
        throw new AppError(
          opts.onConflict ?? 'CONFLICT',
          'It was changed by someone else meanwhile; reload and try again',
        );
      case 'not_found':
        throw new AppError('NOT_FOUND', 'It no longer exists');
      default: {
        const unreachable: never = result;
        throw new Error(`unhandled commit result ${JSON.stringify(unreachable)}`);
      }
    }
  }
  throw new AppError('CONFLICT', 'Too many concurrent changes; try again');
}

export async function readRecord(
  store: RedisStore,
  scope: string,
  limit = 10_000,
): Promise<RecordEntry[]> {
  const raw = await store.streamEntries(keys.record(scope), limit);
  return raw.map((r) => RecordEntry.parse(JSON.parse(r)));
}
