import { z } from 'zod';
import { Id, LanguageCode, Timestamp, Versioned } from '../domain/common.ts';

/**
 * Signed communiqués (COMM-1 … COMM-5). The shapes on the wire are the ones
 * the issue fixes: a document, its Ed25519 signature over the RFC 8785
 * canonical JSON of that document, and the published key set.
 */

export const IssuerKind = z.enum(['summit', 'delegation']);
export type IssuerKind = z.infer<typeof IssuerKind>;

/** Who speaks: the summit (its secretariat) or one delegation (COMM-2). */
export const IssuerRef = z.object({ kind: IssuerKind, id: Id }).strict();
export type IssuerRef = z.infer<typeof IssuerRef>;

export const sameIssuer = (a: IssuerRef, b: IssuerRef): boolean =>
  a.kind === b.kind && a.id === b.id;

/** base64url without padding, as the key set and signatures use it. */
export const Base64Url = z.string().regex(/^[A-Za-z0-9_-]*$/, 'must be base64url');

export const KeyId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/, 'is not a key id')
  .describe('Key identifier: base64url');

const Title = z.string().trim().min(1).max(300);
const Body = z.string().trim().min(1).max(20_000);

/**
 * One language version of a communiqué, exactly as signed. Strict: a pasted
 * document with an extra field is refused, never silently trimmed and then
 * found "valid".
 */
export const CommuniqueDocument = z
  .object({
    id: Id,
    language: LanguageCode,
    issuer: IssuerRef,
    keyId: KeyId,
    summitId: Id,
    title: z.string().max(300),
    body: z.string().max(20_000),
    releaseAt: Timestamp,
    supersedes: Id.nullable(),
    cites: z.array(Id).max(50),
  })
  .strict();
export type CommuniqueDocument = z.infer<typeof CommuniqueDocument>;

export const SignedCommunique = z
  .object({
    document: CommuniqueDocument,
    signature: Base64Url.min(86, 'is not an Ed25519 signature').max(88),
  })
  .strict();
export type SignedCommunique = z.infer<typeof SignedCommunique>;

/** One entry of `/.well-known/majlis/keys.json`. */
export const PublicSigningKey = z.object({
  keyId: KeyId,
  issuer: z.object({ kind: IssuerKind, id: Id, name: z.string() }),
  algorithm: z.literal('Ed25519'),
  /** base64url of the raw 32-byte public key. */
  publicKey: Base64Url.length(43),
  validFrom: Timestamp,
  /** Set when a rotation retired the key; documents it signed before stay valid. */
  validUntil: Timestamp.nullable(),
  /** Set when the key was revoked: nothing signed from then on is trusted. */
  revokedAt: Timestamp.nullable(),
});
export type PublicSigningKey = z.infer<typeof PublicSigningKey>;

export const KeySet = z.object({ keys: z.array(PublicSigningKey) });
export type KeySet = z.infer<typeof KeySet>;

export const VerificationReason = z.enum([
  'ok',
  'bad_signature',
  'unknown_key',
  'revoked_key',
  'not_yet_valid',
]);
export type VerificationReason = z.infer<typeof VerificationReason>;

export const Verification = z.object({
  valid: z.boolean(),
  keyId: z.string(),
  /** The issuer as the key set names it; null when the key is unknown. */
  issuer: PublicSigningKey.shape.issuer.nullable(),
  reason: VerificationReason,
});
export type Verification = z.infer<typeof Verification>;

// ── the desk: drafts, approval, publishing ─────────────────────────────────

export const CommuniqueStatus = z.enum(['draft', 'approved', 'published']);
export type CommuniqueStatus = z.infer<typeof CommuniqueStatus>;

export const LanguageVersion = z.object({ title: Title, body: Body }).strip();
export type LanguageVersion = z.infer<typeof LanguageVersion>;

/** Title and body per language; each becomes one signed document (COMM-3). */
export const LanguageVersions = z
  .partialRecord(LanguageCode, LanguageVersion)
  .refine((v) => Object.keys(v).length > 0, { message: 'must have at least one language' });
export type LanguageVersions = z.infer<typeof LanguageVersions>;

export const CommuniqueCreate = z
  .object({
    /** Omitted: the author's own issuer (their delegation, or the summit for the secretariat). */
    issuer: IssuerRef.optional(),
    versions: LanguageVersions,
    /** Embargo (COMM-4); omitted or past: released when published. */
    releaseAt: Timestamp.nullable().default(null),
    /** A correction names the published communiqué it replaces. */
    supersedes: Id.nullable().default(null),
    /** Logged claims this communiqué answers (COMM-5). */
    cites: z.array(Id).max(50).default([]),
  })
  .strip();
