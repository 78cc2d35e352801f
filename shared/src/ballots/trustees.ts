import { z } from 'zod';
import type { Ciphertext } from './ballot.ts';
import {
  G,
  IDENTITY,
  MalformedElement,
  ORDER,
  PointHex,
  ScalarHex,
  base,
  challenge,
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
 * VOTE-8 trustees: distributed key generation (Pedersen's DKG, each trustee a
 * Feldman VSS dealer), partial decryption with a Chaum–Pedersen proof, and the
 * Lagrange combination of any `threshold` of them. Nobody, the server
 * included, ever holds the election secret: it is the sum of the dealers'
 * constant terms, and only its shares exist, one per trustee device.
 *
 * Trustees are numbered 1..n (their Shamir evaluation points). Shares travel
 * through the server sealed to the recipient's transport key: the share plus a
 * pad hashed from a Diffie–Hellman secret. The server sees only sealed values;
 * a tampered one fails the recipient's Feldman check.
 */

export const TrusteeIndex = z.number().int().min(1).max(16);

/** Schnorr proof that the dealer knows its constant term (no rogue-key choice of the joint key). */
export const KnowledgeProof = z.object({ c: ScalarHex, z: ScalarHex });
export type KnowledgeProof = z.infer<typeof KnowledgeProof>;

export const SealedShare = z.object({ to: TrusteeIndex, ephemeral: PointHex, sealed: ScalarHex });
export type SealedShare = z.infer<typeof SealedShare>;

/** What one dealer publishes: commitments to its polynomial, the proof, the sealed shares. */
export const Dealing = z.object({
  dealer: TrusteeIndex,
  commitments: z.array(PointHex).min(1).max(16),
  proof: KnowledgeProof,
  shares: z.array(SealedShare).max(16),
});
export type Dealing = z.infer<typeof Dealing>;

export const DecryptionProof = z.object({ c: ScalarHex, z: ScalarHex });
export type DecryptionProof = z.infer<typeof DecryptionProof>;

/** One trustee's part of the tally: x_i·A per option, each with its proof. */
export const PartialDecryption = z.object({
  trustee: TrusteeIndex,
  shares: z.array(PointHex).min(1).max(16),
  proofs: z.array(DecryptionProof).min(1).max(16),
});
export type PartialDecryption = z.infer<typeof PartialDecryption>;

export interface TransportKeyPair {
  secret: bigint;
  publicKey: string;
}

export function transportKeyPair(random: RandomSource = systemRandom): TransportKeyPair {
  const secret = randomScalar(random);
  return { secret, publicKey: encodePoint(base(secret)) };
}

function evaluate(coefficients: readonly bigint[], x: bigint): bigint {
  let y = 0n;
  for (let k = coefficients.length - 1; k >= 0; k--) y = mod(y * x + (coefficients[k] ?? 0n));
  return y;
}

function pad(
  motionId: string,
  dealer: number,
  to: number,
  ephemeral: GroupElement,
  shared: GroupElement,
): bigint {
  return challenge('dkg/share-pad', [motionId, String(dealer), String(to), ephemeral, shared]);
}

/**
 * On dealer `dealer`'s device: a random polynomial of degree threshold−1, its
 * commitments, and one sealed share per trustee (itself included, so every
 * trustee's share is rebuilt the same way).
 */
export function deal(
  motionId: string,
  dealer: number,
  threshold: number,
  transportKeys: ReadonlyMap<number, string>,
  random: RandomSource = systemRandom,
): Dealing {
  const coefficients = Array.from({ length: threshold }, () => randomScalar(random));
  const commitments = coefficients.map((a) => encodePoint(base(a)));
  const a0 = coefficients[0] ?? 0n;
  const w = randomScalar(random);
  const c = challenge('dkg/knowledge', [motionId, String(dealer), ...commitments, base(w)]);
  const proof = { c: encodeScalar(c), z: encodeScalar(w + c * a0) };
  const shares: SealedShare[] = [];
  for (const [to, key] of [...transportKeys].sort(([x], [y]) => x - y)) {
    const e = randomScalar(random);
    const ephemeral = base(e);
    const shared = mul(decodePoint(key), e);
    const value = evaluate(coefficients, BigInt(to));
    shares.push({
      to,
      ephemeral: encodePoint(ephemeral),
      sealed: encodeScalar(value + pad(motionId, dealer, to, ephemeral, shared)),
    });
  }
  return { dealer, commitments, proof, shares };
}

/** Σ_k j^k·C_k: what g^{f(j)} must be for the dealer's commitments. */
function committedShare(commitments: readonly GroupElement[], j: number): GroupElement {
  let acc = IDENTITY;
  let power = 1n;
  for (const c of commitments) {
    acc = acc.add(mul(c, power, false));
    power = mod(power * BigInt(j));
  }
  return acc;
}

export type DealingCheck = { ok: true } | { ok: false; reason: string };

/** Anyone: the dealing has `threshold` commitments and a valid knowledge proof. */
export function checkDealing(motionId: string, threshold: number, dealing: Dealing): DealingCheck {
  if (dealing.commitments.length !== threshold)
    return { ok: false, reason: 'wrong number of commitments' };
  try {
    const c0 = decodePoint(dealing.commitments[0] ?? '');
    const c = decodeScalar(dealing.proof.c);
    const z = decodeScalar(dealing.proof.z);
    for (const hex of dealing.commitments) decodePoint(hex);
    const t = base(z, false).subtract(mul(c0, c, false));
    const expected = challenge('dkg/knowledge', [
      motionId,
      String(dealing.dealer),
      ...dealing.commitments,
      t,
    ]);
    return expected === c ? { ok: true } : { ok: false, reason: 'knowledge proof does not verify' };
  } catch (error) {
    if (error instanceof MalformedElement) return { ok: false, reason: error.message };
    throw error;
  }
}

export class ShareRefused extends Error {
  override name = 'ShareRefused';
  constructor(
    readonly dealer: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * On trustee `me`'s device, once every dealing is in: open the shares sealed
 * to it, check each against its dealer's commitments (Feldman), and sum them
 * into its key share. Throws ShareRefused naming the dealer at fault.
 */
export function combineShares(
  motionId: string,
  me: number,
  transportSecret: bigint,
  threshold: number,
  dealings: readonly Dealing[],
): bigint {
  let share = 0n;
  for (const dealing of dealings) {
    const check = checkDealing(motionId, threshold, dealing);
    if (!check.ok) throw new ShareRefused(dealing.dealer, check.reason);
    const mine = dealing.shares.find((s) => s.to === me);
    if (!mine) throw new ShareRefused(dealing.dealer, `no share for trustee ${me}`);
    const ephemeral = decodePoint(mine.ephemeral);
    const value = mod(
      decodeScalar(mine.sealed) -
        pad(motionId, dealing.dealer, me, ephemeral, mul(ephemeral, transportSecret)),
    );
    const expected = committedShare(dealing.commitments.map(decodePoint), me);
    if (!base(value).equals(expected)) {
      throw new ShareRefused(
        dealing.dealer,
        `the share from trustee ${dealing.dealer} does not match its commitments`,
      );
    }
    share = mod(share + value);
  }
  return share;
}

/** Public: the joint election key, Σ of the dealers' constant-term commitments. */
export function jointPublicKey(dealings: readonly Pick<Dealing, 'commitments'>[]): string {
  let y = IDENTITY;
  for (const d of dealings) y = y.add(decodePoint(d.commitments[0] ?? ''));
  return encodePoint(y);
}

/** Public: trustee j's verification key g^{x_j}, from the commitments alone. */
export function verificationKey(
  dealings: readonly Pick<Dealing, 'commitments'>[],
  j: number,
): GroupElement {
  let y = IDENTITY;
  for (const d of dealings) y = y.add(committedShare(d.commitments.map(decodePoint), j));
  return y;
}

/** The server at closing, and every verifier: the product of each option's ciphertexts. */
export function aggregate(
  options: number,
  ballots: readonly { ciphertexts: readonly Ciphertext[] }[],
): Ciphertext[] {
  const a = Array.from({ length: options }, () => IDENTITY);
  const b = Array.from({ length: options }, () => IDENTITY);
  for (const ballot of ballots) {
    for (let i = 0; i < options; i++) {
      const ct = ballot.ciphertexts[i];
      if (!ct) throw new MalformedElement(`ballot has no ciphertext for option ${i}`);
      a[i] = (a[i] ?? IDENTITY).add(decodePoint(ct.a));
      b[i] = (b[i] ?? IDENTITY).add(decodePoint(ct.b));
    }
  }
  return a.map((ai, i) => ({ a: encodePoint(ai), b: encodePoint(b[i] ?? IDENTITY) }));
}

function decryptionChallenge(
  motionId: string,
  trustee: number,
  option: number,
  key: GroupElement,
  a: GroupElement,
  d: GroupElement,
  t1: GroupElement,
  t2: GroupElement,
): bigint {
  return challenge('tally/partial', [motionId, String(trustee), String(option), key, a, d, t1, t2]);
}

/** On trustee `trustee`'s device: its share applied to each aggregate, with proofs. */
export function partialDecrypt(
  motionId: string,
  trustee: number,
  share: bigint,
  totals: readonly Ciphertext[],
  random: RandomSource = systemRandom,
): PartialDecryption {
  const key = base(share);
  const shares: string[] = [];
  const proofs: DecryptionProof[] = [];
  totals.forEach((total, option) => {
    const a = decodePoint(total.a);
    const d = mul(a, share);
    const w = randomScalar(random);
    const c = decryptionChallenge(motionId, trustee, option, key, a, d, base(w), mul(a, w));
    shares.push(encodePoint(d));
    proofs.push({ c: encodeScalar(c), z: encodeScalar(w + c * share) });
  });
  return { trustee, shares, proofs };
}

export type PartialCheck = { ok: true } | { ok: false; option: number | null; reason: string };

/** The server before accepting a partial decryption, and every verifier. */
export function verifyPartial(
  motionId: string,
  totals: readonly Ciphertext[],
  key: GroupElement,
  partial: PartialDecryption,
): PartialCheck {
  if (partial.shares.length !== totals.length || partial.proofs.length !== totals.length) {
    return { ok: false, option: null, reason: 'one share and one proof per option' };
  }
  for (let option = 0; option < totals.length; option++) {
    try {
      const a = decodePoint(totals[option]?.a ?? '');
      const d = decodePoint(partial.shares[option] ?? '');
      const proof = partial.proofs[option];
      if (!proof) return { ok: false, option, reason: 'missing proof' };
      const c = decodeScalar(proof.c);
      const z = decodeScalar(proof.z);
      const t1 = base(z, false).subtract(mul(key, c, false));
      const t2 = mul(a, z, false).subtract(mul(d, c, false));
      if (c !== decryptionChallenge(motionId, partial.trustee, option, key, a, d, t1, t2)) {
        return { ok: false, option, reason: 'decryption proof does not verify' };
      }
    } catch (error) {
      if (error instanceof MalformedElement) return { ok: false, option, reason: error.message };
      throw error;
    }
  }
  return { ok: true };
}

/** λ_j for the set `indices`, evaluated at 0. */
export function lagrangeAtZero(indices: readonly number[], j: number): bigint {
  let num = 1n;
  let den = 1n;
  for (const m of indices) {
    if (m === j) continue;
    num = mod(num * BigInt(m));
    den = mod(den * BigInt(m - j));
  }
  return mod(num * modInverse(den));
}

function modInverse(k: bigint): bigint {
  // Fermat: k^(ℓ−2) mod ℓ; ℓ is prime.
  let result = 1n;
  let b = mod(k);
  let e = ORDER - 2n;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % ORDER;
    b = (b * b) % ORDER;
    e >>= 1n;
  }
  return result;
}

export class TallyIncomplete extends Error {
  override name = 'TallyIncomplete';
}

/**
 * g^count per option from `threshold` partial decryptions (already
 * verified), then the small discrete logarithm: the count is at most the
 * number of ballots, so a walk from g^0 finds it.
 */
export function combineTally(
  totals: readonly Ciphertext[],
  partials: readonly PartialDecryption[],
  threshold: number,
  maxCount: number,
): number[] {
  const chosen = partials.slice(0, threshold);
  if (chosen.length < threshold) {
    throw new TallyIncomplete(`${chosen.length} of ${threshold} trustees have decrypted`);
  }
  const indices = chosen.map((p) => p.trustee);
  if (new Set(indices).size !== indices.length)
    throw new TallyIncomplete('a trustee is counted twice');
  return totals.map((total, option) => {
    let mask = IDENTITY;
    for (const p of chosen) {
      mask = mask.add(
        mul(decodePoint(p.shares[option] ?? ''), lagrangeAtZero(indices, p.trustee), false),
      );
    }
    const target = decodePoint(total.b).subtract(mask);
    let walk = IDENTITY;
    for (let count = 0; count <= maxCount; count++) {
      if (walk.equals(target)) return count;
      walk = walk.add(G);
    }
    throw new TallyIncomplete(
      `option ${option}: no count up to ${maxCount} matches the decryption`,
    );
  });
}
