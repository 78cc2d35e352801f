import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { z } from 'zod';
import {
  G,
  IDENTITY,
  MalformedElement,
  PointHex,
  ScalarHex,
  base,
  challenge,
  decodeKey,
  decodePoint,
  decodeScalar,
  encodePoint,
  encodeScalar,
  mod,
  mul,
  randomScalar,
  systemRandom,
  type GroupElement,
  type RandomSource,
} from './group.ts';

/**
 * VOTE-8 on the voter's device and at the server's door: a one-of-n choice
 * encrypted as n exponential-ElGamal ciphertexts (one per option, each g^m·h^r
 * with m ∈ {0, 1}), a disjunctive Chaum–Pedersen proof per ciphertext that m
 * is 0 or 1, and one Chaum–Pedersen proof that the product encrypts exactly 1.
 * Every challenge hashes the motion, the election key, the option count and
 * the whole ciphertext vector, so a proof cannot be lifted into another
 * motion, another key or another ballot.
 */

export const Ciphertext = z.object({ a: PointHex, b: PointHex });
export type Ciphertext = z.infer<typeof Ciphertext>;

/** The OR-proof of Cramer–Damgård–Schoenmakers: branch j shows (a, b/g^j) is a DH pair for (g, h). */
export const ZeroOneProof = z.object({
  c0: ScalarHex,
  c1: ScalarHex,
  z0: ScalarHex,
  z1: ScalarHex,
});
export type ZeroOneProof = z.infer<typeof ZeroOneProof>;

/** Chaum–Pedersen: the product of the ciphertexts, divided by g, is a DH pair (one choice, no more). */
export const SumProof = z.object({ c: ScalarHex, z: ScalarHex });
export type SumProof = z.infer<typeof SumProof>;

export const MAX_OPTIONS = 16;

export const EncryptedBallot = z
  .object({
    ciphertexts: z.array(Ciphertext).min(2).max(MAX_OPTIONS),
    proofs: z.array(ZeroOneProof).min(2).max(MAX_OPTIONS),
    sumProof: SumProof,
  })
  .refine((b) => b.proofs.length === b.ciphertexts.length, 'one proof per ciphertext');
export type EncryptedBallot = z.infer<typeof EncryptedBallot>;

/** What a ballot is bound to: the motion, the joint public key, the number of options. */
export interface BallotContext {
  motionId: string;
  publicKey: string;
  options: number;
}

/** A ballot as the device builds it: the receipt is what the voter keeps. */
export interface SealedBallot {
  ballot: EncryptedBallot;
  receipt: string;
}

/**
 * Ballot challenges are 128 bits (soundness error 2^-128): the verifier's
 * costliest step is multiplying each ciphertext by a challenge, and a
 * 128-bit multiplier halves it. The two branch challenges of an OR-proof
 * add up modulo 2^128; both must be below 2^128, so none has two encodings.
 */
const CHALLENGE_BITS = 128n;
const CHALLENGE_SPACE = 1n << CHALLENGE_BITS;
const short = (k: bigint) => ((k % CHALLENGE_SPACE) + CHALLENGE_SPACE) % CHALLENGE_SPACE;

function randomChallenge(random: RandomSource): bigint {
  return short(randomScalar(random));
}

function decodeChallenge(hex: string): bigint {
  const c = decodeScalar(hex);
  if (c >= CHALLENGE_SPACE) throw new MalformedElement('challenge is not below 2^128');
  return c;
}

interface DecodedCiphertext {
  a: GroupElement;
  b: GroupElement;
}

export function encryptValue(h: GroupElement, m: bigint, r: bigint): DecodedCiphertext {
  // m is 0 or 1 for a real ballot; sealValues may pass other values for the forgery tests.
  return { a: base(r), b: base(m, false).add(mul(h, r)) };
}

function transcript(ctx: BallotContext, ciphertexts: readonly Ciphertext[]): string[] {
  const parts = [ctx.motionId, ctx.publicKey, String(ctx.options)];
  for (const c of ciphertexts) parts.push(c.a, c.b);
  return parts;
}

