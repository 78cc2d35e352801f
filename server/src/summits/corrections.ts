import {
  Id,
  blockingDependants,
  decideDelegationUpdate,
  decideParticipantUpdate,
  decideSessionUpdate,
  dependantsMessage,
  participantReferences,
  sessionReferences,
  type Delegation,
  type DelegationUpdate,
  type Dependant,
  type Participant,
  type ParticipantUpdate,
  type Session,
  type SessionUpdate,
} from '@majlis/shared';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { transact, type Change } from '../store/record.ts';
import type { Write } from '../store/tx.ts';
import { StoredInvitation } from './accreditation.ts';
import {
  checkIfMatch,
  conflictOf,
  decided,
  diff,
  ifExists,
  must,
  recordBody,
  stamp,
  type StoreDeps,
} from './common.ts';
import type { Principal } from './principal.ts';
import type { SummitReader } from './reader.ts';

/** Only what a deletion needs to know of a motion: which agenda item it was moved on. */
const MotionOnItem = z.object({ agendaItemId: Id });

const ALL = 100_000;

function refuseWhileDependants(what: string, counts: Partial<Record<Dependant['kind'], number>>) {
  const dependants = blockingDependants(counts);
  if (dependants.length > 0)
    throw new AppError('CONFLICT', dependantsMessage(what, dependants), undefined, dependants);
}

/**
 * ACCT-3: correcting and deleting what the secretariat created. Every
 * deletion counts its dependants inside the transaction that deletes: each
 * creation in a summit appends to that summit's record, which moves the
 * record head this commit checks, so a session added meanwhile makes the
 * deletion count again rather than orphan it.
 */
export class Corrections {
  constructor(
    private readonly deps: StoreDeps,
    private readonly read: SummitReader,
  ) {}

  private size = async (key: string): Promise<number> =>
    (await this.deps.store.rangeByRank(key, 0, 1)).total;

  private async exists(key: string): Promise<boolean> {
    return (await this.deps.store.get(key)) !== null;
  }

  /** Runs one correction; with If-Match, losing a race is a failed precondition. */
  private commit(build: () => Promise<Change>, ifMatch: number | undefined): Promise<void> {
    return transact(this.deps.store, build, { onConflict: conflictOf(ifMatch) });
  }

  // ── summit ──

  async deleteSummit(actor: Principal, summitId: string, ifMatch: number | undefined) {
    await this.commit(async () => {
      const summit = await this.read.getSummit(actor, summitId);
      checkIfMatch(summit.version, ifMatch);
      refuseWhileDependants('summit', {
        session: await this.size(keys.summitSessions(summitId)),
        delegation: await this.size(keys.summitDelegations(summitId)),
        participant: await this.size(keys.summitParticipants(summitId)),
        communique: await this.size(keys.summitCommuniques(summitId)),
        signing_key: Number(await this.exists(keys.issuerKey('summit', summitId))),
      });
      const { now } = stamp(this.deps.clock);
      return {
        tx: {
          checks: [{ key: keys.summit(summitId), version: summit.version }],
          writes: [
            { op: 'del', key: keys.summit(summitId) },
            { op: 'zrem', key: keys.summits(), member: summitId },
          ],
        },
        // The summit's record stays, and says who deleted it.
        record: {
          scope: summitId,
          body: recordBody(actor, 'summit.deleted', { type: 'summit', id: summitId }, {}, now),
        },
      };
    }, ifMatch);
  }

  // ── sessions ──

  async updateSession(
    actor: Principal,
    sessionId: string,
    input: SessionUpdate,
    ifMatch: number | undefined,
  ): Promise<Session> {
    let updated: Session | undefined;
    await this.commit(async () => {
      const current = await this.read.getSession(actor, sessionId);
      checkIfMatch(current.version, ifMatch);
      const { now } = stamp(this.deps.clock);
      const next = decided(decideSessionUpdate(current, input, now));
      const chair =
        next.chairId === null ? undefined : await ifExists(this.read.getParticipant(next.chairId));
      const delegations = await Promise.all(
        next.delegationIds.map((id) => ifExists(this.read.getDelegation(id))),
      );
      decided(sessionReferences(current.summitId, next, chair, delegations));
      updated = next;
      return {
        tx: {
          checks: [{ key: keys.session(sessionId), version: current.version }],
          writes: [
            { op: 'set', key: keys.session(sessionId), value: JSON.stringify(next) },
            {
              op: 'zadd',
              key: keys.summitSessions(current.summitId),
              score: Date.parse(next.startsAt),
              member: sessionId,
            },
          ],
        },
        record: {
          scope: current.summitId,
          body: recordBody(
            actor,
            'session.updated',
            { type: 'session', id: sessionId },
            diff(current, next),
            now,
          ),
        },
      };
    }, ifMatch);
    return must(updated);
  }

