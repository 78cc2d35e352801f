import canonicalize from 'canonicalize';
import {
  sameIssuer,
  type CommuniqueDocument,
  type PublicSigningKey,
  type SignedCommunique,
  type Verification,
} from './document.ts';

/**
 * COMM-1: the signature covers the UTF-8 bytes of the RFC 8785 (JCS)
 * canonical JSON of the document. The canonical text comes from the
 * `canonicalize` package (the reference implementation), never from our own
 * key sorting, so any other JCS implementation agrees byte for byte.
 */
export function canonicalDocument(document: CommuniqueDocument): string {
  const text = canonicalize(document);
  if (text === undefined) throw new Error('a communiqué document has no canonical form');
  return text;
}

/**
 * The one Ed25519 check, supplied by each side: node:crypto on the server,
 * WebCrypto in the browser. `message` is the canonical text; the port encodes
 * it as UTF-8.
 */
export type Ed25519Verify = (
  publicKey: Uint8Array,
  signature: Uint8Array,
  message: string,
) => Promise<boolean>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map(Array.from({ length: 64 }, (_, i) => [ALPHABET.charAt(i), i]));

/** base64url (no padding) to bytes; null when it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (let i = 0; i < text.length; i += 1) {
    const v = VALUE.get(text.charAt(i));
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const triple = (a << 16) | (b << 8) | c;
    const chars = i + 1 >= bytes.length ? 2 : i + 2 >= bytes.length ? 3 : 4;
    for (let j = 0; j < chars; j += 1) out += ALPHABET.charAt((triple >> (18 - 6 * j)) & 63);
  }
  return out;
}

export interface JudgeInput {
  key: PublicSigningKey | undefined;
  document: CommuniqueDocument;
  signatureValid: boolean;
  /**
   * When the document was signed, if the checker knows it for certain (the
   * server's own register of what it signed). Unknown for a pasted document:
   * then a revoked key trusts nothing, since a thief can date a forgery freely.
   */
  signedAt: Date | null;
  now: Date;
}

/**
 * The verdict from the facts, the same in the browser and on the server.
 * Order matters: an unknown key says nothing; a bad signature or a document
 * claiming another issuer than its key's is forged whatever the key's dates;
 * then revocation and validity periods.
 */
export function judge(input: JudgeInput): Verification {
  const { key, document, signedAt, now } = input;
  const keyId = document.keyId;
  if (key === undefined) return { valid: false, keyId, issuer: null, reason: 'unknown_key' };
  const verdict = (reason: Verification['reason']): Verification => ({
    valid: reason === 'ok',
    keyId,
    issuer: key.issuer,
    reason,
  });
  if (!input.signatureValid || !sameIssuer(document.issuer, key.issuer))
    return verdict('bad_signature');
  if (key.revokedAt !== null && (signedAt === null || signedAt >= new Date(key.revokedAt)))
    return verdict('revoked_key');
  // A rotation retires a key: the server never signs with it afterwards.
  if (key.validUntil !== null && signedAt !== null && signedAt > new Date(key.validUntil))
    return verdict('revoked_key');
  const validFrom = new Date(key.validFrom);
  const claimed = signedAt ?? new Date(document.releaseAt);
  if (validFrom > now || claimed < validFrom) return verdict('not_yet_valid');
  return verdict('ok');
}

/** Checks one signed document against a key set; `verify` is the side's Ed25519. */
export async function verifySigned(
  signed: SignedCommunique,
  keys: readonly PublicSigningKey[],
  verify: Ed25519Verify,
  opts: { now: Date; signedAt?: Date | null },
): Promise<Verification> {
  const key = keys.find((k) => k.keyId === signed.document.keyId);
  let signatureValid = false;
  if (key !== undefined) {
    const publicKey = fromBase64Url(key.publicKey);
    const signature = fromBase64Url(signed.signature);
    if (publicKey?.length === 32 && signature?.length === 64) {
      signatureValid = await verify(publicKey, signature, canonicalDocument(signed.document));
    }
  }
  return judge({
    key,
    document: signed.document,
    signatureValid,
    signedAt: opts.signedAt ?? null,
    now: opts.now,
  });
}

/**
 * The form a pasted text is matched in: Unicode NFC, runs of white space as
 * one space, no space at the ends. "This exact text" means exact words, not
 * exact line breaks from whatever the reader copied it out of.
 */
export function normalizeStatementText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}
