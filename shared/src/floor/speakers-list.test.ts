import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_POLICY,
  MAX_REPLIES,
  WARNING_MS,
  applyFloor,
  initialFloor,
  nextDue,
  ordered,
  overtimeOf,
  remainingMs,
  FloorError,
  FLOOR_REFUSAL_CODE,
  type FloorRefusal,
  type FloorActor,
  type FloorCommand,
  type FloorState,
  type InterventionKind,
} from './speakers-list.ts';

const CHAIR: FloorActor = {
  participantId: 'chair',
  delegationId: null,
  rank: 'ambassador',
  isChair: true,
  maySpeak: false,
};
const delegate = (d: string, rank: FloorActor['rank'] = 'official'): FloorActor => ({
  participantId: `p-${d}`,
  delegationId: d,
  rank,
  isChair: false,
  maySpeak: true,
});

function run(
  steps: [FloorCommand, FloorActor | null, number][],
  start = initialFloor('s1'),
): FloorState {
  let s = start;
  for (const [c, a, t] of steps) s = applyFloor(s, c, a, t).state;
  return s;
}
const req = (kind: InterventionKind): FloorCommand => ({ type: 'request', kind });

/** The refusal a step throws: its reason, so tests name the rule that refused. */
function refusalOf(fn: () => unknown): FloorRefusal | 'none' {
  try {
    fn();
    return 'none';
  } catch (err) {
    if (err instanceof FloorError) return err.reason;
    throw err;
  }
}

describe('FLOOR-2 the speakers list', () => {
  it('keeps arrival order and lets the chair grant the next speaker', () => {
    const s = run([
      [req('statement'), delegate('A'), 1],
      [req('statement'), delegate('B'), 2],
      [req('statement'), delegate('C'), 3],
      [{ type: 'grantNext' }, CHAIR, 10],
    ]);
    expect(s.current?.entry.delegationId).toBe('A');
    expect(ordered(s.queue, false).map((e) => e.delegationId)).toEqual(['B', 'C']);
  });

  it('orders by protocol rank when asked, by inscription within a rank', () => {
    const s = run([
      [{ type: 'setPolicy', policy: { ...DEFAULT_POLICY, protocolOrder: true } }, CHAIR, 0],
      [req('statement'), delegate('A', 'minister'), 1],
      [req('statement'), delegate('B', 'official'), 2],
      [req('statement'), delegate('C', 'head_of_state'), 3],
      [req('statement'), delegate('D', 'head_of_government'), 4],
      [req('statement'), delegate('E', 'head_of_state'), 5],
    ]);
    expect(ordered(s.queue, true).map((e) => e.delegationId)).toEqual(['C', 'E', 'D', 'A', 'B']);
  });

  it('lets the chair reorder, add and remove, and refuses those acts to delegates', () => {
    let s = run([
      [req('statement'), delegate('A'), 1],
      [req('statement'), delegate('B'), 2],
      [req('statement'), delegate('C'), 3],
    ]);
    const c = s.queue.find((e) => e.delegationId === 'C');
    s = applyFloor(s, { type: 'reorder', entryId: c?.id ?? '', toIndex: 0 }, CHAIR, 4).state;
    expect(ordered(s.queue, false).map((e) => e.delegationId)).toEqual(['C', 'A', 'B']);
    s = applyFloor(
      s,
      { type: 'add', delegationId: 'D', participantId: 'p-D', rank: 'official', kind: 'statement' },
      CHAIR,
      5,
    ).state;
    s = applyFloor(
      s,
      { type: 'remove', entryId: s.queue.find((e) => e.delegationId === 'A')?.id ?? '' },
      CHAIR,
      6,
    ).state;
    expect(ordered(s.queue, false).map((e) => e.delegationId)).toEqual(['C', 'B', 'D']);
    expect(() => applyFloor(s, { type: 'grantNext' }, delegate('B'), 7)).toThrow(FloorError);
  });

  it('keeps one entry per delegation and kind; a delegation withdraws only its own', () => {
    const s = run([[req('statement'), delegate('A'), 1]]);
    expect(() => applyFloor(s, req('statement'), delegate('A'), 2)).toThrow(/already on the list/);
    expect(() =>
      applyFloor(s, { type: 'withdraw', entryId: s.queue[0]?.id ?? '' }, delegate('B'), 3),
    ).toThrow(FloorError);
    expect(
      applyFloor(s, { type: 'withdraw', entryId: s.queue[0]?.id ?? '' }, delegate('A'), 3).state
        .queue,
    ).toEqual([]);
  });

  it('refuses the floor to those who may not speak', () => {
    expect(() =>
      applyFloor(initialFloor('s'), req('statement'), { ...delegate('A'), maySpeak: false }, 1),
    ).toThrow(/head of delegation or a delegate/);
  });
});