  async deleteSession(actor: Principal, sessionId: string, ifMatch: number | undefined) {
    await this.commit(async () => {
      const session = await this.read.getSession(actor, sessionId);
      checkIfMatch(session.version, ifMatch);
      refuseWhileDependants('session', {
        agenda_item: await this.size(keys.sessionAgenda(sessionId)),
        motion: await this.size(keys.sessionMotions(sessionId)),
        // Opened once (MEET-2), it has attendance and a record of its own: keep it.
        activity: Number(await this.exists(keys.sessionLifecycle(sessionId))),
      });
      const { now } = stamp(this.deps.clock);
      return {
        tx: {
          checks: [{ key: keys.session(sessionId), version: session.version }],
          writes: [
            { op: 'del', key: keys.session(sessionId) },
            { op: 'zrem', key: keys.summitSessions(session.summitId), member: sessionId },
          ],
        },
        record: {
          scope: session.summitId,
          body: recordBody(actor, 'session.deleted', { type: 'session', id: sessionId }, {}, now),
        },
      };
    }, ifMatch);
  }

  // ── agenda items ──

  async deleteAgendaItem(actor: Principal, itemId: string, ifMatch: number | undefined) {
    await this.commit(async () => {
      const item = await this.read.getAgendaItem(itemId);
      const session = await this.read.getSession(actor, item.sessionId);
      checkIfMatch(item.version, ifMatch);
      const { members } = await this.deps.store.rangeByRank(
        keys.sessionMotions(session.id),
        0,
        ALL,
      );
      const motions = (await this.deps.store.mget(members.map(keys.motion)))
        .filter((raw): raw is string => raw !== null)
        .map((raw) => MotionOnItem.parse(JSON.parse(raw)))
        .filter((m) => m.agendaItemId === itemId);
      refuseWhileDependants('agenda item', {
        motion: motions.length,
        // Taken up or done, it is what the record and the speaking times refer to:
        // defer it instead.
        activity: Number(item.status === 'current' || item.status === 'done'),
      });
      const { now } = stamp(this.deps.clock);
      return {
        tx: {
          checks: [{ key: keys.agendaItem(itemId), version: item.version }],
          writes: [
            { op: 'del', key: keys.agendaItem(itemId) },
            { op: 'zrem', key: keys.sessionAgenda(item.sessionId), member: itemId },
          ],
        },
        record: {
          scope: item.summitId,
          body: recordBody(
            actor,
            'agenda_item.deleted',
            { type: 'agenda_item', id: itemId },
            { sessionId: item.sessionId },
            now,
          ),
        },
      };
    }, ifMatch);
  }

  // ── delegations ──

  private async delegationInSummit(actor: Principal, id: string): Promise<Delegation> {
    const delegation = await this.read.getDelegation(id);
    this.read.assertInSummit(actor, delegation.summitId);
    return delegation;
  }

  async updateDelegation(
    actor: Principal,
    delegationId: string,
    input: DelegationUpdate,
    ifMatch: number | undefined,
  ): Promise<Delegation> {
    let updated: Delegation | undefined;
    await this.commit(async () => {
      const current = await this.delegationInSummit(actor, delegationId);
      checkIfMatch(current.version, ifMatch);
      const { now } = stamp(this.deps.clock);
      const next = decided(decideDelegationUpdate(current, input, now));
      updated = next;
      const writes: Write[] = [
        { op: 'set', key: keys.delegation(delegationId), value: JSON.stringify(next) },
      ];
      const checks: Change['tx']['checks'] = [
        { key: keys.delegation(delegationId), version: current.version },
      ];
      if (next.code !== current.code) {
        const taken = await this.deps.store.get(keys.delegationCode(current.summitId, next.code));
        if (taken !== null)
          throw new AppError('CONFLICT', `This summit already has a delegation for ${next.code}`);
        checks.push({ key: keys.delegationCode(current.summitId, next.code), absent: true });
        writes.push(
          { op: 'del', key: keys.delegationCode(current.summitId, current.code) },
          { op: 'set', key: keys.delegationCode(current.summitId, next.code), value: delegationId },
        );
      }
      return {
        tx: { checks, writes },
        record: {
          scope: current.summitId,
          body: recordBody(
            actor,
            'delegation.updated',
            { type: 'delegation', id: delegationId },
            diff(current, next),
            now,
          ),
        },
      };
    }, ifMatch);
    return must(updated);
  }

