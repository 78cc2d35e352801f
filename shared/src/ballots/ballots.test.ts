import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOARD_FORMAT,
  Board,
  EncryptedBallot,
  ORDER,
  ShareRefused,
  TallyIncomplete,
  aggregate,
  base,
  ballotReceipt,
  combineShares,
  combineTally,
  deal,
  decodeKey,
  decodeScalar,
  describeProblem,
  encodeScalar,
  encryptBallot,
  jointPublicKey,
  mod,
  partialDecrypt,
  sealValues,
  transportKeyPair,
  verificationKey,
  verifyBallot,
  verifyBoard,
  verifyPartial,
  type BallotContext,
  type Dealing,
  type PartialDecryption,
  type RandomSource,
  type SealedBallot,
} from './index.ts';

/** A deterministic CSPRNG stand-in (SHA-256 in counter mode) so a failing seed replays exactly. */
function seeded(seed: number): RandomSource {
  let counter = 0;
  return (length) => {
    const out = new Uint8Array(length);
    for (let at = 0; at < length; at += 32) {
      const block = sha256(utf8ToBytes(`${seed}/${counter++}`));
      out.set(block.subarray(0, Math.min(32, length - at)), at);
    }
    return out;
  };
}

interface Election {
  motionId: string;
  threshold: number;
  dealings: Dealing[];
  shares: bigint[];
  ctx: BallotContext;
}

function election(random: RandomSource, motionId = 'mot-1', trustees = 3, threshold = 2): Election {
  const transport = Array.from({ length: trustees }, () => transportKeyPair(random));
  const keys = new Map(transport.map((k, i) => [i + 1, k.publicKey]));
  const dealings = transport.map((_, i) => deal(motionId, i + 1, threshold, keys, random));
  const shares = transport.map((k, i) =>
    combineShares(motionId, i + 1, k.secret, threshold, dealings),
  );
  return {
    motionId,
    threshold,
    dealings,
    shares,
    ctx: { motionId, publicKey: jointPublicKey(dealings), options: 3 },
  };
}

function boardOf(
  e: Election,
  ballots: SealedBallot[],
  partials: PartialDecryption[] | null,
): Board {
  const totals = aggregate(
    3,
    ballots.map((b) => b.ballot),
  );
  return {
    format: BOARD_FORMAT,
    motionId: e.motionId,
    title: 'Resolution 12/4',
    options: ['yes', 'no', 'abstain'],
    threshold: e.threshold,
    trustees: e.dealings.map((d) => ({ index: d.dealer, transportKey: e.ctx.publicKey })),
    dealings: e.dealings,
    publicKey: e.ctx.publicKey,
    ballots: ballots.map((b) => ({ receipt: b.receipt, ballot: b.ballot })),
    receipts: ballots.map((b) => b.receipt),
    voters: ballots.length,
    tally: partials
      ? { totals, partials, counts: combineTally(totals, partials, e.threshold, ballots.length) }
      : null,
  };
}

function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
}

/** Deep copies through the schemas, the way a verifier reads an exported file. */
function copyBoard(board: Board): Board {
  return Board.parse(JSON.parse(JSON.stringify(board)));
}

function copyBallot(ballot: EncryptedBallot): EncryptedBallot {
  return EncryptedBallot.parse(JSON.parse(JSON.stringify(ballot)));
}

function tallyOf(board: Board) {
  if (!board.tally) throw new Error('board has no tally');
  return board.tally;
}

const random = seeded(7);
const e = election(random);

