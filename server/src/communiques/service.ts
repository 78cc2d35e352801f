import { createHash } from 'node:crypto';
import { Feed } from 'feed';
import {
  Claim,
  Communique,
  CommuniqueError,
  SignedCommunique,
  Timestamp,
  applyCommunique,
  documentsFor,
  mayApprove,
  mayDraftFor,
  normalizeStatementText,
  ownIssuer,
  sameIssuer,
  verifySigned,
  type ClaimCreate,
  type ClaimList,
  type CommuniqueAuthor,
  type CommuniqueCommand,
  type CommuniqueCreate,
  type CommuniqueList,
  type CommuniqueUpdate,
  type IssuerRef,
  type KeySet,
  type PublicSigningKey,
  type PublicCommunique,
  type TextMatchResult,
  type Verification,
} from '@majlis/shared';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { keys } from '../store/keys.ts';
import { transact, type RecordBody } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import type { Check, Write } from '../store/tx.ts';
import { newId } from '../summits/common.ts';
import { actorOf, type Principal } from '../summits/principal.ts';
import type { SummitReader } from '../summits/reader.ts';
import { IssuerKeyring, publicEntry, type StoredSigningKey } from './keyring.ts';
import { nodeEd25519Verify, signDocument } from './signing.ts';

/** A signed document as published: what was signed, the signature, when, and for which communiqué. */
const PublishedDocument = z.object({
  signed: SignedCommunique,
  signedAt: Timestamp,
  communiqueId: z.string(),
});
type PublishedDocument = z.infer<typeof PublishedDocument>;

export type CommuniqueSummits = Pick<SummitReader, 'getSummit' | 'getSummitRaw' | 'getDelegation'>;

export type FeedFormat = 'atom' | 'json';

const textHash = (text: string): string =>
  createHash('sha256').update(normalizeStatementText(text)).digest('hex');

/**
 * The public diplomacy desk (COMM-1 … COMM-5): drafts, approval and
 * publication under the pure rules in shared/, signing with the issuer's
 * key, the embargo, the public reading, verification, feeds and claims.
 * Each act commits once, with its record entry; the record names
 * documents and signatures' hashes, never key material.
 */
export class CommuniqueService {
  readonly keyring: IssuerKeyring;

  constructor(
    private readonly store: RedisStore,
    private readonly summits: CommuniqueSummits,
    private readonly clock: Clock,
    private readonly logger: Logger,
    kek: Buffer,
  ) {
    this.keyring = new IssuerKeyring(store, summits, clock, kek);
  }

  // ── reading ──────────────────────────────────────────────────────────
  private async load(id: string): Promise<Communique> {
    const raw = await this.store.get(keys.communique(id));
    if (raw === null) throw new AppError('NOT_FOUND', 'Communiqué not found');
    return Communique.parse(JSON.parse(raw));
  }

  private async loadMany(ids: string[]): Promise<Communique[]> {
    const raws = await this.store.mget(ids.map(keys.communique));
    return raws.filter((r): r is string => r !== null).map((r) => Communique.parse(JSON.parse(r)));
  }

  private async loadDocument(id: string): Promise<PublishedDocument | null> {
    const raw = await this.store.get(keys.communiqueDocument(id));
    return raw === null ? null : PublishedDocument.parse(JSON.parse(raw));
  }

  /**
   * Drafts are for the issuer's own desk (and the secretariat); a published
   * communiqué is for everyone once released, and before that for the
   * summit's press, the secretariat and the issuer's desk (COMM-4).
   */
  private mayRead(actor: Principal | undefined, c: Communique): boolean {
    const author = actor === undefined ? undefined : authorOf(actor);
    const inSummit =
      actor !== undefined &&
      (actor.kind === 'organiser' || actor.participant.summitId === c.summitId);
    const desk =
      author !== undefined &&
      inSummit &&
      (author.role === 'organiser' ||
        mayDraftFor(author, c.summitId, c.issuer) ||
        mayApprove(author, c.issuer));
    if (c.status !== 'published') return desk;
    if (this.released(c)) return true;
    return desk || (inSummit && actor.role === 'press');
  }

  private released(c: Communique): boolean {
    return c.releaseAt !== null && new Date(c.releaseAt) <= this.clock.now();
  }

