/**
 * Benchmark: VOTE-8 verifiable ballots, with the shared code the devices,
 * the server and the verifier run, beside a baseline measured in the same
 * run: one ristretto255 scalar multiplication of each kind (the unit every
 * figure below is made of), so a loaded machine reads as a loaded machine.
 *
 *   npm run bench -- ballots
 *
 * Targets (issue 21): encryption + proofs ≤ 200 ms on the device; the
 * server's check ≤ 5 ms per ballot; tally + full verification of 193
 * ballots ≤ 2 s. Encryption is timed in Node here, not in a browser.
 */
import os from 'node:os';
import {
  BOARD_FORMAT,
  G,
  aggregate,
  combineShares,
  combineTally,
  deal,
  encryptBallot,
  jointPublicKey,
  partialDecrypt,
  randomScalar,
  transportKeyPair,
  verifyBallot,
  verifyBoard,
  type Board,
} from '@majlis/shared/ballots';
import { percentile } from './lib.ts';

const N = Number(process.env['BENCH_BALLOTS'] ?? 193);

function time<T>(samples: number[], work: () => T): T {
  const t0 = performance.now();
  const out = work();
  samples.push(performance.now() - t0);
  return out;
}

function row(name: string, samples: number[], target: string): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2).padStart(10);
  process.stdout.write(
    `${name.padEnd(44)}${String(samples.length).padStart(6)}${f(percentile(sorted, 50))}${f(percentile(sorted, 95))}  ${target}\n`,
  );
}

function main(): void {
  const motionId = 'bench-motion';
  // Baseline: the group operations themselves.
  const point = G.multiply(randomScalar());
  const varBase: number[] = [];
  const fixedBase: number[] = [];
  for (let i = 0; i < 200; i++) {
    const k = randomScalar();
    time(varBase, () => point.multiplyUnsafe(k));
    time(fixedBase, () => G.multiply(k));
  }

  // Three trustees, threshold 2.
  const transport = [1, 2, 3].map(() => transportKeyPair());
  const keys = new Map(transport.map((k, i) => [i + 1, k.publicKey]));
  const dealings = [1, 2, 3].map((i) => deal(motionId, i, 2, keys));
  const shares = transport.map((k, i) => combineShares(motionId, i + 1, k.secret, 2, dealings));
  const publicKey = jointPublicKey(dealings);
  const ctx = { motionId, publicKey, options: 3 };

  const encrypt: number[] = [];
  const check: number[] = [];
  const sealed = Array.from({ length: N }, (_, i) =>
    time(encrypt, () => encryptBallot(ctx, i % 3)),
  );
  for (const s of sealed) {
    const r = time(check, () => verifyBallot(ctx, s.ballot));
    if (!r.ok) throw new Error('an honest ballot failed its check');
  }

  // Tally at closing: products, two partial decryptions, the counts.
  const tally: number[] = [];
  const board: Board = time(tally, () => {
    const totals = aggregate(
      3,
      sealed.map((s) => s.ballot),
    );
    const partials = [1, 3].map((i) => partialDecrypt(motionId, i, shares[i - 1] ?? 0n, totals));
    return {
      format: BOARD_FORMAT,
      motionId,
      title: 'bench',
      options: ['yes', 'no', 'abstain'],
      threshold: 2,
      trustees: transport.map((k, i) => ({ index: i + 1, transportKey: k.publicKey })),
      dealings,
      publicKey,
      ballots: sealed.map((s) => ({ receipt: s.receipt, ballot: s.ballot })),
      receipts: sealed.map((s) => s.receipt),
      voters: N,
      tally: { totals, partials, counts: combineTally(totals, partials, 2, N) },
    };
  });
  const verify: number[] = [];
  const report = time(verify, () => verifyBoard(board));
  if (!report.ok) throw new Error('the honest board failed verification');
  const total = [(tally[0] ?? 0) + (verify[0] ?? 0)];

  const [load1] = os.loadavg();
  process.stdout.write(
    `\nVOTE-8 ballots: ${N} ballots, 3 options, 2 of 3 trustees (${os.cpus().length} CPUs, load average ${(load1 ?? 0).toFixed(1)})\n`,
  );
  process.stdout.write(
    `${'operation'.padEnd(44)}${'n'.padStart(6)}${'p50 ms'.padStart(10)}${'p95 ms'.padStart(10)}  target\n`,
  );
  row('baseline: variable-base scalar mult (public)', varBase, '');
  row('baseline: fixed-base scalar mult (secret)', fixedBase, '');
  row('device: encrypt + 0/1 proofs + sum proof', encrypt, '≤ 200 ms (browser)');
  row('server: check one ballot’s proofs', check, '≤ 5 ms');
  row(`close: products + 2 partials + counts (${N})`, tally, '');
  row(`verifier: whole board (${N} ballots)`, verify, '');
  row(`tally + full verification (${N})`, total, '≤ 2000 ms');
}

main();
