import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordEntry } from '../domain/record.ts';
import { speakingTimeByDelegation } from '../floor/speaking-time.ts';
import { RECONNECT_GRACE_MS, visitsOf } from './audience.ts';
import { sessionAttendance, sessionReach, summitReach } from './report.ts';
import type { AttendanceEvent, AudienceMember, ChannelId } from './schemas.ts';
import { speakingTime } from './speaking.ts';
import { reachTable, toCsv } from './tables.ts';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (s: number) => new Date(T0 + s * 1000).toISOString();
const iso = at;
const join = (identity: string, s: number): AttendanceEvent => ({
  event: 'joined',
  identity,
  at: at(s),
});
const leave = (identity: string, s: number): AttendanceEvent => ({
  event: 'left',
  identity,
  at: at(s),
});
const listen = (identity: string, s: number, channel: ChannelId): AttendanceEvent => ({
  event: 'listening',
  identity,
  at: at(s),
  channel,
});

const MEMBERS: Record<string, AudienceMember> = {
  'p-A': { role: 'observer', delegationId: null },
  'p-B': { role: 'press', delegationId: null },
  'p-C': { role: 'observer', delegationId: null },
  'p-D': { role: 'delegate', delegationId: 'X' },
  'p-E': { role: 'head_of_delegation', delegationId: 'X' },
};
const memberOf = (identity: string) => MEMBERS[identity] ?? null;

/** The scripted pattern the figures below are worked out from by hand. */
const SCRIPT: AttendanceEvent[] = [
  join('p-A', 0),
  join('p-D', 0),
  join('p-B', 30),
  listen('p-A', 60, 'fr'),
  leave('p-B', 90),
  join('p-B', 95), // back within 10 s: the same visit
  join('p-C', 100),
  leave('p-C', 150),
  join('p-C', 200), // back after 50 s: a new visit, still the same viewer
  listen('p-C', 250, 'ar'),
  leave('p-A', 300),
  leave('p-B', 400),
  join('p-E', 400),
  leave('p-D', 500),
];
const NOW = T0 + 600_000;

