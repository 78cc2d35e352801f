import {
  Id,
  blockingDependants,
  dependantsMessage,
  type Dependant,
  type Participant,
} from '@majlis/shared';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { transact, type Change } from '../store/record.ts';
import { conflictOf, type StoreDeps } from './common.ts';
import type { SummitReader } from './reader.ts';

/** Only what a deletion needs to know of a motion: which agenda item it was moved on. */
export const MotionOnItem = z.object({ agendaItemId: Id });

export const ALL = 100_000;

export function refuseWhileDependants(
  what: string,
  counts: Partial<Record<Dependant['kind'], number>>,
) {
  const dependants = blockingDependants(counts);
  if (dependants.length > 0)
    throw new AppError('CONFLICT', dependantsMessage(what, dependants), undefined, dependants);
}

/**
 * What each ACCT-3 correction module is built on: the store, the summit
 * reader, dependant counting, and one commit per correction.
 */
export class CorrectionsBase {
  constructor(
    protected readonly deps: StoreDeps,
    protected readonly read: SummitReader,
  ) {}

  protected size = async (key: string): Promise<number> =>
    (await this.deps.store.rangeByRank(key, 0, 1)).total;

  protected async exists(key: string): Promise<boolean> {
    return (await this.deps.store.get(key)) !== null;
  }

  /** Runs one correction; with If-Match, losing a race is a failed precondition. */
  protected commit(build: () => Promise<Change>, ifMatch: number | undefined): Promise<void> {
    return transact(this.deps.store, build, { onConflict: conflictOf(ifMatch) });
  }

  protected async summitParticipants(summitId: string): Promise<Participant[]> {
    const { members } = await this.deps.store.rangeByRank(
      keys.summitParticipants(summitId),
      0,
      ALL,
    );
    return this.read.participants(members);
  }

  protected async chairedBy(participant: Participant): Promise<number> {
    const sessions = await this.read.summitSessionsUnchecked(participant.summitId);
    return sessions.filter((s) => s.chairId === participant.id).length;
  }
}
