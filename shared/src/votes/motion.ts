import { z } from 'zod';
import { Id, LanguageCode, Timestamp, Versioned } from '../domain/common.ts';
import { checkQuorum, tally, type BallotCount, type QuorumCheck } from './tally.ts';

/**
 * Motions and their lifecycle (VOTE-1 … VOTE-7) as pure logic:
 * `applyMotion(motion, command, now) -> { motion, events }`. The server
 * calls it inside an atomic commit; ballots themselves are cast by one Lua
 * script in the store, so nothing here ever sees who chose what in a
 * secret ballot.
 */
export const MajorityRule = z.enum(['simple', 'two_thirds', 'consensus']);
export type MajorityRule = z.infer<typeof MajorityRule>;

/** Recorded (roll-call) votes publish each choice on closing; secret ballots never link them. */
export const BallotKind = z.enum(['recorded', 'secret']);
export type BallotKind = z.infer<typeof BallotKind>;

/** `object` breaks the silence of a consensus motion; the others answer a voted motion. */
export const BallotChoice = z.enum(['yes', 'no', 'abstain', 'object']);
export type BallotChoice = z.infer<typeof BallotChoice>;
export const VOTED_CHOICES = ['yes', 'no', 'abstain'] as const;
export const CONSENSUS_CHOICES = ['object'] as const;

export const MotionStatus = z.enum(['draft', 'open', 'counting', 'closed']);
export type MotionStatus = z.infer<typeof MotionStatus>;

/** Motion texts run longer than titles: a draft resolution's operative paragraph. */
export const MotionText = z
  .partialRecord(LanguageCode, z.string().trim().min(1).max(4000))
  .refine((t) => Object.keys(t).length > 0, {
    message: 'must have a text in at least one language',
  });
export type MotionText = z.infer<typeof MotionText>;

export const MotionCreate = z
  .object({
    agendaItemId: Id,
    text: MotionText,
    majority: MajorityRule,
    ballot: BallotKind,
    /** May a delegation change its ballot until the vote closes? */
    changeable: z.boolean().default(false),
    /** Consensus only: how long the silence procedure runs once opened. */
    silenceSeconds: z
      .number()
      .int()
      .min(1)
      .max(30 * 24 * 3600)
      .nullable()
      .default(null),
  })
  .strip()
  .superRefine((m, ctx) => {
    if (m.majority === 'consensus' && m.silenceSeconds === null)
      ctx.addIssue({
        code: 'custom',
        path: ['silenceSeconds'],
        message: 'is required for a consensus motion (the silence deadline)',
      });
    if (m.majority !== 'consensus' && m.silenceSeconds !== null)
      ctx.addIssue({
        code: 'custom',
        path: ['silenceSeconds'],
        message: 'only a consensus motion has a silence deadline',
      });
  });
export type MotionCreate = z.infer<typeof MotionCreate>;

export const Quorum = z.object({
  /** Delegations with voting rights admitted to the session when the vote opened. */
  votingDelegations: z.number().int().nonnegative(),
  /** Of those, connected to the session's room at that moment. */
  present: z.number().int().nonnegative(),
  required: z.number().int().nonnegative(),
});
export type Quorum = z.infer<typeof Quorum>;

export const Tally = z.object({
  yes: z.number().int().nonnegative(),
  no: z.number().int().nonnegative(),
  abstain: z.number().int().nonnegative(),
  objections: z.number().int().nonnegative(),
});
export type Tally = z.infer<typeof Tally>;

export const Outcome = z.enum(['adopted', 'rejected']);
export type Outcome = z.infer<typeof Outcome>;

/** Why the rule gave its outcome, so the record reads without arithmetic. */
export const OutcomeReason = z.enum([
  'majority_reached',
  'majority_not_reached',
  'tie',
  'no_votes',
  'no_objection',
  'objection',
]);
export type OutcomeReason = z.infer<typeof OutcomeReason>;

export const RollCallEntry = z.object({
  delegationId: z.string(),
  choice: z.union([BallotChoice, z.literal('not_voting')]),
});
export type RollCallEntry = z.infer<typeof RollCallEntry>;

export const MotionResult = z.object({
  rule: MajorityRule,
  tally: Tally,
  /** Yes plus no: abstentions are outside the denominator (VOTE-2). */
  presentAndVoting: z.number().int().nonnegative(),
  /** Yes votes needed to adopt; for consensus, the number of objections that still adopts (0). */
  required: z.number().int().nonnegative(),
  outcome: Outcome,
  reason: OutcomeReason,
  ballotsCast: z.number().int().nonnegative(),
  eligible: z.number().int().nonnegative(),
  /** Recorded votes: every eligible delegation's choice, by delegation id. */
  roll: z.array(RollCallEntry).nullable(),
  /** Secret ballots: every counted receipt, sorted, so each voter can find theirs. */
  receipts: z.array(z.string()).nullable(),
});
export type MotionResult = z.infer<typeof MotionResult>;

