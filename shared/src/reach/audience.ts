import type { Role } from '../domain/auth.ts';
import type {
  AttendanceEvent,
  AudienceFigures,
  AudienceMember,
  AudienceTimeline,
  ChannelId,
  NowWatching,
} from './schemas.ts';

/** A viewer who comes back within this long after leaving is the same visit (REACH-1). */
export const RECONNECT_GRACE_MS = 10_000;

/** Someone who has not chosen a channel hears the floor. */
const DEFAULT_CHANNEL: ChannelId = 'floor';

/** Continuous presence on one channel: [start, end) in epoch milliseconds. */
export interface Segment {
  viewer: string;
  role: Role;
  delegationId: string | null;
  channel: ChannelId;
  start: number;
  end: number;
}

/** One uninterrupted stay (reconnects within the grace bridged), split by channel. */
export interface Visit {
  viewer: string;
  role: Role;
  delegationId: string | null;
  start: number;
  end: number;
  /** Still connected at `now`. */
  open: boolean;
  segments: Segment[];
  /** Reconnects bridged into this visit. */
  reconnects: number;
}

interface ViewerState {
  member: AudienceMember;
  channel: ChannelId;
  visit: Visit | null;
  segmentStart: number;
  /** A leave that a rejoin within the grace would cancel. */
  leftAt: number | null;
}

/**
 * Turns a session's attendance stream into visits. Events are applied in
 * stream order (the order presence wrote them); duplicates (a join while
 * present, a leave while absent) change nothing. `viewer` keys the result:
 * callers pass an opaque key, never a name.
 */
export function visitsOf(
  events: readonly AttendanceEvent[],
  memberOf: (identity: string) => AudienceMember | null,
  now: number,
  graceMs = RECONNECT_GRACE_MS,
): Visit[] {
  const states = new Map<string, ViewerState>();
  const done: Visit[] = [];
  const closeSegment = (s: ViewerState, at: number) => {
    const v = s.visit;
    if (v === null) return;
    v.segments.push({
      viewer: v.viewer,
      role: v.role,
      delegationId: v.delegationId,
      channel: s.channel,
      start: s.segmentStart,
      end: at,
    });
  };
  const closeVisit = (s: ViewerState, at: number, open: boolean) => {
    const v = s.visit;
    if (v === null) return;
    closeSegment(s, at);
    v.end = at;
    v.open = open;
    done.push(v);
    s.visit = null;
    s.leftAt = null;
  };
  // A pending leave older than the grace is final once time has moved past it.
  const settle = (s: ViewerState, at: number) => {
    if (s.leftAt !== null && at - s.leftAt > graceMs) closeVisit(s, s.leftAt, false);
  };
  for (const e of events) {
    const at = Date.parse(e.at);
    // Figures describe `now`: anything stamped later has not happened yet.
    if (at > now) continue;
    let s = states.get(e.identity);
    if (s === undefined) {
      const member = memberOf(e.identity);
      if (member === null) continue;
      s = { member, channel: DEFAULT_CHANNEL, visit: null, segmentStart: at, leftAt: null };
      states.set(e.identity, s);
    }
    settle(s, at);
    switch (e.event) {
      case 'joined':
        if (s.visit !== null) {
          if (s.leftAt !== null) {
            s.leftAt = null;
            s.visit.reconnects += 1;
          }
          break;
        }
        s.visit = {
          viewer: e.identity,
          role: s.member.role,
          delegationId: s.member.delegationId,
          start: at,
          end: at,
          open: true,
          segments: [],
          reconnects: 0,
        };
        s.segmentStart = at;
        break;
      case 'left':
        if (s.visit !== null && s.leftAt === null) s.leftAt = at;
        break;
      case 'listening':
        if (e.channel === s.channel) break;
        // A switch while away (within the grace) takes effect from the switch.
        if (s.visit !== null) {
          closeSegment(s, at);
          s.segmentStart = at;
        }
        s.channel = e.channel;
        break;
      default: {
        const unreachable: never = e;
        throw new Error(`unhandled attendance event ${JSON.stringify(unreachable)}`);
      }
    }
  }
  for (const s of states.values()) {
    if (s.visit === null) continue;
    if (s.leftAt !== null) closeVisit(s, s.leftAt, false);
    else closeVisit(s, now, true);
  }
  return done;
}

/** Sorted, merged copy of [start, end) intervals. */
function merged(intervals: readonly { start: number; end: number }[]): [number, number][] {
  const sorted = intervals
    .map((i): [number, number] => [i.start, i.end])
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** Math.min/max without spreading: attendance streams run to tens of thousands. */
export const minOf = (values: readonly number[]): number =>
  values.reduce((a, b) => (b < a ? b : a), Infinity);
export const maxOf = (values: readonly number[]): number =>
  values.reduce((a, b) => (b > a ? b : a), -Infinity);

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? 0)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Unique, peak and watch figures of a set of intervals, each belonging to a
 * viewer. A viewer's overlapping intervals (two sessions at once) count once;
 * a viewer with only a zero-length interval (joined at `now`) is still one.
 */
