import { createHash, randomBytes } from 'node:crypto';
import type { Decision } from '@majlis/shared';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { RecordBody } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import { actorOf, type Principal } from './principal.ts';

export const newId = (): string => randomBytes(16).toString('base64url');
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** What every summit module is built from. */
export interface StoreDeps {
  store: RedisStore;
  clock: Clock;
}

/** The value a pure rule decided, or its refusal as the AppError the edge answers with. */
export function decided<T>(decision: Decision<T>): T {
  if (decision.ok) return decision.value;
  const { code, message, issues } = decision.refusal;
  throw new AppError(code, message, issues);
}

/**
 * An entity that may legitimately be missing (a reference to check): only
 * NOT_FOUND becomes undefined. Anything else, a store outage above all,
 * propagates: an outage must never read as "no such thing".
 */
export async function ifExists<T>(load: Promise<T>): Promise<T | undefined> {
  try {
    return await load;
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
}

export function stamp(clock: Clock): { now: string; ms: number } {
  const d = clock.now();
  return { now: d.toISOString(), ms: d.getTime() };
}

export function recordBody(
  actor: Principal | undefined,
  act: string,
  subject: { type: string; id: string },
  changes: Record<string, unknown>,
  at: string,
): RecordBody {
  return { at, actor: actorOf(actor), act, subject, changes };
}

export function checkIfMatch(current: number, ifMatch: number | undefined): void {
  if (ifMatch !== undefined && ifMatch !== current) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `The resource is at version ${current}, not ${ifMatch}; reload before changing it`,
    );
  }
}

/** With If-Match the caller asked for one version: losing the race is a failed precondition. */
export const conflictOf = (ifMatch: number | undefined): 'CONFLICT' | 'PRECONDITION_FAILED' =>
  ifMatch === undefined ? 'CONFLICT' : 'PRECONDITION_FAILED';

export function diff(
  before: object,
  after: object,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const b = before as Record<string, unknown>;
  for (const [k, v] of Object.entries(after)) {
    if (k === 'version' || k === 'updatedAt') continue;
    if (JSON.stringify(b[k]) !== JSON.stringify(v)) out[k] = { from: b[k], to: v };
  }
  return out;
}

export function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('transaction finished without a result');
  return value;
}
