import { z } from 'zod';
import { command, notice, type ContractTable } from '../contract.ts';
import { Id, SessionRef } from '../domain/common.ts';
import { BallotChoice, Motion } from './motion.ts';

/**
 * The votes protocol. Nothing here carries a count before a motion closes
 * (VOTE-6): notices to the session say only what state a motion is in, and a
 * delegation hears only that it has voted, never what it chose.
 */

/** What one viewer may do about a motion: only about their own delegation. */
export const MyBallot = z.object({
  delegationId: Id,
  /** This person casts the delegation's ballot (head of delegation or designated alternate). */
  mayCast: z.boolean(),
  /** The delegation's single ballot is in the box (VOTE-7). */
  hasVoted: z.boolean(),
  /** The delegation has a vote on this motion (voting rights, admitted to the session). */
  eligible: z.boolean(),
});
export type MyBallot = z.infer<typeof MyBallot>;

export const MotionView = z.object({ motion: Motion, mine: MyBallot.nullable() });
export type MotionView = z.infer<typeof MotionView>;

export const MotionList = z.object({ sessionId: Id, motions: z.array(MotionView) });
export type MotionList = z.infer<typeof MotionList>;

export const MotionRef = z.object({ motionId: Id });
export type MotionRef = z.infer<typeof MotionRef>;

/**
 * A random key the voter's device makes once per ballot and repeats on every
 * retry: the same key is the same ballot, so retries and double clicks land
 * once. For a secret ballot the receipt is derived from it, and presenting it
 * again is what lets its holder change that ballot (when allowed).
 */
export const BallotKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22,64}$/, 'must be 22 to 64 random base64url characters');

export const CastBallot = z.object({ motionId: Id, choice: BallotChoice, ballotKey: BallotKey });
export type CastBallot = z.infer<typeof CastBallot>;

/** The HTTP body of a ballot (the motion is in the path). */
export const BallotInput = CastBallot.omit({ motionId: true }).strip();
export type BallotInput = z.infer<typeof BallotInput>;

export const BallotReceipt = z.object({
  motionId: Id,
  /** cast: first landing; unchanged: a retry of it; changed: replaced before closing. */
  status: z.enum(['cast', 'unchanged', 'changed']),
  /** Secret ballots: a code that appears among the published receipts once counted. */
  receipt: z.string().nullable(),
});
export type BallotReceipt = z.infer<typeof BallotReceipt>;

export const ReceiptCheck = z.object({
  motionId: Id,
  receipt: z.string(),
  /** The receipt is among the counted ballots (only known once the vote closed). */
  counted: z.boolean(),
  closed: z.boolean(),
});
export type ReceiptCheck = z.infer<typeof ReceiptCheck>;

export const AlternateDesignation = z.object({
  delegationId: Id,
  /** A delegate of the delegation who casts its ballot; null: only the head casts. */
  participantId: Id.nullable(),
});
export type AlternateDesignation = z.infer<typeof AlternateDesignation>;
export const DesignateAlternate = AlternateDesignation.omit({ delegationId: true }).strip();

/** A motion was created, opened, sealed or closed; `result` is null until closed. */
export const VoteChanged = z.object({ motion: Motion });
export type VoteChanged = z.infer<typeof VoteChanged>;

/** To the members of one delegation only: its ballot is in. Never the choice. */
export const VoteRecorded = z.object({ motionId: Id, delegationId: Id });
export type VoteRecorded = z.infer<typeof VoteRecorded>;

const VOTE_REFUSALS = ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'PRECONDITION_FAILED'] as const;

/** The votes' realtime contract (VOTE-1 … VOTE-7). */
export const voteContract = {
  'vote:list': command({
    input: SessionRef,
    output: MotionList,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  'vote:get': command({ input: MotionRef, output: MotionView, errors: ['FORBIDDEN', 'NOT_FOUND'] }),
  'vote:open': command({ input: MotionRef, output: MotionView, errors: VOTE_REFUSALS }),
  'vote:close': command({ input: MotionRef, output: MotionView, errors: VOTE_REFUSALS }),
  'vote:cast': command({ input: CastBallot, output: BallotReceipt, errors: VOTE_REFUSALS }),
  'vote:changed': notice(VoteChanged),
  'vote:recorded': notice(VoteRecorded),
} as const satisfies ContractTable;
