import {
  BoothError,
  BoothsState,
  Participant,
  activeOf,
  handOver,
  initialBooths,
  mediaIdentityOf,
  sessionAdmits,
  type BoothActor,
  type HandedOver,
  type InterpretationView,
  type LanguageCode,
  type ListeningChoice,
  type Session,
} from '@majlis/shared';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { MediaAccess } from '../media/access.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import { ATTENDANCE_MAX_ENTRIES } from '../store/streams.ts';
import type { SummitService } from '../summits/service.ts';
import { actorOf, type Principal } from '../summits/principal.ts';

/**
 * Booths and language channels (INTERP-1). The live interpreter of each
 * booth is stored per session in Redis and changed by one atomic commit with
 * its record entry; LiveKit follows: only the live interpreter's grant
 * allows publishing, so the SFU refuses the partner in the booth.
 */
export class InterpretationService {
  private readonly listeners: ((view: InterpretationView) => void)[] = [];

  constructor(
    private readonly store: RedisStore,
    private readonly summits: SummitService,
    private readonly access: MediaAccess,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  onChange(listener: (view: InterpretationView) => void): void {
    this.listeners.push(listener);
  }

  async read(sessionId: string): Promise<BoothsState> {
    const raw = await this.store.get(keys.sessionBooths(sessionId));
    return raw === null ? initialBooths(sessionId) : BoothsState.parse(JSON.parse(raw));
  }

  /** The summit's interpreters who may work in this session, by booth. */
  private async interpreters(session: Session): Promise<Map<LanguageCode, Participant[]>> {
    const { members } = await this.store.rangeByRank(
      keys.summitParticipants(session.summitId),
      0,
      100_000,
    );
    const raws = await this.store.mget(members.map(keys.participant));
    const byBooth = new Map<LanguageCode, Participant[]>(
      session.interpretationLanguages.map((l) => [l, []]),
    );
    for (const raw of raws) {
      if (raw === null) continue;
      const p = Participant.parse(JSON.parse(raw));
      if (p.role !== 'interpreter' || p.status === 'revoked' || p.boothLanguage === null) continue;
      byBooth.get(p.boothLanguage)?.push(p);
    }
    return byBooth;
  }

  private async viewOf(session: Session, state?: BoothsState): Promise<InterpretationView> {
    const booths = state ?? (await this.read(session.id));
    const byBooth = await this.interpreters(session);
    return {
      sessionId: session.id,
      version: booths.version,
      booths: session.interpretationLanguages.map((language) => {
        const active = activeOf(booths, language);
        return {
          language,
          interpreters: (byBooth.get(language) ?? []).map((p) => ({
            participantId: p.id,
            identity: mediaIdentityOf({ kind: 'participant', id: p.id }),
            name: p.name,
            languages: p.languages,
          })),
          active,
          activeIdentity:
            active === null ? null : mediaIdentityOf({ kind: 'participant', id: active }),
          since: booths.booths[language]?.since ?? null,
        };
      }),
    };
  }

  async view(principal: Principal, sessionId: string): Promise<InterpretationView> {
    return this.viewOf(await this.summits.getSession(principal, sessionId));
  }

  private actorFor(principal: Principal, session: Session): BoothActor {
    if (principal.kind === 'organiser') return { kind: 'organiser' };
    const p = principal.participant;
    if (p.summitId !== session.summitId || !sessionAdmits(p, session))
      throw new AppError('NOT_FOUND', 'Session not found');
    if (session.chairId === p.id) return { kind: 'chair' };
    if (p.role === 'interpreter')
      return { kind: 'interpreter', participantId: p.id, boothLanguage: p.boothLanguage };
    return { kind: 'other' };
  }

  /** One action: `to` goes on air in the booth; whoever was live goes off, in the record and in LiveKit. */
  async handOver(
    principal: Principal,
    sessionId: string,
    language: LanguageCode,
    to: string | null,
  ): Promise<InterpretationView> {
    const session = await this.summits.getSessionUnchecked(sessionId);
    const actor = this.actorFor(principal, session);
    let result: { state: BoothsState; events: HandedOver[] } | undefined;
    await transact(
      this.store,
      async () => {
        const before = await this.read(sessionId);
        const byBooth = await this.interpreters(session);
        const now = this.clock.now();
        try {
          result = handOver(
            before,
            { language, to },
            actor,
            {
              languages: session.interpretationLanguages,
              interpreters: (byBooth.get(language) ?? []).map((p) => p.id),
            },
            now.getTime(),
          );
        } catch (err) {
          if (err instanceof BoothError) throw new AppError(err.code, err.message);
          throw err;
        }
        const [event] = result.events;
        if (event === undefined) return { tx: { checks: [], writes: [] } };
        return {
          tx: {
            checks: [
              before.version === 0
                ? { key: keys.sessionBooths(sessionId), absent: true }
                : { key: keys.sessionBooths(sessionId), version: before.version },
            ],
            writes: [
              {
                op: 'set',
                key: keys.sessionBooths(sessionId),
                value: JSON.stringify(result.state),
              },
            ],
          },
          record: {
            scope: session.summitId,
            body: {
              at: now.toISOString(),
              actor: actorOf(principal),
              act: 'interpretation.handed_over',
              subject: { type: 'session', id: sessionId },
              changes: { language: event.language, from: event.from, to: event.to },
            },
          },
        };
      },
      // Two presses at once: the second is re-applied to what the first left.
      { retryConflicts: true },
    );
    const done = result ?? { state: await this.read(sessionId), events: [] };
    const view = await this.viewOf(session, done.state);
    for (const event of done.events) await this.enforce(session, event);
    if (done.events.length > 0) for (const l of this.listeners) l(view);
    return view;
  }

  /**
   * The SFU follows the booth: the full permission (LiveKit replaces it as a
   * whole) is recomputed for both interpreters, in parallel so the swap
   * lands at once. LiveKit unpublishes the old channel track itself.
   */
  private async enforce(session: Session, event: HandedOver): Promise<void> {
    await this.access.refreshPermissions(
      session,
      [event.from, event.to].filter((id): id is string => id !== null),
    );
  }

  /** Remembers what a listener hears, for reach by language (REACH-1). */
  async listen(
    principal: Principal,
    sessionId: string,
    channel: ListeningChoice,
  ): Promise<{ channel: ListeningChoice }> {
    const session = await this.summits.getSession(principal, sessionId);
    if (channel !== 'floor' && !session.interpretationLanguages.includes(channel))
      throw new AppError('INVALID_PAYLOAD', `channel: this session has no ${channel} channel`, [
        { path: 'channel', message: `this session has no ${channel} channel` },
      ]);
    const identity =
      principal.kind === 'organiser'
        ? mediaIdentityOf({ kind: 'organiser', id: principal.userId })
        : mediaIdentityOf({ kind: 'participant', id: principal.participant.id });
    // Idempotent: the same choice again changes nothing and writes nothing (issue 19, item 1:
    // 20,000 repeats once grew the attendance stream by 19,720 entries).
    if ((await this.store.hashGet(keys.sessionChannels(sessionId), identity)) === channel)
      return { channel };
    await this.store.commit({
      checks: [],
      writes: [
        { op: 'hset', key: keys.sessionChannels(sessionId), field: identity, value: channel },
        {
          op: 'xadd',
          key: keys.sessionAttendance(sessionId),
          maxLen: ATTENDANCE_MAX_ENTRIES,
          value: JSON.stringify({
            identity,
            event: 'listening',
            channel,
            at: this.clock.now().toISOString(),
          }),
        },
      ],
    });
    return { channel };
  }
}
