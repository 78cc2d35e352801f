import { createHash, randomBytes } from 'node:crypto';
import {
  AgendaItem,
  Delegation,
  Participant,
  SUMMIT_TRANSITIONS,
  Session,
  Summit,
  roomNameOf,
  sessionAdmits,
  type AgendaItemCreate,
  type AgendaItemUpdate,
  type DelegationCreate,
  type InvitationCreate,
  type InvitationCreated,
  type ListQuery,
  type Page,
  type ParticipantCreate,
  type SessionCreate,
  type SummitCreate,
  type SummitUpdate,
} from '@majlis/shared';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import { keys } from '../store/keys.ts';
import { transact, type RecordBody } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import type { Write } from '../store/tx.ts';
import { actorOf, type Principal } from './principal.ts';

export const newId = (): string => randomBytes(16).toString('base64url');
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/** Stored invitation: the token itself is never kept, only its SHA-256. */
export interface StoredInvitation {
  id: string;
  participantId: string;
  summitId: string;
  tokenHash: string;
  expiresAt: string;
  createdAt: string;
  usedAt: string | null;
  revokedAt: string | null;
  version: number;
}

export interface RevocationListener {
  (participant: Participant): Promise<void> | void;
}

/**
 * The secretariat's operations on summits and everything in them. HTTP,
 * the demo seeder and tests all go through here; each change is one atomic
 * Redis commit together with its record entry (ACCESS-5).
 */
export class SummitService {
  private readonly revocationListeners: RevocationListener[] = [];

  constructor(
    private readonly store: RedisStore,
    private readonly clock: Clock,
  ) {}

  onRevoked(listener: RevocationListener): void {
    this.revocationListeners.push(listener);
  }

  // ── reading ────────────────────────────────────────────────────────────
  private async load<S extends z.ZodType>(
    schema: S,
    key: string,
    what: string,
  ): Promise<z.infer<S>> {
    const raw = await this.store.get(key);
    if (raw === null) throw new AppError('NOT_FOUND', `${what} not found`);
    return schema.parse(JSON.parse(raw));
  }

  private async loadMany<S extends z.ZodType>(
    schema: S,
    ids: string[],
    keyOf: (id: string) => string,
  ): Promise<z.infer<S>[]> {
    const raws = await this.store.mget(ids.map(keyOf));
    return raws.filter((r): r is string => r !== null).map((r) => schema.parse(JSON.parse(r)));
  }

  private async page<S extends z.ZodType>(
    schema: S,
    indexKey: string,
    keyOf: (id: string) => string,
    q: ListQuery,
    visible: (item: z.infer<S>) => boolean = () => true,
  ): Promise<Page<z.infer<S>>> {
    const offset = q.cursor === undefined ? 0 : Number(q.cursor);
    const { members, total } = await this.store.rangeByRank(indexKey, offset, q.limit);
    const items = (await this.loadMany(schema, members, keyOf)).filter(visible);
    const next = offset + members.length;
    return { items, nextCursor: next < total ? String(next) : null };
  }

  /** A participant sees their own summit only. */
  private assertInSummit(actor: Principal, summitId: string): void {
    if (actor.kind === 'participant' && actor.participant.summitId !== summitId) {
      throw new AppError('NOT_FOUND', 'Summit not found');
    }
  }

  private admits(actor: Principal, session: Session): boolean {
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
    const { members } = await this.store.rangeByRank(keys.summitSessions(summitId), 0, 10_000);
    return this.loadMany(Session, members, keys.session);
  }

  async getSession(actor: Principal, id: string): Promise<Session> {
    const session = await this.load(Session, keys.session(id), 'Session');
    this.assertInSummit(actor, session.summitId);
    // A session one may not enter is indistinguishable from one that does not exist.
    if (!this.admits(actor, session)) throw new AppError('NOT_FOUND', 'Session not found');
    return session;
  }

  async listSessions(actor: Principal, summitId: string, q: ListQuery): Promise<Page<Session>> {
    this.assertInSummit(actor, summitId);
    await this.getSummitRaw(summitId);
    return this.page(Session, keys.summitSessions(summitId), keys.session, q, (s) =>
      this.admits(actor, s),
    );
  }

  /** Every session the actor may enter, in start order (for the schedule and its ICS export). */
  async allSessions(actor: Principal, summitId: string): Promise<Session[]> {
    this.assertInSummit(actor, summitId);
    await this.getSummitRaw(summitId);
    const { members } = await this.store.rangeByRank(keys.summitSessions(summitId), 0, 10_000);
    return (await this.loadMany(Session, members, keys.session)).filter((s) =>
      this.admits(actor, s),
    );
  }

