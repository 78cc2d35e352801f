import { z } from 'zod';
import { allow, refuse, refuseField, type Decision } from '../domain/decision.ts';
import { Ciphertext, EncryptedBallot } from './ballot.ts';
import { PointHex } from './group.ts';
import {
  Dealing,
  PartialDecryption,
  checkDealing,
  jointPublicKey,
  verificationKey,
  verifyPartial,
} from './trustees.ts';

/**
 * VOTE-8 trustees' procedure as one pure reducer, the way the speakers list
 * is: `(setup, command) -> setup | refusal`. Key generation runs in three
 * rounds (every trustee registers a transport key; every trustee deals;
 * every trustee acknowledges the shares it received), after which the joint
 * key exists and the motion may open. At sealing the server records the
 * per-option products; then each trustee's partial decryption is checked
 * before it is kept, and `threshold` of them give the tally.
 */

export const TRUSTEE_COUNT = 3;
export const TRUSTEE_THRESHOLD = 2;

/** Drafting a verifiable secret motion: the chair and two tellers (participant ids). */
export const TrusteeDesignation = z
  .object({ trusteeIds: z.array(z.string().min(1).max(64)).length(TRUSTEE_COUNT) })
  .strip()
  .refine((d) => new Set(d.trusteeIds).size === d.trusteeIds.length, {
    message: 'names the same trustee twice',
    path: ['trusteeIds'],
  });
export type TrusteeDesignation = z.infer<typeof TrusteeDesignation>;

export const Trustee = z.object({
  index: z.number().int().min(1),
  participantId: z.string(),
  transportKey: PointHex.nullable(),
  dealing: Dealing.nullable(),
  acknowledged: z.boolean(),
});
export type Trustee = z.infer<typeof Trustee>;

export const TrusteeSetup = z.object({
  motionId: z.string(),
  threshold: z.number().int().min(1),
  trustees: z.array(Trustee),
  /** The joint election key: set when every trustee has acknowledged its shares. */
  publicKey: PointHex.nullable(),
  /** The per-option products of every ballot, fixed when the box is sealed. */
  totals: z.array(Ciphertext).nullable(),
  /** How many ballots the sealed box held: bounds the discrete logarithm. */
  ballots: z.number().int().nonnegative().nullable(),
  /** Accepted partial decryptions only (each checked against its trustee's key). */
  partials: z.array(PartialDecryption),
  version: z.number().int().positive(),
});
export type TrusteeSetup = z.infer<typeof TrusteeSetup>;

export type TrusteeStage = 'registering' | 'dealing' | 'acknowledging' | 'ready' | 'decrypting';

export function stageOf(setup: TrusteeSetup): TrusteeStage {
  if (setup.totals !== null) return 'decrypting';
  if (setup.publicKey !== null) return 'ready';
  if (setup.trustees.some((t) => t.transportKey === null)) return 'registering';
  if (setup.trustees.some((t) => t.dealing === null)) return 'dealing';
  return 'acknowledging';
}

/** Bodies of the trustees' commands over HTTP. */
export const TransportKeyInput = z.object({ transportKey: PointHex }).strip();
export const DealingInput = z.object({ dealing: Dealing }).strip();
export const PartialInput = z.object({ partial: PartialDecryption }).strip();
export const EncryptedBallotInput = z.object({ ballot: EncryptedBallot }).strip();

/** What a trustee's device and anyone else sees of the setup. */
export const TrusteeSetupView = TrusteeSetup.extend({
  stage: z.enum(['registering', 'dealing', 'acknowledging', 'ready', 'decrypting']),
});
export type TrusteeSetupView = z.infer<typeof TrusteeSetupView>;

export type TrusteeCommand =
  | { type: 'register'; trustee: number; transportKey: string }
  | { type: 'deal'; trustee: number; dealing: Dealing }
  | { type: 'acknowledge'; trustee: number }
  | { type: 'seal'; totals: Ciphertext[]; ballots: number }
  | { type: 'decrypt'; trustee: number; partial: PartialDecryption };

export function newSetup(motionId: string, participantIds: readonly string[]): TrusteeSetup {
  return {
    motionId,
    threshold: TRUSTEE_THRESHOLD,
    trustees: participantIds.map((participantId, i) => ({
      index: i + 1,
      participantId,
      transportKey: null,
      dealing: null,
      acknowledged: false,
    })),
    publicKey: null,
    totals: null,
    ballots: null,
    partials: [],
    version: 1,
  };
}

/** A trustee's index from its participant id, or null: the server's authorization check. */
export function trusteeIndexOf(setup: TrusteeSetup, participantId: string): number | null {
  return setup.trustees.find((t) => t.participantId === participantId)?.index ?? null;
}