  async deleteDelegation(actor: Principal, delegationId: string, ifMatch: number | undefined) {
    await this.commit(async () => {
      const delegation = await this.delegationInSummit(actor, delegationId);
      checkIfMatch(delegation.version, ifMatch);
      const { summitId } = delegation;
      const [participants, sessions] = await Promise.all([
        this.summitParticipants(summitId),
        this.read.summitSessionsUnchecked(summitId),
      ]);
      refuseWhileDependants('delegation', {
        participant: participants.filter((p) => p.delegationId === delegationId).length,
        admitted_session: sessions.filter((s) => s.delegationIds.includes(delegationId)).length,
        signing_key: Number(await this.exists(keys.issuerKey('delegation', delegationId))),
      });
      const { now } = stamp(this.deps.clock);
      return {
        tx: {
          checks: [{ key: keys.delegation(delegationId), version: delegation.version }],
          writes: [
            { op: 'del', key: keys.delegation(delegationId) },
            { op: 'del', key: keys.delegationCode(summitId, delegation.code) },
            { op: 'del', key: keys.delegationAlternate(delegationId) },
            { op: 'zrem', key: keys.summitDelegations(summitId), member: delegationId },
          ],
        },
        record: {
          scope: summitId,
          body: recordBody(
            actor,
            'delegation.deleted',
            { type: 'delegation', id: delegationId },
            { code: delegation.code },
            now,
          ),
        },
      };
    }, ifMatch);
  }

  // ── participants ──

  private async summitParticipants(summitId: string): Promise<Participant[]> {
    const { members } = await this.deps.store.rangeByRank(
      keys.summitParticipants(summitId),
      0,
      ALL,
    );
    return this.read.participants(members);
  }

  private async participantInSummit(actor: Principal, id: string): Promise<Participant> {
    const participant = await this.read.getParticipant(id);
    this.read.assertInSummit(actor, participant.summitId);
    return participant;
  }

  private async chairedBy(participant: Participant): Promise<number> {
    const sessions = await this.read.summitSessionsUnchecked(participant.summitId);
    return sessions.filter((s) => s.chairId === participant.id).length;
  }

  async updateParticipant(
    actor: Principal,
    participantId: string,
    input: ParticipantUpdate,
    ifMatch: number | undefined,
  ): Promise<Participant> {
    let updated: Participant | undefined;
    await this.commit(async () => {
      const current = await this.participantInSummit(actor, participantId);
      checkIfMatch(current.version, ifMatch);
      const { now } = stamp(this.deps.clock);
      const next = decided(
        decideParticipantUpdate(current, input, await this.chairedBy(current), now),
      );
      const delegation =
        next.delegationId === null
          ? undefined
          : await ifExists(this.read.getDelegation(next.delegationId));
      decided(participantReferences(current.summitId, next.delegationId, delegation));
      updated = next;
      // Contact details stay out of the record: it says the address changed, not what to.
      const { email: emailChange, ...changes } = diff(current, next);
      return {
        tx: {
          checks: [{ key: keys.participant(participantId), version: current.version }],
          writes: [
            { op: 'set', key: keys.participant(participantId), value: JSON.stringify(next) },
          ],
        },
        record: {
          scope: current.summitId,
          body: recordBody(
            actor,
            'participant.updated',
            { type: 'participant', id: participantId },
            emailChange === undefined ? changes : { ...changes, email: 'changed' },
            now,
          ),
        },
      };
    }, ifMatch);
    return must(updated);
  }

  /**
   * Only an accreditation never used can be deleted: once its holder signed
   * in, what they did is in the record, and revoking is how it is archived.
   */
  async deleteParticipant(actor: Principal, participantId: string, ifMatch: number | undefined) {
    await this.commit(async () => {
      const participant = await this.participantInSummit(actor, participantId);
      checkIfMatch(participant.version, ifMatch);
      refuseWhileDependants('participant', {
        chaired_session: await this.chairedBy(participant),
        activity: Number(participant.status !== 'invited'),
      });
      const invitationIds = await this.deps.store.members(
        keys.participantInvitations(participantId),
      );
      const invitations = (await this.deps.store.mget(invitationIds.map(keys.invitation)))
        .filter((raw): raw is string => raw !== null)
        .map((raw) => StoredInvitation.parse(JSON.parse(raw)));
      const { now } = stamp(this.deps.clock);
      return {
        tx: {
          checks: [{ key: keys.participant(participantId), version: participant.version }],
          writes: [
            { op: 'del', key: keys.participant(participantId) },
            {
              op: 'zrem',
              key: keys.summitParticipants(participant.summitId),
              member: participantId,
            },
            { op: 'del', key: keys.participantInvitations(participantId) },
            ...invitations.flatMap((inv): Write[] => [
              { op: 'del', key: keys.invitation(inv.id) },
              { op: 'del', key: keys.invitationByHash(inv.tokenHash) },
            ]),
          ],
        },
        record: {
          scope: participant.summitId,
          body: recordBody(
            actor,
            'participant.deleted',
            { type: 'participant', id: participantId },
            {},
            now,
          ),
        },
      };
    }, ifMatch);
  }
}