  async listAgendaItems(
    actor: Principal,
    sessionId: string,
    q: ListQuery,
  ): Promise<Page<AgendaItem>> {
    await this.getSession(actor, sessionId);
    return this.page(AgendaItem, keys.sessionAgenda(sessionId), keys.agendaItem, q);
  }

  async listDelegations(
    actor: Principal,
    summitId: string,
    q: ListQuery,
  ): Promise<Page<Delegation>> {
    this.assertInSummit(actor, summitId);
    await this.getSummitRaw(summitId);
    return this.page(Delegation, keys.summitDelegations(summitId), keys.delegation, q);
  }

  async listParticipants(
    actor: Principal,
    summitId: string,
    q: ListQuery,
  ): Promise<Page<Participant>> {
    this.assertInSummit(actor, summitId);
    await this.getSummitRaw(summitId);
    const page = await this.page(
      Participant,
      keys.summitParticipants(summitId),
      keys.participant,
      q,
    );
    // Contact details are the secretariat's, not the room's.
    if (actor.kind === 'participant') page.items = page.items.map(({ email: _email, ...p }) => p);
    return page;
  }

  getParticipant(id: string): Promise<Participant> {
    return this.load(Participant, keys.participant(id), 'Participant');
  }

  async getDelegation(id: string): Promise<Delegation> {
    return this.load(Delegation, keys.delegation(id), 'Delegation');
  }

  async getAgendaItem(id: string): Promise<AgendaItem> {
    return this.load(AgendaItem, keys.agendaItem(id), 'Agenda item');
  }

  // ── writing ────────────────────────────────────────────────────────────
  private stamp(): { now: string; ms: number } {
    const d = this.clock.now();
    return { now: d.toISOString(), ms: d.getTime() };
  }

  private body(
    actor: Principal | undefined,
    act: string,
    subject: { type: string; id: string },
    changes: Record<string, unknown>,
    at: string,
  ): RecordBody {
    return { at, actor: actorOf(actor), act, subject, changes };
  }

