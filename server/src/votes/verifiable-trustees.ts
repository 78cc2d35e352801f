import {
  applyTrustees,
  newSetup,
  stageOf,
  tallyReady,
  trusteeIndexOf,
  type Dealing,
  type PartialDecryption,
  type TrusteeCommand,
  type TrusteeDesignation,
  type TrusteeSetup,
  type TrusteeSetupView,
} from '@majlis/shared/ballots';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import { decided, ifExists, recordBody } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';
import { authorize } from './ballots.ts';
import type { MotionLifecycle } from './lifecycle.ts';
import { VerifiableReader, verifiableKeys, type VerifiableDeps } from './verifiable-common.ts';
import type { VerifiableTally } from './verifiable-tally.ts';

/**
 * VOTE-8's trustees: named by the secretariat or the chair, then each acting
 * from their own device on the joint key (register, deal, acknowledge) and,
 * after the seal, on the count (decrypt). The server relays and checks; it
 * never holds a key share.
 */
export class VerifiableTrustees extends VerifiableReader {
  constructor(
    deps: VerifiableDeps,
    summits: SummitService,
    motions: MotionLifecycle,
    private readonly tally: VerifiableTally,
  ) {
    super(deps, summits, motions);
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
    if (tallyReady(view)) await this.tally.count(motionId);
    return view;
  }
}
