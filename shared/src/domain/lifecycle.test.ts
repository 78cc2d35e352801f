import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SESSION_TRANSITIONS,
  SessionLifecycle,
  applyLifecycle,
  initialProgress,
  joinAdmission,
  presides,
  sessionMayBecome,
  type LifecycleActor,
  type SessionAct,
  type SessionProgress,
} from './lifecycle.ts';

/** Written from MEET-2: scheduled, opened by its chair, may be suspended, closed for good. */

const SESSION = { chairId: 'the-chair' };
const CHAIR: LifecycleActor = { kind: 'participant', participantId: 'the-chair' };
const SECRETARIAT: LifecycleActor = { kind: 'organiser' };
const OTHER_CHAIR: LifecycleActor = { kind: 'participant', participantId: 'another-chair' };
const DELEGATE: LifecycleActor = { kind: 'participant', participantId: 'delegate-a' };

/** Runs acts by the chair from a fresh session; fails the test on any refusal. */
function after(acts: [SessionAct, number][]): SessionProgress {
  let p = initialProgress('s1');
  for (const [act, at] of acts) {
    const d = applyLifecycle(p, act, CHAIR, SESSION, at);
    if (!d.ok) throw new Error(`${act} refused: ${d.refusal.message}`);
    p = d.value.progress;
  }
  return p;
}

describe('MEET-2 a session is scheduled, opened, may be suspended, and is closed', () => {
  it('starts scheduled, and a join then waits without entering the room', () => {
    expect(initialProgress('s1').state).toBe('scheduled');
    expect(joinAdmission('scheduled')).toBe('wait');
  });

  it('opens, suspends, resumes and closes, each a recorded event with when it happened', () => {
    const steps: [SessionAct, string, string, string][] = [
      ['open', 'scheduled', 'open', 'opened'],
      ['suspend', 'open', 'suspended', 'suspended'],
      ['open', 'suspended', 'open', 'resumed'],
      ['close', 'open', 'closed', 'closed'],
    ];
    let p = initialProgress('s1');
    steps.forEach(([act, from, to, type], i) => {
      const d = applyLifecycle(p, act, CHAIR, SESSION, 1000 * (i + 1));
      expect(d).toMatchObject({ ok: true, value: { events: [{ type, from, to }] } });
      if (d.ok) p = d.value.progress;
    });
    expect(p).toEqual({
      sessionId: 's1',
      state: 'closed',
      version: 4,
      openedAt: 1000,
      suspendedAt: null,
      closedAt: 4000,
    });
  });

  it('keeps the first opening time across a suspension and notes when the suspension began', () => {
    const p = after([
      ['open', 10],
      ['suspend', 20],
    ]);
    expect(p).toMatchObject({ state: 'suspended', openedAt: 10, suspendedAt: 20 });
    expect(
      after([
        ['open', 10],
        ['suspend', 20],
        ['open', 30],
      ]).openedAt,
    ).toBe(10);
  });

  it('lets the room be entered while open or suspended, and refuses every join once closed', () => {
    expect(joinAdmission('open')).toBe('enter');
    expect(joinAdmission('suspended')).toBe('enter');
    expect(joinAdmission('closed')).toBe('refuse');
  });

  it('a scheduled session may be closed without ever opening (cancelled)', () => {
    expect(after([['close', 5]])).toMatchObject({ state: 'closed', openedAt: null, closedAt: 5 });
  });

  it.each(['open', 'suspend', 'close'] as const)(
    'closed is final: %s is refused as a CONFLICT',
    (act) => {
      const closed = after([
        ['open', 1],
        ['close', 2],
      ]);
      expect(applyLifecycle(closed, act, SECRETARIAT, SESSION, 3)).toMatchObject({
        ok: false,
        refusal: { code: 'CONFLICT' },
      });
    },
  );

  it.each([
    ['suspend', 'scheduled'],
    ['open', 'open'],
    ['suspend', 'suspended'],
  ] as const)('%s from %s is refused as a CONFLICT', (act, state) => {
    const p: SessionProgress = { ...initialProgress('s1'), state };
    expect(applyLifecycle(p, act, CHAIR, SESSION, 1)).toMatchObject({
      ok: false,
      refusal: { code: 'CONFLICT' },
    });
  });
});

describe('MEET-2 who may change a session’s life', () => {
  it('the chair of this session and the secretariat may', () => {
    expect(presides(CHAIR, SESSION)).toBe(true);
    expect(presides(SECRETARIAT, SESSION)).toBe(true);
    expect(applyLifecycle(initialProgress('s1'), 'open', SECRETARIAT, SESSION, 1).ok).toBe(true);
  });

  it.each([
    ['a chair of another session', OTHER_CHAIR],
    ['a delegate', DELEGATE],
  ] as const)('%s may not: FORBIDDEN', (_who, actor) => {
    expect(applyLifecycle(initialProgress('s1'), 'open', actor, SESSION, 1)).toMatchObject({
      ok: false,
      refusal: { code: 'FORBIDDEN' },
    });
  });

  it('a session without a chair is run by the secretariat alone', () => {
    expect(presides(CHAIR, { chairId: null })).toBe(false);
    expect(presides(SECRETARIAT, { chairId: null })).toBe(true);
  });
});

// ── properties ────────────────────────────────────────────────────────────
const actArb = fc.constantFrom<SessionAct>('open', 'suspend', 'close');
const actorArb = fc.constantFrom(CHAIR, SECRETARIAT, OTHER_CHAIR, DELEGATE);
const stepArb = fc.tuple(actArb, actorArb, fc.integer({ min: 0, max: 3_600_000 }));

describe('MEET-2 invariants under random acts (seeded)', () => {
  it('only the presiding may change it, each change is one event and one version, closed never changes', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30, size: 'max' }), (steps) => {
        let p = initialProgress('s');
        let now = 0;
        let everOpened = false;
        for (const [act, actor, dt] of steps) {
          now += dt;
          const d = applyLifecycle(p, act, actor, SESSION, now);
          if (!d.ok) {
            // A refusal is FORBIDDEN for outsiders, CONFLICT for a move the table forbids.
            expect(d.refusal.code).toBe(presides(actor, SESSION) ? 'CONFLICT' : 'FORBIDDEN');
            continue;
          }
          const next = d.value.progress;
          expect(presides(actor, SESSION)).toBe(true);
          expect(p.state).not.toBe('closed');
          expect(SESSION_TRANSITIONS[p.state]).toContain(next.state);
          expect(next.version).toBe(p.version + 1);
          expect(d.value.events).toEqual([
            expect.objectContaining({ from: p.state, to: next.state }),
          ]);
          // The first opening time is set once and never moves.
          if (everOpened) expect(next.openedAt).toBe(p.openedAt);
          everOpened ||= next.state === 'open';
          expect(next.suspendedAt !== null).toBe(next.state === 'suspended');
          expect(next.closedAt !== null).toBe(next.state === 'closed');
          p = next;
        }
        expect(SessionLifecycle.options).toContain(p.state);
      }),
      { seed: 20261129, numRuns: 300 },
    );
  });

  it('the transition table reaches every state from scheduled and nothing leaves closed', () => {
    const reached = new Set<string>(['scheduled']);
    for (let i = 0; i < 4; i++)
      for (const from of [...reached])
        for (const to of SESSION_TRANSITIONS[from as SessionLifecycle]) reached.add(to);
    expect([...reached].sort()).toEqual([...SessionLifecycle.options].sort());
    for (const to of SessionLifecycle.options) expect(sessionMayBecome('closed', to)).toBe(false);
  });
});