  async get(actor: Principal, id: string): Promise<Communique> {
    const c = await this.load(id);
    if (!this.mayRead(actor, c) || !inSummit(actor, c.summitId))
      throw new AppError('NOT_FOUND', 'Communiqué not found');
    return c;
  }

  async list(actor: Principal, summitId: string): Promise<CommuniqueList> {
    await this.summits.getSummit(actor, summitId);
    const { members } = await this.store.rangeByRank(keys.summitCommuniques(summitId), 0, 10_000);
    const all = await this.loadMany(members);
    return { items: all.filter((c) => this.mayRead(actor, c)).reverse() };
  }

  /** The public reading: 404 before release for anyone but the press and the issuer's desk. */
  async publicView(principal: Principal | undefined, id: string): Promise<PublicCommunique> {
    const c = await this.load(id);
    if (c.status !== 'published' || !this.mayRead(principal, c))
      throw new AppError('NOT_FOUND', 'Communiqué not found');
    const first = c.published[0];
    if (first === undefined || c.releaseAt === null || c.publishedAt === null)
      throw new Error(`published communiqué ${c.id} without documents`);
    const key = await this.keyring.load(first.signed.document.keyId);
    return {
      id: c.id,
      summitId: c.summitId,
      issuer: key.issuer,
      releaseAt: c.releaseAt,
      publishedAt: c.publishedAt,
      embargoed: !this.released(c),
      versions: c.published,
      supersedes: c.supersedes,
      supersededBy: c.supersededBy,
      signedAt: c.publishedAt,
    };
  }

  keySet(): Promise<KeySet> {
    return this.keyring.keySet();
  }

  /**
   * verifyCommunique: the signature against keys.json. The signing time is
   * known only for a document this server published, byte for byte; for any
   * other, a revoked key vouches for nothing.
   */
  async verify(signed: SignedCommunique): Promise<Verification> {
    // Only the named key is read: verification stays two reads however many keys exist.
    const [key, registered] = await Promise.all([
      this.keyring.find(signed.document.keyId),
      this.loadDocument(signed.document.id),
    ]);
    const same =
      registered !== null &&
      registered.signed.signature === signed.signature &&
      JSON.stringify(sortedDocument(registered.signed.document)) ===
        JSON.stringify(sortedDocument(signed.document));
    return verifySigned(signed, key === null ? [] : [publicEntry(key)], nodeEd25519Verify, {
      now: this.clock.now(),
      signedAt: same ? new Date(registered.signedAt) : null,
    });
  }

  /** "This exact text was published by …": released bodies only. */
  async matchText(text: string): Promise<TextMatchResult> {
    const ids = await this.store.members(keys.communiqueText(textHash(text)));
    const docs = (await Promise.all(ids.map((id) => this.loadDocument(id)))).filter(
      (d): d is PublishedDocument => d !== null,
    );
    const now = this.clock.now();
    const released = docs.filter((d) => new Date(d.signed.document.releaseAt) <= now);
    const keyById = new Map((await this.keyring.keySet()).keys.map((k) => [k.keyId, k]));
    return {
      matches: released.flatMap((d) => {
        const doc = d.signed.document;
        const key = keyById.get(doc.keyId);
        return key === undefined
          ? []
          : [
              {
                communiqueId: d.communiqueId,
                documentId: doc.id,
                language: doc.language,
                title: doc.title,
                issuer: key.issuer,
                releaseAt: doc.releaseAt,
              },
            ];
      }),
    };
  }

