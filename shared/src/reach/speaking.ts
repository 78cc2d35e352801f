import type { RecordEntry } from '../domain/record.ts';
import { InterventionKind } from '../floor/speakers-list.ts';
import type { Intervention, SpeakingTime } from './schemas.ts';

type ByKind = Partial<Record<InterventionKind, number>>;

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * REACH-3: speaking time per delegation and per agenda item, by kind of
 * intervention, from the record's `floor.ended` entries (the same entries
 * `speakingTimeByDelegation` sums). The agenda item is the one current when
 * the floor was granted; the start time is that grant.
 */
export function speakingTime(entries: readonly RecordEntry[], sessionId: string): SpeakingTime {
  let agendaItemId: string | null = null;
  const granted = new Map<string, { at: string; agendaItemId: string | null }>();
  const interventions: Intervention[] = [];
  for (const e of entries) {
    if (e.subject.type !== 'session' || e.subject.id !== sessionId) continue;
    switch (e.act) {
      case 'floor.agendaItemChanged':
        agendaItemId = str(e.changes['agendaItemId']);
        break;
      case 'floor.granted': {
        const entryId = str(e.changes['entryId']);
        if (entryId !== null) granted.set(entryId, { at: e.at, agendaItemId });
        break;
      }
      case 'floor.ended': {
        const entryId = str(e.changes['entryId']);
        const delegationId = str(e.changes['delegationId']);
        const participantId = str(e.changes['participantId']) ?? '';
        const kind = InterventionKind.safeParse(e.changes['kind']);
        const spokeMs = e.changes['spokeMs'];
        if (entryId === null || delegationId === null || !kind.success) break;
        if (typeof spokeMs !== 'number') break;
        const start = granted.get(entryId);
        granted.delete(entryId);
        interventions.push({
          entryId,
          delegationId,
          participantId,
          kind: kind.data,
          agendaItemId: start?.agendaItemId ?? agendaItemId,
          startedAt: start?.at ?? new Date(Date.parse(e.at) - spokeMs).toISOString(),
          endedAt: e.at,
          spokeMs,
          reason: str(e.changes['reason']) ?? '',
          recordSeq: e.seq,
        });
        break;
      }
      default:
        break;
    }
  }
  const add = (m: ByKind, kind: InterventionKind, ms: number) => {
    m[kind] = (m[kind] ?? 0) + ms;
  };
  const delegations = new Map<string, { totalMs: number; byKind: ByKind }>();
  const items = new Map<
    string | null,
    { totalMs: number; byKind: ByKind; byDelegation: Map<string, number> }
  >();
  for (const i of interventions) {
    const d = delegations.get(i.delegationId) ?? { totalMs: 0, byKind: {} };
    d.totalMs += i.spokeMs;
    add(d.byKind, i.kind, i.spokeMs);
    delegations.set(i.delegationId, d);
    const item = items.get(i.agendaItemId) ?? {
      totalMs: 0,
      byKind: {},
      byDelegation: new Map<string, number>(),
    };
    item.totalMs += i.spokeMs;
    add(item.byKind, i.kind, i.spokeMs);
    item.byDelegation.set(i.delegationId, (item.byDelegation.get(i.delegationId) ?? 0) + i.spokeMs);
    items.set(i.agendaItemId, item);
  }
  return {
    sessionId,
    totalMs: interventions.reduce((sum, i) => sum + i.spokeMs, 0),
    byDelegation: [...delegations]
      .map(([delegationId, d]) => ({ delegationId, ...d }))
      .sort((a, b) => b.totalMs - a.totalMs || a.delegationId.localeCompare(b.delegationId)),
    byAgendaItem: [...items].map(([id, item]) => ({
      agendaItemId: id,
      totalMs: item.totalMs,
      byKind: item.byKind,
      byDelegation: [...item.byDelegation]
        .map(([delegationId, totalMs]) => ({ delegationId, totalMs }))
        .sort((a, b) => b.totalMs - a.totalMs || a.delegationId.localeCompare(b.delegationId)),
    })),
    interventions,
  };
}
