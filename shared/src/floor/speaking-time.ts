import type { RecordEntry } from '../domain/record.ts';

/**
 * Speaking time per delegation, derived from the record (REACH-1): every
 * `floor.ended` entry carries who spoke and for how long.
 */
export function speakingTimeByDelegation(
  entries: readonly RecordEntry[],
  sessionId?: string,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of entries) {
    if (e.act !== 'floor.ended') continue;
    if (sessionId !== undefined && e.subject.id !== sessionId) continue;
    const delegationId = e.changes['delegationId'];
    const ms = e.changes['spokeMs'];
    if (typeof delegationId === 'string' && typeof ms === 'number')
      out[delegationId] = (out[delegationId] ?? 0) + ms;
  }
  return out;
}