/**
 * Builds the 0/1 proof for the real value `m` with randomness `r`; the other
 * branch is simulated. A value outside {0, 1} has no real branch and the
 * proof it yields does not verify (the forgery tests use exactly this).
 */
export function proveZeroOne(
  ctx: BallotContext,
  ciphertexts: readonly Ciphertext[],
  index: number,
  h: GroupElement,
  ct: DecodedCiphertext,
  m: bigint,
  r: bigint,
  random: RandomSource = systemRandom,
): ZeroOneProof {
  const real = m === 1n ? 1 : 0;
  const fake = 1 - real;
  const w = randomScalar(random);
  const cFake = randomChallenge(random);
  const zFake = randomScalar(random);
  const bOver = (j: number) => (j === 0 ? ct.b : ct.b.subtract(G));
  const commitments: [GroupElement, GroupElement][] = [
    [IDENTITY, IDENTITY],
    [IDENTITY, IDENTITY],
  ];
  commitments[real] = [base(w), mul(h, w)];
  commitments[fake] = [
    // The simulated branch's scalars are published in the proof: no secret to protect.
    base(zFake, false).subtract(mul(ct.a, cFake, false)),
    mul(h, zFake, false).subtract(mul(bOver(fake), cFake, false)),
  ];
  const c = zeroOneChallenge(ctx, ciphertexts, index, commitments);
  const cReal = short(c - cFake);
  const zReal = mod(w + cReal * r);
  const cs = real === 0 ? [cReal, cFake] : [cFake, cReal];
  const zs = real === 0 ? [zReal, zFake] : [zFake, zReal];
  return {
    c0: encodeScalar(cs[0] ?? 0n),
    c1: encodeScalar(cs[1] ?? 0n),
    z0: encodeScalar(zs[0] ?? 0n),
    z1: encodeScalar(zs[1] ?? 0n),
  };
}

function zeroOneChallenge(
  ctx: BallotContext,
  ciphertexts: readonly Ciphertext[],
  index: number,
  commitments: readonly [GroupElement, GroupElement][],
): bigint {
  const parts: (string | GroupElement)[] = [...transcript(ctx, ciphertexts), String(index)];
  for (const [x, y] of commitments) parts.push(x, y);
  return short(challenge('ballot/zero-one', parts));
}

export function proveSum(
  ctx: BallotContext,
  ciphertexts: readonly Ciphertext[],
  h: GroupElement,
  rSum: bigint,
  random: RandomSource = systemRandom,
): SumProof {
  const w = randomScalar(random);
  const c = short(challenge('ballot/sum', [...transcript(ctx, ciphertexts), base(w), mul(h, w)]));
  return { c: encodeScalar(c), z: encodeScalar(w + c * rSum) };
}

/** The receipt: SHA-256 over the motion and the ballot's fixed-order encoding. */
export function ballotReceipt(motionId: string, ballot: EncryptedBallot): string {
  const parts = ['majlis/vote-8/receipt/v1', motionId];
  for (const c of ballot.ciphertexts) parts.push(c.a, c.b);
  for (const p of ballot.proofs) parts.push(p.c0, p.c1, p.z0, p.z1);
  parts.push(ballot.sumProof.c, ballot.sumProof.z);
  return bytesToHex(sha256(utf8ToBytes(parts.join('|'))));
}

/** On the voter's device: encrypt `choice` (0-based option) with all proofs. */
export function encryptBallot(
  ctx: BallotContext,
  choice: number,
  random: RandomSource = systemRandom,
): SealedBallot {
  if (!Number.isInteger(choice) || choice < 0 || choice >= ctx.options) {
    throw new RangeError(`choice ${choice} is not one of ${ctx.options} options`);
  }
  const h = decodeKey(ctx.publicKey);
  const values = Array.from({ length: ctx.options }, (_, i) => (i === choice ? 1n : 0n));
  return sealValues(ctx, h, values, random);
}

/**
 * Encrypts arbitrary values with honestly built proofs. Only `encryptBallot`
 * is for voting; tests call this to show that a vector of two 1s, or a 2,
 * cannot carry proofs that verify.
 */