describe('REACH-1 session reach from a known script (exact, to the second)', () => {
  const reach = sessionReach({ sessionId: 's1', events: SCRIPT, memberOf, now: NOW });

  it('counts unique viewers, the peak and its time, total and median watch time', () => {
    expect(reach.audience).toEqual({
      uniqueViewers: 5,
      peakConcurrent: 4,
      peakAt: iso(100),
      totalWatchMs: 1_820_000,
      medianWatchMs: 370_000,
    });
    expect(reach.uniqueObserversAndPress).toBe(3);
    expect(reach.window).toEqual({ from: iso(0), until: iso(600), reconnectGraceSeconds: 10 });
  });

  it('splits the figures by channel', () => {
    expect(reach.byChannel).toEqual([
      {
        channel: 'floor',
        uniqueViewers: 5,
        peakConcurrent: 3,
        peakAt: iso(30),
        totalWatchMs: 1_230_000,
        medianWatchMs: 200_000,
      },
      {
        channel: 'ar',
        uniqueViewers: 1,
        peakConcurrent: 1,
        peakAt: iso(250),
        totalWatchMs: 350_000,
        medianWatchMs: 350_000,
      },
      {
        channel: 'fr',
        uniqueViewers: 1,
        peakConcurrent: 1,
        peakAt: iso(60),
        totalWatchMs: 240_000,
        medianWatchMs: 240_000,
      },
    ]);
  });

  it('splits the figures by role', () => {
    expect(reach.byRole).toEqual([
      {
        role: 'observer',
        uniqueViewers: 2,
        peakConcurrent: 2,
        peakAt: iso(100),
        totalWatchMs: 750_000,
        medianWatchMs: 375_000,
      },
      {
        role: 'press',
        uniqueViewers: 1,
        peakConcurrent: 1,
        peakAt: iso(30),
        totalWatchMs: 370_000,
        medianWatchMs: 370_000,
      },
      {
        role: 'head_of_delegation',
        uniqueViewers: 1,
        peakConcurrent: 1,
        peakAt: iso(400),
        totalWatchMs: 200_000,
        medianWatchMs: 200_000,
      },
      {
        role: 'delegate',
        uniqueViewers: 1,
        peakConcurrent: 1,
        peakAt: iso(0),
        totalWatchMs: 500_000,
        medianWatchMs: 500_000,
      },
    ]);
  });

  it('counts who is watching now, per channel', () => {
    expect(reach.nowWatching).toEqual({
      total: 2,
      byChannel: [
        { channel: 'floor', viewers: 1 },
        { channel: 'ar', viewers: 1 },
      ],
    });
  });

  it('draws audience over time per channel, the most at once in each 10 s interval', () => {
    expect(reach.timeline.stepSeconds).toBe(10);
    const floor = reach.timeline.points.filter((p) => p.channel === 'floor');
    expect(floor).toHaveLength(61);
    const viewersAt = (s: number, channel: ChannelId) =>
      reach.timeline.points.find((p) => p.channel === channel && p.at === iso(s))?.viewers;
    expect(viewersAt(0, 'floor')).toBe(2);
    expect(viewersAt(30, 'floor')).toBe(3);
    expect(viewersAt(60, 'floor')).toBe(2);
    expect(viewersAt(60, 'fr')).toBe(1);
    expect(viewersAt(290, 'fr')).toBe(1);
    expect(viewersAt(300, 'fr')).toBe(0);
    expect(viewersAt(500, 'floor')).toBe(1);
    expect(viewersAt(250, 'ar')).toBe(1);
  });

  it('lists presence activity as a source: joins, bridged reconnects, channel switches', () => {
    expect(reach.sources).toEqual([
      { source: 'presence', metric: 'joins', channel: null, value: 7 },
      { source: 'presence', metric: 'reconnects', channel: null, value: 1 },
      { source: 'presence', metric: 'channel_switches', channel: 'ar', value: 1 },
      { source: 'presence', metric: 'channel_switches', channel: 'fr', value: 1 },
    ]);
  });

  it('takes a further source as one module', () => {
    const webcast = {
      name: 'webcast',
      figures: () => [
        { source: 'webcast', metric: 'playlist_fetches', channel: 'fr' as const, value: 12 },
      ],
    };
    const withWebcast = sessionReach({
      sessionId: 's1',
      events: SCRIPT,
      memberOf,
      now: NOW,
      sources: [webcast],
    });
    expect(withWebcast.sources.at(-1)).toEqual({
      source: 'webcast',
      metric: 'playlist_fetches',
      channel: 'fr',
      value: 12,
    });
  });

  it('exports each table as CSV', () => {
    const speaking = speakingTime([], 's1');
    const attendance = sessionAttendance({ sessionId: 's1', events: SCRIPT, memberOf, now: NOW });
    const csv = toCsv(
      reachTable('channels', { reach, speaking, attendance, delegationCode: (id) => id }),
    );
    expect(csv).toBe(
      [
        'channel,unique_viewers,peak_concurrent,peak_at,total_watch_seconds,median_watch_seconds',
        `floor,5,3,${iso(30)},1230,200`,
        `ar,1,1,${iso(250)},350,350`,
        `fr,1,1,${iso(60)},240,240`,
        '',
      ].join('\r\n'),
    );
    const att = toCsv(
      reachTable('attendance', {
        reach,
        speaking,
        attendance,
        delegationCode: () => '=HYPERLINK("x")',
      }),
    );
    expect(att.split('\r\n')[1]).toBe(`"'=HYPERLINK(""x"")",${iso(0)},,600`);
  });
});

