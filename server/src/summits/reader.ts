import {
  AgendaItem,
  Delegation,
  Participant,
  Session,
  Summit,
  sessionAdmits,
  type ListQuery,
  type Page,
} from '@majlis/shared';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import type { StoreDeps } from './common.ts';
import type { Principal } from './principal.ts';

/** Far more than any summit holds; the index reads stay bounded all the same. */
const ALL = 10_000;

/**
 * Reading summits and everything in them, each value parsed with its schema.
 * Every module here, and the floor, interpretation, media and votes
 * services, read through this: visibility is decided in one place.
 */
export class SummitReader {
  constructor(protected readonly deps: StoreDeps) {}

  protected async load<S extends z.ZodType>(
    schema: S,
    key: string,
    what: string,
  ): Promise<z.infer<S>> {
    const raw = await this.deps.store.get(key);
    if (raw === null) throw new AppError('NOT_FOUND', `${what} not found`);
    return schema.parse(JSON.parse(raw));
  }

  protected async loadMany<S extends z.ZodType>(
    schema: S,
    ids: string[],
    keyOf: (id: string) => string,
  ): Promise<z.infer<S>[]> {
    const raws = await this.deps.store.mget(ids.map(keyOf));
    return raws.filter((r): r is string => r !== null).map((r) => schema.parse(JSON.parse(r)));
  }

  async page<S extends z.ZodType>(
    schema: S,
    indexKey: string,
    keyOf: (id: string) => string,
    q: ListQuery,
    visible: (item: z.infer<S>) => boolean = () => true,
  ): Promise<Page<z.infer<S>>> {
    const offset = q.cursor === undefined ? 0 : Number(q.cursor);
    const { members, total } = await this.deps.store.rangeByRank(indexKey, offset, q.limit);
    const items = (await this.loadMany(schema, members, keyOf)).filter(visible);
    const next = offset + members.length;
    return { items, nextCursor: next < total ? String(next) : null };
  }

  /** A participant sees their own summit only. */
  assertInSummit(actor: Principal, summitId: string): void {
    if (actor.kind === 'participant' && actor.participant.summitId !== summitId) {
      throw new AppError('NOT_FOUND', 'Summit not found');
    }
  }

  /** ACCESS-2 from shared: the secretariat enters every session, a participant those that admit them. */
  mayEnter(actor: Principal, session: Session): boolean {
    return actor.kind === 'organiser' || sessionAdmits(actor.participant, session);
  }

  getSummitRaw(id: string): Promise<Summit> {
    return this.load(Summit, keys.summit(id), 'Summit');
  }

  async getSummit(actor: Principal, id: string): Promise<Summit> {
    this.assertInSummit(actor, id);
    return this.getSummitRaw(id);
  }

  async listSummits(actor: Principal, q: ListQuery): Promise<Page<Summit>> {
    if (actor.kind === 'participant') {
      const summit = await this.getSummitRaw(actor.participant.summitId);
      return { items: [summit], nextCursor: null };
    }
    return this.page(Summit, keys.summits(), keys.summit, q);
  }

  /** A session by id, with no visibility check: for callers that decide access themselves. */
  getSessionUnchecked(id: string): Promise<Session> {
    return this.load(Session, keys.session(id), 'Session');
  }

  /** Every session of a summit, for server-side work such as revocation. */
  async summitSessionsUnchecked(summitId: string): Promise<Session[]> {
    const { members } = await this.deps.store.rangeByRank(keys.summitSessions(summitId), 0, ALL);
    return this.loadMany(Session, members, keys.session);
  }

  async getSession(actor: Principal, id: string): Promise<Session> {
    const session = await this.getSessionUnchecked(id);
    this.assertInSummit(actor, session.summitId);
    // A session one may not enter is indistinguishable from one that does not exist.
    if (!this.mayEnter(actor, session)) throw new AppError('NOT_FOUND', 'Session not found');
    return session;
  }

  getParticipant(id: string): Promise<Participant> {
    return this.load(Participant, keys.participant(id), 'Participant');
  }

  async getDelegation(id: string): Promise<Delegation> {
    return this.load(Delegation, keys.delegation(id), 'Delegation');
  }

  /** Every delegation of a summit (the voting delegations of a session are among them). */
  async summitDelegations(summitId: string): Promise<Delegation[]> {
    const { members } = await this.deps.store.rangeByRank(
      keys.summitDelegations(summitId),
      0,
      ALL * 10,
    );
    return this.loadMany(Delegation, members, keys.delegation);
  }

  /** Participants by id; ids with no participant are skipped. */
  participants(ids: string[]): Promise<Participant[]> {
    return this.loadMany(Participant, ids, keys.participant);
  }

  async getAgendaItem(id: string): Promise<AgendaItem> {
    return this.load(AgendaItem, keys.agendaItem(id), 'Agenda item');
  }
}