export function sealValues(
  ctx: BallotContext,
  h: GroupElement,
  values: readonly bigint[],
  random: RandomSource = systemRandom,
): SealedBallot {
  const rs = values.map(() => randomScalar(random));
  const decoded = values.map((m, i) => encryptValue(h, m, rs[i] ?? 0n));
  const ciphertexts = decoded.map((c) => ({ a: encodePoint(c.a), b: encodePoint(c.b) }));
  const proofs = decoded.map((ct, i) =>
    proveZeroOne(ctx, ciphertexts, i, h, ct, values[i] ?? 0n, rs[i] ?? 0n, random),
  );
  const rSum = rs.reduce((s, r) => mod(s + r), 0n);
  const ballot: EncryptedBallot = {
    ciphertexts,
    proofs,
    sumProof: proveSum(ctx, ciphertexts, h, rSum, random),
  };
  return { ballot, receipt: ballotReceipt(ctx.motionId, ballot) };
}

export type BallotCheck =
  | { ok: true }
  | {
      ok: false;
      reason: 'malformed' | 'option-count' | 'zero-one-proof' | 'sum-proof';
      option: number | null;
    };

/**
 * At the server's door and in the verifier: every 0/1 proof and the sum
 * proof. Public values only, so the variable-time multiplication is used.
 */
export function verifyBallot(
  ctx: BallotContext,
  ballot: EncryptedBallot,
  h?: GroupElement,
): BallotCheck {
  if (ballot.ciphertexts.length !== ctx.options || ballot.proofs.length !== ctx.options) {
    return { ok: false, reason: 'option-count', option: null };
  }
  let key: GroupElement;
  let decoded: DecodedCiphertext[];
  try {
    key = h ?? decodeKey(ctx.publicKey);
    decoded = ballot.ciphertexts.map((c) => ({ a: decodePoint(c.a), b: decodePoint(c.b) }));
  } catch (error) {
    if (error instanceof MalformedElement) return { ok: false, reason: 'malformed', option: null };
    throw error;
  }
  for (let i = 0; i < decoded.length; i++) {
    const ct = decoded[i];
    const proof = ballot.proofs[i];
    if (!ct || !proof) return { ok: false, reason: 'option-count', option: i };
    let c0: bigint, c1: bigint, z0: bigint, z1: bigint;
    try {
      c0 = decodeChallenge(proof.c0);
      c1 = decodeChallenge(proof.c1);
      z0 = decodeScalar(proof.z0);
      z1 = decodeScalar(proof.z1);
    } catch (error) {
      if (error instanceof MalformedElement) return { ok: false, reason: 'malformed', option: i };
      throw error;
    }
    const bOne = ct.b.subtract(G);
    const commitments: [GroupElement, GroupElement][] = [
      [
        base(z0, false).subtract(mul(ct.a, c0, false)),
        mul(key, z0, false).subtract(mul(ct.b, c0, false)),
      ],
      [
        base(z1, false).subtract(mul(ct.a, c1, false)),
        mul(key, z1, false).subtract(mul(bOne, c1, false)),
      ],
    ];
    if (short(c0 + c1) !== zeroOneChallenge(ctx, ballot.ciphertexts, i, commitments)) {
      return { ok: false, reason: 'zero-one-proof', option: i };
    }
  }
  let sumA = IDENTITY;
  let sumB = IDENTITY;
  for (const ct of decoded) {
    sumA = sumA.add(ct.a);
    sumB = sumB.add(ct.b);
  }
  let c: bigint, z: bigint;
  try {
    c = decodeChallenge(ballot.sumProof.c);
    z = decodeScalar(ballot.sumProof.z);
  } catch (error) {
    if (error instanceof MalformedElement) return { ok: false, reason: 'malformed', option: null };
    throw error;
  }
  const t1 = base(z, false).subtract(mul(sumA, c, false));
  const t2 = mul(key, z, false).subtract(mul(sumB.subtract(G), c, false));
  if (c !== short(challenge('ballot/sum', [...transcript(ctx, ballot.ciphertexts), t1, t2]))) {
    return { ok: false, reason: 'sum-proof', option: null };
  }
  return { ok: true };
}