/** True when enough partial decryptions are in to count. */
export function tallyReady(setup: TrusteeSetup): boolean {
  return setup.totals !== null && setup.partials.length >= setup.threshold;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

/**
 * One step. A retry that changes nothing answers the setup unchanged (same
 * version), so the server commits nothing; a conflicting second answer is
 * refused.
 */
export function applyTrustees(
  setup: TrusteeSetup,
  command: TrusteeCommand,
): Decision<TrusteeSetup> {
  const next = (changes: Partial<TrusteeSetup>) =>
    allow({ ...setup, ...changes, version: setup.version + 1 });
  const stage = stageOf(setup);
  const withTrustee = (index: number, change: Partial<Trustee>) =>
    setup.trustees.map((t) => (t.index === index ? { ...t, ...change } : t));
  switch (command.type) {
    case 'register': {
      const me = setup.trustees.find((t) => t.index === command.trustee);
      if (!me) return refuse('FORBIDDEN', 'Not a trustee of this motion');
      if (me.transportKey === command.transportKey) return allow(setup);
      if (me.transportKey !== null || stage !== 'registering')
        return refuse('CONFLICT', 'This trustee’s key is already registered');
      return next({
        trustees: withTrustee(command.trustee, { transportKey: command.transportKey }),
      });
    }
    case 'deal': {
      const me = setup.trustees.find((t) => t.index === command.trustee);
      if (!me) return refuse('FORBIDDEN', 'Not a trustee of this motion');
      if (stage === 'registering')
        return refuse('PRECONDITION_FAILED', 'Every trustee registers a key before anyone deals');
      if (me.dealing !== null)
        return same(me.dealing, command.dealing)
          ? allow(setup)
          : refuse('CONFLICT', 'This trustee has already dealt its shares');
      if (command.dealing.dealer !== command.trustee)
        return refuseField('dealing.dealer', 'is not your trustee index');
      const check = checkDealing(setup.motionId, setup.threshold, command.dealing);
      if (!check.ok) return refuseField('dealing', check.reason);
      const recipients = command.dealing.shares.map((s) => s.to).sort((a, b) => a - b);
      if (
        !same(
          recipients,
          setup.trustees.map((t) => t.index),
        )
      )
        return refuseField('dealing.shares', 'must hold one sealed share for each trustee');
      return next({ trustees: withTrustee(command.trustee, { dealing: command.dealing }) });
    }
    case 'acknowledge': {
      const me = setup.trustees.find((t) => t.index === command.trustee);
      if (!me) return refuse('FORBIDDEN', 'Not a trustee of this motion');
      if (me.acknowledged) return allow(setup);
      if (stage !== 'acknowledging')
        return refuse(
          'PRECONDITION_FAILED',
          'Shares are acknowledged once every trustee has dealt',
        );
      const trustees = withTrustee(command.trustee, { acknowledged: true });
      const complete = trustees.every((t) => t.acknowledged);
      const dealings = trustees.flatMap((t) => (t.dealing ? [t.dealing] : []));
      return next({ trustees, publicKey: complete ? jointPublicKey(dealings) : null });
    }
    case 'seal': {
      if (stage === 'decrypting') return allow(setup);
      if (stage !== 'ready')
        return refuse('PRECONDITION_FAILED', 'The election key does not exist yet');
      return next({ totals: command.totals, ballots: command.ballots });
    }
    case 'decrypt': {
      const me = setup.trustees.find((t) => t.index === command.trustee);
      if (!me) return refuse('FORBIDDEN', 'Not a trustee of this motion');
      if (setup.totals === null)
        return refuse('PRECONDITION_FAILED', 'The tally is decrypted once the vote is closed');
      const previous = setup.partials.find((p) => p.trustee === command.trustee);
      if (previous)
        return same(previous, command.partial)
          ? allow(setup)
          : refuse('CONFLICT', 'This trustee has already decrypted');
      if (command.partial.trustee !== command.trustee)
        return refuseField('partial.trustee', 'is not your trustee index');
      const dealings = setup.trustees.flatMap((t) => (t.dealing ? [t.dealing] : []));
      const check = verifyPartial(
        setup.motionId,
        setup.totals,
        verificationKey(dealings, command.trustee),
        command.partial,
      );
      if (!check.ok)
        return refuseField(
          'partial',
          `${check.reason}${check.option === null ? '' : ` (option ${check.option + 1})`}`,
        );
      return next({ partials: [...setup.partials, command.partial] });
    }
    default: {
      const unreachable: never = command;
      throw new Error(`unhandled trustee command ${JSON.stringify(unreachable)}`);
    }
  }
}
