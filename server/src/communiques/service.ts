import type { IssuerRef, KeySet, PublicSigningKey } from '@majlis/shared';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { RedisStore } from '../store/redis.ts';
import type { Principal } from '../summits/principal.ts';
import { Claims } from './claims.ts';
import type { CommuniqueDeps, CommuniqueSummits } from './common.ts';
import { CommuniqueDrafting } from './drafting.ts';
import { CommuniqueFeeds } from './feeds.ts';
import { IssuerKeyring, publicEntry, type StoredSigningKey } from './keyring.ts';
import { CommuniquePublishing } from './publishing.ts';
import { CommuniqueReader } from './reading.ts';
import { CommuniqueVerification } from './verification.ts';

export { authorOf, type CommuniqueSummits, type FeedFormat } from './common.ts';

/**
 * The public diplomacy desk (COMM-1 … COMM-5): drafts, approval and
 * publication under the pure rules in shared/, signing with the issuer's
 * key, the embargo, the public reading, verification, feeds and claims.
 * Each act commits once, with its record entry; the record names
 * documents and signatures' hashes, never key material. This object is what
 * HTTP, the demo seeder and start-up call; each act is done by the module
 * that owns it (reading, drafting, publishing, verification, feeds, claims).
 */
export class CommuniqueService {
  readonly keyring: IssuerKeyring;
  private readonly reader: CommuniqueReader;
  private readonly drafting: CommuniqueDrafting;
  private readonly publishing: CommuniquePublishing;
  private readonly verification: CommuniqueVerification;
  private readonly feeds: CommuniqueFeeds;
  private readonly claims: Claims;

  constructor(
    store: RedisStore,
    private readonly summits: CommuniqueSummits,
    clock: Clock,
    logger: Logger,
    kek: Buffer,
  ) {
    this.keyring = new IssuerKeyring(store, summits, clock, kek);
    const deps: CommuniqueDeps = { store, summits, clock, logger, keyring: this.keyring };
    this.reader = new CommuniqueReader(deps);
    this.drafting = new CommuniqueDrafting(deps, this.reader);
    this.publishing = new CommuniquePublishing(deps, this.reader);
    this.verification = new CommuniqueVerification(deps, this.reader);
    this.feeds = new CommuniqueFeeds(deps, this.reader);
    this.claims = new Claims(deps);
  }

  // ── reading ──────────────────────────────────────────────────────────
  get: CommuniqueReader['get'] = (actor, id) => this.reader.get(actor, id);
  list: CommuniqueReader['list'] = (actor, summitId) => this.reader.list(actor, summitId);
  publicView: CommuniqueReader['publicView'] = (principal, id) =>
    this.reader.publicView(principal, id);

  keySet(): Promise<KeySet> {
    return this.keyring.keySet();
  }

  verify: CommuniqueVerification['verify'] = (signed) => this.verification.verify(signed);
  matchText: CommuniqueVerification['matchText'] = (text) => this.verification.matchText(text);
  feed: CommuniqueFeeds['feed'] = (summitId, format, origin, issuer) =>
    this.feeds.feed(summitId, format, origin, issuer);

  // ── the desk ─────────────────────────────────────────────────────────
  create: CommuniqueDrafting['create'] = (actor, summitId, input) =>
    this.drafting.create(actor, summitId, input);
  update: CommuniqueDrafting['update'] = (actor, id, patch, ifMatch) =>
    this.drafting.update(actor, id, patch, ifMatch);
  approve: CommuniqueDrafting['approve'] = (actor, id) => this.drafting.approve(actor, id);
  publish: CommuniquePublishing['publish'] = (actor, id) => this.publishing.publish(actor, id);

  // ── claims (COMM-5) ──────────────────────────────────────────────────
  logClaim: Claims['logClaim'] = (actor, summitId, input) =>
    this.claims.logClaim(actor, summitId, input);
  listClaims: Claims['listClaims'] = (actor, summitId) => this.claims.listClaims(actor, summitId);

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