describe('FLOOR-3 points of order', () => {
  it('go before every statement, interrupt the speaker at once, and the clock resumes where it paused', () => {
    let s = run([
      [req('statement'), delegate('A'), 0],
      [req('statement'), delegate('B'), 1],
      [{ type: 'grantNext' }, CHAIR, 1_000],
    ]);
    expect(s.current?.deadline).toBe(1_000 + DEFAULT_POLICY.limitsMs.statement);
    // 100 s into A's statement, C raises a point of order.
    const r = applyFloor(s, req('point_of_order'), delegate('C'), 101_000);
    s = r.state;
    expect(r.events.map((e) => e.type)).toEqual(['requested', 'suspended', 'granted']);
    expect(s.current?.entry.delegationId).toBe('C');
    expect(s.suspended?.remainingMs).toBe(DEFAULT_POLICY.limitsMs.statement - 100_000);
    // The chair rules 30 s later; A resumes with exactly the time left.
    const ruled = applyFloor(
      s,
      { type: 'rule', ruling: 'The point is well taken.' },
      CHAIR,
      131_000,
    );
    expect(ruled.events.map((e) => e.type)).toEqual(['ruled', 'ended', 'resumed']);
    expect(ruled.state.current?.entry.delegationId).toBe('A');
    expect(ruled.state.current?.deadline).toBe(
      131_000 + DEFAULT_POLICY.limitsMs.statement - 100_000,
    );
    expect(ruled.state.suspended).toBeNull();
  });

  it('queue ahead of statements when several are raised', () => {
    const s = run([
      [req('statement'), delegate('A'), 0],
      [req('point_of_order'), delegate('B'), 1],
      [req('point_of_order'), delegate('C'), 2],
    ]);
    expect(s.current?.entry.delegationId).toBe('B');
    expect(ordered(s.queue, false).map((e) => [e.delegationId, e.kind])).toEqual([
      ['C', 'point_of_order'],
      ['A', 'statement'],
    ]);
  });

  it('are taken one after another before the interrupted speaker resumes', () => {
    let s = run([
      [req('statement'), delegate('A'), 0],
      [{ type: 'grantNext' }, CHAIR, 0],
      [req('point_of_order'), delegate('B'), 10_000],
      [req('point_of_order'), delegate('C'), 11_000],
    ]);
    const first = applyFloor(s, { type: 'rule', outcome: 'not_upheld' }, CHAIR, 20_000);
    expect(first.events.map((e) => e.type)).toEqual(['ruled', 'ended', 'granted']);
    s = first.state;
    expect(s.current?.entry.delegationId).toBe('C');
    expect(s.suspended?.entry.delegationId).toBe('A');
    const second = applyFloor(s, { type: 'rule', outcome: 'upheld' }, CHAIR, 30_000);
    expect(second.events.map((e) => e.type)).toEqual(['ruled', 'ended', 'resumed']);
    expect(second.state.current?.deadline).toBe(
      30_000 + DEFAULT_POLICY.limitsMs.statement - 10_000,
    );
  });
});

