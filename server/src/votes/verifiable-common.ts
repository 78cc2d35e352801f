import type { Motion, Session } from '@majlis/shared';
import { EncryptedBallot, TrusteeSetup, stageOf, type BoardBallot } from '@majlis/shared/ballots';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';
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

export type VerifiableDeps = VoteDeps & { logger: Logger };

/**
 * What every VOTE-8 module reads: the trustees' setup, the board, and the
 * motion and session an actor is admitted to.
 */
export class VerifiableReader {
  constructor(
    protected readonly deps: VerifiableDeps,
    protected readonly summits: SummitService,
    protected readonly motions: MotionLifecycle,
  ) {}

  async setupOf(motionId: string): Promise<TrusteeSetup | null> {
    const raw = await this.deps.store.get(verifiableKeys.trustees(motionId));
    return raw === null ? null : TrusteeSetup.parse(JSON.parse(raw));
  }

  async required(motionId: string): Promise<TrusteeSetup> {
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

  async admitted(
    actor: Principal,
    motionId: string,
  ): Promise<{ motion: Motion; session: Session }> {
    const motion = await this.motions.load(motionId);
    const session = await this.summits.getSession(actor, motion.sessionId);
    return { motion, session };
  }

  async boardEntries(motionId: string): Promise<BoardBallot[]> {
    const raw = await this.deps.store.hashAll(verifiableKeys.board(motionId));
    return Object.entries(raw)
      .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
      .map(([receipt, json]) => ({ receipt, ballot: EncryptedBallot.parse(JSON.parse(json)) }));
  }
}