  async createSummit(actor: Principal, input: SummitCreate): Promise<Summit> {
    const { now, ms } = this.stamp();
    const summit: Summit = {
      ...input,
      id: newId(),
      status: 'draft',
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await transact(this.store, () =>
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
          body: this.body(
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
      this.store,
      async () => {
        const current = await this.getSummit(actor, id);
        checkIfMatch(current.version, ifMatch);
        if (
          input.status !== undefined &&
          input.status !== current.status &&
          !SUMMIT_TRANSITIONS[current.status].includes(input.status)
        ) {
          throw new AppError(
            'CONFLICT',
            `A ${current.status} summit cannot become ${input.status}`,
          );
        }
        const next = Summit.parse({
          ...current,
          ...input,
          version: current.version + 1,
          updatedAt: this.stamp().now,
        });
        if (Date.parse(next.endsAt) <= Date.parse(next.startsAt)) {
          throw new AppError('INVALID_PAYLOAD', 'endsAt: must be after startsAt', [
            { path: 'endsAt', message: 'must be after startsAt' },
          ]);
        }
        updated = next;
        return {
          tx: {
            checks: [{ key: keys.summit(id), version: current.version }],
            writes: [{ op: 'set', key: keys.summit(id), value: JSON.stringify(next) }],
          },
          record: {
            scope: id,
            body: this.body(
              actor,
              'summit.updated',
              { type: 'summit', id },
              diff(current, next),
              next.updatedAt,
            ),
          },
        };
      },
      { onConflict: ifMatch === undefined ? 'CONFLICT' : 'PRECONDITION_FAILED' },
    );
    return must(updated);
  }

  async createSession(actor: Principal, summitId: string, input: SessionCreate): Promise<Session> {
    await this.getSummit(actor, summitId);
    if (input.chairId !== null) {
      const chair = await this.getParticipant(input.chairId).catch(() => undefined);
      if (chair?.summitId !== summitId || chair.role !== 'chair') {
        throw new AppError('INVALID_PAYLOAD', 'chairId: is not a chair of this summit', [
          { path: 'chairId', message: 'is not a chair of this summit' },
        ]);
      }
    }
    for (const [i, delegationId] of input.delegationIds.entries()) {
      const d = await this.getDelegation(delegationId).catch(() => undefined);
      if (d?.summitId !== summitId) {
        throw new AppError(
          'INVALID_PAYLOAD',
          `delegationIds.${i}: is not a delegation of this summit`,
          [{ path: `delegationIds.${i}`, message: 'is not a delegation of this summit' }],
        );
      }
    }
    const { now } = this.stamp();
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
    await transact(this.store, () =>
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
          body: this.body(actor, 'session.created', { type: 'session', id }, { ...input }, now),
        },
      }),
    );
    return session;
  }

  async createAgendaItem(
    actor: Principal,
    sessionId: string,
    input: AgendaItemCreate,
  ): Promise<AgendaItem> {
    const session = await this.getSession(actor, sessionId);
    let created: AgendaItem | undefined;
    await transact(this.store, async () => {
      const { now } = this.stamp();
      let position = input.position;
      if (position === undefined) {
        const { members, total } = await this.store.rangeByRank(
          keys.sessionAgenda(sessionId),
          -1,
          1,
        );
        const last = members[0] === undefined ? undefined : await this.getAgendaItem(members[0]);
        position = total === 0 || last === undefined ? 1 : Math.floor(last.position) + 1;
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
          body: this.body(
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
      this.store,
      async () => {
        const current = await this.getAgendaItem(itemId);
        const session = await this.getSession(actor, current.sessionId);
        if (actor.kind === 'participant' && session.chairId !== actor.participant.id) {
          throw new AppError('FORBIDDEN', 'Only the chair of this session may change its agenda');
        }
        checkIfMatch(current.version, ifMatch);
        const { now } = this.stamp();
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
            body: this.body(
              actor,
              'agenda_item.updated',
              { type: 'agenda_item', id: itemId },
              diff(current, next),
              now,
            ),
          },
        };
      },
      { onConflict: ifMatch === undefined ? 'CONFLICT' : 'PRECONDITION_FAILED' },
    );
    return must(updated);
  }

  async createDelegation(
    actor: Principal,
    summitId: string,
    input: DelegationCreate,
  ): Promise<Delegation> {
    await this.getSummit(actor, summitId);
    const { now, ms } = this.stamp();
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
      await transact(this.store, () =>
        Promise.resolve({
          tx: {
            // One delegation per state or organisation in a summit.
            checks: [{ key: keys.delegationCode(summitId, input.code), absent: true }],
            writes: [
              { op: 'set', key: keys.delegation(id), value: JSON.stringify(delegation) },
              { op: 'set', key: keys.delegationCode(summitId, input.code), value: id },
              { op: 'zadd', key: keys.summitDelegations(summitId), score: ms, member: id },
            ],
          },
          record: {
            scope: summitId,
            body: this.body(
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

  async createParticipant(
    actor: Principal,
    summitId: string,
    input: ParticipantCreate,
  ): Promise<Participant> {
    await this.getSummit(actor, summitId);
    if (input.delegationId !== null) {
      const d = await this.getDelegation(input.delegationId).catch(() => undefined);
      if (d?.summitId !== summitId) {
        throw new AppError('INVALID_PAYLOAD', 'delegationId: is not a delegation of this summit', [
          { path: 'delegationId', message: 'is not a delegation of this summit' },
        ]);
      }
    }
    const { now, ms } = this.stamp();
    const id = newId();
    const participant: Participant = {
      ...input,
      id,
      summitId,
      status: 'invited',
      revokedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    const { email: _email, ...recorded } = input;
    await transact(this.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.participant(id), absent: true }],
          writes: [
            { op: 'set', key: keys.participant(id), value: JSON.stringify(participant) },
            { op: 'zadd', key: keys.summitParticipants(summitId), score: ms, member: id },
          ],
        },
        record: {
          scope: summitId,
          body: this.body(
            actor,
            'participant.accredited',
            { type: 'participant', id },
            recorded,
            now,
          ),
        },
      }),
    );
    return participant;
  }

  async createInvitation(
    actor: Principal,
    participantId: string,
    input: InvitationCreate,
    origin: string,
  ): Promise<InvitationCreated> {
    const participant = await this.getParticipant(participantId);
    this.assertInSummit(actor, participant.summitId);
    if (participant.status === 'revoked')
      throw new AppError('CONFLICT', 'This participant’s accreditation was revoked');
    const token = randomBytes(32).toString('base64url');
    const { now, ms } = this.stamp();
    const invitation: StoredInvitation = {
      id: newId(),
      participantId,
      summitId: participant.summitId,
      tokenHash: sha256(token),
      expiresAt: new Date(ms + input.expiresInHours * 3_600_000).toISOString(),
      createdAt: now,
      usedAt: null,
      revokedAt: null,
      version: 1,
    };
    await transact(this.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.invitation(invitation.id), absent: true }],
          writes: [
            { op: 'set', key: keys.invitation(invitation.id), value: JSON.stringify(invitation) },
            { op: 'set', key: keys.invitationByHash(invitation.tokenHash), value: invitation.id },
            { op: 'sadd', key: keys.participantInvitations(participantId), member: invitation.id },
          ],
        },
        record: {
          scope: participant.summitId,
          body: this.body(
            actor,
            'invitation.created',
            { type: 'invitation', id: invitation.id },
            { participantId, expiresAt: invitation.expiresAt },
            now,
          ),
        },
      }),
    );
    // The token sits in the fragment: browsers never send it to a server in a URL or a Referer.
    return {
      id: invitation.id,
      participantId,
      expiresAt: invitation.expiresAt,
      url: `${origin}/invite#token=${token}`,
    };
  }

  /**
   * Single use: the commit checks the invitation's version, so of many
   * concurrent redemptions exactly one lands.
   */
  async redeemInvitation(token: string): Promise<Participant> {
    let redeemed: Participant | undefined;
    const invalid = () =>
      new AppError(
        'UNAUTHENTICATED',
        'This invitation is not valid: it may have expired, been used or been revoked',
      );
    await transact(this.store, async () => {
      const id = await this.store.get(keys.invitationByHash(sha256(token)));
      if (id === null) throw invalid();
      const raw = await this.store.get(keys.invitation(id));
      if (raw === null) throw invalid();
      const invitation = JSON.parse(raw) as StoredInvitation;
      const { now, ms } = this.stamp();
      if (
        invitation.usedAt !== null ||
        invitation.revokedAt !== null ||
        Date.parse(invitation.expiresAt) <= ms
      )
        throw invalid();
      const participant = await this.getParticipant(invitation.participantId);
      if (participant.status === 'revoked') throw invalid();
      const used: StoredInvitation = {
        ...invitation,
        usedAt: now,
        version: invitation.version + 1,
      };
      const active: Participant =
        participant.status === 'active'
          ? participant
          : { ...participant, status: 'active', version: participant.version + 1, updatedAt: now };
      redeemed = active;
      const writes: Write[] = [
        { op: 'set', key: keys.invitation(id), value: JSON.stringify(used) },
      ];
      if (active !== participant)
        writes.push({
          op: 'set',
          key: keys.participant(participant.id),
          value: JSON.stringify(active),
        });
      return {
        tx: {
          checks: [
            { key: keys.invitation(id), version: invitation.version },
            { key: keys.participant(participant.id), version: participant.version },
          ],
          writes,
        },
        record: {
          scope: participant.summitId,
          body: this.body(
            undefined,
            'invitation.redeemed',
            { type: 'invitation', id },
            { participantId: participant.id },
            now,
          ),
        },
      };
    }).catch((err: unknown) => {
      // Losing a race for the same invitation means it has been used.
      if (err instanceof AppError && err.code === 'CONFLICT') throw invalid();
      throw err;
    });
    return must(redeemed);
  }

  /** ACCESS-1: revocation ends sessions and sockets at once, and refuses every invitation. */
  async revokeParticipant(actor: Principal, participantId: string): Promise<Participant> {
    let revoked: Participant | undefined;
    await transact(this.store, async () => {
      const current = await this.getParticipant(participantId);
      this.assertInSummit(actor, current.summitId);
      const { now } = this.stamp();
      if (current.status === 'revoked') {
        revoked = current;
        return { tx: { checks: [], writes: [] } };
      }
      const next: Participant = {
        ...current,
        status: 'revoked',
        revokedAt: now,
        version: current.version + 1,
        updatedAt: now,
      };
      revoked = next;
      const authKeys = await this.store.members(keys.authsOf('participant', participantId));
      return {
        tx: {
          checks: [{ key: keys.participant(participantId), version: current.version }],
          writes: [
            { op: 'set', key: keys.participant(participantId), value: JSON.stringify(next) },
            ...authKeys.map((key): Write => ({ op: 'del', key })),
            { op: 'del', key: keys.authsOf('participant', participantId) },
          ],
        },
        record: {
          scope: current.summitId,
          body: this.body(
            actor,
            'participant.revoked',
            { type: 'participant', id: participantId },
            {},
            now,
          ),
        },
      };
    });
    const result = must(revoked);
    for (const listener of this.revocationListeners) await listener(result);
    return result;
  }
}

function checkIfMatch(current: number, ifMatch: number | undefined): void {
  if (ifMatch !== undefined && ifMatch !== current) {
    throw new AppError(
      'PRECONDITION_FAILED',
      `The resource is at version ${current}, not ${ifMatch}; reload before changing it`,
    );
  }
}

function diff(before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const b = before as Record<string, unknown>;
  for (const [k, v] of Object.entries(after)) {
    if (k === 'version' || k === 'updatedAt') continue;
    if (JSON.stringify(b[k]) !== JSON.stringify(v)) out[k] = { from: b[k], to: v };
  }
  return out;
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('transaction finished without a result');
  return value;
}