describe('MEET-4 one pending point of order per delegation, ruled out of order at once', () => {
  it('refuses a second point of order from a delegation while its first is heard or waiting', () => {
    const heard = run([
      [req('statement'), delegate('A'), 0],
      [{ type: 'grantNext' }, CHAIR, 0],
      [req('point_of_order'), delegate('B'), 1_000],
    ]);
    expect(heard.current?.entry.delegationId).toBe('B');
    expect(refusalOf(() => applyFloor(heard, req('point_of_order'), delegate('B'), 2_000))).toBe(
      'point_of_order_pending',
    );
    const waiting = applyFloor(heard, req('point_of_order'), delegate('C'), 2_000).state;
    expect(refusalOf(() => applyFloor(waiting, req('point_of_order'), delegate('C'), 3_000))).toBe(
      'point_of_order_pending',
    );
    expect(FLOOR_REFUSAL_CODE.point_of_order_pending).toBe('CONFLICT');
    // Once ruled on, the delegation may raise another.
    const ruled = applyFloor(heard, { type: 'rule', outcome: 'not_upheld' }, CHAIR, 4_000).state;
    expect(refusalOf(() => applyFloor(ruled, req('point_of_order'), delegate('B'), 5_000))).toBe(
      'none',
    );
  });

  it('out of order at once: the interrupted speaker resumes with exactly the time left', () => {
    const limit = DEFAULT_POLICY.limitsMs.statement;
    let s = run([
      [req('statement'), delegate('A'), 0],
      [{ type: 'grantNext' }, CHAIR, 1_000],
      [req('point_of_order'), delegate('B'), 61_000],
    ]);
    expect(s.suspended?.remainingMs).toBe(limit - 60_000);
    const out = applyFloor(s, { type: 'rule', outcome: 'out_of_order' }, CHAIR, 62_000);
    expect(out.events.map((e) => e.type)).toEqual(['ruled', 'ended', 'resumed']);
    s = out.state;
    expect(s.current?.entry.delegationId).toBe('A');
    expect(remainingMs(s.current ?? (undefined as never), 62_000)).toBe(limit - 60_000);
    expect(s.lastRuling).toMatchObject({ outcome: 'out_of_order', text: null, at: 62_000 });
    expect(s.lastRuling?.pointOfOrder.delegationId).toBe('B');
  });

  it('a waiting point of order ruled out of order leaves the list without taking the floor', () => {
    const s = run([
      [req('statement'), delegate('A'), 0],
      [{ type: 'grantNext' }, CHAIR, 0],
      [req('point_of_order'), delegate('B'), 1_000],
      [req('point_of_order'), delegate('C'), 2_000],
    ]);
    const waiting = s.queue.find((e) => e.delegationId === 'C');
    const out = applyFloor(
      s,
      { type: 'rule', outcome: 'out_of_order', entryId: waiting?.id ?? '' },
      CHAIR,
      3_000,
    );
    expect(out.events).toEqual([
      {
        type: 'ruled',
        ruling: null,
        outcome: 'out_of_order',
        pointOfOrder: waiting,
        unheard: true,
      },
    ]);
    expect(out.state.current?.entry.delegationId).toBe('B');
    expect(out.state.queue).toEqual([]);
  });

  it('refuses a ruling on a statement, a ruling with no point of order, and rulings by delegates', () => {
    const s = run([
      [req('statement'), delegate('A'), 0],
      [req('statement'), delegate('B'), 0],
      [{ type: 'grantNext' }, CHAIR, 0],
    ]);
    const listed = s.queue[0]?.id ?? '';
    expect(
      refusalOf(() =>
        applyFloor(s, { type: 'rule', outcome: 'out_of_order', entryId: listed }, CHAIR, 1),
      ),
    ).toBe('no_point_of_order');
    expect(refusalOf(() => applyFloor(s, { type: 'rule', outcome: 'upheld' }, CHAIR, 1))).toBe(
      'no_point_of_order',
    );
    expect(
      refusalOf(() => applyFloor(s, { type: 'rule', outcome: 'upheld' }, delegate('B'), 1)),
    ).toBe('not_chair');
  });
});

