import { z } from 'zod';
import type { Role } from '../domain/auth.ts';
import type { LanguageCode } from '../domain/common.ts';
import {
  sameIssuer,
  type Communique,
  type CommuniqueDocument,
  type CommuniqueUpdate,
  type IssuerRef,
} from './document.ts';

/**
 * COMM-3 as pure rules: who may draft, approve and publish for which issuer,
 * and the draft → approved → published lifecycle. Nothing is edited after
 * signing; a correction is a new communiqué that supersedes the old one.
 */

/** Who acts, with only the facts the rules read. */
export interface CommuniqueAuthor {
  role: Role;
  /** The participant's delegation; null for the secretariat and organisers. */
  delegationId: string | null;
}

/** Each refusal, named, with the error code it travels with and the field at fault. */
export const CommuniqueRefusal = z.enum([
  'not_your_issuer',
  'not_the_approver',
  'not_the_publisher',
  'not_a_draft',
  'not_approved',
  'supersedes_unpublished',
  'supersedes_other_issuer',
  'unknown_claim',
]);
export type CommuniqueRefusal = z.infer<typeof CommuniqueRefusal>;

export const REFUSALS: Readonly<
  Record<CommuniqueRefusal, { code: 'FORBIDDEN' | 'CONFLICT' | 'INVALID_PAYLOAD'; field: string }>
> = {
  not_your_issuer: { code: 'FORBIDDEN', field: 'issuer' },
  not_the_approver: { code: 'FORBIDDEN', field: 'issuer' },
  not_the_publisher: { code: 'FORBIDDEN', field: 'issuer' },
  not_a_draft: { code: 'CONFLICT', field: 'status' },
  not_approved: { code: 'CONFLICT', field: 'status' },
  supersedes_unpublished: { code: 'INVALID_PAYLOAD', field: 'supersedes' },
  supersedes_other_issuer: { code: 'FORBIDDEN', field: 'supersedes' },
  unknown_claim: { code: 'INVALID_PAYLOAD', field: 'cites' },
};

export class CommuniqueError extends Error {
  override name = 'CommuniqueError';
  readonly code: 'FORBIDDEN' | 'CONFLICT' | 'INVALID_PAYLOAD';
  readonly field: string;
  constructor(
    readonly refusal: CommuniqueRefusal,
    message: string,
  ) {
    super(message);
    this.code = REFUSALS[refusal].code;
    this.field = REFUSALS[refusal].field;
  }
}

/**
 * The issuer a person speaks for: an organiser and the secretariat's
 * spokesperson for the summit, a delegation's spokesperson for it. Nobody
 * else drafts (COMM-3).
 */
export function ownIssuer(author: CommuniqueAuthor, summitId: string): IssuerRef | null {
  switch (author.role) {
    case 'organiser':
      return { kind: 'summit', id: summitId };
    case 'spokesperson':
      return author.delegationId === null
        ? { kind: 'summit', id: summitId }
        : { kind: 'delegation', id: author.delegationId };
    case 'chair':
    case 'head_of_delegation':
    case 'delegate':
    case 'adviser':
    case 'interpreter':
    case 'observer':
    case 'press':
      return null;
    default: {
      const unreachable: never = author.role;
      return unreachable;
    }
  }
}

export function mayDraftFor(
  author: CommuniqueAuthor,
  summitId: string,
  issuer: IssuerRef,
): boolean {
  const own = ownIssuer(author, summitId);
  return own !== null && sameIssuer(own, issuer);
}

/** The head of the delegation approves its communiqués; an organiser the summit's. */
export function mayApprove(author: CommuniqueAuthor, issuer: IssuerRef): boolean {
  switch (issuer.kind) {
    case 'summit':
      return author.role === 'organiser';
    case 'delegation':
      return author.role === 'head_of_delegation' && author.delegationId === issuer.id;
    default: {
      const unreachable: never = issuer.kind;
      return unreachable;
    }
  }
}

/** Publishing signs in the issuer's name: its approver or its own spokesperson, never another. */
export function mayPublish(author: CommuniqueAuthor, summitId: string, issuer: IssuerRef): boolean {
  return mayApprove(author, issuer) || mayDraftFor(author, summitId, issuer);
}

