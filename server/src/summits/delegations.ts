import { Delegation, type DelegationCreate, type ListQuery, type Page } from '@majlis/shared';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import { newId, recordBody, stamp, type StoreDeps } from './common.ts';
import type { Principal } from './principal.ts';
import type { SummitReader } from './reader.ts';

/** Delegations: one per state or organisation in a summit (ACCT-4). */
export class Delegations {
  constructor(
    private readonly deps: StoreDeps,
    private readonly read: SummitReader,
  ) {}

  async listDelegations(
    actor: Principal,
    summitId: string,
    q: ListQuery,
  ): Promise<Page<Delegation>> {
    this.read.assertInSummit(actor, summitId);
    await this.read.getSummitRaw(summitId);
    return this.read.page(Delegation, keys.summitDelegations(summitId), keys.delegation, q);
  }

  async createDelegation(
    actor: Principal,
    summitId: string,
    input: DelegationCreate,
  ): Promise<Delegation> {
    await this.read.getSummit(actor, summitId);
    const { now, ms } = stamp(this.deps.clock);
    const id = newId();
    const delegation: Delegation = {
      ...input,
      id,
      summitId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await transact(this.deps.store, () =>
        Promise.resolve({
          tx: {
            // The code's index key is the uniqueness check: absent, or someone has it.
            checks: [{ key: keys.delegationCode(summitId, input.code), absent: true }],
            writes: [
              { op: 'set', key: keys.delegation(id), value: JSON.stringify(delegation) },
              { op: 'set', key: keys.delegationCode(summitId, input.code), value: id },
              { op: 'zadd', key: keys.summitDelegations(summitId), score: ms, member: id },
            ],
          },
          record: {
            scope: summitId,
            body: recordBody(
              actor,
              'delegation.created',
              { type: 'delegation', id },
              { ...input },
              now,
            ),
          },
        }),
      );
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') {
        throw new AppError('CONFLICT', `This summit already has a delegation for ${input.code}`);
      }
      throw err;
    }
    return delegation;
  }
}
