import {
  AgendaItem,
  Session,
  nextAgendaPosition,
  roomNameOf,
  sessionReferences,
  type AgendaItemCreate,
  type AgendaItemUpdate,
  type ListQuery,
  type Page,
  type SessionCreate,
} from '@majlis/shared';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { Write } from '../store/tx.ts';
import {
  checkIfMatch,
  conflictOf,
  decided,
  diff,
  ifExists,
  must,
  newId,
  recordBody,
  stamp,
  type StoreDeps,
} from './common.ts';
import type { Principal } from './principal.ts';
import type { SummitReader } from './reader.ts';

/** Sessions and their agendas. Who may enter a session is `sessionAdmits` in shared (ACCESS-2). */
export class SessionsAndAgenda {
  constructor(
    private readonly deps: StoreDeps,
    private readonly read: SummitReader,
  ) {}

  async listSessions(actor: Principal, summitId: string, q: ListQuery): Promise<Page<Session>> {
    this.read.assertInSummit(actor, summitId);
    await this.read.getSummitRaw(summitId);
    return this.read.page(Session, keys.summitSessions(summitId), keys.session, q, (s) =>
      this.read.mayEnter(actor, s),
    );
  }

  /** Every session the actor may enter, in start order (for the schedule and its ICS export). */
  async allSessions(actor: Principal, summitId: string): Promise<Session[]> {
    this.read.assertInSummit(actor, summitId);
    await this.read.getSummitRaw(summitId);
    return (await this.read.summitSessionsUnchecked(summitId)).filter((s) =>
      this.read.mayEnter(actor, s),
    );
  }

  async createSession(actor: Principal, summitId: string, input: SessionCreate): Promise<Session> {
    // load
    await this.read.getSummit(actor, summitId);
    const chair =
      input.chairId === null ? undefined : await ifExists(this.read.getParticipant(input.chairId));
    const delegations = await Promise.all(
      input.delegationIds.map((id) => ifExists(this.read.getDelegation(id))),
    );
    // decide
    decided(sessionReferences(summitId, input, chair, delegations));
    const { now } = stamp(this.deps.clock);
    const id = newId();
    const session: Session = {
      ...input,
      id,
      summitId,
      roomName: roomNameOf(id),
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    // commit
    await transact(this.deps.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.session(id), absent: true }],
          writes: [
            { op: 'set', key: keys.session(id), value: JSON.stringify(session) },
            {
              op: 'zadd',
              key: keys.summitSessions(summitId),
              score: Date.parse(session.startsAt),
              member: id,
            },
          ],
        },
        record: {
          scope: summitId,
          body: recordBody(actor, 'session.created', { type: 'session', id }, { ...input }, now),
        },
      }),
    );
    return session;
  }

  async listAgendaItems(
    actor: Principal,
    sessionId: string,
    q: ListQuery,
  ): Promise<Page<AgendaItem>> {
    await this.read.getSession(actor, sessionId);
    return this.read.page(AgendaItem, keys.sessionAgenda(sessionId), keys.agendaItem, q);
  }

  async createAgendaItem(
    actor: Principal,
    sessionId: string,
    input: AgendaItemCreate,
  ): Promise<AgendaItem> {
    const session = await this.read.getSession(actor, sessionId);
    let created: AgendaItem | undefined;
    await transact(this.deps.store, async () => {
      const { now } = stamp(this.deps.clock);
      let position = input.position;
      if (position === undefined) {
        const { members } = await this.deps.store.rangeByRank(keys.sessionAgenda(sessionId), -1, 1);
        const lastId = members[0];
        position = nextAgendaPosition(
          lastId === undefined ? undefined : await this.read.getAgendaItem(lastId),
        );
      }
      const id = newId();
      const item: AgendaItem = {
        ...input,
        position,
        id,
        sessionId,
        summitId: session.summitId,
        status: 'pending',
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      created = item;
      return {
        tx: {
          checks: [{ key: keys.agendaItem(id), absent: true }],
          writes: [
            { op: 'set', key: keys.agendaItem(id), value: JSON.stringify(item) },
            { op: 'zadd', key: keys.sessionAgenda(sessionId), score: position, member: id },
          ],
        },
        record: {
          scope: session.summitId,
          body: recordBody(
            actor,
            'agenda_item.created',
            { type: 'agenda_item', id },
            { ...input, position, sessionId },
            now,
          ),
        },
      };
    });
    return must(created);
  }

  async updateAgendaItem(
    actor: Principal,
    itemId: string,
    input: AgendaItemUpdate,
    ifMatch: number | undefined,
  ): Promise<AgendaItem> {
    let updated: AgendaItem | undefined;
    await transact(
      this.deps.store,
      async () => {
        const current = await this.read.getAgendaItem(itemId);
        const session = await this.read.getSession(actor, current.sessionId);
        if (actor.kind === 'participant' && session.chairId !== actor.participant.id) {
          throw new AppError('FORBIDDEN', 'Only the chair of this session may change its agenda');
        }
        checkIfMatch(current.version, ifMatch);
        const { now } = stamp(this.deps.clock);
        const next: AgendaItem = {
          ...current,
          ...input,
          version: current.version + 1,
          updatedAt: now,
        };
        updated = next;
        const writes: Write[] = [
          { op: 'set', key: keys.agendaItem(itemId), value: JSON.stringify(next) },
        ];
        if (next.position !== current.position)
          writes.push({
            op: 'zadd',
            key: keys.sessionAgenda(current.sessionId),
            score: next.position,
            member: itemId,
          });
        return {
          tx: { checks: [{ key: keys.agendaItem(itemId), version: current.version }], writes },
          record: {
            scope: current.summitId,
            body: recordBody(
              actor,
              'agenda_item.updated',
              { type: 'agenda_item', id: itemId },
              diff(current, next),
              now,
            ),
          },
        };
      },
      { onConflict: conflictOf(ifMatch) },
    );
    return must(updated);
  }
}