describe('REACH-1 reconnect grace boundaries', () => {
  const figures = (gap: number) =>
    sessionReach({
      sessionId: 's1',
      events: [join('p-A', 0), leave('p-A', 100), join('p-A', 100 + gap), leave('p-A', 200)],
      memberOf,
      now: T0 + 300_000,
    });
  it.each([
    [0, 200_000, 1],
    [5, 200_000, 1],
    [10, 200_000, 1],
    [11, 189_000, 0],
    [60, 140_000, 0],
  ])('a gap of %i s: watch %i ms, %i reconnect(s), always one viewer', (gap, watch, reconnects) => {
    const r = figures(gap);
    expect(r.audience.uniqueViewers).toBe(1);
    expect(r.audience.peakConcurrent).toBe(1);
    expect(r.audience.totalWatchMs).toBe(watch);
    expect(r.sources.find((s) => s.metric === 'reconnects')?.value).toBe(reconnects);
  });

  it('a leave not yet followed by a rejoin ends the visit at the leave', () => {
    const r = sessionReach({
      sessionId: 's1',
      events: [join('p-A', 0), leave('p-A', 100)],
      memberOf,
      now: T0 + 105_000,
    });
    expect(r.audience.totalWatchMs).toBe(100_000);
    expect(r.nowWatching.total).toBe(0);
  });

  it('ignores repeated joins and leaves, unknown identities and events after now', () => {
    const r = sessionReach({
      sessionId: 's1',
      events: [
        join('p-A', 0),
        join('p-A', 5),
        join('org-x', 0),
        leave('p-A', 50),
        leave('p-A', 70),
        join('p-B', 700),
      ],
      memberOf,
      now: T0 + 600_000,
    });
    expect(r.audience).toMatchObject({ uniqueViewers: 1, totalWatchMs: 50_000 });
  });
});

describe('REACH-1 summit reach', () => {
  it('counts a person in two sessions at once as one viewer watching once', () => {
    const r = summitReach({
      summitId: 'm1',
      sessions: [
        { sessionId: 's1', events: [join('p-A', 0), leave('p-A', 100)] },
        { sessionId: 's2', events: [join('p-A', 50), leave('p-A', 150), join('p-B', 0)] },
      ],
      memberOf,
      now: T0 + 200_000,
    });
    expect(r.audience).toEqual({
      uniqueViewers: 2,
      peakConcurrent: 2,
      peakAt: iso(0),
      totalWatchMs: 150_000 + 200_000,
      medianWatchMs: 175_000,
    });
    expect(r.sessions.map((s) => [s.sessionId, s.uniqueViewers, s.totalWatchMs])).toEqual([
      ['s1', 1, 100_000],
      ['s2', 2, 300_000],
    ]);
  });
});

describe('REACH-3 attendance per delegation', () => {
  it('gives first arrival, last departure and time with a member present', () => {
    const a = sessionAttendance({ sessionId: 's1', events: SCRIPT, memberOf, now: NOW });
    expect(a.delegations).toEqual([
      { delegationId: 'X', firstArrivalAt: iso(0), lastDepartureAt: null, presentMs: 600_000 },
    ]);
    const gone = sessionAttendance({
      sessionId: 's1',
      events: [...SCRIPT, leave('p-E', 550)],
      memberOf,
      now: NOW,
    });
    expect(gone.delegations).toEqual([
      { delegationId: 'X', firstArrivalAt: iso(0), lastDepartureAt: iso(550), presentMs: 550_000 },
    ]);
  });
});

const entry = (
  seq: number,
  s: number,
  act: string,
  changes: Record<string, unknown>,
): RecordEntry => ({
  seq,
  at: at(s),
  actor: { kind: 'participant', id: 'chair' },
  act,
  subject: { type: 'session', id: 's1' },
  changes,
  prev: '',
  hash: '',
});