describe('FLOOR-4 rights of reply', () => {
  it('are capped at two per delegation per agenda item and come after the list', () => {
    let s = run([
      [req('right_of_reply'), delegate('A'), 0],
      [req('statement'), delegate('B'), 1],
    ]);
    expect(ordered(s.queue, false).map((e) => e.kind)).toEqual(['statement', 'right_of_reply']);
    s = run(
      [
        [{ type: 'grantNext' }, CHAIR, 2],
        [{ type: 'yield' }, CHAIR, 3],
        [{ type: 'grantNext' }, CHAIR, 4],
        [{ type: 'yield' }, CHAIR, 5],
      ],
      s,
    );
    s = applyFloor(s, req('right_of_reply'), delegate('A'), 6).state;
    expect(s.replies['A']).toBe(MAX_REPLIES);
    s = run(
      [
        [{ type: 'grantNext' }, CHAIR, 7],
        [{ type: 'yield' }, CHAIR, 8],
      ],
      s,
    );
    expect(() => applyFloor(s, req('right_of_reply'), delegate('A'), 9)).toThrow(/At most 2/);
    s = applyFloor(s, { type: 'setAgendaItem', agendaItemId: 'item-2' }, CHAIR, 10).state;
    expect(() => applyFloor(s, req('right_of_reply'), delegate('A'), 11)).not.toThrow();
  });

  it('the current agenda item set by the chair resets the count: third reply refused before, taken after', () => {
    const third = (s: FloorState, t: number) =>
      refusalOf(() => applyFloor(s, req('right_of_reply'), delegate('A'), t));
    let s = run([[{ type: 'setAgendaItem', agendaItemId: 'item-1' }, CHAIR, 0]]);
    for (const t of [1, 3]) {
      s = run(
        [
          [req('right_of_reply'), delegate('A'), t],
          [{ type: 'grantNext' }, CHAIR, t],
          [{ type: 'yield' }, delegate('A'), t + 1],
        ],
        s,
      );
    }
    expect(third(s, 5)).toBe('reply_limit');
    // Setting the same item again changes nothing; a new item starts a new count.
    const same = applyFloor(s, { type: 'setAgendaItem', agendaItemId: 'item-1' }, CHAIR, 6);
    expect(same.events).toEqual([]);
    expect(third(same.state, 7)).toBe('reply_limit');
    const next = applyFloor(s, { type: 'setAgendaItem', agendaItemId: 'item-2' }, CHAIR, 8);
    expect(next.events).toEqual([{ type: 'agendaItemChanged', agendaItemId: 'item-2' }]);
    expect(next.state.agendaItemId).toBe('item-2');
    expect(third(next.state, 9)).toBe('none');
    expect(
      refusalOf(() =>
        applyFloor(s, { type: 'setAgendaItem', agendaItemId: 'item-3' }, delegate('A'), 9),
      ),
    ).toBe('not_chair');
  });

  it('have a shorter limit than statements', () => {
    expect(DEFAULT_POLICY.limitsMs.right_of_reply).toBeLessThan(DEFAULT_POLICY.limitsMs.statement);
  });
});