export const Motion = z
  .object({
    id: Id,
    summitId: Id,
    sessionId: Id,
    agendaItemId: Id,
    text: MotionText,
    majority: MajorityRule,
    ballot: BallotKind,
    changeable: z.boolean(),
    silenceSeconds: z.number().int().nullable(),
    status: MotionStatus,
    openedAt: Timestamp.nullable(),
    /** Consensus: objections count only when they arrive before this instant. */
    silenceDeadline: Timestamp.nullable(),
    closedAt: Timestamp.nullable(),
    quorum: Quorum.nullable(),
    /** Null until closed: nothing is counted, or shown, before (VOTE-6). */
    result: MotionResult.nullable(),
  })
  .extend(Versioned.shape);
export type Motion = z.infer<typeof Motion>;

/** The choices a motion accepts. */
export const choicesFor = (majority: MajorityRule): readonly BallotChoice[] =>
  majority === 'consensus' ? CONSENSUS_CHOICES : VOTED_CHOICES;

/** What the store counted once the box was sealed. */
export interface CountedBox {
  counts: BallotCount;
  eligible: number;
  roll: RollCallEntry[] | null;
  receipts: string[] | null;
}

export type MotionCommand =
  | { type: 'open'; quorum: QuorumCheck }
  /** The chair closes; for consensus only once the silence deadline has passed. */
  | { type: 'close' }
  /** The server's clock: a consensus motion's silence deadline has passed. */
  | { type: 'expire' }
  /** The sealed box's counts: publishes the result. */
  | { type: 'count'; box: CountedBox };

export type MotionEvent =
  | { type: 'opened'; quorum: Quorum; silenceDeadline: string | null }
  | { type: 'sealed'; by: 'chair' | 'silence_deadline' }
  | { type: 'closed'; result: MotionResult };

export type VoteErrorCode = 'CONFLICT' | 'PRECONDITION_FAILED';

export class VoteError extends Error {
  override name = 'VoteError';
  constructor(
    readonly code: VoteErrorCode,
    message: string,
    /** Machine-readable details, e.g. the quorum figures of a refusal. */
    readonly details: Readonly<Record<string, number>> = {},
  ) {
    super(message);
  }
}

/** True while ballots may land: open, and for consensus before the silence deadline. */
export function acceptsBallots(
  motion: Pick<Motion, 'status' | 'silenceDeadline'>,
  now: number,
): boolean {
  return (
    motion.status === 'open' &&
    (motion.silenceDeadline === null || now < Date.parse(motion.silenceDeadline))
  );
}

export function applyMotion(
  motion: Motion,
  command: MotionCommand,
  now: number,
): { motion: Motion; events: MotionEvent[] } {
  const at = new Date(now).toISOString();
  const next = (changes: Partial<Motion>): Motion => ({
    ...motion,
    ...changes,
    version: motion.version + 1,
    updatedAt: at,
  });
  switch (command.type) {
    case 'open': {
      // A second click on "open" finds the motion open: nothing to do.
      if (motion.status === 'open') return { motion, events: [] };
      if (motion.status !== 'draft')
        throw new VoteError('CONFLICT', `A ${motion.status} motion cannot be opened again`);
      const q = checkQuorum(command.quorum);
      const quorum: Quorum = { ...command.quorum, required: q.required };
      if (!q.met)
        throw new VoteError(
          'PRECONDITION_FAILED',
          command.quorum.votingDelegations === 0
            ? 'No quorum: no delegation with voting rights sits in this session'
            : `No quorum: ${quorum.present} of ${quorum.votingDelegations} delegations with voting rights are connected; ${quorum.required} are needed`,
          quorum,
        );
      const silenceDeadline =
        motion.silenceSeconds === null
          ? null
          : new Date(now + motion.silenceSeconds * 1000).toISOString();
      return {
        motion: next({ status: 'open', openedAt: at, silenceDeadline, quorum }),
        events: [{ type: 'opened', quorum, silenceDeadline }],
      };
    }
    case 'close':
    case 'expire': {
      if (motion.status === 'counting' || motion.status === 'closed') return { motion, events: [] };
      if (motion.status !== 'open')
        throw new VoteError('CONFLICT', 'Only an open vote can be closed');
      const deadline = motion.silenceDeadline === null ? null : Date.parse(motion.silenceDeadline);
      if (command.type === 'expire' && (deadline === null || now < deadline))
        return { motion, events: [] };
      // Closing a silence procedure early would decide it before every
      // delegation had its time to object; it ends at its deadline.
      if (command.type === 'close' && deadline !== null && now < deadline)
        throw new VoteError(
          'CONFLICT',
          `The silence procedure runs until ${motion.silenceDeadline ?? ''}; it closes itself then`,
        );
      return {
        motion: next({ status: 'counting' }),
        events: [{ type: 'sealed', by: command.type === 'close' ? 'chair' : 'silence_deadline' }],
      };
    }
    case 'count': {
      if (motion.status === 'closed') return { motion, events: [] };
      if (motion.status !== 'counting')
        throw new VoteError('CONFLICT', 'The ballot box is counted only once sealed');
      const result = tally(motion.majority, command.box.counts, {
        eligible: command.box.eligible,
        roll: motion.ballot === 'recorded' ? command.box.roll : null,
        receipts: motion.ballot === 'secret' ? command.box.receipts : null,
      });
      return {
        motion: next({ status: 'closed', closedAt: at, result }),
        events: [{ type: 'closed', result }],
      };
    }
    default: {
      const unreachable: never = command;
      throw new Error(`unhandled motion command ${JSON.stringify(unreachable)}`);
    }
  }
}
