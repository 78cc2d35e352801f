import { describe, expect, it } from 'vitest';
import {
  aggregate,
  applyTrustees,
  combineShares,
  deal,
  encodeScalar,
  encryptBallot,
  mod,
  newSetup,
  partialDecrypt,
  stageOf,
  tallyReady,
  transportKeyPair,
  trusteeIndexOf,
  type TrusteeCommand,
  type TrusteeSetup,
} from './index.ts';

function step(setup: TrusteeSetup, command: TrusteeCommand): TrusteeSetup {
  const d = applyTrustees(setup, command);
  if (!d.ok) throw new Error(`${d.refusal.code}: ${d.refusal.message}`);
  return d.value;
}

function refusal(setup: TrusteeSetup, command: TrusteeCommand): string {
  const d = applyTrustees(setup, command);
  return d.ok ? 'allowed' : d.refusal.code;
}

describe('VOTE-8 trustees’ procedure (pure reducer)', () => {
  const motionId = 'mot-setup';
  const transport = [1, 2, 3].map(() => transportKeyPair());
  const keys = new Map(transport.map((k, i) => [i + 1, k.publicKey]));

  function throughKeyGeneration() {
    let s = newSetup(motionId, ['chair', 'teller-a', 'teller-b']);
    expect(stageOf(s)).toBe('registering');
    for (const [i, k] of transport.entries())
      s = step(s, { type: 'register', trustee: i + 1, transportKey: k.publicKey });
    expect(stageOf(s)).toBe('dealing');
    const dealings = [1, 2, 3].map((i) => deal(motionId, i, 2, keys));
    for (const d of dealings) s = step(s, { type: 'deal', trustee: d.dealer, dealing: d });
    expect(stageOf(s)).toBe('acknowledging');
    const shares = transport.map((k, i) => combineShares(motionId, i + 1, k.secret, 2, dealings));
    for (const i of [1, 2]) s = step(s, { type: 'acknowledge', trustee: i });
    expect(s.publicKey).toBeNull();
    s = step(s, { type: 'acknowledge', trustee: 3 });
    expect(stageOf(s)).toBe('ready');
    return { s, dealings, shares };
  }

  it('runs register → deal → acknowledge; the key exists only when all three acknowledged', () => {
    const { s } = throughKeyGeneration();
    expect(s.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(trusteeIndexOf(s, 'teller-b')).toBe(3);
    expect(trusteeIndexOf(s, 'someone')).toBeNull();
  });

  it('refuses steps out of order, strangers and second answers; a retry is a no-op', () => {
    let s = newSetup(motionId, ['chair', 'teller-a', 'teller-b']);
    const dealing = deal(motionId, 1, 2, keys);
    expect(refusal(s, { type: 'deal', trustee: 1, dealing })).toBe('PRECONDITION_FAILED');
    expect(
      refusal(s, { type: 'register', trustee: 4, transportKey: transport[0]?.publicKey ?? '' }),
    ).toBe('FORBIDDEN');
    s = step(s, { type: 'register', trustee: 1, transportKey: transport[0]?.publicKey ?? '' });
    const again = step(s, {
      type: 'register',
      trustee: 1,
      transportKey: transport[0]?.publicKey ?? '',
    });
    expect(again.version).toBe(s.version);
    expect(
      refusal(s, { type: 'register', trustee: 1, transportKey: transport[1]?.publicKey ?? '' }),
    ).toBe('CONFLICT');
    expect(refusal(s, { type: 'acknowledge', trustee: 1 })).toBe('PRECONDITION_FAILED');
  });

  it('refuses a dealing under another trustee’s index or with a forged knowledge proof', () => {
    let s = newSetup(motionId, ['chair', 'teller-a', 'teller-b']);
    for (const [i, k] of transport.entries())
      s = step(s, { type: 'register', trustee: i + 1, transportKey: k.publicKey });
    const theirs = deal(motionId, 2, 2, keys);
    expect(refusal(s, { type: 'deal', trustee: 1, dealing: theirs })).toBe('INVALID_PAYLOAD');
    const forged = deal(motionId, 1, 2, keys);
    forged.proof = { ...forged.proof, z: encodeScalar(1n) };
    expect(refusal(s, { type: 'deal', trustee: 1, dealing: forged })).toBe('INVALID_PAYLOAD');
    const short = deal(motionId, 1, 2, keys);
    short.shares = short.shares.slice(1);
    expect(refusal(s, { type: 'deal', trustee: 1, dealing: short })).toBe('INVALID_PAYLOAD');
  });

  it('keeps only checked partial decryptions and is ready at the threshold', () => {
    const { s: ready, shares } = throughKeyGeneration();
    const ctx = { motionId, publicKey: ready.publicKey ?? '', options: 3 };
    expect(
      refusal(ready, {
        type: 'decrypt',
        trustee: 1,
        partial: { trustee: 1, shares: [], proofs: [] },
      }),
    ).toBe('PRECONDITION_FAILED');
    const totals = aggregate(
      3,
      [0, 2, 2].map((c) => encryptBallot(ctx, c).ballot),
    );
    let s = step(ready, { type: 'seal', totals, ballots: 3 });
    expect(stageOf(s)).toBe('decrypting');
    const wrong = partialDecrypt(motionId, 1, mod((shares[0] ?? 0n) + 1n), totals);
    expect(refusal(s, { type: 'decrypt', trustee: 1, partial: wrong })).toBe('INVALID_PAYLOAD');
    const borrowed = partialDecrypt(motionId, 2, shares[1] ?? 0n, totals);
    expect(refusal(s, { type: 'decrypt', trustee: 1, partial: borrowed })).toBe('INVALID_PAYLOAD');
    s = step(s, { type: 'decrypt', trustee: 2, partial: borrowed });
    expect(tallyReady(s)).toBe(false);
    s = step(s, {
      type: 'decrypt',
      trustee: 3,
      partial: partialDecrypt(motionId, 3, shares[2] ?? 0n, totals),
    });
    expect(tallyReady(s)).toBe(true);
    expect(s.partials.map((p) => p.trustee)).toEqual([2, 3]);
  });
});
