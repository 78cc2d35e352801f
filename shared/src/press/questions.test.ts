import { describe, expect, it } from 'vitest';
import {
  PressError,
  applyPress,
  emptyBriefing,
  type PressBriefing,
  type PressCommand,
} from './questions.ts';

const SESSION = 'SSSSSSSSSSSSSSSSSSSSSS';
const A = 'AAAAAAAAAAAAAAAAAAAAAA';
const B = 'BBBBBBBBBBBBBBBBBBBBBB';
const T0 = new Date('2027-02-12T10:00:00.000Z');
const q = (n: number) => `Q${String(n).padStart(21, '0')}`;
const ask = (journalistId: string, n: number): PressCommand => ({
  type: 'ask',
  questionId: q(n),
  journalistId,
  text: `Question ${n}`,
  language: 'en',
});

function run(commands: PressCommand[]): PressBriefing {
  let b = emptyBriefing(SESSION);
  for (const c of commands) b = applyPress(b, c, T0).briefing;
  return b;
}
function refusal(commands: PressCommand[], last: PressCommand): string {
  try {
    applyPress(run(commands), last, T0);
  } catch (e) {
    expect(e).toBeInstanceOf(PressError);
    return (e as PressError).code;
  }
  throw new Error('expected a refusal');
}

describe('PRESS-1 the question queue', () => {
  it('each journalist has at most one question waiting, picked ones included', () => {
    expect(refusal([ask(A, 1)], ask(A, 2))).toBe('CONFLICT');
    expect(refusal([ask(A, 1), { type: 'pick', questionId: q(1) }], ask(A, 2))).toBe('CONFLICT');
    expect(run([ask(A, 1), ask(B, 2)]).questions.map((x) => x.status)).toEqual([
      'pending',
      'pending',
    ]);
  });

  it('picking gives that journalist the microphone for that question only', () => {
    const picked = run([ask(A, 1), ask(B, 2), { type: 'pick', questionId: q(2) }]);
    expect(picked.speaker).toEqual({ questionId: q(2), journalistId: B });
    expect(
      refusal([ask(A, 1), ask(B, 2), { type: 'pick', questionId: q(2) }], {
        type: 'pick',
        questionId: q(1),
      }),
    ).toBe('CONFLICT');
    const ended = applyPress(picked, { type: 'end' }, T0);
    expect(ended.briefing.speaker).toBeNull();
    expect(ended.event).toMatchObject({
      type: 'ended',
      question: { id: q(2), status: 'answered' },
    });
    // After the question, a new one may be asked; the old one is not picked again.
    expect(applyPress(ended.briefing, ask(B, 3), T0).briefing.questions).toHaveLength(3);
    expect(
      refusal([ask(B, 2), { type: 'pick', questionId: q(2) }, { type: 'end' }], {
        type: 'pick',
        questionId: q(2),
      }),
    ).toBe('CONFLICT');
  });

  it('refuses what makes no sense', () => {
    expect(refusal([], { type: 'pick', questionId: q(9) })).toBe('NOT_FOUND');
    expect(refusal([], { type: 'end' })).toBe('CONFLICT');
    expect(refusal([], { type: 'withdraw', journalistId: A })).toBe('NOT_FOUND');
    const withdrawn = run([ask(A, 1), { type: 'withdraw', journalistId: A }]);
    expect(withdrawn.questions[0]?.status).toBe('withdrawn');
    expect(
      refusal([ask(A, 1), { type: 'withdraw', journalistId: A }], {
        type: 'pick',
        questionId: q(1),
      }),
    ).toBe('CONFLICT');
  });

  it('every change moves the version', () => {
    expect(run([ask(A, 1), { type: 'pick', questionId: q(1) }, { type: 'end' }]).version).toBe(3);
  });
});
