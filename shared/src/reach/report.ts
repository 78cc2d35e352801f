import type { Role } from '../domain/auth.ts';
import {
  byChannelOrder,
  channelSegments,
  figuresOf,
  groupBy,
  maxOf,
  minOf,
  nowWatching,
  RECONNECT_GRACE_MS,
  timelineOf,
  visitsOf,
  type Visit,
} from './audience.ts';
import type {
  AttendanceEvent,
  AudienceMember,
  ChannelFigures,
  DelegationAttendance,
  ReachWindow,
  RoleFigures,
  SessionAttendance,
  SessionReach,
  SummitReach,
} from './schemas.ts';
import { presenceActivitySource, sourceFigures, type ReachSource } from './sources.ts';

/** Everything a session's reach is computed from. */
export interface SessionReachInput {
  sessionId: string;
  events: readonly AttendanceEvent[];
  memberOf: (identity: string) => AudienceMember | null;
  now: number;
  /** Sources beyond presence (webcast, communiqués), each one module. */
  sources?: readonly ReachSource[];
  graceMs?: number;
}

const PUBLIC_ROLES: readonly Role[] = ['observer', 'press'];
const ROLE_ORDER: readonly Role[] = [
  'observer',
  'press',
  'head_of_delegation',
  'delegate',
  'adviser',
  'chair',
  'interpreter',
  'organiser',
];

function windowOf(visits: readonly Visit[], now: number, graceMs: number): ReachWindow {
  const from = visits.length === 0 ? null : minOf(visits.map((v) => v.start));
  return {
    from: from === null ? null : new Date(from).toISOString(),
    until: new Date(now).toISOString(),
    reconnectGraceSeconds: Math.round(graceMs / 1000),
  };
}

function splitFigures(visits: readonly Visit[]): {
  byChannel: ChannelFigures[];
  byRole: RoleFigures[];
  uniqueObserversAndPress: number;
} {
  const segments = channelSegments(visits);
  const byChannel = [...groupBy(segments, (s) => s.channel)]
    .map(([channel, list]) => ({ channel, ...figuresOf(list) }))
    .sort(byChannelOrder);
  const byRole = [...groupBy(visits, (v) => v.role)]
    .map(([role, list]) => ({ role, ...figuresOf(list) }))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role));
  const uniqueObserversAndPress = new Set(
    visits.filter((v) => PUBLIC_ROLES.includes(v.role)).map((v) => v.viewer),
  ).size;
  return { byChannel, byRole, uniqueObserversAndPress };
}

/** REACH-1: one session's audience, by channel and by role, with no identity in it. */
export function sessionReach(input: SessionReachInput): SessionReach {
  const graceMs = input.graceMs ?? RECONNECT_GRACE_MS;
  const visits = visitsOf(input.events, input.memberOf, input.now, graceMs);
  const window = windowOf(visits, input.now, graceMs);
  const from = window.from === null ? null : Date.parse(window.from);
  return {
    sessionId: input.sessionId,
    window,
    audience: figuresOf(visits),
    ...splitFigures(visits),
    nowWatching: nowWatching(visits),
    timeline: timelineOf(channelSegments(visits), from, input.now),
    sources: sourceFigures([presenceActivitySource(visits), ...(input.sources ?? [])], window),
  };
}

/**
 * A summit's audience across its sessions: a person in two sessions at once
 * is one viewer watching once; per-session figures sit beside it.
 */
export function summitReach(input: {
  summitId: string;
  sessions: readonly { sessionId: string; events: readonly AttendanceEvent[] }[];
  memberOf: (identity: string) => AudienceMember | null;
  now: number;
  sources?: readonly ReachSource[];
  graceMs?: number;
}): SummitReach {
  const graceMs = input.graceMs ?? RECONNECT_GRACE_MS;
  const perSession = input.sessions.map((s) => ({
    sessionId: s.sessionId,
    visits: visitsOf(s.events, input.memberOf, input.now, graceMs),
  }));
  const visits = perSession.flatMap((s) => s.visits);
  const window = windowOf(visits, input.now, graceMs);
  return {
    summitId: input.summitId,
    window,
    audience: figuresOf(visits),
    ...splitFigures(visits),
    sessions: perSession.map((s) => ({ sessionId: s.sessionId, ...figuresOf(s.visits) })),
    sources: sourceFigures([presenceActivitySource(visits), ...(input.sources ?? [])], window),
  };
}

/**
 * REACH-3: each delegation's first arrival, last departure and time with at
 * least one member connected, from presence.
 */
export function sessionAttendance(input: SessionReachInput): SessionAttendance {
  const graceMs = input.graceMs ?? RECONNECT_GRACE_MS;
  const visits = visitsOf(input.events, input.memberOf, input.now, graceMs);
  const delegations: DelegationAttendance[] = [];
  for (const [delegationId, list] of groupBy(visits, (v) => v.delegationId)) {
    if (delegationId === null) continue;
    const stillThere = list.some((v) => v.open);
    // Time present is the union over members: two members at once count once.
    const present = figuresOf(list.map((v) => ({ ...v, viewer: delegationId })));
    delegations.push({
      delegationId,
      firstArrivalAt: new Date(minOf(list.map((v) => v.start))).toISOString(),
      lastDepartureAt: stillThere ? null : new Date(maxOf(list.map((v) => v.end))).toISOString(),
      presentMs: present.totalWatchMs,
    });
  }
  delegations.sort((a, b) => a.firstArrivalAt.localeCompare(b.firstArrivalAt));
  return {
    sessionId: input.sessionId,
    window: windowOf(visits, input.now, graceMs),
    delegations,
  };
}