describe('VOTE-8 ballots: encryption with 0/1 and sum proofs', () => {
  it('an honest ballot for each option verifies', () => {
    for (const choice of [0, 1, 2]) {
      const sealed = encryptBallot(e.ctx, choice, random);
      expect(verifyBallot(e.ctx, sealed.ballot)).toEqual({ ok: true });
      expect(sealed.receipt).toBe(ballotReceipt(e.motionId, sealed.ballot));
    }
  });

  it('two yes votes (1, 1, 0) with honest 0/1 proofs and a forged sum proof are refused', () => {
    const h = decodeKey(e.ctx.publicKey);
    const forged = sealValues(e.ctx, h, [1n, 1n, 0n], random);
    expect(verifyBallot(e.ctx, forged.ballot)).toEqual({
      ok: false,
      reason: 'sum-proof',
      option: null,
    });
  });

  it('a value of 2 (2, 0, -1 summing to one) is refused at its 0/1 proof', () => {
    const h = decodeKey(e.ctx.publicKey);
    const forged = sealValues(e.ctx, h, [2n, 0n, mod(-1n)], random);
    expect(verifyBallot(e.ctx, forged.ballot)).toEqual({
      ok: false,
      reason: 'zero-one-proof',
      option: 0,
    });
  });

  it('a proof is bound to its motion and its key: the same ballot fails elsewhere', () => {
    const sealed = encryptBallot(e.ctx, 1, random);
    expect(verifyBallot({ ...e.ctx, motionId: 'mot-2' }, sealed.ballot).ok).toBe(false);
    const other = election(seeded(8));
    expect(verifyBallot({ ...e.ctx, publicKey: other.ctx.publicKey }, sealed.ballot).ok).toBe(
      false,
    );
  });

  it('a proof is bound to its ballot: swapping one ciphertext with another ballot’s fails', () => {
    const one = encryptBallot(e.ctx, 0, random);
    const two = encryptBallot(e.ctx, 0, random);
    const spliced = {
      ...one.ballot,
      ciphertexts: [at(two.ballot.ciphertexts, 0), ...one.ballot.ciphertexts.slice(1)],
    };
    expect(verifyBallot(e.ctx, spliced).ok).toBe(false);
  });

  it('an unreduced scalar (s + ℓ) is refused rather than accepted as a second encoding', () => {
    const sealed = encryptBallot(e.ctx, 0, random);
    const z = decodeScalar(sealed.ballot.sumProof.z);
    const unreduced = z + ORDER;
    // 32 bytes little-endian, as scalars travel.
    const le = Array.from({ length: 32 }, (_, i) =>
      ((unreduced >> BigInt(8 * i)) & 0xffn).toString(16).padStart(2, '0'),
    ).join('');
    const tampered = { ...sealed.ballot, sumProof: { ...sealed.ballot.sumProof, z: le } };
    expect(verifyBallot(e.ctx, tampered)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('a challenge at or above 2^128 is refused (no second encoding of a 128-bit challenge)', () => {
    const sealed = encryptBallot(e.ctx, 2, random);
    const c = decodeScalar(sealed.ballot.sumProof.c);
    const tampered = {
      ...sealed.ballot,
      sumProof: { ...sealed.ballot.sumProof, c: encodeScalar(c + (1n << 128n)) },
    };
    expect(verifyBallot(e.ctx, tampered)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('seeded property: any choice verifies and any single changed ciphertext or proof scalar fails', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        fc.nat(),
        (choice, option, s) => {
          const sealed = encryptBallot(e.ctx, choice, seeded(s));
          expect(verifyBallot(e.ctx, sealed.ballot).ok).toBe(true);
          const bumped = copyBallot(sealed.ballot);
          const proof = at(bumped.proofs, option);
          proof.z1 = encodeScalar(decodeScalar(proof.z1) + 1n);
          expect(verifyBallot(e.ctx, bumped)).toMatchObject({ ok: false, option });
          const swapped = copyBallot(sealed.ballot);
          const ct = at(swapped.ciphertexts, option);
          swapped.ciphertexts[option] = { a: ct.b, b: ct.a };
          expect(verifyBallot(e.ctx, swapped).ok).toBe(false);
        },
      ),
      { seed: 21, numRuns: 12 },
    );
  }, 60_000);
});

describe('VOTE-8 trustees: DKG, partial decryption, threshold', () => {
  it('every trustee’s share matches its public verification key', () => {
    e.shares.forEach((share, i) => {
      expect(verificationKey(e.dealings, i + 1).equals(base(share))).toBe(true);
    });
  });

  it('a share tampered in transit is refused, naming its dealer', () => {
    const transport = [1, 2, 3].map(() => transportKeyPair(random));
    const keys = new Map(transport.map((k, i) => [i + 1, k.publicKey]));
    const dealings = [1, 2, 3].map((i) => deal('mot-t', i, 2, keys, random));
    const share = at(at(dealings, 1).shares, 0);
    share.sealed = encodeScalar(decodeScalar(share.sealed) + 1n);
    expect(() => combineShares('mot-t', 1, at(transport, 0).secret, 2, dealings)).toThrow(
      ShareRefused,
    );
    try {
      combineShares('mot-t', 1, at(transport, 0).secret, 2, dealings);
    } catch (error) {
      expect(error instanceof ShareRefused ? error.dealer : null).toBe(2);
    }
  });

  it('any two of three trustees give the same exact tally; one alone cannot', () => {
    const choices = [0, 0, 1, 2, 0, 1, 0];
    const ballots = choices.map((c) => encryptBallot(e.ctx, c, random));
    const totals = aggregate(
      3,
      ballots.map((b) => b.ballot),
    );
    const partials = e.shares.map((s, i) => partialDecrypt(e.motionId, i + 1, s, totals, random));
    for (const pair of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const chosen = pair.map((i) => at(partials, i));
      expect(combineTally(totals, chosen, 2, ballots.length)).toEqual([4, 2, 1]);
    }
    expect(() => combineTally(totals, [at(partials, 0)], 2, ballots.length)).toThrow(
      TallyIncomplete,
    );
    // Even if the software were told the threshold is 1, one share is not the key: no count matches.
    expect(() => combineTally(totals, [at(partials, 2)], 1, ballots.length)).toThrow(
      TallyIncomplete,
    );
  });

  it('a wrong partial decryption is refused and the tally completes with the other trustees', () => {
    const ballots = [0, 1, 1].map((c) => encryptBallot(e.ctx, c, random));
    const totals = aggregate(
      3,
      ballots.map((b) => b.ballot),
    );
    const honest = e.shares.map((s, i) => partialDecrypt(e.motionId, i + 1, s, totals, random));
    // Trustee 1 decrypts with a wrong share but claims its own index.
    const wrong = partialDecrypt(e.motionId, 1, mod(at(e.shares, 0) + 1n), totals, random);
    expect(verifyPartial(e.motionId, totals, verificationKey(e.dealings, 1), wrong)).toMatchObject({
      ok: false,
      option: 0,
    });
    // Trustee 1 copies trustee 2's shares: the proof does not transfer either.
    const copied = { ...at(honest, 1), trustee: 1 };
    expect(verifyPartial(e.motionId, totals, verificationKey(e.dealings, 1), copied).ok).toBe(
      false,
    );
    for (const p of honest.slice(1)) {
      expect(verifyPartial(e.motionId, totals, verificationKey(e.dealings, p.trustee), p)).toEqual({
        ok: true,
      });
    }
    expect(combineTally(totals, honest.slice(1), 2, 3)).toEqual([1, 2, 0]);
  });

  it('seeded property: random elections of t of n trustees tally exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 12 }),
        fc.nat(),
        (threshold, extra, choices, s) => {
          const r = seeded(s);
          const el = election(r, `mot-${s}`, threshold + extra, threshold);
          const ballots = choices.map((c) => encryptBallot(el.ctx, c, r));
          const totals = aggregate(
            3,
            ballots.map((b) => b.ballot),
          );
          // The last `threshold` trustees decrypt: the first ones are absent.
          const present = el.shares.map((x, i) => ({ x, i: i + 1 })).slice(extra);
          const partials = present.map(({ x, i }) => partialDecrypt(el.motionId, i, x, totals, r));
          const expected = [0, 1, 2].map((o) => choices.filter((c) => c === o).length);
          expect(combineTally(totals, partials, threshold, choices.length)).toEqual(expected);
        },
      ),
      { seed: 8, numRuns: 6 },
    );
  }, 60_000);
});