export function figuresOf(
  intervals: readonly { viewer: string; start: number; end: number }[],
): AudienceFigures {
  const byViewer = new Map<string, { start: number; end: number }[]>();
  for (const i of intervals) {
    const list = byViewer.get(i.viewer);
    if (list === undefined) byViewer.set(i.viewer, [i]);
    else list.push(i);
  }
  const watch: number[] = [];
  // Sweep points [time, order, delta]. At one instant ends go first (a
  // hand-over is not an overlap), then starts, then the ends of zero-length
  // stays (someone who joined at `now` is there at `now`).
  const points: [number, number, number][] = [];
  for (const list of byViewer.values()) {
    let total = 0;
    for (const [start, end] of merged(list)) {
      total += end - start;
      points.push([start, 1, 1], [end, end > start ? 0 : 2, -1]);
    }
    watch.push(total);
  }
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  let peakAt: number | null = null;
  for (const [at, , delta] of points) {
    current += delta;
    if (current > peak) {
      peak = current;
      peakAt = at;
    }
  }
  return {
    uniqueViewers: byViewer.size,
    peakConcurrent: peak,
    peakAt: peakAt === null ? null : new Date(peakAt).toISOString(),
    totalWatchMs: watch.reduce((a, b) => a + b, 0),
    medianWatchMs: median(watch),
  };
}

/**
 * Segments that say a viewer was on a channel: any of positive length, and
 * the last of each visit (someone who just switched is on the new channel).
 */
export function channelSegments(visits: readonly Visit[]): Segment[] {
  const out: Segment[] = [];
  for (const v of visits) {
    v.segments.forEach((seg, i) => {
      if (seg.end > seg.start || i === v.segments.length - 1) out.push(seg);
    });
  }
  return out;
}

export function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

export function nowWatching(visits: readonly Visit[]): NowWatching {
  const counts = new Map<ChannelId, number>();
  let total = 0;
  for (const v of visits) {
    if (!v.open) continue;
    total += 1;
    const channel = v.segments[v.segments.length - 1]?.channel ?? DEFAULT_CHANNEL;
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return {
    total,
    byChannel: [...counts].map(([channel, viewers]) => ({ channel, viewers })).sort(byChannelOrder),
  };
}

/** Floor first, then languages alphabetically: one order for every table. */
export function byChannelOrder(a: { channel: ChannelId }, b: { channel: ChannelId }): number {
  if (a.channel === b.channel) return 0;
  if (a.channel === 'floor') return -1;
  if (b.channel === 'floor') return 1;
  return a.channel < b.channel ? -1 : 1;
}

const STEPS_SECONDS = [10, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 86_400];
const MAX_POINTS_PER_CHANNEL = 240;

/** The step that keeps a timeline from `from` to `until` within 240 intervals. */
export function timelineStep(from: number, until: number): number {
  const span = Math.max(0, until - from) / 1000;
  return (
    STEPS_SECONDS.find((s) => span / s <= MAX_POINTS_PER_CHANNEL) ??
    86_400 * Math.ceil(span / 86_400 / MAX_POINTS_PER_CHANNEL)
  );
}

/**
 * Audience over time per channel: for each interval of `stepSeconds`
 * (aligned to the epoch), the most viewers on the channel at once.
 */
export function timelineOf(
  segments: readonly Segment[],
  from: number | null,
  until: number,
): AudienceTimeline {
  if (from === null) return { stepSeconds: STEPS_SECONDS[0] ?? 10, points: [] };
  const stepSeconds = timelineStep(from, until);
  const step = stepSeconds * 1000;
  const first = Math.floor(from / step) * step;
  const points: AudienceTimeline['points'] = [];
  const byChannel = groupBy(segments, (s) => s.channel);
  const channels = [...byChannel.keys()].map((channel) => ({ channel })).sort(byChannelOrder);
  for (const { channel } of channels) {
    const list = byChannel.get(channel) ?? [];
    // Per viewer, merged: a viewer counts once on a channel at any instant.
    const changes: [number, number][] = [];
    for (const perViewer of groupBy(list, (s) => s.viewer).values())
      for (const [start, end] of merged(perViewer))
        if (end > start) changes.push([start, 1], [end, -1]);
    changes.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let current = 0;
    let i = 0;
    for (let t = first; t <= until; t += step) {
      // Leaving exactly at the boundary belongs to the interval before.
      while (i < changes.length && changes[i]?.[0] === t && changes[i]?.[1] === -1) {
        current -= 1;
        i += 1;
      }
      let most = current;
      while (i < changes.length && (changes[i]?.[0] ?? Infinity) < t + step) {
        current += changes[i]?.[1] ?? 0;
        most = Math.max(most, current);
        i += 1;
      }
      points.push({ at: new Date(t).toISOString(), channel, viewers: most });
    }
  }
  return { stepSeconds, points };
}
