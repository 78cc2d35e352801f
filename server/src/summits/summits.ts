import {
  decideSummitUpdate,
  type Summit,
  type SummitCreate,
  type SummitUpdate,
} from '@majlis/shared';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import {
  checkIfMatch,
  conflictOf,
  decided,
  diff,
  must,
  newId,
  recordBody,
  stamp,
  type StoreDeps,
} from './common.ts';
import type { Principal } from './principal.ts';
import type { SummitReader } from './reader.ts';

/** Creating and correcting summits; the lifecycle rule (SUMMIT-1) is `decideSummitUpdate` in shared. */
export class Summits {
  constructor(
    private readonly deps: StoreDeps,
    private readonly read: SummitReader,
  ) {}

  async createSummit(actor: Principal, input: SummitCreate): Promise<Summit> {
    const { now, ms } = stamp(this.deps.clock);
    const summit: Summit = {
      ...input,
      id: newId(),
      status: 'draft',
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await transact(this.deps.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.summit(summit.id), absent: true }],
          writes: [
            { op: 'set', key: keys.summit(summit.id), value: JSON.stringify(summit) },
            { op: 'zadd', key: keys.summits(), score: ms, member: summit.id },
          ],
        },
        record: {
          scope: summit.id,
          body: recordBody(
            actor,
            'summit.created',
            { type: 'summit', id: summit.id },
            { ...input },
            now,
          ),
        },
      }),
    );
    return summit;
  }

  async updateSummit(
    actor: Principal,
    id: string,
    input: SummitUpdate,
    ifMatch: number | undefined,
  ): Promise<Summit> {
    let updated: Summit | undefined;
    await transact(
      this.deps.store,
      async () => {
        const current = await this.read.getSummit(actor, id);
        checkIfMatch(current.version, ifMatch);
        const next = decided(decideSummitUpdate(current, input, stamp(this.deps.clock).now));
        updated = next;
        return {
          tx: {
            checks: [{ key: keys.summit(id), version: current.version }],
            writes: [{ op: 'set', key: keys.summit(id), value: JSON.stringify(next) }],
          },
          record: {
            scope: id,
            body: recordBody(
              actor,
              'summit.updated',
              { type: 'summit', id },
              diff(current, next),
              next.updatedAt,
            ),
          },
        };
      },
      { onConflict: conflictOf(ifMatch) },
    );
    return must(updated);
  }
}