export type CommuniqueCreate = z.infer<typeof CommuniqueCreate>;

export const CommuniqueUpdate = z
  .object({
    versions: LanguageVersions.optional(),
    releaseAt: Timestamp.nullable().optional(),
    cites: z.array(Id).max(50).optional(),
  })
  .strip();
export type CommuniqueUpdate = z.infer<typeof CommuniqueUpdate>;

export const PublishedVersion = z.object({
  language: LanguageCode,
  signed: SignedCommunique,
});
export type PublishedVersion = z.infer<typeof PublishedVersion>;

export const Communique = z
  .object({
    id: Id,
    summitId: Id,
    issuer: IssuerRef,
    status: CommuniqueStatus,
    versions: LanguageVersions,
    releaseAt: Timestamp.nullable(),
    supersedes: Id.nullable(),
    cites: z.array(Id),
    draftedBy: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: Timestamp.nullable(),
    publishedAt: Timestamp.nullable(),
    /** The signed documents, one per language, once published. */
    published: z.array(PublishedVersion),
    supersededBy: Id.nullable(),
  })
  .extend(Versioned.shape);
export type Communique = z.infer<typeof Communique>;

/** What the public (and, before release, the press) reads. */
export const PublicCommunique = z.object({
  id: Id,
  summitId: Id,
  issuer: PublicSigningKey.shape.issuer,
  releaseAt: Timestamp,
  publishedAt: Timestamp,
  /** True while the release time is ahead: only the summit's press may read it now. */
  embargoed: z.boolean(),
  versions: z.array(PublishedVersion),
  supersedes: Id.nullable(),
  supersededBy: Id.nullable(),
  /** When each version was signed: lets a checker accept a key revoked later (COMM-2). */
  signedAt: Timestamp,
});
export type PublicCommunique = z.infer<typeof PublicCommunique>;

export const CommuniqueList = z.object({ items: z.array(Communique) });
export type CommuniqueList = z.infer<typeof CommuniqueList>;

export const TextMatchRequest = z.object({ text: z.string().trim().min(1).max(20_000) }).strip();
export type TextMatchRequest = z.infer<typeof TextMatchRequest>;

export const TextMatch = z.object({
  communiqueId: Id,
  documentId: Id,
  language: LanguageCode,
  title: z.string(),
  issuer: PublicSigningKey.shape.issuer,
  releaseAt: Timestamp,
});
export const TextMatchResult = z.object({ matches: z.array(TextMatch) });
export type TextMatchResult = z.infer<typeof TextMatchResult>;

// ── keys ────────────────────────────────────────────────────────────────────

export const RotateIssuerKey = z.object({ issuer: IssuerRef }).strip();
export type RotateIssuerKey = z.infer<typeof RotateIssuerKey>;

// ── rebuttals (COMM-5) ──────────────────────────────────────────────────────

export const ClaimCreate = z
  .object({
    text: z.string().trim().min(1).max(5000),
    /** Where it was seen: a URL or an outlet's name. */
    seenAt: z.string().trim().min(1).max(500),
    firstSeenAt: Timestamp,
    language: LanguageCode,
  })
  .strip();
export type ClaimCreate = z.infer<typeof ClaimCreate>;

export const Rebuttal = z.object({
  communiqueId: Id,
  publishedAt: Timestamp,
  /** From logging the claim to its first signed rebuttal: a REACH figure. */
  secondsFromLogging: z.number().nonnegative(),
});
export type Rebuttal = z.infer<typeof Rebuttal>;

export const Claim = ClaimCreate.extend({
  id: Id,
  summitId: Id,
  loggedAt: Timestamp,
  loggedBy: z.string(),
  rebuttal: Rebuttal.nullable(),
  version: z.number().int().positive(),
});
export type Claim = z.infer<typeof Claim>;

export const ClaimList = z.object({ items: z.array(Claim) });
export type ClaimList = z.infer<typeof ClaimList>;

/** The JSON Feed (version 1) of a summit's released communiqués, as the feed library writes it. */
export const CommuniqueJsonFeed = z
  .object({
    version: z.string(),
    title: z.string(),
    home_page_url: z.string().optional(),
    feed_url: z.string().optional(),
    items: z.array(
      z
        .object({
          id: z.string(),
          url: z.string().optional(),
          title: z.string().optional(),
          summary: z.string().optional(),
          content_html: z.string().optional(),
          date_published: z.string().optional(),
          date_modified: z.string().optional(),
          author: z.object({ name: z.string().optional() }).optional(),
          tags: z.array(z.string()).optional(),
        })
        .loose(),
    ),
  })
  .loose();
export type CommuniqueJsonFeed = z.infer<typeof CommuniqueJsonFeed>;