describe('FLOOR-5 clocks, warning and expiry', () => {
  const speaking = (policy = DEFAULT_POLICY) =>
    run([
      [{ type: 'setPolicy', policy }, CHAIR, 0],
      [req('statement'), delegate('A'), 0],
      [{ type: 'grantNext' }, CHAIR, 0],
    ]);

  it('warns once at 30 s left and notifies at expiry under the notify policy', () => {
    const limit = DEFAULT_POLICY.limitsMs.statement;
    let s = speaking();
    expect(nextDue(s)).toBe(limit - WARNING_MS);
    const w = applyFloor(s, { type: 'tick' }, null, limit - WARNING_MS);
    expect(w.events.map((e) => e.type)).toEqual(['warning']);
    s = w.state;
    expect(applyFloor(s, { type: 'tick' }, null, limit - WARNING_MS + 5).events).toEqual([]);
    const x = applyFloor(s, { type: 'tick' }, null, limit);
    expect(x.events.map((e) => e.type)).toEqual(['expired']);
    expect(x.state.current?.entry.delegationId).toBe('A');
    expect(nextDue(x.state)).toBeNull();
  });

  it('takes the floor after the grace period under the revoke policy', () => {
    const policy = { ...DEFAULT_POLICY, expiry: 'revoke' as const, graceMs: 5_000 };
    const limit = policy.limitsMs.statement;
    let s = applyFloor(speaking(policy), { type: 'tick' }, null, limit).state;
    expect(s.current?.graceDeadline).toBe(limit + 5_000);
    expect(nextDue(s)).toBe(limit + 5_000);
    const end = applyFloor(s, { type: 'tick' }, null, limit + 5_000);
    expect(end.events.map((e) => e.type)).toEqual(['ended']);
    s = end.state;
    expect(s.current).toBeNull();
  });

  it('pauses, resumes and extends; the clock never goes below zero', () => {
    let s = speaking();
    s = applyFloor(s, { type: 'pause' }, CHAIR, 60_000).state;
    expect(s.current?.deadline).toBeNull();
    expect(remainingMs(s.current ?? (undefined as never), 999_999)).toBe(
      DEFAULT_POLICY.limitsMs.statement - 60_000,
    );
    s = applyFloor(s, { type: 'resume' }, CHAIR, 100_000).state;
    expect(s.current?.deadline).toBe(100_000 + DEFAULT_POLICY.limitsMs.statement - 60_000);
    s = applyFloor(s, { type: 'extend', ms: 60_000 }, CHAIR, 100_000).state;
    expect(s.current?.deadline).toBe(100_000 + DEFAULT_POLICY.limitsMs.statement);
    expect(remainingMs(s.current ?? (undefined as never), 10 ** 12)).toBe(0);
  });

  it('MEET-3 overtime under the notify policy: counts past the deadline, stands still while paused', () => {
    const limit = DEFAULT_POLICY.limitsMs.statement;
    let s = applyFloor(speaking(), { type: 'tick' }, null, limit).state;
    const c = () => s.current ?? (undefined as never);
    expect(overtimeOf(c(), limit - 1)).toBe(0);
    expect(overtimeOf(c(), limit + 12_000)).toBe(12_000);
    expect(remainingMs(c(), limit + 12_000)).toBe(0);
    s = applyFloor(s, { type: 'pause' }, CHAIR, limit + 12_000).state;
    expect(overtimeOf(c(), limit + 99_000)).toBe(12_000);
    s = applyFloor(s, { type: 'resume' }, CHAIR, limit + 100_000).state;
    expect(overtimeOf(c(), limit + 103_000)).toBe(15_000);
    // No second expiry notice after resuming in overtime.
    expect(applyFloor(s, { type: 'tick' }, null, limit + 104_000).events).toEqual([]);
    // Extending gives time from now and ends the overtime.
    s = applyFloor(s, { type: 'extend', ms: 60_000 }, CHAIR, limit + 110_000).state;
    expect(overtimeOf(c(), limit + 110_000)).toBe(0);
    expect(remainingMs(c(), limit + 110_000)).toBe(60_000);
  });

  it('keeps a speaker’s overtime across a point of order', () => {
    const limit = DEFAULT_POLICY.limitsMs.statement;
    let s = applyFloor(speaking(), { type: 'tick' }, null, limit).state;
    s = applyFloor(s, req('point_of_order'), delegate('B'), limit + 5_000).state;
    s = applyFloor(s, { type: 'rule', outcome: 'not_upheld' }, CHAIR, limit + 50_000).state;
    expect(s.current?.entry.delegationId).toBe('A');
    expect(overtimeOf(s.current ?? (undefined as never), limit + 51_000)).toBe(6_000);
  });

  it('a switch to the revoke policy starts the grace period for a speaker already over time', () => {
    const limit = DEFAULT_POLICY.limitsMs.statement;
    let s = applyFloor(speaking(), { type: 'tick' }, null, limit + 1_000).state;
    expect(nextDue(s)).toBeNull();
    const policy = { ...DEFAULT_POLICY, expiry: 'revoke' as const, graceMs: 5_000 };
    s = applyFloor(s, { type: 'setPolicy', policy }, CHAIR, limit + 20_000).state;
    expect(nextDue(s)).toBe(limit + 25_000);
    const end = applyFloor(s, { type: 'tick' }, null, limit + 25_000);
    expect(end.events.map((e) => [e.type, 'reason' in e ? e.reason : null])).toEqual([
      ['ended', 'expired'],
    ]);
  });

  it('refuses the clock to anyone but the chair', () => {
    expect(() => applyFloor(speaking(), { type: 'pause' }, delegate('A'), 1)).toThrow(FloorError);
  });
});

// ── properties ────────────────────────────────────────────────────────────
const delegations = ['A', 'B', 'C', 'D', 'E'];
const actorArb = fc.oneof(
  fc.constant(CHAIR),
  fc
    .constantFrom(...delegations)
    .map((d) =>
      delegate(d, (['head_of_state', 'minister', 'official'] as const)[d.charCodeAt(0) % 3]),
    ),
);
const commandArb: fc.Arbitrary<FloorCommand> = fc.oneof(
  // Requests weigh more: the list's rules (MEET-4, FLOOR-4) need several in a row to be tested.
  {
    arbitrary: fc
      .constantFrom<InterventionKind>(
        'statement',
        'point_of_order',
        'right_of_reply',
        'explanation_of_vote',
      )
      .map((kind) => ({ type: 'request' as const, kind })),
    weight: 6,
  },
  fc.nat({ max: 8 }).map((n) => ({ type: 'withdraw' as const, entryId: `e${n}` })),
  fc
    .record({ n: fc.nat({ max: 8 }), toIndex: fc.nat({ max: 6 }) })
    .map(({ n, toIndex }) => ({ type: 'reorder' as const, entryId: `e${n}`, toIndex })),
  fc.nat({ max: 8 }).map((n) => ({ type: 'remove' as const, entryId: `e${n}` })),
  fc.constant({ type: 'grantNext' as const }),
  fc.nat({ max: 8 }).map((n) => ({ type: 'grant' as const, entryId: `e${n}` })),
  fc.constant({ type: 'yield' as const }),
  fc.constant({ type: 'revoke' as const }),
  fc.constant({ type: 'pause' as const }),
  fc.constant({ type: 'resume' as const }),
  fc.integer({ min: 1000, max: 120_000 }).map((ms) => ({ type: 'extend' as const, ms })),
  fc.constant({ type: 'rule' as const, ruling: 'Ruled.' }),
  fc
    .record({
      outcome: fc.constantFrom('upheld' as const, 'not_upheld' as const, 'out_of_order' as const),
      n: fc.option(fc.nat({ max: 8 }), { nil: undefined }),
    })
    .map(({ outcome, n }) => ({
      type: 'rule' as const,
      outcome,
      ...(n === undefined ? {} : { entryId: `e${n}` }),
    })),
  fc
    .constantFrom('i1', 'i2')
    .map((agendaItemId) => ({ type: 'setAgendaItem' as const, agendaItemId })),
  fc.constantFrom('notify', 'revoke').map((expiry) => ({
    type: 'setPolicy' as const,
    policy: { ...DEFAULT_POLICY, expiry, graceMs: 3000, protocolOrder: expiry === 'revoke' },
  })),
  fc.constant({ type: 'tick' as const }),
);
const stepArb = fc.tuple(commandArb, actorArb, fc.integer({ min: 0, max: 200_000 }));

