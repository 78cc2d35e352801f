import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommuniqueDocument, PublicSigningKey } from './document.ts';
import {
  canonicalDocument,
  fromBase64Url,
  judge,
  normalizeStatementText,
  toBase64Url,
} from './verify.ts';

const doc: CommuniqueDocument = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  language: 'ar',
  issuer: { kind: 'summit', id: 'SSSSSSSSSSSSSSSSSSSSSS' },
  keyId: 'KKKKKKKKKKKKKKKKKKKKKK',
  summitId: 'SSSSSSSSSSSSSSSSSSSSSS',
  title: 'بيان ختامي',
  body: 'Line one\n« deux » — ٣',
  releaseAt: '2027-02-12T12:00:00.000Z',
  supersedes: null,
  cites: [],
};

const key = (over: Partial<PublicSigningKey> = {}): PublicSigningKey => ({
  keyId: doc.keyId,
  issuer: { kind: 'summit', id: doc.summitId, name: 'Summit' },
  algorithm: 'Ed25519',
  publicKey: 'A'.repeat(43),
  validFrom: '2027-02-01T00:00:00.000Z',
  validUntil: null,
  revokedAt: null,
  ...over,
});

describe('COMM-1 canonical form (RFC 8785)', () => {
  it('sorts keys at every depth and writes no white space', () => {
    const text = canonicalDocument(doc);
    expect(text.startsWith('{"body":')).toBe(true);
    expect(text).toContain('"issuer":{"id":"SSSSSSSSSSSSSSSSSSSSSS","kind":"summit"}');
    expect(text).not.toMatch(/": /);
  });

  it('does not depend on the order fields were written in', () => {
    const reordered = Object.fromEntries(Object.entries(doc).reverse()) as CommuniqueDocument;
    expect(canonicalDocument(reordered)).toBe(canonicalDocument(doc));
  });

  it('keeps non-ASCII text as itself and escapes only what JCS escapes', () => {
    const text = canonicalDocument(doc);
    expect(text).toContain('"title":"بيان ختامي"');
    expect(text).toContain('"body":"Line one\\n« deux » — ٣"');
  });
});

describe('base64url', () => {
  it('round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it('refuses what is not base64url', () => {
    expect(fromBase64Url('ab+c')).toBeNull();
    expect(fromBase64Url('abcde')).toBeNull();
  });
});

describe('COMM-2 verdicts from the key set', () => {
  const now = new Date('2027-02-12T13:00:00.000Z');
  const signedAt = new Date('2027-02-12T11:00:00.000Z');
  const cases: [
    string,
    PublicSigningKey | undefined,
    Partial<CommuniqueDocument>,
    boolean,
    Date | null,
    string,
  ][] = [
    ['a good signature with a current key', key(), {}, true, null, 'ok'],
    ['an unknown key', undefined, {}, true, null, 'unknown_key'],
    ['a bad signature', key(), {}, false, null, 'bad_signature'],
    [
      'a document claiming a delegation signed with the summit’s key',
      key(),
      { issuer: { kind: 'delegation', id: 'DDDDDDDDDDDDDDDDDDDDDD' } },
      true,
      null,
      'bad_signature',
    ],
    [
      'a revoked key and no known signing time',
      key({ revokedAt: '2027-02-12T12:30:00.000Z' }),
      {},
      true,
      null,
      'revoked_key',
    ],
    [
      'a revoked key, signed (as registered) before the revocation',
      key({ revokedAt: '2027-02-12T12:30:00.000Z' }),
      {},
      true,
      signedAt,
      'ok',
    ],
    [
      'a revoked key, signed after the revocation',
      key({ revokedAt: '2027-02-12T10:30:00.000Z' }),
      {},
      true,
      signedAt,
      'revoked_key',
    ],
    [
      'a retired key, signed before its rotation',
      key({ validUntil: '2027-02-12T11:30:00.000Z' }),
      {},
      true,
      signedAt,
      'ok',
    ],
    [
      'a retired key, signed after its rotation',
      key({ validUntil: '2027-02-12T10:30:00.000Z' }),
      {},
      true,
      signedAt,
      'revoked_key',
    ],
    [
      'a key valid only from tomorrow',
      key({ validFrom: '2027-02-13T00:00:00.000Z' }),
      {},
      true,
      null,
      'not_yet_valid',
    ],
    [
      'a document released before its key existed',
      key(),
      { releaseAt: '2027-01-01T00:00:00.000Z' },
      true,
      null,
      'not_yet_valid',
    ],
  ];
  it.each(cases)('%s', (_name, k, change, signatureValid, at, reason) => {
    const v = judge({ key: k, document: { ...doc, ...change }, signatureValid, signedAt: at, now });
    expect(v.reason).toBe(reason);
    expect(v.valid).toBe(reason === 'ok');
    expect(v.keyId).toBe(doc.keyId);
    expect(v.issuer).toEqual(k === undefined ? null : k.issuer);
  });
});

describe('statement text matching', () => {
  it('ignores line breaks and spacing, never words or letters', () => {
    expect(normalizeStatementText('  The  summit\r\n calls ')).toBe('The summit calls');
    expect(normalizeStatementText('The summit calls.')).not.toBe(
      normalizeStatementText('The summit call.'),
    );
    // NFC: a precomposed and a decomposed é are the same text.
    expect(normalizeStatementText('caf\u00e9')).toBe(normalizeStatementText('cafe\u0301'));
  });
});
