import {
  FloorError,
  FloorState,
  applyFloor,
  floorHolderRefusal,
  initialFloor,
  nextDue,
  sessionAdmits,
  type FloorActor,
  type FloorCommand,
  type FloorEvent,
  type Session,
} from '@majlis/shared';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { ifExists } from '../summits/common.ts';
import type { Logger } from '../logger.ts';
import type { MediaAccess } from '../media/access.ts';
import { keys } from '../store/keys.ts';
import { transact, type RecordBody } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import type { SummitService } from '../summits/service.ts';
import { actorOf, type Principal } from '../summits/principal.ts';

export interface FloorChange {
  sessionId: string;
  state: FloorState;
  events: FloorEvent[];
}

/**
 * The floor of each session: state in Redis, every command applied by the
 * pure `applyFloor` inside one atomic commit with a version check and its
 * record entries, so several server processes never diverge. The server owns
 * the clock: a timer per session fires `tick` at the next warning, deadline
 * or end of grace; whichever process commits it first wins, so each fires
 * exactly once, also across a restart.
 */
export class FloorService {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listeners: ((change: FloorChange) => void)[] = [];
  private closed = false;

  constructor(
    private readonly store: RedisStore,
    private readonly summits: SummitService,
    private readonly access: MediaAccess,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  onChange(listener: (change: FloorChange) => void): void {
    this.listeners.push(listener);
  }

  async read(sessionId: string): Promise<FloorState> {
    const raw = await this.store.get(keys.sessionFloor(sessionId));
    return raw === null ? initialFloor(sessionId) : FloorState.parse(JSON.parse(raw));
  }

  async view(principal: Principal, sessionId: string): Promise<FloorState> {
    await this.summits.getSession(principal, sessionId);
    return this.read(sessionId);
  }

  actorFor(principal: Principal, session: Session): FloorActor {
    if (principal.kind === 'organiser') {
      return {
        participantId: principal.userId,
        delegationId: null,
        rank: 'official',
        isChair: false,
        maySpeak: false,
      };
    }
    const p = principal.participant;
    if (p.summitId !== session.summitId || !sessionAdmits(p, session))
      throw new AppError('NOT_FOUND', 'Session not found');
    return {
      participantId: p.id,
      delegationId: p.delegationId,
      rank: p.rank,
      isChair: session.chairId === p.id,
      maySpeak: p.role === 'head_of_delegation' || p.role === 'delegate',
    };
  }

  /** A command from a person; `receivedAt` is the arrival time that orders the list. */
  async command(
    principal: Principal,
    sessionId: string,
    command: FloorCommand,
    receivedAt: number,
  ): Promise<FloorState> {
    if (command.type === 'tick') throw new AppError('FORBIDDEN', 'The clock belongs to the server');
    const session = await this.summits.getSessionUnchecked(sessionId);
    const actor = this.actorFor(principal, session);
    // MEET-3: the current agenda item is one of this session's (the booth and the reply cap follow it).
    if (command.type === 'setAgendaItem' && command.agendaItemId !== null) {
      const item = await ifExists(this.summits.getAgendaItem(command.agendaItemId));
      if (item?.sessionId !== session.id) throw new AppError('NOT_FOUND', 'Agenda item not found');
    }
    // ACCESS-7: the chair names whom to inscribe; only that delegation's head or delegate is taken.
    if (command.type === 'add') await this.assertMayHoldFloor(session, command);
    return this.apply(session, command, actor, receivedAt, principal);
  }

  /**
   * ACCESS-7: refuses an entry whose participant is not a head or delegate
   * of the delegation it names (or is revoked, or outside the session).
   */
  private async assertMayHoldFloor(
    session: Session,
    entry: { participantId: string; delegationId: string },
  ): Promise<void> {
    const candidate = await ifExists(this.summits.getParticipant(entry.participantId));
    const refusal = floorHolderRefusal(candidate, entry, session);
    if (refusal !== null)
      throw new AppError(
        'FORBIDDEN',
        `Only a head or delegate of the named delegation may hold its floor (${refusal})`,
      );
  }

  private async apply(
    session: Session,
    command: FloorCommand,
    actor: FloorActor | null,
    now: number,
    principal?: Principal,
  ): Promise<FloorState> {
    let result: { before: FloorState; after: FloorState; events: FloorEvent[] } | undefined;
    // Another process may have changed the floor between our read and commit;
    // the command is re-applied to the new state (its arrival time unchanged).
    await transact(
      this.store,
      async () => {
        const before = await this.read(session.id);
        let out: { state: FloorState; events: FloorEvent[] };
        try {
          out = applyFloor(before, command, actor, now);
        } catch (err) {
          if (err instanceof FloorError) throw new AppError(err.code, err.message);
          throw err;
        }
        // ACCESS-7: the floor is given only to someone who may hold it now, whatever the list says.
        const given = out.state.current?.entry;
        if (
          (command.type === 'grant' || command.type === 'grantNext') &&
          given !== undefined &&
          given.id !== before.current?.entry.id
        )
          await this.assertMayHoldFloor(session, given);
        result = { before, after: out.state, events: out.events };
        if (out.events.length === 0) return { tx: { checks: [], writes: [] } };
        return {
          tx: {
            checks: [
              before.version === 0
                ? { key: keys.sessionFloor(session.id), absent: true }
                : { key: keys.sessionFloor(session.id), version: before.version },
            ],
            writes: [
              { op: 'set', key: keys.sessionFloor(session.id), value: JSON.stringify(out.state) },
            ],
          },
          record: {
            scope: session.summitId,
            bodies: out.events.map((e) => this.recordBody(principal, session, e, now)),
          },
        };
      },
      { retryConflicts: true, maxAttempts: 200 },
    );
    const { before, after, events } = result ?? {
      before: initialFloor(session.id),
      after: initialFloor(session.id),
      events: [],
    };
    if (events.length > 0) {
      await this.enforce(session, before, after);
      for (const l of this.listeners) l({ sessionId: session.id, state: after, events });
    }
    this.schedule(session, after);
    return after;
  }

  private recordBody(
    principal: Principal | undefined,
    session: Session,
    e: FloorEvent,
    now: number,
  ): RecordBody {
    const at = new Date(now).toISOString();
    const entry = 'entry' in e ? e.entry : e.type === 'ruled' ? e.pointOfOrder : undefined;
    const changes: Record<string, unknown> = { ...e };
    delete changes['type'];
    if (entry) {
      delete changes['entry'];
      Object.assign(changes, {
        entryId: entry.id,
        delegationId: entry.delegationId,
        participantId: entry.participantId,
        kind: entry.kind,
      });
    }
    return {
      at,
      actor: actorOf(principal),
      act: `floor.${e.type}`,
      subject: { type: 'session', id: session.id },
      changes,
    };
  }

  /**
   * FLOOR-1, FLOOR-6: the SFU follows the floor. Whoever lost it stops
   * publishing (LiveKit unpublishes their tracks); whoever got it may publish
   * camera and microphone. One holder at a time means one live microphone
   * for all the delegations.
   */
  private async enforce(session: Session, before: FloorState, after: FloorState): Promise<void> {
    const was = before.current?.entry.participantId;
    const is = after.current?.entry.participantId;
    if (was === is) return;
    await this.access.refreshPermissions(
      session,
      [was, is].filter((id): id is string => id !== undefined),
    );
  }

  private schedule(session: Session, state: FloorState): void {
    if (this.closed) return;
    const existing = this.timers.get(session.id);
    if (existing) clearTimeout(existing);
    this.timers.delete(session.id);
    const due = nextDue(state);
    if (due === null) return;
    const delay = Math.max(0, due - this.clock.now().getTime());
    this.timers.set(
      session.id,
      setTimeout(() => {
        this.timers.delete(session.id);
        this.apply(session, { type: 'tick' }, null, this.clock.now().getTime()).catch(
          (err: unknown) => {
            this.logger.error({ err, sessionId: session.id }, 'floor clock tick failed');
          },
        );
      }, delay),
    );
  }

  /** At start-up: every stored floor gets its timer back (overdue ticks run at once). */
  async resumeClocks(): Promise<void> {
    for (const key of await this.store.scanKeys(keys.sessionFloor('*'))) {
      const sessionId = /^majlis:session:(.+):floor$/.exec(key)?.[1];
      if (sessionId === undefined) continue;
      let session: Session;
      try {
        session = await this.summits.getSessionUnchecked(sessionId);
      } catch (err) {
        // A floor left behind by a deleted session has no clock to resume; a store outage does not pass here.
        if (err instanceof AppError && err.code === 'NOT_FOUND') continue;
        throw err;
      }
      this.schedule(session, await this.read(sessionId));
    }
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
