import { z } from 'zod';
import {
  Ciphertext,
  EncryptedBallot,
  ballotReceipt,
  verifyBallot,
  type BallotContext,
} from './ballot.ts';
import { MalformedElement, PointHex, decodeKey } from './group.ts';
import {
  Dealing,
  PartialDecryption,
  TallyIncomplete,
  aggregate,
  checkDealing,
  combineTally,
  jointPublicKey,
  verificationKey,
  verifyPartial,
} from './trustees.ts';

/**
 * VOTE-8 bulletin board: everything needed to check a verifiable secret
 * ballot, and nothing that names a delegation. The exported file is this
 * object as JSON; `verifyBoard` needs nothing else (no server, no clock).
 */

export const BOARD_FORMAT = 'majlis/vote-8/board/v1';

export const BoardBallot = z.object({
  receipt: z.string().regex(/^[0-9a-f]{64}$/),
  ballot: EncryptedBallot,
});
export type BoardBallot = z.infer<typeof BoardBallot>;

export const BoardTally = z.object({
  /** The product of every ballot's ciphertexts, per option. */
  totals: z.array(Ciphertext),
  /** Every partial decryption the server accepted (each one checked again by the verifier). */
  partials: z.array(PartialDecryption),
  /** The counts per option, in the order of `options`. */
  counts: z.array(z.number().int().nonnegative()),
});
export type BoardTally = z.infer<typeof BoardTally>;

export const Board = z.object({
  format: z.literal(BOARD_FORMAT),
  motionId: z.string().min(1),
  title: z.string(),
  /** Option labels, in ciphertext order (yes, no, abstain). */
  options: z.array(z.string()).min(2).max(16),
  threshold: z.number().int().min(1),
  trustees: z.array(z.object({ index: z.number().int().min(1), transportKey: PointHex })),
  dealings: z.array(Dealing),
  publicKey: PointHex,
  ballots: z.array(BoardBallot),
  /** The receipts the result publishes: must be exactly the board's ballots. */
  receipts: z.array(z.string()),
  /** How many delegations the voted set holds: one ballot each (VOTE-7). */
  voters: z.number().int().nonnegative(),
  tally: BoardTally.nullable(),
});
export type Board = z.infer<typeof Board>;

export type BoardProblem =
  | { kind: 'dealing'; trustee: number; message: string }
  | { kind: 'public-key'; message: string }
  | { kind: 'ballot'; receipt: string; position: number; message: string }
  | { kind: 'receipts'; receipt: string | null; message: string }
  | { kind: 'voters'; message: string }
  | { kind: 'totals'; option: number; message: string }
  | { kind: 'partial'; trustee: number; message: string }
  | { kind: 'tally'; message: string };

export interface BoardReport {
  ok: boolean;
  problems: BoardProblem[];
  /** The counts the verifier itself derived (null when it could not). */
  counts: number[] | null;
  ballots: number;
}

export function boardContext(
  board: Pick<Board, 'motionId' | 'publicKey' | 'options'>,
): BallotContext {
  return { motionId: board.motionId, publicKey: board.publicKey, options: board.options.length };
}

