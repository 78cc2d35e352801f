import { describe, expect, it } from 'vitest';
import {
  MotionCreate,
  VoteError,
  acceptsBallots,
  applyMotion,
  choicesFor,
  type CountedBox,
  type Motion,
} from './motion.ts';

const T0 = Date.parse('2027-02-10T08:00:00.000Z');
const ID = 'AAAAAAAAAAAAAAAAAAAAAA';

function draft(overrides: Partial<Motion> = {}): Motion {
  return {
    id: ID,
    summitId: ID,
    sessionId: ID,
    agendaItemId: ID,
    text: { en: 'The Assembly adopts the water charter.' },
    majority: 'simple',
    ballot: 'recorded',
    changeable: false,
    silenceSeconds: null,
    status: 'draft',
    openedAt: null,
    silenceDeadline: null,
    closedAt: null,
    quorum: null,
    result: null,
    version: 1,
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    ...overrides,
  };
}

const box = (yes: number, no: number, abstain = 0, object = 0): CountedBox => ({
  counts: { yes, no, abstain, object },
  eligible: 5,
  roll: [],
  receipts: ['R2', 'R1'],
});

const quorum = { votingDelegations: 5, present: 3 };

describe('motion lifecycle: draft → open → counting → closed', () => {
  it('opens with a quorum, recording the figures, and seals then counts on close', () => {
    const opened = applyMotion(draft(), { type: 'open', quorum }, T0);
    expect(opened.motion).toMatchObject({
      status: 'open',
      openedAt: new Date(T0).toISOString(),
      quorum: { votingDelegations: 5, present: 3, required: 3 },
      version: 2,
    });
    expect(opened.events).toEqual([
      {
        type: 'opened',
        quorum: { votingDelegations: 5, present: 3, required: 3 },
        silenceDeadline: null,
      },
    ]);
    expect(opened.motion.result).toBeNull();
    const sealed = applyMotion(opened.motion, { type: 'close' }, T0 + 1000);
    expect(sealed.motion.status).toBe('counting');
    expect(sealed.motion.result).toBeNull();
    expect(sealed.events).toEqual([{ type: 'sealed', by: 'chair' }]);
    const closed = applyMotion(sealed.motion, { type: 'count', box: box(3, 1, 1) }, T0 + 1001);
    expect(closed.motion.status).toBe('closed');
    expect(closed.motion.result).toMatchObject({
      outcome: 'adopted',
      tally: { yes: 3, no: 1, abstain: 1, objections: 0 },
      roll: [],
      receipts: null,
    });
  });

  it('VOTE-4: refuses to open without a quorum and says the figures', () => {
    expect(() =>
      applyMotion(draft(), { type: 'open', quorum: { votingDelegations: 5, present: 2 } }, T0),
    ).toThrow(/No quorum: 2 of 5 .* 3 are needed/);
    try {
      applyMotion(draft(), { type: 'open', quorum: { votingDelegations: 0, present: 0 } }, T0);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(VoteError);
      expect((e as VoteError).code).toBe('PRECONDITION_FAILED');
      expect((e as VoteError).details).toMatchObject({ votingDelegations: 0, required: 1 });
    }
  });

  it('is idempotent for a second open or close, and refuses to reopen a closed motion', () => {
    const open = applyMotion(draft(), { type: 'open', quorum }, T0).motion;
    expect(applyMotion(open, { type: 'open', quorum }, T0 + 5)).toEqual({
      motion: open,
      events: [],
    });
    const counting = applyMotion(open, { type: 'close' }, T0 + 10).motion;
    expect(applyMotion(counting, { type: 'close' }, T0 + 11).events).toEqual([]);
    const closed = applyMotion(counting, { type: 'count', box: box(1, 0) }, T0 + 12).motion;
    expect(() => applyMotion(closed, { type: 'open', quorum }, T0 + 13)).toThrow(VoteError);
    expect(() => applyMotion(draft(), { type: 'close' }, T0)).toThrow(/Only an open vote/);
    expect(() => applyMotion(open, { type: 'count', box: box(1, 0) }, T0)).toThrow(/sealed/);
  });

  it('VOTE-5: a secret ballot publishes receipts, never a roll; a recorded one the roll only', () => {
    const run = (ballot: 'secret' | 'recorded') => {
      let m = applyMotion(draft({ ballot }), { type: 'open', quorum }, T0).motion;
      m = applyMotion(m, { type: 'close' }, T0 + 1).motion;
      return applyMotion(m, { type: 'count', box: box(2, 1) }, T0 + 2).motion.result;
    };
    expect(run('secret')).toMatchObject({ roll: null, receipts: ['R1', 'R2'] });
    expect(run('recorded')).toMatchObject({ roll: [], receipts: null });
  });
});

describe('consensus: the silence procedure', () => {
  const consensus = draft({ majority: 'consensus', silenceSeconds: 60 });
  const open = applyMotion(consensus, { type: 'open', quorum }, T0).motion;

  it('sets the deadline on opening and accepts objections only before it', () => {
    expect(open.silenceDeadline).toBe(new Date(T0 + 60_000).toISOString());
    expect(acceptsBallots(open, T0 + 59_999)).toBe(true);
    expect(acceptsBallots(open, T0 + 60_000)).toBe(false);
    expect(choicesFor('consensus')).toEqual(['object']);
    expect(choicesFor('two_thirds')).toEqual(['yes', 'no', 'abstain']);
  });

  it('cannot be closed by the chair before the deadline; the clock seals it at the deadline', () => {
    expect(() => applyMotion(open, { type: 'close' }, T0 + 30_000)).toThrow(/silence procedure/);
    expect(applyMotion(open, { type: 'expire' }, T0 + 59_000).events).toEqual([]);
    const sealed = applyMotion(open, { type: 'expire' }, T0 + 60_000);
    expect(sealed.events).toEqual([{ type: 'sealed', by: 'silence_deadline' }]);
  });

  it('adopts without an objection, and not with one', () => {
    const sealed = applyMotion(open, { type: 'expire' }, T0 + 60_000).motion;
    expect(
      applyMotion(sealed, { type: 'count', box: box(0, 0) }, T0 + 60_001).motion.result,
    ).toMatchObject({
      outcome: 'adopted',
      reason: 'no_objection',
    });
    expect(
      applyMotion(sealed, { type: 'count', box: box(0, 0, 0, 1) }, T0 + 60_001).motion.result,
    ).toMatchObject({ outcome: 'rejected', reason: 'objection', tally: { objections: 1 } });
  });

  it('requires a silence deadline for consensus and refuses one elsewhere', () => {
    const base = { agendaItemId: ID, text: { en: 'x' }, ballot: 'recorded' };
    expect(MotionCreate.safeParse({ ...base, majority: 'consensus' }).success).toBe(false);
    expect(MotionCreate.safeParse({ ...base, majority: 'simple', silenceSeconds: 5 }).success).toBe(
      false,
    );
    expect(MotionCreate.parse({ ...base, majority: 'simple' })).toMatchObject({
      changeable: false,
      silenceSeconds: null,
    });
  });
});
