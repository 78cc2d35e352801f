import {
  verifySigned,
  type SignedCommunique,
  type TextMatchResult,
  type Verification,
} from '@majlis/shared';
import { keys } from '../store/keys.ts';
import { textHash, type CommuniqueDeps, type PublishedDocument } from './common.ts';
import { publicEntry } from './keyring.ts';
import type { CommuniqueReader } from './reading.ts';
import { nodeEd25519Verify } from './signing.ts';

/** Anyone's checks on a document: its signature, and whether a text was published. */
export class CommuniqueVerification {
  constructor(
    private readonly deps: CommuniqueDeps,
    private readonly reader: CommuniqueReader,
  ) {}

  /**
   * verifyCommunique: the signature against keys.json. The signing time is
   * known only for a document this server published, byte for byte; for any
   * other, a revoked key vouches for nothing.
   */
  async verify(signed: SignedCommunique): Promise<Verification> {
    // Only the named key is read: verification stays two reads however many keys exist.
    const [key, registered] = await Promise.all([
      this.deps.keyring.find(signed.document.keyId),
      this.reader.loadDocument(signed.document.id),
    ]);
    const same =
      registered !== null &&
      registered.signed.signature === signed.signature &&
      JSON.stringify(sortedDocument(registered.signed.document)) ===
        JSON.stringify(sortedDocument(signed.document));
    return verifySigned(signed, key === null ? [] : [publicEntry(key)], nodeEd25519Verify, {
      now: this.deps.clock.now(),
      signedAt: same ? new Date(registered.signedAt) : null,
    });
  }

  /** "This exact text was published by …": released bodies only. */
  async matchText(text: string): Promise<TextMatchResult> {
    const ids = await this.deps.store.members(keys.communiqueText(textHash(text)));
    const docs = (await Promise.all(ids.map((id) => this.reader.loadDocument(id)))).filter(
      (d): d is PublishedDocument => d !== null,
    );
    const now = this.deps.clock.now();
    const released = docs.filter((d) => new Date(d.signed.document.releaseAt) <= now);
    const keyById = new Map((await this.deps.keyring.keySet()).keys.map((k) => [k.keyId, k]));
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
}

/** Key order does not matter to JCS; compare documents the same way. */
function sortedDocument(doc: object): unknown {
  return Object.fromEntries(Object.entries(doc).sort(([a], [b]) => (a < b ? -1 : 1)));
}
