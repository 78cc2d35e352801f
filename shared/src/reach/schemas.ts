import { z } from 'zod';
import { Role } from '../domain/auth.ts';
import { Id, LanguageCode, Timestamp } from '../domain/common.ts';
import { InterventionKind } from '../floor/speakers-list.ts';

/**
 * What reach is computed from and what it reports (REACH-1 … REACH-3). The
 * reports are aggregates: they carry channels, roles and delegations, never
 * a person's identity (REACH-2).
 */

/** `floor` or a language channel (INTERP-1). */
export const ChannelId = z.union([z.literal('floor'), LanguageCode]);
export type ChannelId = z.infer<typeof ChannelId>;

/** One entry of a session's attendance stream, as the presence service writes it. */
export const AttendanceEvent = z.discriminatedUnion('event', [
  z.object({ event: z.literal('joined'), identity: z.string().min(1), at: Timestamp }),
  z.object({ event: z.literal('left'), identity: z.string().min(1), at: Timestamp }),
  z.object({
    event: z.literal('listening'),
    identity: z.string().min(1),
    at: Timestamp,
    channel: ChannelId,
  }),
]);
export type AttendanceEvent = z.infer<typeof AttendanceEvent>;

/** Who an identity is, for splitting figures: never a name. */
export interface AudienceMember {
  role: Role;
  delegationId: string | null;
}

/** Unique, peak and watch figures for one slice of the audience. */
export const AudienceFigures = z.object({
  uniqueViewers: z.number().int().nonnegative(),
  peakConcurrent: z.number().int().nonnegative(),
  /** When the peak was first reached; null without any viewer. */
  peakAt: Timestamp.nullable(),
  totalWatchMs: z.number().int().nonnegative(),
  /** Median of each viewer's total watch time. */
  medianWatchMs: z.number().nonnegative(),
});
export type AudienceFigures = z.infer<typeof AudienceFigures>;

export const ChannelFigures = AudienceFigures.extend({ channel: ChannelId });
export type ChannelFigures = z.infer<typeof ChannelFigures>;
export const RoleFigures = AudienceFigures.extend({ role: Role });
export type RoleFigures = z.infer<typeof RoleFigures>;

/** The largest number watching each channel within each interval of the timeline. */
export const AudienceTimeline = z.object({
  stepSeconds: z.number().int().positive(),
  points: z.array(
    z.object({ at: Timestamp, channel: ChannelId, viewers: z.number().int().nonnegative() }),
  ),
});
export type AudienceTimeline = z.infer<typeof AudienceTimeline>;

/**
 * A figure contributed by one reach source (presence activity today; webcast
 * playlist fetches and communiqué views plug in the same way): a count, per
 * channel where the source knows one.
 */
export const SourceFigure = z.object({
  source: z.string().min(1),
  metric: z.string().min(1),
  channel: ChannelId.nullable(),
  value: z.number().nonnegative(),
});
export type SourceFigure = z.infer<typeof SourceFigure>;

export const ReachWindow = z.object({
  /** The first attendance event; null when nobody came yet. */
  from: Timestamp.nullable(),
  /** The moment the figures describe: open visits end here. */
  until: Timestamp,
  reconnectGraceSeconds: z.number().int().nonnegative(),
});
export type ReachWindow = z.infer<typeof ReachWindow>;

export const NowWatching = z.object({
  total: z.number().int().nonnegative(),
  byChannel: z.array(z.object({ channel: ChannelId, viewers: z.number().int().nonnegative() })),
});
export type NowWatching = z.infer<typeof NowWatching>;

export const SessionReach = z.object({
  sessionId: Id,
  window: ReachWindow,
  /** Everyone connected, whatever their role. */
  audience: AudienceFigures,
  /** Unique observers and press: the public audience. */
  uniqueObserversAndPress: z.number().int().nonnegative(),
  byChannel: z.array(ChannelFigures),
  byRole: z.array(RoleFigures),
  nowWatching: NowWatching,
  timeline: AudienceTimeline,
  sources: z.array(SourceFigure),
});
export type SessionReach = z.infer<typeof SessionReach>;

export const SummitReach = z.object({
  summitId: Id,
  window: ReachWindow,
  /** A person in two sessions at once is one viewer. */
  audience: AudienceFigures,
  uniqueObserversAndPress: z.number().int().nonnegative(),
  byChannel: z.array(ChannelFigures),
  byRole: z.array(RoleFigures),
  sessions: z.array(AudienceFigures.extend({ sessionId: Id })),
  sources: z.array(SourceFigure),
});
export type SummitReach = z.infer<typeof SummitReach>;

export const DelegationAttendance = z.object({
  delegationId: Id,
  firstArrivalAt: Timestamp,
  /** Null while a member of the delegation is still connected. */
  lastDepartureAt: Timestamp.nullable(),
  /** Time at least one member was connected. */
  presentMs: z.number().int().nonnegative(),
});
export type DelegationAttendance = z.infer<typeof DelegationAttendance>;

export const SessionAttendance = z.object({
  sessionId: Id,
  window: ReachWindow,
  delegations: z.array(DelegationAttendance),
});
export type SessionAttendance = z.infer<typeof SessionAttendance>;

const MsByKind = z.partialRecord(InterventionKind, z.number().int().nonnegative());

export const Intervention = z.object({
  entryId: z.string(),
  delegationId: z.string(),
  participantId: z.string(),
  kind: InterventionKind,
  agendaItemId: z.string().nullable(),
  startedAt: Timestamp,
  endedAt: Timestamp,
  spokeMs: z.number().int().nonnegative(),
  reason: z.string(),
  /** The record entry that ended it. */
  recordSeq: z.number().int().nonnegative(),
});
export type Intervention = z.infer<typeof Intervention>;

export const SpeakingTime = z.object({
  sessionId: Id,
  totalMs: z.number().int().nonnegative(),
  byDelegation: z.array(
    z.object({
      delegationId: z.string(),
      totalMs: z.number().int().nonnegative(),
      byKind: MsByKind,
    }),
  ),
  byAgendaItem: z.array(
    z.object({
      agendaItemId: z.string().nullable(),
      totalMs: z.number().int().nonnegative(),
      byKind: MsByKind,
      byDelegation: z.array(
        z.object({ delegationId: z.string(), totalMs: z.number().int().nonnegative() }),
      ),
    }),
  ),
  interventions: z.array(Intervention),
});
export type SpeakingTime = z.infer<typeof SpeakingTime>;

export const RecordVerification = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    summitId: Id,
    entries: z.number().int().nonnegative(),
    lastSeq: z.number().int().nonnegative().nullable(),
    lastHash: z.string().nullable(),
  }),
  z.object({
    ok: z.literal(false),
    summitId: Id,
    entries: z.number().int().nonnegative(),
    /** The first entry whose link or hash does not hold. */
    brokenAt: z.object({ seq: z.number().int().nonnegative(), act: z.string(), at: z.string() }),
  }),
]);
export type RecordVerification = z.infer<typeof RecordVerification>;

/** The tables behind the charts; each exports as CSV. */
export const ReachTableName = z.enum([
  'channels',
  'roles',
  'timeline',
  'speaking-time',
  'speaking-time-by-item',
  'attendance',
  'sources',
]);
export type ReachTableName = z.infer<typeof ReachTableName>;

export const SummaryFormat = z.enum(['html', 'pdf']);
export type SummaryFormat = z.infer<typeof SummaryFormat>;