function invariants(s: FloorState, now: number): void {
  const ids = s.queue.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  // At most one holder, and the holder is not also waiting.
  if (s.current) expect(ids).not.toContain(s.current.entry.id);
  if (s.suspended) expect(ids).not.toContain(s.suspended.entry.id);
  // Unique entries: one per delegation and kind.
  const keys = s.queue.map((e) => `${e.delegationId}/${e.kind}`);
  expect(new Set(keys).size).toBe(keys.length);
  // Points of order ahead of every statement.
  const order = ordered(s.queue, s.policy.protocolOrder).map((e) => e.kind);
  const lastPoO = order.lastIndexOf('point_of_order');
  const firstOther = order.findIndex((k) => k !== 'point_of_order');
  if (lastPoO >= 0 && firstOther >= 0) expect(lastPoO).toBeLessThan(firstOther);
  // MEET-4: at most one pending point of order per delegation, waiting or heard.
  const points = [...s.queue, ...(s.current ? [s.current.entry] : [])]
    .filter((e) => e.kind === 'point_of_order')
    .map((e) => e.delegationId);
  expect(new Set(points).size).toBe(points.length);
  // A point of order is never left waiting while the floor is free or a statement is heard.
  if (points.length > 0 && s.queue.some((e) => e.kind === 'point_of_order'))
    expect(s.current?.entry.kind).toBe('point_of_order');
  // Only a point of order interrupts: a suspended speaker means one is being heard.
  if (s.suspended) expect(s.current?.entry.kind).toBe('point_of_order');
  // The right-of-reply cap.
  for (const n of Object.values(s.replies)) expect(n).toBeLessThanOrEqual(MAX_REPLIES);
  // Clocks never negative.
  for (const sp of [s.current, s.suspended]) {
    if (!sp) continue;
    expect(sp.remainingMs).toBeGreaterThanOrEqual(0);
    expect(remainingMs(sp, now)).toBeGreaterThanOrEqual(0);
    expect(overtimeOf(sp, now)).toBeGreaterThanOrEqual(0);
    // Time left and time over are never both counting.
    expect(Math.min(remainingMs(sp, now), overtimeOf(sp, now))).toBe(0);
  }
}

describe('FLOOR invariants under random command sequences (seeded)', () => {
  it('hold after every step', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60, size: 'max' }), (steps) => {
        let s = initialFloor('s');
        let now = 0;
        for (const [command, actor, dt] of steps) {
          now += dt;
          try {
            const out = applyFloor(s, command, command.type === 'tick' ? null : actor, now);
            expect(out.state.version).toBe(out.events.length > 0 ? s.version + 1 : s.version);
            s = out.state;
          } catch (err) {
            // Refusals are fine; they must be typed and leave the state untouched.
            expect(err).toBeInstanceOf(FloorError);
            if (err instanceof FloorError) expect(err.code).toBe(FLOOR_REFUSAL_CODE[err.reason]);
          }
          invariants(s, now);
        }
      }),
      { seed: 20261129, numRuns: 400 },
    );
  });
});
