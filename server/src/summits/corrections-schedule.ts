import {
  decideSessionUpdate,
  sessionReferences,
  type Session,
  type SessionUpdate,
} from '@majlis/shared';
import { keys } from '../store/keys.ts';
import { checkIfMatch, decided, diff, ifExists, must, recordBody, stamp } from './common.ts';
import { ALL, CorrectionsBase, MotionOnItem, refuseWhileDependants } from './corrections-common.ts';
import type { Principal } from './principal.ts';

/** ACCT-3 for the schedule: deleting a summit, correcting and deleting sessions and agenda items. */
export class ScheduleCorrections extends CorrectionsBase {
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
}