  /** Atom or JSON Feed of a summit's released communiqués, optionally of one issuer. */
  async feed(
    summitId: string,
    format: FeedFormat,
    origin: string,
    issuer: IssuerRef | undefined,
  ): Promise<string> {
    const summit = await this.summits.getSummitRaw(summitId);
    const now = this.clock.now().getTime();
    const ids = await this.store.rangeByScore(keys.summitReleases(summitId), 0, now);
    const items = (await this.loadMany(ids))
      .filter((c) => issuer === undefined || sameIssuer(c.issuer, issuer))
      .reverse();
    const keyById = new Map((await this.keyring.keySet()).keys.map((k) => [k.keyId, k]));
    const title = summit.title.en ?? Object.values(summit.title)[0] ?? summitId;
    const base = `${origin}/api/v1/public/summits/${summitId}/communiques`;
    const query = issuer === undefined ? '' : `?issuer=${issuer.kind}:${issuer.id}`;
    const latest = items[0]?.releaseAt;
    const feed = new Feed({
      id: `${base}${query}`,
      title: `${title} — communiqués`,
      link: `${origin}/communiques?summit=${summitId}`,
      updated: latest === undefined || latest === null ? new Date(0) : new Date(latest),
      generator: 'Majlis',
      copyright: title,
      feedLinks: { atom: `${base}.atom${query}`, json: `${base}.json${query}` },
    });
    for (const c of items) {
      for (const v of c.published) {
        const doc = v.signed.document;
        const name = keyById.get(doc.keyId)?.issuer.name ?? doc.issuer.id;
        feed.addItem({
          id: `urn:majlis:communique-document:${doc.id}`,
          title: doc.title,
          link: `${origin}/communiques/${c.id}/${doc.language}`,
          date: new Date(doc.releaseAt),
          published: new Date(doc.releaseAt),
          description: doc.body.slice(0, 280),
          // The body is plain text; the feed carries it as HTML, so it is escaped into paragraphs.
          content: asHtmlParagraphs(doc.body),
          author: [{ name }],
          category: [{ name: doc.language, term: doc.language }],
        });
      }
    }
    return format === 'atom' ? feed.atom1() : feed.json1();
  }

