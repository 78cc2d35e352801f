import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { verifySigned, type CommuniqueDocument, type PublicSigningKey } from '@majlis/shared';
import { describe, expect, it } from 'vitest';
import {
  generateIssuerKey,
  loadOrCreateSigningKek,
  nodeEd25519Verify,
  openPrivateKey,
  parseKek,
  sealPrivateKey,
  signDocument,
} from './signing.ts';

const pair = generateIssuerKey();
const key: PublicSigningKey = {
  keyId: pair.keyId,
  issuer: { kind: 'delegation', id: 'DDDDDDDDDDDDDDDDDDDDDD', name: 'Ethiopia' },
  algorithm: 'Ed25519',
  publicKey: pair.publicKey,
  validFrom: '2027-02-01T00:00:00.000Z',
  validUntil: null,
  revokedAt: null,
};
const document: CommuniqueDocument = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  language: 'fr',
  issuer: { kind: 'delegation', id: 'DDDDDDDDDDDDDDDDDDDDDD' },
  keyId: pair.keyId,
  summitId: 'SSSSSSSSSSSSSSSSSSSSSS',
  title: 'Déclaration de la délégation',
  body: 'La délégation salue l’accord sur le bassin du Nil.',
  releaseAt: '2027-02-12T12:00:00.000Z',
  supersedes: null,
  cites: [],
};
const now = new Date('2027-02-12T13:00:00.000Z');
const check = (doc: CommuniqueDocument, signature: string) =>
  verifySigned({ document: doc, signature }, [key], nodeEd25519Verify, { now });

describe('COMM-1 signing and verifying', () => {
  it('verifies what it signed', async () => {
    const signature = signDocument(pair.privateKey, document);
    expect(Buffer.from(signature, 'base64url')).toHaveLength(64);
    expect(await check(document, signature)).toEqual({
      valid: true,
      keyId: pair.keyId,
      issuer: key.issuer,
      reason: 'ok',
    });
  });

  const tampered: [string, Partial<CommuniqueDocument>][] = [
    ['the title', { title: 'Déclaration de la délégatiom' }],
    ['the body', { body: 'La délégation salue l’accord sur le bassin du Nil!' }],
    ['the release time', { releaseAt: '2027-02-12T12:00:01.000Z' }],
    ['the issuer', { issuer: { kind: 'delegation', id: 'DDDDDDDDDDDDDDDDDDDDDE' } }],
    ['the citations', { cites: ['CCCCCCCCCCCCCCCCCCCCCC'] }],
  ];
  it.each(tampered)('fails once %s changes by one character', async (_what, change) => {
    const signature = signDocument(pair.privateKey, document);
    const v = await check({ ...document, ...change }, signature);
    expect(v).toMatchObject({ valid: false, reason: 'bad_signature' });
  });

  it('fails under another issuer’s key', async () => {
    const other = generateIssuerKey();
    const v = await check(document, signDocument(other.privateKey, document));
    expect(v.reason).toBe('bad_signature');
  });
});

describe('COMM-2 private keys at rest', () => {
  const kek = randomBytes(32);

  it('seals a key so that only the KEK and the same key id open it', () => {
    const sealed = sealPrivateKey(kek, pair.keyId, pair.privateKey);
    const opened = openPrivateKey(kek, pair.keyId, sealed);
    expect(opened.export({ format: 'jwk' })).toEqual(pair.privateKey.export({ format: 'jwk' }));
    expect(() => openPrivateKey(randomBytes(32), pair.keyId, sealed)).toThrow();
    expect(() => openPrivateKey(kek, 'another-key-id-000000', sealed)).toThrow();
  });

  it('stores neither the raw private key nor its PKCS#8 form', () => {
    const sealed = JSON.stringify(sealPrivateKey(kek, pair.keyId, pair.privateKey));
    const d = pair.privateKey.export({ format: 'jwk' }).d ?? '';
    const der = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
    // The detector works: it finds the key in plain text.
    expect(JSON.stringify({ d }).includes(d)).toBe(true);
    for (const form of [d, der.toString('base64url'), der.toString('base64'), der.toString('hex')])
      expect(sealed.includes(form.slice(0, 24))).toBe(false);
  });

  it('keeps the KEK in the data folder with mode 0600 and reuses it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'majlis-kek-'));
    try {
      const first = loadOrCreateSigningKek(dir);
      expect(first).toHaveLength(32);
      expect(fs.statSync(path.join(dir, 'signing-kek')).mode & 0o777).toBe(0o600);
      expect(loadOrCreateSigningKek(dir).equals(first)).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a KEK that is not 32 bytes', () => {
    expect(() => parseKek(randomBytes(16).toString('base64url'))).toThrow(/32 bytes/);
    expect(parseKek(randomBytes(32).toString('base64'))).toHaveLength(32);
  });
});