export type CommuniqueCommand =
  | { type: 'update'; patch: CommuniqueUpdate }
  | { type: 'approve'; by: string }
  | { type: 'publish' };

/** The next state, or a typed refusal; `changed` is false for a repeated approve or publish. */
export function applyCommunique(
  communique: Communique,
  command: CommuniqueCommand,
  author: CommuniqueAuthor,
  now: Date,
): { communique: Communique; changed: boolean } {
  const at = now.toISOString();
  const { issuer, summitId } = communique;
  switch (command.type) {
    case 'update': {
      if (!mayDraftFor(author, summitId, issuer) && !mayApprove(author, issuer))
        throw new CommuniqueError('not_your_issuer', 'Only the issuer’s own desk edits its drafts');
      if (communique.status !== 'draft')
        throw new CommuniqueError(
          'not_a_draft',
          'Only a draft can be edited; an approved or published communiqué is corrected by a new one that supersedes it',
        );
      const { versions, releaseAt, cites } = command.patch;
      return {
        communique: {
          ...communique,
          ...(versions === undefined ? {} : { versions }),
          ...(releaseAt === undefined ? {} : { releaseAt }),
          ...(cites === undefined ? {} : { cites }),
          version: communique.version + 1,
          updatedAt: at,
        },
        changed: true,
      };
    }
    case 'approve': {
      if (!mayApprove(author, issuer))
        throw new CommuniqueError(
          'not_the_approver',
          issuer.kind === 'summit'
            ? 'The summit’s communiqués are approved by an organiser'
            : 'A delegation’s communiqués are approved by its own head of delegation',
        );
      if (communique.status === 'approved') return { communique, changed: false };
      if (communique.status !== 'draft')
        throw new CommuniqueError('not_a_draft', 'This communiqué is already published');
      return {
        communique: {
          ...communique,
          status: 'approved',
          approvedBy: command.by,
          approvedAt: at,
          version: communique.version + 1,
          updatedAt: at,
        },
        changed: true,
      };
    }
    case 'publish': {
      if (!mayPublish(author, summitId, issuer))
        throw new CommuniqueError(
          'not_the_publisher',
          'Only the issuer’s own spokesperson or approver publishes in its name',
        );
      if (communique.status === 'published') return { communique, changed: false };
      if (communique.status !== 'approved')
        throw new CommuniqueError(
          'not_approved',
          'A communiqué is published only after its approval',
        );
      return {
        communique: {
          ...communique,
          status: 'published',
          publishedAt: at,
          releaseAt: releaseTime(communique.releaseAt, now),
          version: communique.version + 1,
          updatedAt: at,
        },
        changed: true,
      };
    }
    default: {
      const unreachable: never = command;
      throw new Error(`unhandled communiqué command ${JSON.stringify(unreachable)}`);
    }
  }
}

/** An embargo in the past, or none, releases at publication. */
export function releaseTime(requested: string | null, now: Date): string {
  return requested !== null && new Date(requested) > now ? requested : now.toISOString();
}

/**
 * The documents publishing signs, one per language. A correction supersedes
 * the old communiqué's document in the same language, or its first one when
 * the old had no such language.
 */
export function documentsFor(
  communique: Communique,
  keyId: string,
  newDocumentId: () => string,
  superseded: Communique | null,
): CommuniqueDocument[] {
  if (communique.releaseAt === null)
    throw new Error('documents are made when publishing, once the release time is fixed');
  const releaseAt = communique.releaseAt;
  const old = superseded?.published ?? [];
  return (Object.keys(communique.versions) as LanguageCode[]).sort().map((language) => {
    const version = communique.versions[language];
    if (version === undefined) throw new Error(`no ${language} version`);
    const replaced = old.find((p) => p.language === language) ?? old[0];
    return {
      id: newDocumentId(),
      language,
      issuer: { kind: communique.issuer.kind, id: communique.issuer.id },
      keyId,
      summitId: communique.summitId,
      title: version.title,
      body: version.body,
      releaseAt,
      supersedes: replaced?.signed.document.id ?? null,
      cites: [...communique.cites],
    };
  });
}
