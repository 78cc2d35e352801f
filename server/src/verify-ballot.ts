import fs from 'node:fs';
import { Board, describeProblem, verifyBoard } from '@majlis/shared/ballots';

/**
 * `npm run verify-ballot -- <board.json>`: checks an exported bulletin board
 * of a verifiable secret ballot (VOTE-8) from the file alone — every ballot
 * proof, that the published receipts are exactly the board, the product per
 * option, every trustee's decryption proof, and that the counts follow.
 * It reads no server, no Redis, no configuration. Exit 0: verified; 1: a
 * check failed (each failure named); 2: the file could not be read.
 */
const file = process.argv[2];
if (file === undefined || process.argv.length > 3) {
  process.stderr.write('usage: npm run verify-ballot -- <exported board file>\n');
  process.exit(2);
}

let board: Board;
try {
  const parsed = Board.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    process.stderr.write(`${file} is not a Majlis ballot board: ${parsed.error.message}\n`);
    process.exit(2);
  }
  board = parsed.data;
} catch (err) {
  process.stderr.write(
    `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(2);
}

const started = performance.now();
const report = verifyBoard(board);
const ms = Math.round(performance.now() - started);
const out = process.stdout;
out.write(`Motion ${board.motionId}: ${board.title}\n`);
out.write(
  `${report.ballots} ballots, ${board.trustees.length} trustees (threshold ${board.threshold}), checked in ${ms} ms\n`,
);
if (report.counts !== null)
  out.write(
    `Counts: ${board.options.map((o, i) => `${o} ${report.counts?.[i] ?? '?'}`).join(', ')}\n`,
  );
if (report.ok) {
  out.write(
    board.tally === null
      ? 'VERIFIED (no tally yet): every ballot proof and receipt checks\n'
      : 'VERIFIED: every ballot proof, the receipts, the products, every decryption proof and the tally\n',
  );
  process.exit(0);
}
out.write(`FAILED: ${report.problems.length} problem(s)\n`);
for (const p of report.problems) out.write(`  - ${describeProblem(p)}\n`);
process.exit(1);