describe('VOTE-8 bulletin board verifier', () => {
  const ballots = [0, 1, 0, 2, 0].map((c) => encryptBallot(e.ctx, c, random));
  const totals = aggregate(
    3,
    ballots.map((b) => b.ballot),
  );
  const partials = [1, 3].map((i) =>
    partialDecrypt(e.motionId, i, at(e.shares, i - 1), totals, random),
  );
  const good = boardOf(e, ballots, partials);

  it('an honest board verifies, from its JSON alone', () => {
    const parsed = Board.parse(JSON.parse(JSON.stringify(good)));
    const report = verifyBoard(parsed);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, counts: [3, 1, 1], ballots: 5 });
  });

  it('a changed ciphertext is named by its receipt', () => {
    const board = copyBoard(good);
    const victim = at(board.ballots, 3);
    victim.ballot.ciphertexts[0] = at(at(board.ballots, 0).ballot.ciphertexts, 0);
    const report = verifyBoard(board);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.objectContaining({ kind: 'ballot', receipt: victim.receipt, position: 3 }),
    );
    expect(report.problems.map(describeProblem).join('\n')).toContain(victim.receipt);
  });

  it('a dropped ballot, an added receipt or changed counts are each found', () => {
    const dropped = copyBoard(good);
    dropped.ballots.pop();
    expect(verifyBoard(dropped).problems.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['receipts', 'voters', 'totals']),
    );
    const counts = copyBoard(good);
    tallyOf(counts).counts = [2, 2, 1];
    expect(verifyBoard(counts).problems).toEqual([expect.objectContaining({ kind: 'tally' })]);
    const extra = copyBoard(good);
    extra.receipts.push('0'.repeat(64));
    expect(verifyBoard(extra).problems).toEqual([
      expect.objectContaining({ kind: 'receipts', receipt: '0'.repeat(64) }),
    ]);
  });

  it('a wrong partial on the board is named and the tally still follows from the others', () => {
    const board = copyBoard(good);
    const wrong = partialDecrypt(e.motionId, 2, mod(at(e.shares, 1) + 5n), totals, random);
    tallyOf(board).partials.unshift(wrong);
    const report = verifyBoard(board);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'partial', trustee: 2 })]);
    expect(report.counts).toEqual([3, 1, 1]);
  });

  it('a public key that is not the dealers’ sum is refused', () => {
    const board = copyBoard(good);
    board.publicKey = at(at(board.dealings, 0).commitments, 0);
    expect(verifyBoard(board).problems.map((p) => p.kind)).toContain('public-key');
  });
});