describe('REACH-3 speaking time per delegation and agenda item, by kind', () => {
  const spoke = (
    seq: number,
    s: number,
    entryId: string,
    delegationId: string,
    kind: string,
    ms: number,
  ) =>
    entry(seq, s, 'floor.ended', {
      entryId,
      delegationId,
      participantId: `pp-${delegationId}`,
      kind,
      spokeMs: ms,
      reason: 'yielded',
    });
  const record: RecordEntry[] = [
    entry(0, 0, 'floor.agendaItemChanged', { agendaItemId: 'item1' }),
    entry(1, 10, 'floor.granted', { entryId: 'e1', delegationId: 'FR', kind: 'statement' }),
    entry(2, 40, 'floor.granted', { entryId: 'e2', delegationId: 'EG', kind: 'point_of_order' }),
    spoke(3, 50, 'e2', 'EG', 'point_of_order', 10_000),
    spoke(4, 100, 'e1', 'FR', 'statement', 80_000),
    entry(5, 110, 'floor.agendaItemChanged', { agendaItemId: 'item2' }),
    entry(6, 120, 'floor.granted', { entryId: 'e1', delegationId: 'EG', kind: 'statement' }),
    spoke(7, 180, 'e1', 'EG', 'statement', 60_000),
    { ...spoke(8, 190, 'e9', 'FR', 'statement', 5_000), subject: { type: 'session', id: 'other' } },
  ];
  const t = speakingTime(record, 's1');

  it('sums the floor.ended entries of the session, as speakingTimeByDelegation does', () => {
    expect(t.totalMs).toBe(150_000);
    const totals = Object.fromEntries(t.byDelegation.map((d) => [d.delegationId, d.totalMs]));
    expect(totals).toEqual(speakingTimeByDelegation(record, 's1'));
    expect(t.byDelegation).toEqual([
      { delegationId: 'FR', totalMs: 80_000, byKind: { statement: 80_000 } },
      {
        delegationId: 'EG',
        totalMs: 70_000,
        byKind: { point_of_order: 10_000, statement: 60_000 },
      },
    ]);
  });

  it('files each intervention under the agenda item current at its grant, with its start time', () => {
    expect(t.byAgendaItem).toEqual([
      {
        agendaItemId: 'item1',
        totalMs: 90_000,
        byKind: { point_of_order: 10_000, statement: 80_000 },
        byDelegation: [
          { delegationId: 'FR', totalMs: 80_000 },
          { delegationId: 'EG', totalMs: 10_000 },
        ],
      },
      {
        agendaItemId: 'item2',
        totalMs: 60_000,
        byKind: { statement: 60_000 },
        byDelegation: [{ delegationId: 'EG', totalMs: 60_000 }],
      },
    ]);
    expect(t.interventions.map((i) => [i.entryId, i.startedAt, i.endedAt, i.recordSeq])).toEqual([
      ['e2', iso(40), iso(50), 3],
      ['e1', iso(10), iso(100), 4],
      ['e1', iso(120), iso(180), 7],
    ]);
  });
});

// ---- Seeded properties -------------------------------------------------------

const VIEWERS = ['p-A', 'p-B', 'p-C', 'p-D', 'p-E'];
const CHANNELS: ChannelId[] = ['floor', 'fr', 'ar'];
/** Scripts of whole seconds, in time order, as the attendance stream holds them. */
const scriptArb = fc
  .array(
    fc.record({
      viewer: fc.constantFrom(...VIEWERS),
      dt: fc.integer({ min: 0, max: 40 }),
      kind: fc.constantFrom('joined', 'left', 'left', 'joined', 'listening'),
      channel: fc.constantFrom(...CHANNELS),
    }),
    { maxLength: 60 },
  )
  .map((steps) => {
    let s = 0;
    return steps.map(({ viewer, dt, kind, channel }): AttendanceEvent => {
      s += dt;
      if (kind === 'listening') return listen(viewer, s, channel);
      return kind === 'joined' ? join(viewer, s) : leave(viewer, s);
    });
  });

/**
 * An independent oracle: who is present in each whole second, worked out
 * second by second from the raw events with the grace rule applied to each
 * gap. Peak and watch time follow by counting.
 */
function presentBySecond(
  events: readonly AttendanceEvent[],
  until: number,
): Map<string, boolean[]> {
  const out = new Map<string, boolean[]>();
  for (const viewer of VIEWERS) {
    const mine = events.filter((e) => e.identity === viewer && e.event !== 'listening');
    const seconds = Array.from({ length: until }, () => false);
    let present = false;
    let since = 0;
    const stays: [number, number][] = [];
    for (const e of mine) {
      const s = (Date.parse(e.at) - T0) / 1000;
      if (e.event === 'joined' && !present) {
        present = true;
        since = s;
      } else if (e.event === 'left' && present) {
        present = false;
        stays.push([since, s]);
      }
    }
    if (present) stays.push([since, until]);
    // Bridge gaps of at most the grace between consecutive stays.
    const bridged: [number, number][] = [];
    for (const stay of stays) {
      const last = bridged[bridged.length - 1];
      if (last !== undefined && stay[0] - last[1] <= RECONNECT_GRACE_MS / 1000) last[1] = stay[1];
      else bridged.push([...stay]);
    }
    for (const [a, b] of bridged) for (let s = a; s < b; s += 1) seconds[s] = true;
    out.set(viewer, seconds);
  }
  return out;
}

