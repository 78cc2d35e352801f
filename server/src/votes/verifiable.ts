import { decideCast, type BallotReceipt, type Motion, type Session } from '@majlis/shared';
import {
  BOARD_FORMAT,
  EncryptedBallot,
  TrusteeSetup,
  aggregate,
  applyTrustees,
  ballotReceipt,
  combineTally,
  newSetup,
  stageOf,
  tallyReady,
  trusteeIndexOf,
  verifyBallot,
  type Board,
  type BoardBallot,
  type Dealing,
  type PartialDecryption,
  type TrusteeCommand,
  type TrusteeDesignation,
  type TrusteeSetupView,
} from '@majlis/shared/ballots';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { decodeCastReply } from '../store/ballot.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { Write } from '../store/tx.ts';
import { decided, ifExists, recordBody } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';
import { authorize } from './ballots.ts';
import type { MotionLifecycle, VoteDeps } from './lifecycle.ts';

/** The options of a verifiable ballot, in ciphertext order. */
export const VERIFIABLE_OPTIONS = ['yes', 'no', 'abstain'] as const;

/**
 * VOTE-8's keys, beside the motion's own. The board holds receipt → ballot
 * (ciphertexts and proofs) and nothing about who cast it; the `voted` set of
 * VOTE-7 stays where it was, in its own key.
 */
export const verifiableKeys = {
  trustees: (motionId: string) => `majlis:motion:${motionId}:trustees`,
  board: (motionId: string) => `majlis:motion:${motionId}:board`,
};

/**
 * KEYS: motion, eligible, voted, board. ARGV: delegationId, receipt, ballot.
 * One script, so one encrypted ballot per delegation lands whatever the
 * retries (VOTE-7), never after the seal. A copied ballot (another
 * delegation's receipt) is refused; a verifiable ballot is never changed.
 */
export const CAST_ENCRYPTED_LUA = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 'NOT_FOUND' end
local motion = cjson.decode(raw)
if motion.status ~= 'open' then return 'CLOSED' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 then return 'NOT_ELIGIBLE' end
local held = redis.call('HEXISTS', KEYS[4], ARGV[2]) == 1
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then
  if held then return 'UNCHANGED' end
  return 'ALREADY_VOTED'
