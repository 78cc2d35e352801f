import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { canonicalDocument, type CommuniqueDocument, type Ed25519Verify } from '@majlis/shared';
import { z } from 'zod';

/**
 * The signing core (COMM-1, COMM-2): Ed25519 from node:crypto, and private
 * keys sealed with AES-256-GCM under a key-encryption key (KEK) that never
 * enters Redis. Only sealed keys are stored; the plaintext exists in this
 * process's memory while signing and nowhere else.
 */

/** A private key at rest: AES-256-GCM with the key id as associated data. */
export const SealedPrivateKey = z.object({
  alg: z.literal('A256GCM'),
  iv: z.string(),
  tag: z.string(),
  ciphertext: z.string(),
});
export type SealedPrivateKey = z.infer<typeof SealedPrivateKey>;

export interface IssuerKeyPair {
  keyId: string;
  /** base64url of the raw 32-byte public key. */
  publicKey: string;
  privateKey: KeyObject;
}

export function generateIssuerKey(): IssuerKeyPair {
  const pair = generateKeyPairSync('ed25519');
  const jwk = pair.publicKey.export({ format: 'jwk' });
  if (jwk.x === undefined) throw new Error('Ed25519 public key without x');
  return {
    keyId: randomBytes(16).toString('base64url'),
    publicKey: jwk.x,
    privateKey: pair.privateKey,
  };
}

const aad = (keyId: string) => Buffer.from(`majlis-signing-key\n${keyId}`, 'utf8');

/** Seals the PKCS#8 form of the key; binding the key id stops a sealed key being moved to another id. */
export function sealPrivateKey(
  kek: Buffer,
  keyId: string,
  privateKey: KeyObject,
): SealedPrivateKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(aad(keyId));
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const ciphertext = Buffer.concat([cipher.update(der), cipher.final()]);
  der.fill(0);
  return {
    alg: 'A256GCM',
    iv: iv.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
  };
}

export function openPrivateKey(kek: Buffer, keyId: string, sealed: SealedPrivateKey): KeyObject {
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.iv, 'base64url'));
  decipher.setAAD(aad(keyId));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
  const der = Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, 'base64url')),
    decipher.final(),
  ]);
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } finally {
    der.fill(0);
  }
}

/** Ed25519 over the UTF-8 bytes of the document's JCS form; base64url. */
export function signDocument(privateKey: KeyObject, document: CommuniqueDocument): string {
  return sign(null, Buffer.from(canonicalDocument(document), 'utf8'), privateKey).toString(
    'base64url',
  );
}

/** The server's side of the shared verification port. */
export const nodeEd25519Verify: Ed25519Verify = (publicKey, signature, message) => {
  try {
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
      format: 'jwk',
    });
    return Promise.resolve(verify(null, Buffer.from(message, 'utf8'), key, signature));
  } catch {
    // Not a point on the curve: no signature can be valid under it.
    return Promise.resolve(false);
  }
};

// ── the key-encryption key ─────────────────────────────────────────────────

/** `MAJLIS_SIGNING_KEK`: 32 random bytes, base64url or base64. */
export function parseKek(text: string): Buffer {
  const bytes = Buffer.from(text.trim(), /[-_]/.test(text) ? 'base64url' : 'base64');
  if (bytes.length !== 32) throw new Error('the signing KEK must be 32 bytes (base64url)');
  return bytes;
}

export const KEK_FILE = 'signing-kek';

/**
 * The KEK from the data folder, made on first start with mode 0600. Redis
 * (even its append-only file) holds only what this key sealed.
 */
export function loadOrCreateSigningKek(dataDir: string): Buffer {
  const file = path.join(dataDir, KEK_FILE);
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o600);
    return parseKek(fs.readFileSync(file, 'utf8'));
  }
  const kek = randomBytes(32);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${kek.toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  return kek;
}