/** Every check of issue VOTE-8's verifier, each failure named. */
export function verifyBoard(board: Board): BoardReport {
  const problems: BoardProblem[] = [];
  const ctx = boardContext(board);

  // Trustees: every dealing well formed, one per trustee, and the key is their sum.
  const dealers = new Set(board.dealings.map((d) => d.dealer));
  for (const t of board.trustees) {
    if (!dealers.has(t.index))
      problems.push({ kind: 'dealing', trustee: t.index, message: 'trustee has no dealing' });
  }
  for (const d of board.dealings) {
    const check = checkDealing(board.motionId, board.threshold, d);
    if (!check.ok) problems.push({ kind: 'dealing', trustee: d.dealer, message: check.reason });
  }
  let dealingsSound = problems.length === 0;
  if (dealingsSound && jointPublicKey(board.dealings) !== board.publicKey) {
    problems.push({
      kind: 'public-key',
      message: 'the public key is not the sum of the dealers’ commitments',
    });
    dealingsSound = false;
  }

  // Ballots: each receipt recomputed, each proof checked, no ballot twice.
  const h = safePoint(board.publicKey);
  const seen = new Set<string>();
  const sound: BoardBallot[] = [];
  board.ballots.forEach((entry, position) => {
    const recomputed = ballotReceipt(board.motionId, entry.ballot);
    if (recomputed !== entry.receipt) {
      problems.push({
        kind: 'ballot',
        receipt: entry.receipt,
        position,
        message: 'the ballot does not hash to its receipt (changed after casting)',
      });
      return;
    }
    if (seen.has(entry.receipt)) {
      problems.push({
        kind: 'ballot',
        receipt: entry.receipt,
        position,
        message: 'the same ballot appears twice',
      });
      return;
    }
    seen.add(entry.receipt);
    const check = h
      ? verifyBallot(ctx, entry.ballot, h)
      : ({ ok: false, reason: 'malformed', option: null } as const);
    if (!check.ok) {
      const where = check.option === null ? '' : ` (option ${check.option + 1})`;
      problems.push({
        kind: 'ballot',
        receipt: entry.receipt,
        position,
        message: `${check.reason}${where}`,
      });
      return;
    }
    sound.push(entry);
  });

  // The published receipts are exactly the board.
  const published = new Set(board.receipts);
  if (published.size !== board.receipts.length) {
    problems.push({ kind: 'receipts', receipt: null, message: 'a receipt is published twice' });
  }
  for (const r of board.receipts) {
    if (!seen.has(r))
      problems.push({ kind: 'receipts', receipt: r, message: 'published receipt has no ballot' });
  }
  for (const entry of board.ballots) {
    if (!published.has(entry.receipt)) {
      problems.push({
        kind: 'receipts',
        receipt: entry.receipt,
        message: 'ballot is not among the published receipts',
      });
    }
  }
  if (board.ballots.length !== board.voters) {
    problems.push({
      kind: 'voters',
      message: `${board.ballots.length} ballots for ${board.voters} delegations that voted`,
    });
  }

  if (!board.tally)
    return { ok: problems.length === 0, problems, counts: null, ballots: board.ballots.length };

  // Tally: the products, every partial decryption, and the counts that follow.
  const tally = board.tally;
  let counts: number[] | null = null;
  try {
    const totals = aggregate(
      board.options.length,
      board.ballots.map((b) => b.ballot),
    );
    totals.forEach((t, option) => {
      const published = tally.totals[option];
      if (!published || published.a !== t.a || published.b !== t.b) {
        problems.push({
          kind: 'totals',
          option,
          message: 'the published product is not the product of the ballots',
        });
      }
    });
    const valid: PartialDecryption[] = [];
    if (dealingsSound) {
      for (const partial of tally.partials) {
        if (!board.trustees.some((t) => t.index === partial.trustee)) {
          problems.push({
            kind: 'partial',
            trustee: partial.trustee,
            message: 'not a trustee of this motion',
          });
          continue;
        }
        const check = verifyPartial(
          board.motionId,
          totals,
          verificationKey(board.dealings, partial.trustee),
          partial,
        );
        if (check.ok) valid.push(partial);
        else problems.push({ kind: 'partial', trustee: partial.trustee, message: check.reason });
      }
      counts = combineTally(totals, valid, board.threshold, board.ballots.length);
      if (counts.length !== tally.counts.length || counts.some((c, i) => c !== tally.counts[i])) {
        problems.push({
          kind: 'tally',
          message: `published counts ${tally.counts.join('/')} but the decryption gives ${counts.join('/')}`,
        });
      }
    } else {
      problems.push({
        kind: 'tally',
        message: 'the trustees’ keys do not check, so no decryption can be verified',
      });
    }
  } catch (error) {
    if (error instanceof TallyIncomplete || error instanceof MalformedElement) {
      problems.push({ kind: 'tally', message: error.message });
    } else throw error;
  }
  return { ok: problems.length === 0, problems, counts, ballots: board.ballots.length };
}

function safePoint(hex: string) {
  try {
    return decodeKey(hex);
  } catch (error) {
    if (error instanceof MalformedElement) return null;
    throw error;
  }
}

/** One line per problem, for the CLI and the verifier page's details. */
export function describeProblem(p: BoardProblem): string {
  switch (p.kind) {
    case 'dealing':
      return `trustee ${p.trustee}: ${p.message}`;
    case 'public-key':
      return `public key: ${p.message}`;
    case 'ballot':
      return `ballot ${p.receipt} (#${p.position + 1}): ${p.message}`;
    case 'receipts':
      return `receipt ${p.receipt ?? '—'}: ${p.message}`;
    case 'voters':
      return `voters: ${p.message}`;
    case 'totals':
      return `option ${p.option + 1}: ${p.message}`;
    case 'partial':
      return `trustee ${p.trustee}'s decryption: ${p.message}`;
    case 'tally':
      return `tally: ${p.message}`;
    default: {
      const never: never = p;
      return never;
    }
  }
}
