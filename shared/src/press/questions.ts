import { z } from 'zod';
import { Id, LanguageCode, SessionRef, Timestamp } from '../domain/common.ts';

/**
 * PRESS-1 as one pure reducer: in a press briefing the press submit
 * questions, each journalist with at most one waiting; the spokesperson or
 * the chair picks one, and that journalist alone gets a visible microphone
 * until the question is ended. Who may act is checked by the caller (roles);
 * this decides what the queue allows.
 */

export const PressQuestionStatus = z.enum(['pending', 'picked', 'answered', 'withdrawn']);
export type PressQuestionStatus = z.infer<typeof PressQuestionStatus>;

export const PressQuestion = z.object({
  id: Id,
  journalistId: Id,
  text: z.string().trim().min(1).max(1000),
  language: LanguageCode,
  askedAt: Timestamp,
  status: PressQuestionStatus,
  pickedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
});
export type PressQuestion = z.infer<typeof PressQuestion>;

export const PressBriefing = z.object({
  sessionId: Id,
  version: z.number().int().nonnegative(),
  questions: z.array(PressQuestion),
  /** The journalist on the microphone now, for their picked question; null: nobody. */
  speaker: z.object({ questionId: Id, journalistId: Id }).nullable(),
});
export type PressBriefing = z.infer<typeof PressBriefing>;

export const emptyBriefing = (sessionId: string): PressBriefing => ({
  sessionId,
  version: 0,
  questions: [],
  speaker: null,
});

export type PressCommand =
  | { type: 'ask'; questionId: string; journalistId: string; text: string; language: LanguageCode }
  | { type: 'pick'; questionId: string }
  | { type: 'end' }
  | { type: 'withdraw'; journalistId: string };

export type PressEvent =
  | { type: 'asked'; question: PressQuestion }
  | { type: 'picked'; question: PressQuestion }
  | { type: 'ended'; question: PressQuestion }
  | { type: 'withdrawn'; question: PressQuestion };

export class PressError extends Error {
  override name = 'PressError';
  constructor(
    readonly code: 'CONFLICT' | 'NOT_FOUND',
    message: string,
  ) {
    super(message);
  }
}

const waiting = (q: PressQuestion) => q.status === 'pending' || q.status === 'picked';

export function applyPress(
  briefing: PressBriefing,
  command: PressCommand,
  now: Date,
): { briefing: PressBriefing; event: PressEvent } {
  const at = now.toISOString();
  const replace = (q: PressQuestion, speaker: PressBriefing['speaker']): PressBriefing => ({
    ...briefing,
    version: briefing.version + 1,
    questions: briefing.questions.map((x) => (x.id === q.id ? q : x)),
    speaker,
  });
  switch (command.type) {
    case 'ask': {
      if (briefing.questions.some((q) => q.journalistId === command.journalistId && waiting(q)))
        throw new PressError('CONFLICT', 'You already have a question waiting');
      const question: PressQuestion = {
        id: command.questionId,
        journalistId: command.journalistId,
        text: command.text,
        language: command.language,
        askedAt: at,
        status: 'pending',
        pickedAt: null,
        endedAt: null,
      };
      return {
        briefing: {
          ...briefing,
          version: briefing.version + 1,
          questions: [...briefing.questions, question],
        },
        event: { type: 'asked', question },
      };
    }
    case 'pick': {
      const q = briefing.questions.find((x) => x.id === command.questionId);
      if (q === undefined) throw new PressError('NOT_FOUND', 'No such question');
      if (briefing.speaker !== null)
        throw new PressError('CONFLICT', 'End the current question before picking another');
      if (q.status !== 'pending') throw new PressError('CONFLICT', 'This question is not waiting');
      const question: PressQuestion = { ...q, status: 'picked', pickedAt: at };
      return {
        briefing: replace(question, { questionId: q.id, journalistId: q.journalistId }),
        event: { type: 'picked', question },
      };
    }
    case 'end': {
      const speaker = briefing.speaker;
      const q =
        speaker === null ? undefined : briefing.questions.find((x) => x.id === speaker.questionId);
      if (q === undefined) throw new PressError('CONFLICT', 'No question is being asked');
      const question: PressQuestion = { ...q, status: 'answered', endedAt: at };
      return { briefing: replace(question, null), event: { type: 'ended', question } };
    }
    case 'withdraw': {
      const q = briefing.questions.find(
        (x) => x.journalistId === command.journalistId && x.status === 'pending',
      );
      if (q === undefined) throw new PressError('NOT_FOUND', 'You have no question waiting');
      const question: PressQuestion = { ...q, status: 'withdrawn', endedAt: at };
      return {
        briefing: replace(question, briefing.speaker),
        event: { type: 'withdrawn', question },
      };
    }
    default: {
      const unreachable: never = command;
      throw new Error(`unhandled press command ${JSON.stringify(unreachable)}`);
    }
  }
}

// ── the realtime contract ────────────────────────────────────────────────
export const AskQuestion = SessionRef.extend({
  text: z.string().trim().min(1).max(1000),
  language: LanguageCode,
});
export type AskQuestion = z.infer<typeof AskQuestion>;
export const PickQuestion = SessionRef.extend({ questionId: Id });
export type PickQuestion = z.infer<typeof PickQuestion>;
export const PressView = z.object({ briefing: PressBriefing });
export type PressView = z.infer<typeof PressView>;