describe('REACH-1 properties under random scripts (seeded)', () => {
  const params = { seed: 20_260_301, numRuns: 400 };

  it('matches a second-by-second oracle: peak and total watch time', () => {
    fc.assert(
      fc.property(scriptArb, (events) => {
        const last =
          events.length === 0 ? 0 : (Date.parse(events.at(-1)?.at ?? iso(0)) - T0) / 1000;
        const until = last + 60;
        const r = sessionReach({ sessionId: 's', events, memberOf, now: T0 + until * 1000 });
        const grid = presentBySecond(events, until);
        let peak = 0;
        let watch = 0;
        for (let s = 0; s < until; s += 1) {
          let here = 0;
          for (const seconds of grid.values()) if (seconds[s] === true) here += 1;
          peak = Math.max(peak, here);
          watch += here;
        }
        expect(r.audience.totalWatchMs).toBe(watch * 1000);
        if (watch > 0) expect(r.audience.peakConcurrent).toBe(peak);
      }),
      params,
    );
  });

  it('a reconnect within 10 s is not a new viewer and changes no figure', () => {
    fc.assert(
      fc.property(
        scriptArb,
        fc.constantFrom(...VIEWERS),
        fc.integer({ min: 1, max: 10 }),
        (events, viewer, gap) => {
          // The viewer joins well after the script, drops, and is back within the grace.
          const base =
            (events.length === 0 ? 0 : (Date.parse(events.at(-1)?.at ?? iso(0)) - T0) / 1000) + 20;
          const stay = [...events, join(viewer, base)];
          const dropped = [...stay, leave(viewer, base + 30), join(viewer, base + 30 + gap)];
          const now = T0 + (base + 100) * 1000;
          const a = sessionReach({ sessionId: 's', events: stay, memberOf, now });
          const b = sessionReach({ sessionId: 's', events: dropped, memberOf, now });
          expect(b.audience).toEqual(a.audience);
          expect(b.byChannel).toEqual(a.byChannel);
          expect(b.byRole).toEqual(a.byRole);
          const visits = (evs: AttendanceEvent[]) => visitsOf(evs, memberOf, now).length;
          expect(visits(dropped)).toBe(visits(stay));
        },
      ),
      params,
    );
  });

  it('keeps its sums: roles and channels add up to the whole; the peak never exceeds the viewers', () => {
    fc.assert(
      fc.property(scriptArb, (events) => {
        const now = T0 + 3_000_000;
        const r = sessionReach({ sessionId: 's', events, memberOf, now });
        const sum = (xs: { totalWatchMs: number }[]) => xs.reduce((a, x) => a + x.totalWatchMs, 0);
        expect(sum(r.byRole)).toBe(r.audience.totalWatchMs);
        expect(sum(r.byChannel)).toBe(r.audience.totalWatchMs);
        expect(r.byRole.reduce((a, x) => a + x.uniqueViewers, 0)).toBe(r.audience.uniqueViewers);
        expect(r.audience.peakConcurrent).toBeLessThanOrEqual(r.audience.uniqueViewers);
        expect(r.nowWatching.total).toBeLessThanOrEqual(r.audience.peakConcurrent);
      }),
      params,
    );
  });

  it('never names a viewer: no identity appears anywhere in the report', () => {
    // The detector first: a report with an identity planted in it is caught.
    const scan = (report: unknown) => VIEWERS.filter((v) => JSON.stringify(report).includes(v));
    expect(scan({ planted: 'p-C' })).toEqual(['p-C']);
    fc.assert(
      fc.property(scriptArb, (events) => {
        const now = T0 + 3_000_000;
        const reach = sessionReach({ sessionId: 's', events, memberOf, now });
        const attendance = sessionAttendance({ sessionId: 's', events, memberOf, now });
        const summit = summitReach({
          summitId: 'm',
          sessions: [{ sessionId: 's', events }],
          memberOf,
          now,
        });
        expect(scan(reach)).toEqual([]);
        expect(scan(attendance)).toEqual([]);
        expect(scan(summit)).toEqual([]);
      }),
      params,
    );
  });
});