  // ── the desk ─────────────────────────────────────────────────────────
  async create(actor: Principal, summitId: string, input: CommuniqueCreate): Promise<Communique> {
    await this.summits.getSummit(actor, summitId);
    const author = authorOf(actor);
    const own = ownIssuer(author, summitId);
    const issuer = input.issuer ?? own;
    if (issuer === null || !mayDraftFor(author, summitId, issuer))
      throw toAppError(
        new CommuniqueError(
          'not_your_issuer',
          'A communiqué is drafted only in your own name: your delegation, or the summit for the secretariat',
        ),
      );
    // The issuer's key exists (and is published) before its first document.
    await this.keyring.current(summitId, issuer);
    await this.assertCites(summitId, input.cites);
    if (input.supersedes !== null) {
      // Absent is a refusal like unpublished; a store outage stays an outage.
      const old = await this.load(input.supersedes).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
        throw err;
      });
      if (old?.summitId !== summitId || old.status !== 'published')
        throw toAppError(
          new CommuniqueError('supersedes_unpublished', 'Only a published communiqué is corrected'),
        );
      if (!sameIssuer(old.issuer, issuer))
        throw toAppError(
          new CommuniqueError(
            'supersedes_other_issuer',
            'An issuer corrects only its own communiqués',
          ),
        );
    }
    const now = this.clock.now();
    const at = now.toISOString();
    const communique: Communique = {
      id: newId(),
      summitId,
      issuer,
      status: 'draft',
      versions: input.versions,
      releaseAt: input.releaseAt,
      supersedes: input.supersedes,
      cites: input.cites,
      draftedBy: actorOf(actor).id,
      approvedBy: null,
      approvedAt: null,
      publishedAt: null,
      published: [],
      supersededBy: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await transact(this.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.communique(communique.id), absent: true as const }],
          writes: [
            { op: 'set', key: keys.communique(communique.id), value: JSON.stringify(communique) },
            {
              op: 'zadd',
              key: keys.summitCommuniques(summitId),
              score: now.getTime(),
              member: communique.id,
            },
          ],
        },
        record: {
          scope: summitId,
          body: entry(actor, 'communique.drafted', communique, at, {
            issuer,
            languages: Object.keys(communique.versions),
          }),
        },
      }),
    );
    return communique;
  }

  private async assertCites(summitId: string, cites: readonly string[]): Promise<void> {
    const raws = await this.store.mget(cites.map(keys.claim));
    const ok = raws.every((r) => r !== null && Claim.parse(JSON.parse(r)).summitId === summitId);
    if (!ok)
      throw toAppError(
        new CommuniqueError('unknown_claim', 'A cited claim is not logged for this summit'),
      );
  }

  /** Applies one command with the pure rules; a repeat that changes nothing commits nothing. */
  private async command(
    actor: Principal,
    id: string,
    command: CommuniqueCommand,
    act: string,
    ifMatch?: number,
  ): Promise<Communique> {
    const current = await this.get(actor, id);
    if (ifMatch !== undefined && current.version !== ifMatch)
      throw new AppError('PRECONDITION_FAILED', 'It was changed meanwhile; reload and try again');
    const next = this.apply(current, command, actor);
    if (!next.changed) return current;
    await transact(
      this.store,
      () =>
        Promise.resolve({
          tx: {
            checks: [{ key: keys.communique(id), version: current.version }],
            writes: [
              { op: 'set', key: keys.communique(id), value: JSON.stringify(next.communique) },
            ],
          },
          record: {
            scope: current.summitId,
            body: entry(actor, act, next.communique, next.communique.updatedAt, {}),
          },
        }),
      { onConflict: ifMatch === undefined ? 'CONFLICT' : 'PRECONDITION_FAILED' },
    );
    return next.communique;
  }

  private apply(c: Communique, command: CommuniqueCommand, actor: Principal) {
    try {
      return applyCommunique(c, command, authorOf(actor), this.clock.now());
    } catch (err) {
      if (err instanceof CommuniqueError) throw toAppError(err);
      throw err;
    }
  }

  async update(
    actor: Principal,
    id: string,
    patch: CommuniqueUpdate,
    ifMatch: number | undefined,
  ): Promise<Communique> {
    if (patch.cites !== undefined) {
      const c = await this.get(actor, id);
      await this.assertCites(c.summitId, patch.cites);
    }
    return this.command(actor, id, { type: 'update', patch }, 'communique.updated', ifMatch);
  }

  approve(actor: Principal, id: string): Promise<Communique> {
    return this.command(
      actor,
      id,
      { type: 'approve', by: actorOf(actor).id },
      'communique.approved',
    );
  }

  /**
   * Signs every language version with the issuer's current key and publishes
   * them at once. The key's version is checked in the same commit, so a
   * document is never published under a key revoked meanwhile.
   */
  async publish(actor: Principal, id: string): Promise<Communique> {
    let result: Communique | undefined;
    await transact(this.store, async () => {
      const current = await this.get(actor, id);
      const next = this.apply(current, { type: 'publish' }, actor);
      result = next.communique;
      if (!next.changed) return { tx: { checks: [], writes: [] } };
      const c = next.communique;
      const key = await this.keyring.current(c.summitId, c.issuer);
      const privateKey = this.keyring.signer(key);
      const superseded = c.supersedes === null ? null : await this.load(c.supersedes);
      const signedAt = c.publishedAt ?? this.clock.now().toISOString();
      const published = documentsFor(c, key.keyId, newId, superseded).map((document) => ({
        language: document.language,
        signed: { document, signature: signDocument(privateKey, document) },
      }));
      const done: Communique = { ...c, published };
      result = done;
      const checks: Check[] = [
        { key: keys.communique(id), version: current.version },
        { key: keys.signingKey(key.keyId), version: key.version },
      ];
      const writes: Write[] = [
        { op: 'set', key: keys.communique(id), value: JSON.stringify(done) },
        {
          op: 'zadd',
          key: keys.summitReleases(c.summitId),
          score: Date.parse(c.releaseAt ?? signedAt),
          member: id,
        },
      ];
      for (const p of published) {
        const doc: PublishedDocument = { signed: p.signed, signedAt, communiqueId: id };
        writes.push(
          {
            op: 'set',
            key: keys.communiqueDocument(p.signed.document.id),
            value: JSON.stringify(doc),
          },
          {
            op: 'sadd',
            key: keys.communiqueText(textHash(p.signed.document.body)),
            member: p.signed.document.id,
          },
        );
      }
      if (superseded !== null) {
        checks.push({ key: keys.communique(superseded.id), version: superseded.version });
        writes.push({
          op: 'set',
          key: keys.communique(superseded.id),
          value: JSON.stringify({
            ...superseded,
            supersededBy: id,
            version: superseded.version + 1,
            updatedAt: signedAt,
          }),
        });
      }
      // COMM-5: the first signed rebuttal of each cited claim, with the time it took.
      const rebutted: { claimId: string; secondsFromLogging: number }[] = [];
      for (const claimId of c.cites) {
        const raw = await this.store.get(keys.claim(claimId));
        if (raw === null) continue;
        const claim = Claim.parse(JSON.parse(raw));
        if (claim.rebuttal !== null) continue;
        const seconds = Math.max(0, (Date.parse(signedAt) - Date.parse(claim.loggedAt)) / 1000);
        rebutted.push({ claimId, secondsFromLogging: seconds });
        writes.push({
          op: 'set',
          key: keys.claim(claimId),
          value: JSON.stringify({
            ...claim,
            rebuttal: { communiqueId: id, publishedAt: signedAt, secondsFromLogging: seconds },
            version: claim.version + 1,
          }),
        });
        checks.push({ key: keys.claim(claimId), version: claim.version });
      }
      return {
        tx: { checks, writes },
        record: {
          scope: c.summitId,
          body: entry(actor, 'communique.published', done, signedAt, {
            keyId: key.keyId,
            releaseAt: c.releaseAt,
            supersedes: c.supersedes,
            documents: published.map((p) => ({
              id: p.signed.document.id,
              language: p.language,
              signatureSha256: createHash('sha256').update(p.signed.signature).digest('hex'),
            })),
            rebuttals: rebutted,
          }),
        },
      };
    });
    if (result === undefined) throw new Error('publish produced no communiqué');
    this.logger.info(
      { communiqueId: id, languages: result.published.map((p) => p.language) },
      'communiqué published',
    );
    return result;
  }

  // ── claims (COMM-5) ──────────────────────────────────────────────────
  async logClaim(actor: Principal, summitId: string, input: ClaimCreate): Promise<Claim> {
    await this.summits.getSummit(actor, summitId);
    const now = this.clock.now();
    const claim: Claim = {
      ...input,
      id: newId(),
      summitId,
      loggedAt: now.toISOString(),
      loggedBy: actorOf(actor).id,
      rebuttal: null,
      version: 1,
    };
    await transact(this.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.claim(claim.id), absent: true as const }],
          writes: [
            { op: 'set', key: keys.claim(claim.id), value: JSON.stringify(claim) },
            {
              op: 'zadd',
              key: keys.summitClaims(summitId),
              score: now.getTime(),
              member: claim.id,
            },
          ],
        },
        record: {
          scope: summitId,
          body: {
            at: claim.loggedAt,
            actor: actorOf(actor),
            act: 'claim.logged',
            subject: { type: 'claim', id: claim.id },
            changes: {
              seenAt: claim.seenAt,
              firstSeenAt: claim.firstSeenAt,
              language: claim.language,
            },
          },
        },
      }),
    );
    return claim;
  }

  async listClaims(actor: Principal, summitId: string): Promise<ClaimList> {
    await this.summits.getSummit(actor, summitId);
    const { members } = await this.store.rangeByRank(keys.summitClaims(summitId), 0, 10_000);
    const raws = await this.store.mget(members.map(keys.claim));
    return {
      items: raws
        .filter((r): r is string => r !== null)
        .map((r) => Claim.parse(JSON.parse(r)))
        .reverse(),
    };
  }

  // ── keys (COMM-2) ────────────────────────────────────────────────────
  async rotateKey(
    actor: Principal,
    summitId: string,
    issuer: IssuerRef,
  ): Promise<PublicSigningKey> {
    await this.summits.getSummit(actor, summitId);
    return publicEntry(await this.keyring.rotate(actor, summitId, issuer));
  }

  async revokeKey(actor: Principal, keyId: string): Promise<PublicSigningKey> {
    return publicEntry(await this.keyring.revoke(actor, keyId));
  }

  /** For tests and the bench: the stored form of a key (sealed, never plain). */
  storedKey(keyId: string): Promise<StoredSigningKey> {
    return this.keyring.load(keyId);
  }
}

/** The person acting, in the terms of the pure rules. */
export function authorOf(actor: Principal): CommuniqueAuthor {
  return actor.kind === 'organiser'
    ? { role: 'organiser', delegationId: null }
    : { role: actor.participant.role, delegationId: actor.participant.delegationId };
}

function inSummit(actor: Principal, summitId: string): boolean {
  return actor.kind === 'organiser' || actor.participant.summitId === summitId;
}

/** A refusal keeps its code and names the field at fault, so the client can say which. */
function toAppError(err: CommuniqueError): AppError {
  return new AppError(err.code, err.message, [{ path: err.field, message: err.refusal }]);
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function asHtmlParagraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map(
      (p) => `<p>${p.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c).replace(/\n/g, '<br>')}</p>`,
    )
    .join('');
}

/** Key order does not matter to JCS; compare documents the same way. */
function sortedDocument(doc: object): unknown {
  return Object.fromEntries(Object.entries(doc).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function entry(
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
