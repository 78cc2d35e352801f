import type { Motion } from '@majlis/shared';
import {
  BOARD_FORMAT,
  aggregate,
  applyTrustees,
  combineTally,
  tallyReady,
  type Board,
  type BoardBallot,
  EncryptedBallot,
} from '@majlis/shared/ballots';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { Write } from '../store/tx.ts';
import { decided } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import { authorize } from './ballots.ts';
import { VERIFIABLE_OPTIONS, VerifiableReader, verifiableKeys } from './verifiable-common.ts';

/** VOTE-8 after the seal: the per-option products, the count, and the published board. */
export class VerifiableTally extends VerifiableReader {
  /**
   * Called by the counting step once the box is sealed: fixes the products
   * of the board, then counts if enough trustees have already decrypted
   * (a resume after a crash). Returns the motion as it then stands.
   */
  async sealAndCount(motionId: string): Promise<Motion> {
    const motion = await this.motions.load(motionId);
    if (motion.status !== 'counting') return motion;
    const setup = await this.required(motionId);
    if (setup.totals === null) {
      const entries = await this.boardEntries(motionId);
      const totals = aggregate(
        VERIFIABLE_OPTIONS.length,
        entries.map((e) => e.ballot),
      );
      const key = verifiableKeys.trustees(motionId);
      await transact(
        this.deps.store,
        async () => {
          const current = await this.required(motionId);
          const next = decided(
            applyTrustees(current, { type: 'seal', totals, ballots: entries.length }),
          );
          if (next.version === current.version) return { tx: { checks: [], writes: [] } };
          return {
            tx: {
              checks: [{ key, version: current.version }],
              writes: [{ op: 'set', key, value: JSON.stringify(next) }],
            },
          };
        },
        { retryConflicts: true },
      );
    }
    return this.count(motionId);
  }

  /** Publishes the result once `threshold` checked partial decryptions are in. */
  async count(motionId: string): Promise<Motion> {
    const setup = await this.required(motionId);
    const motion = await this.motions.load(motionId);
    if (motion.status !== 'counting' || !tallyReady(setup) || setup.totals === null) return motion;
    const entries = await this.boardEntries(motionId);
    const [yes = 0, no = 0, abstain = 0] = combineTally(
      setup.totals,
      setup.partials,
      setup.threshold,
      entries.length,
    );
    const eligible = (await this.deps.store.members(keys.motionEligible(motionId))).length;
    const counted = await this.motions.apply(
      undefined,
      motionId,
      {
        type: 'count',
        box: {
          counts: { yes, no, abstain, object: 0 },
          eligible,
          roll: null,
          receipts: entries.map((e) => e.receipt),
        },
      },
      (m): Write[] => [{ op: 'srem', key: keys.liveMotions(), member: m.id }],
    );
    // The append-only file holds each cast in order with its delegation; rewrite it from the data.
    void this.deps.store.compactLog().then((ok) => {
      if (!ok) this.deps.logger.warn({ motionId }, 'Redis did not rewrite its append-only file');
    });
    return counted;
  }

  /** The exported board: public to the session's participants once the vote is closed. */
  async board(actor: Principal, motionId: string): Promise<Board> {
    authorize(actor, 'motion:read');
    const { motion } = await this.admitted(actor, motionId);
    if (motion.status !== 'closed')
      throw new AppError(
        'PRECONDITION_FAILED',
        'The bulletin board is published once the vote is closed',
      );
    const setup = await this.required(motionId);
    const ballots = await this.boardEntries(motionId);
    const tally =
      setup.totals === null || motion.result === null
        ? null
        : {
            totals: setup.totals,
            partials: setup.partials,
            counts: [motion.result.tally.yes, motion.result.tally.no, motion.result.tally.abstain],
          };
    return {
      format: BOARD_FORMAT,
      motionId,
      title: Object.values(motion.text)[0] ?? '',
      options: [...VERIFIABLE_OPTIONS],
      threshold: setup.threshold,
      trustees: setup.trustees.map((t) => ({ index: t.index, transportKey: t.transportKey ?? '' })),
      dealings: setup.trustees.flatMap((t) => (t.dealing ? [t.dealing] : [])),
      publicKey: setup.publicKey ?? '',
      ballots,
      receipts: motion.result?.receipts ?? [],
      voters: (await this.deps.store.members(keys.motionVoted(motionId))).length,
      tally,
    };
  }

  /** During the vote, a voter may look up their own ballot by its receipt (and only by it). */
  async ballotByReceipt(actor: Principal, motionId: string, receipt: string): Promise<BoardBallot> {
    authorize(actor, 'motion:read');
    await this.admitted(actor, motionId);
    const json = await this.deps.store.hashGet(verifiableKeys.board(motionId), receipt);
    if (json === null)
      throw new AppError('NOT_FOUND', 'No ballot with this receipt is on the board');
    return { receipt, ballot: EncryptedBallot.parse(JSON.parse(json)) };
  }
}
