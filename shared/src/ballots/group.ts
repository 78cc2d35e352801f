import { ristretto255 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';

/**
 * VOTE-8: the prime-order group every ballot, key and proof lives in
 * (ristretto255, RFC 9496), with the few operations the protocol needs.
 * Points and scalars travel as 64 lower-case hex characters; decoding checks
 * canonical encodings, so a forged point or an out-of-range scalar is refused
 * at the edge rather than reduced silently.
 */

export type GroupElement = InstanceType<typeof ristretto255.Point>;
export const Point = ristretto255.Point;
const Fn = ristretto255.Point.Fn;
/** The group order ℓ = 2^252 + 27742317777372353535851937790883648493. */
export const ORDER = Fn.ORDER;
export const G: GroupElement = Point.BASE;
export const IDENTITY: GroupElement = Point.ZERO;

export const PointHex = z.string().regex(/^[0-9a-f]{64}$/, 'is not a 32-byte point in hex');
export const ScalarHex = z.string().regex(/^[0-9a-f]{64}$/, 'is not a 32-byte scalar in hex');

export function mod(k: bigint): bigint {
  return Fn.create(k);
}

/**
 * k·P for any k, zero included (noble's constant-time `multiply` refuses 0).
 * Secrets (randomness, shares) go through the constant-time path; the
 * verifier's public scalars may take the faster variable-time one.
 */
export function mul(p: GroupElement, k: bigint, secret = true): GroupElement {
  const r = mod(k);
  if (r === 0n) return IDENTITY;
  return secret ? p.multiply(r) : p.multiplyUnsafe(r);
}

export function base(k: bigint, secret = true): GroupElement {
  return mul(G, k, secret);
}

const precomputed = new Map<string, GroupElement>();

/**
 * A long-lived public point (the election key, a trustee's verification key)
 * with its multiplication table built once: every ballot check multiplies by
 * it, and the table makes that several times faster.
 */
export function decodeKey(hex: string): GroupElement {
  const cached = precomputed.get(hex);
  if (cached) return cached;
  const p = decodePoint(hex);
  p.precompute(8, false);
  if (precomputed.size > 64) precomputed.clear();
  precomputed.set(hex, p);
  return p;
}

/** g^m for a small count, without the cost of a full multiplication. */
export function smallMultiple(m: number): GroupElement {
  return mul(G, BigInt(m), false);
}

export function encodePoint(p: GroupElement): string {
  return p.toHex();
}

export class MalformedElement extends Error {
  override name = 'MalformedElement';
}

export function decodePoint(hex: string): GroupElement {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new MalformedElement(`not a point: ${hex.slice(0, 16)}`);
  try {
    return Point.fromHex(hex);
  } catch {
    throw new MalformedElement(`not a canonical ristretto255 point: ${hex.slice(0, 16)}`);
  }
}

export function encodeScalar(k: bigint): string {
  return bytesToHex(Fn.toBytes(mod(k)));
}

export function decodeScalar(hex: string): bigint {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new MalformedElement(`not a scalar: ${hex.slice(0, 16)}`);
  const bytes = hexToBytes(hex);
  let k = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) k = (k << 8n) | BigInt(bytes[i] ?? 0);
  // A scalar ≥ ℓ would give a second encoding of the same value (malleable proofs).
  if (k >= ORDER) throw new MalformedElement('scalar is not reduced');
  return k;
}

/** Where the randomness comes from: the platform's CSPRNG unless a test seeds it. */
export type RandomSource = (length: number) => Uint8Array;
export const systemRandom: RandomSource = (length) => randomBytes(length);

/** A uniform scalar in [1, ℓ): 64 random bytes reduced, so the bias is negligible. */
export function randomScalar(random: RandomSource = systemRandom): bigint {
  for (;;) {
    const bytes = random(64);
    let k = 0n;
    for (const b of bytes) k = (k << 8n) | BigInt(b);
    const r = mod(k);
    if (r !== 0n) return r;
  }
}

/**
 * Fiat–Shamir challenge. Every part is length-prefixed after a domain tag, so
 * no two different transcripts hash alike and a proof made for one purpose
 * (one motion, one key, one ballot, one option) never verifies for another.
 */
export function challenge(domain: string, parts: readonly (string | GroupElement)[]): bigint {
  const chunks: Uint8Array[] = [utf8ToBytes(`majlis/vote-8/${domain}`)];
  for (const part of parts)
    chunks.push(typeof part === 'string' ? utf8ToBytes(part) : part.toBytes());
  let length = 0;
  for (const c of chunks) length += 4 + c.length;
  const buffer = new Uint8Array(length);
  const view = new DataView(buffer.buffer);
  let at = 0;
  for (const c of chunks) {
    view.setUint32(at, c.length);
    buffer.set(c, at + 4);
    at += 4 + c.length;
  }
  const digest = sha512(buffer);
  let k = 0n;
  for (const b of digest) k = (k << 8n) | BigInt(b);
  return mod(k);
}

export function sha512Hex(text: string): string {
  return bytesToHex(sha512(utf8ToBytes(text)));
}