end
if held then return 'RECEIPT_TAKEN' end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
return 'CAST'
`;

/**
 * Verifiable secret ballots (VOTE-8) on the server: naming the trustees,
 * relaying their key generation, checking each encrypted ballot's proofs
 * before it lands, sealing the per-option products and counting once a
 * threshold of checked partial decryptions is in. The server never holds a
 * key share, a plaintext choice, or anything that links a delegation to a
 * ciphertext beyond the moment of casting.
 */
export class VerifiableBallots {
  constructor(
    private readonly deps: VoteDeps & { logger: Logger },
    private readonly summits: SummitService,
    private readonly motions: MotionLifecycle,
  ) {}

  async setupOf(motionId: string): Promise<TrusteeSetup | null> {
    const raw = await this.deps.store.get(verifiableKeys.trustees(motionId));
    return raw === null ? null : TrusteeSetup.parse(JSON.parse(raw));
  }

  private async required(motionId: string): Promise<TrusteeSetup> {
    const setup = await this.setupOf(motionId);
    if (setup === null) throw new AppError('NOT_FOUND', 'This motion is not a verifiable ballot');
    return setup;
  }

  /** True for a motion drafted as verifiable: its box is counted by the trustees, not the server. */
  async handles(motionId: string): Promise<boolean> {
    return (await this.deps.store.get(verifiableKeys.trustees(motionId))) !== null;
  }

  /** VOTE-8: a verifiable motion opens only when the joint key exists. */
  async assertReady(motionId: string): Promise<void> {
    const setup = await this.setupOf(motionId);
    if (setup !== null && setup.publicKey === null)
      throw new AppError(
        'PRECONDITION_FAILED',
        `The trustees have not finished generating the election key (${stageOf(setup)})`,
      );
  }

  private async admitted(
    actor: Principal,
    motionId: string,
  ): Promise<{ motion: Motion; session: Session }> {
    const motion = await this.motions.load(motionId);
    const session = await this.summits.getSession(actor, motion.sessionId);
    return { motion, session };
  }

  /** The secretariat or the session's chair names the three trustees of a draft secret motion. */
  async designate(
    actor: Principal,
    motionId: string,
    input: TrusteeDesignation,
  ): Promise<TrusteeSetupView> {
    authorize(actor, 'motion:create');
    const { motion, session } = await this.admitted(actor, motionId);
    if (actor.kind === 'participant' && session.chairId !== actor.participant.id)
      throw new AppError('FORBIDDEN', 'Only the secretariat or the chair names the trustees');
    if (motion.status !== 'draft')
      throw new AppError('CONFLICT', 'Trustees are named while the motion is a draft');
    if (motion.ballot !== 'secret' || motion.majority === 'consensus')
      throw new AppError(
        'PRECONDITION_FAILED',
        'Only a secret, voted motion takes encrypted ballots',
      );
    for (const [i, id] of input.trusteeIds.entries()) {
      const p = await ifExists(this.summits.getParticipant(id));
      if (p?.summitId !== motion.summitId)
        throw new AppError(
          'INVALID_PAYLOAD',
          `trusteeIds.${i}: is not a participant of this summit`,
          [{ path: `trusteeIds.${i}`, message: 'is not a participant of this summit' }],
        );
    }
    const key = verifiableKeys.trustees(motionId);
    const setup = newSetup(motionId, input.trusteeIds);
    const at = this.deps.clock.now().toISOString();
    let stored = setup;
    await transact(this.deps.store, async () => {
      const existing = await this.setupOf(motionId);
      if (existing !== null) {
        const sameTrustees =
          JSON.stringify(existing.trustees.map((t) => t.participantId)) ===
          JSON.stringify(input.trusteeIds);
        if (!sameTrustees)
          throw new AppError('CONFLICT', 'This motion’s trustees are already named');
        stored = existing;
        return { tx: { checks: [], writes: [] } };
      }
      return {
        tx: {
          checks: [
            { key, absent: true },
            { key: keys.motion(motionId), version: motion.version },
          ],
          writes: [{ op: 'set', key, value: JSON.stringify(setup) }],
        },
        record: {
          scope: motion.summitId,
          body: recordBody(
            actor,
            'motion.trustees_named',
            { type: 'motion', id: motionId },
            { trusteeIds: input.trusteeIds, threshold: setup.threshold },
            at,
          ),
        },
      };
    });
    return { ...stored, stage: stageOf(stored) };
  }

  async view(actor: Principal, motionId: string): Promise<TrusteeSetupView> {
    authorize(actor, 'motion:read');
    await this.admitted(actor, motionId);
    const setup = await this.required(motionId);
    return { ...setup, stage: stageOf(setup) };
  }

  /** One trustee command from the trustee's own device, committed against the setup's version. */
  private async trusteeAct(
    actor: Principal,
    motionId: string,
    command: (trustee: number) => TrusteeCommand,
  ): Promise<TrusteeSetupView> {
    authorize(actor, 'motion:read');
    const { motion } = await this.admitted(actor, motionId);
    const key = verifiableKeys.trustees(motionId);
    let result: TrusteeSetup | undefined;
    await transact(
      this.deps.store,
      async () => {
        const setup = await this.required(motionId);
        const trustee =
          actor.kind === 'participant' ? trusteeIndexOf(setup, actor.participant.id) : null;
        if (trustee === null)
          throw new AppError('FORBIDDEN', 'Only this motion’s trustees act on its key');
        const cmd = command(trustee);
        const next = decided(applyTrustees(setup, cmd));
        result = next;
        if (next.version === setup.version) return { tx: { checks: [], writes: [] } };
        return {
          tx: {
            checks: [{ key, version: setup.version }],
            writes: [{ op: 'set', key, value: JSON.stringify(next) }],
          },
          record: {
            scope: motion.summitId,
            // The record says which step a trustee took, never what it carried.
            body: recordBody(
              actor,
              `motion.trustee_${cmd.type}`,
              { type: 'motion', id: motionId },
              { trustee },
              this.deps.clock.now().toISOString(),
            ),
          },
        };
      },
      { retryConflicts: true },
    );
    if (result === undefined) throw new Error('trustee transaction finished without a result');
    return { ...result, stage: stageOf(result) };
  }

  register(actor: Principal, motionId: string, transportKey: string): Promise<TrusteeSetupView> {
    return this.trusteeAct(actor, motionId, (trustee) => ({
      type: 'register',
      trustee,
      transportKey,
    }));
  }

  deal(actor: Principal, motionId: string, dealing: Dealing): Promise<TrusteeSetupView> {
    return this.trusteeAct(actor, motionId, (trustee) => ({ type: 'deal', trustee, dealing }));
  }

  acknowledge(actor: Principal, motionId: string): Promise<TrusteeSetupView> {
    return this.trusteeAct(actor, motionId, (trustee) => ({ type: 'acknowledge', trustee }));
  }

  /** A trustee's partial decryption: checked against its verification key before it is kept. */
  async decrypt(
    actor: Principal,
    motionId: string,
    partial: PartialDecryption,
  ): Promise<TrusteeSetupView> {
    const view = await this.trusteeAct(actor, motionId, (trustee) => ({
      type: 'decrypt',
      trustee,
      partial,
    }));
    if (tallyReady(view)) await this.count(motionId);
    return view;
  }

  /** VOTE-1, VOTE-7 as for every ballot; VOTE-8: the proofs are checked before anything is stored. */
  async cast(actor: Principal, motionId: string, ballot: EncryptedBallot): Promise<BallotReceipt> {
    authorize(actor, 'vote:cast');
    const now = this.deps.clock.now().getTime();
    const { motion } = await this.admitted(actor, motionId);
    const setup = await this.required(motionId);
    const voter = actor.kind === 'participant' ? actor.participant : null;
    const alternate =
      voter?.delegationId == null ? null : await this.motions.alternateOf(voter.delegationId);
    // The choice is inside the ciphertexts; 'yes' stands for "a voted choice" in the cast-rights rule.
    const delegationId = decided(decideCast(motion, voter, alternate, 'yes', now));
    if (setup.publicKey === null)
      throw new AppError('PRECONDITION_FAILED', 'The election key does not exist yet');
    const check = verifyBallot(
      { motionId, publicKey: setup.publicKey, options: VERIFIABLE_OPTIONS.length },
      ballot,
    );
    if (!check.ok) {
      const where = check.option === null ? 'ballot' : `ballot.proofs.${check.option}`;
      throw new AppError(
        'INVALID_PAYLOAD',
        `${where}: the ballot's proofs do not verify (${check.reason})`,
        [{ path: where, message: `proof does not verify (${check.reason})` }],
      );
    }
    const receipt = ballotReceipt(motionId, ballot);
    const k = [
      keys.motion(motionId),
      keys.motionEligible(motionId),
      keys.motionVoted(motionId),
      verifiableKeys.board(motionId),
    ];
    const reply = await this.deps.store.rawCommand([
      'EVAL',
      CAST_ENCRYPTED_LUA,
      String(k.length),
      ...k,
      delegationId,
      receipt,
      JSON.stringify(ballot),
    ]);
    const outcome = decodeCastReply(reply);
    switch (outcome) {
      case 'cast':
      case 'unchanged':
        return { motionId, status: outcome, receipt };
      case 'changed':
        throw new Error('a verifiable ballot is never changed');
      case 'closed':
        throw new AppError('PRECONDITION_FAILED', 'This vote is closed');
      case 'not_found':
        throw new AppError('NOT_FOUND', 'Motion not found');
      case 'not_eligible':
        throw new AppError('FORBIDDEN', 'Your delegation has no vote on this motion');
      case 'already_voted':
        throw new AppError('CONFLICT', 'Your delegation has already voted');
      case 'receipt_taken':
        throw new AppError('CONFLICT', 'This exact ballot was already cast; encrypt a new one');
      default: {
        const unreachable: never = outcome;
        throw new Error(`unhandled cast outcome ${String(unreachable)}`);
      }
    }
  }

  private async boardEntries(motionId: string): Promise<BoardBallot[]> {
    const raw = await this.deps.store.hashAll(verifiableKeys.board(motionId));
    return Object.entries(raw)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([receipt, json]) => ({ receipt, ballot: EncryptedBallot.parse(JSON.parse(json)) }));
  }

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
  private async count(motionId: string): Promise<Motion> {
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
