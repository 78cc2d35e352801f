import { createHash } from 'node:crypto';
import { Claim, documentsFor, type Communique } from '@majlis/shared';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { Check, Write } from '../store/tx.ts';
import { newId } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import { entry, textHash, type CommuniqueDeps, type PublishedDocument } from './common.ts';
import { applyRules } from './drafting.ts';
import type { CommuniqueReader } from './reading.ts';
import { signDocument } from './signing.ts';

/** Publication (COMM-2, COMM-5): signing, the release index, corrections and rebuttals. */
export class CommuniquePublishing {
  constructor(
    private readonly deps: CommuniqueDeps,
    private readonly reader: CommuniqueReader,
  ) {}

  /**
   * Signs every language version with the issuer's current key and publishes
   * them at once. The key's version is checked in the same commit, so a
   * document is never published under a key revoked meanwhile.
   */
  async publish(actor: Principal, id: string): Promise<Communique> {
    let result: Communique | undefined;
    await transact(this.deps.store, async () => {
      const current = await this.reader.get(actor, id);
      const next = applyRules(this.deps, current, { type: 'publish' }, actor);
      result = next.communique;
      if (!next.changed) return { tx: { checks: [], writes: [] } };
      const c = next.communique;
      const key = await this.deps.keyring.current(c.summitId, c.issuer);
      const privateKey = this.deps.keyring.signer(key);
      const superseded = c.supersedes === null ? null : await this.reader.load(c.supersedes);
      const signedAt = c.publishedAt ?? this.deps.clock.now().toISOString();
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
        const raw = await this.deps.store.get(keys.claim(claimId));
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
    this.deps.logger.info(
      { communiqueId: id, languages: result.published.map((p) => p.language) },
      'communiqué published',
    );
    return result;
  }
}
