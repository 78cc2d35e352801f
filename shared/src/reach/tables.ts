import type { ReachTableName, SessionAttendance, SessionReach, SpeakingTime } from './schemas.ts';

/** A table behind a chart: what screen readers read and what CSV exports. */
export interface ReachTable {
  name: ReachTableName;
  columns: string[];
  rows: (string | number | null)[][];
}

export interface ReachTableInput {
  reach: SessionReach;
  speaking: SpeakingTime;
  attendance: SessionAttendance;
  /** Delegation id → its code (e.g. `FR`, `AU`), so tables read without ids. */
  delegationCode: (delegationId: string) => string;
  /** Agenda item id → its title; without one the id is shown. */
  agendaItemTitle?: (agendaItemId: string) => string;
}

const seconds = (ms: number): number => Math.round(ms) / 1000;

export function reachTable(name: ReachTableName, input: ReachTableInput): ReachTable {
  const { reach, speaking, attendance, delegationCode } = input;
  const figureColumns = [
    'unique_viewers',
    'peak_concurrent',
    'peak_at',
    'total_watch_seconds',
    'median_watch_seconds',
  ];
  const figureCells = (f: SessionReach['audience']) => [
    f.uniqueViewers,
    f.peakConcurrent,
    f.peakAt,
    seconds(f.totalWatchMs),
    seconds(f.medianWatchMs),
  ];
  switch (name) {
    case 'channels':
      return {
        name,
        columns: ['channel', ...figureColumns],
        rows: reach.byChannel.map((c) => [c.channel, ...figureCells(c)]),
      };
    case 'roles':
      return {
        name,
        columns: ['role', ...figureColumns],
        rows: reach.byRole.map((r) => [r.role, ...figureCells(r)]),
      };
    case 'timeline':
      return {
        name,
        columns: ['interval_start', 'channel', 'viewers'],
        rows: reach.timeline.points.map((p) => [p.at, p.channel, p.viewers]),
      };
    case 'speaking-time':
      return {
        name,
        columns: [
          'delegation',
          'total_seconds',
          'statement_seconds',
          'point_of_order_seconds',
          'right_of_reply_seconds',
          'explanation_of_vote_seconds',
        ],
        rows: speaking.byDelegation.map((d) => [
          delegationCode(d.delegationId),
          seconds(d.totalMs),
          seconds(d.byKind.statement ?? 0),
          seconds(d.byKind.point_of_order ?? 0),
          seconds(d.byKind.right_of_reply ?? 0),
          seconds(d.byKind.explanation_of_vote ?? 0),
        ]),
      };
    case 'speaking-time-by-item':
      return {
        name,
        columns: ['agenda_item', 'delegation', 'seconds'],
        rows: speaking.byAgendaItem.flatMap((item) =>
          item.byDelegation.map((d) => [
            item.agendaItemId === null
              ? null
              : (input.agendaItemTitle?.(item.agendaItemId) ?? item.agendaItemId),
            delegationCode(d.delegationId),
            seconds(d.totalMs),
          ]),
        ),
      };
    case 'attendance':
      return {
        name,
        columns: ['delegation', 'first_arrival', 'last_departure', 'present_seconds'],
        rows: attendance.delegations.map((d) => [
          delegationCode(d.delegationId),
          d.firstArrivalAt,
          d.lastDepartureAt,
          seconds(d.presentMs),
        ]),
      };
    case 'sources':
      return {
        name,
        columns: ['source', 'metric', 'channel', 'value'],
        rows: reach.sources.map((s) => [s.source, s.metric, s.channel, s.value]),
      };
    default: {
      const unreachable: never = name;
      throw new Error(`unknown table ${String(unreachable)}`);
    }
  }
}

/**
 * RFC 4180 CSV. A cell that a spreadsheet would run as a formula (starting
 * with =, +, -, @) is prefixed with an apostrophe; numbers are left alone.
 */
export function toCsv(table: ReachTable): string {
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    if (typeof v === 'number') return String(v);
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [table.columns, ...table.rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
