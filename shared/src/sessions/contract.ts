import { z } from 'zod';
import { command, notice, type ContractTable } from '../contract.ts';
import { Id, SessionRef } from '../domain/common.ts';
import { SessionAct, SessionProgress } from '../domain/lifecycle.ts';

/** MEET-2: open, suspend or close a session (its chair or the secretariat). */
export const SessionActRequest = z.object({ sessionId: Id, act: SessionAct });
export type SessionActRequest = z.infer<typeof SessionActRequest>;

/** MEET-3: what the chair may silence at the SFU. */
export const MutedSource = z.enum(['microphone', 'camera']);
export type MutedSource = z.infer<typeof MutedSource>;

export const ChairMuteRequest = z.object({
  sessionId: Id,
  participantId: Id,
  source: MutedSource.default('microphone'),
});
export type ChairMuteRequest = z.infer<typeof ChairMuteRequest>;

/** Told to everyone watching, so the muted person's own screen says who switched them off. */
export const ChairMuted = z.object({
  sessionId: Id,
  participantId: Id,
  source: MutedSource,
});
export type ChairMuted = z.infer<typeof ChairMuted>;

/**
 * MEET-3, VOTE-6: how many of the voting delegations have cast a ballot in
 * an open vote. Counts only, never what anyone chose, and never for a
 * consensus motion, where every ballot is an objection and so the count
 * would be the result.
 */
export const Turnout = z.object({
  sessionId: Id,
  motionId: Id,
  voted: z.number().int().nonnegative(),
  eligible: z.number().int().nonnegative(),
});
export type Turnout = z.infer<typeof Turnout>;

export const TurnoutRequest = z.object({ motionId: Id });

/** The session's own life and the chair's tools around the floor (MEET-2, MEET-3). */
export const sessionContract = {
  'lifecycle:get': command({
    input: SessionRef,
    output: SessionProgress,
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  }),
  'lifecycle:act': command({
    input: SessionActRequest,
    output: SessionProgress,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  /** Sent to everyone watching the session after each change; apply if `version` is newer. */
  'lifecycle:changed': notice(SessionProgress),
  'chair:mute': command({
    input: ChairMuteRequest,
    output: ChairMuted,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  'chair:muted': notice(ChairMuted),
  'turnout:get': command({
    input: TurnoutRequest,
    output: Turnout,
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
  }),
  /** To the presiding officer only, after each ballot while the vote is open. */
  'turnout:changed': notice(Turnout),
} as const satisfies ContractTable;
