import { createHash } from 'node:crypto';
import type { CommuniqueError } from '@majlis/shared';
import {
  SignedCommunique,
  Timestamp,
  normalizeStatementText,
  type Communique,
  type CommuniqueAuthor,
} from '@majlis/shared';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { RecordBody } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import { actorOf, type Principal } from '../summits/principal.ts';
import type { SummitReader } from '../summits/reader.ts';
import type { IssuerKeyring } from './keyring.ts';

/** A signed document as published: what was signed, the signature, when, and for which communiqué. */
export const PublishedDocument = z.object({
  signed: SignedCommunique,
  signedAt: Timestamp,
  communiqueId: z.string(),
});
export type PublishedDocument = z.infer<typeof PublishedDocument>;

export type CommuniqueSummits = Pick<SummitReader, 'getSummit' | 'getSummitRaw' | 'getDelegation'>;

export type FeedFormat = 'atom' | 'json';

/** What every communiqué module is built from. */
export interface CommuniqueDeps {
  store: RedisStore;
  summits: CommuniqueSummits;
  clock: Clock;
  logger: Logger;
  keyring: IssuerKeyring;
}

export const textHash = (text: string): string =>
  createHash('sha256').update(normalizeStatementText(text)).digest('hex');

/** The person acting, in the terms of the pure rules. */
export function authorOf(actor: Principal): CommuniqueAuthor {
  return actor.kind === 'organiser'
    ? { role: 'organiser', delegationId: null }
    : { role: actor.participant.role, delegationId: actor.participant.delegationId };
}

export function inSummit(actor: Principal, summitId: string): boolean {
  return actor.kind === 'organiser' || actor.participant.summitId === summitId;
}

/** A refusal keeps its code and names the field at fault, so the client can say which. */
export function toAppError(err: CommuniqueError): AppError {
  return new AppError(err.code, err.message, [{ path: err.field, message: err.refusal }]);
}

export function entry(
  actor: Principal,
  act: string,
  c: Communique,
  at: string,
  changes: Record<string, unknown>,
): RecordBody {
  return {
    at,
    actor: actorOf(actor),
    act,
    subject: { type: 'communique', id: c.id },
    changes: { status: c.status, ...changes },
  };
}
