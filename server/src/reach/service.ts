import {
  AttendanceEvent,
  RecordEntry,
  participantIdOfIdentity,
  reachTable,
  sessionAttendance,
  sessionReach,
  speakingTime,
  summitReach,
  toCsv,
  type AudienceMember,
  type LanguageCode,
  type ReachSource,
  type ReachTableName,
  type RecordVerification,
  type Session,
  type SessionAttendance,
  type SessionReach,
  type SpeakingTime,
  type SummaryFormat,
  type SummitReach,
} from '@majlis/shared';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { keys } from '../store/keys.ts';
import { readRecord, verifyChain } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import type { SummitService } from '../summits/service.ts';
import type { Principal } from '../summits/principal.ts';
import type { PdfRenderer } from './pdf.ts';
import { coverageOf, renderSummaryHtml, type Coverage } from './summary.ts';

/** Far above any session's attendance stream or summit's record; XRANGE reads them whole. */
const WHOLE_STREAM = 10_000_000;

/**
 * Reads a further reach source for a session (webcast playlist fetches,
 * communiqué views): one function per source, listed in `ReachService`'s
 * `sources`. Presence activity is built in.
 */
export type ReachSourceReader = (sessionId: string) => Promise<ReachSource>;

export interface SummaryDocument {
  contentType: string;
  content: string | Buffer;
  filename: string;
  coverage: Coverage;
}

/**
 * Reach, attendance, speaking time, the summary record and the record's
 * verification (REACH-1 … REACH-3, REC-1, ACCESS-5). Reads only: presence's
 * attendance stream and the summit's record are written by their owners.
 */
export class ReachService {
  constructor(
    private readonly store: RedisStore,
    private readonly summits: SummitService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly pdf: PdfRenderer,
    private readonly sources: readonly ReachSourceReader[] = [],
  ) {}

  /** REACH-1: the secretariat, or the chair of this very session. */
  private async readable(actor: Principal, sessionId: string): Promise<Session> {
    const session = await this.summits.getSession(actor, sessionId);
    if (actor.kind === 'participant' && session.chairId !== actor.participant.id)
      throw new AppError(
        'FORBIDDEN',
        'Only the secretariat and this session’s chair see its reach',
      );
    return session;
  }

  private async events(sessionId: string): Promise<AttendanceEvent[]> {
    const raw = await this.store.streamEntries(keys.sessionAttendance(sessionId), WHOLE_STREAM);
    const events: AttendanceEvent[] = [];
    let unreadable = 0;
    for (const r of raw) {
      const parsed = AttendanceEvent.safeParse(parseJson(r));
      if (parsed.success) events.push(parsed.data);
      else unreadable += 1;
    }
    // An entry this reader does not know is left out of the figures, and said so.
    if (unreadable > 0)
      this.logger.warn({ sessionId, unreadable }, 'attendance entries left out of reach');
    return events;
  }

  /** Role and delegation of each identity in the streams; nothing that names anyone. */
  private async members(
    streams: readonly AttendanceEvent[][],
  ): Promise<(identity: string) => AudienceMember | null> {
    const identities = new Set(streams.flatMap((s) => s.map((e) => e.identity)));
    const ids = [...identities]
      .map(participantIdOfIdentity)
      .filter((id): id is string => id !== null);
    const byId = new Map((await this.summits.participants(ids)).map((p) => [p.id, p]));
    return (identity) => {
      if (identity.startsWith('org-')) return { role: 'organiser', delegationId: null };
      const id = participantIdOfIdentity(identity);
      const p = id === null ? undefined : byId.get(id);
      return p === undefined ? null : { role: p.role, delegationId: p.delegationId };
    };
  }

  private async extraSources(sessionId: string): Promise<ReachSource[]> {
    return Promise.all(this.sources.map((read) => read(sessionId)));
  }

  async sessionReach(actor: Principal, sessionId: string): Promise<SessionReach> {
    const session = await this.readable(actor, sessionId);
    const events = await this.events(session.id);
    return sessionReach({
      sessionId: session.id,
      events,
      memberOf: await this.members([events]),
      now: this.clock.now().getTime(),
      sources: await this.extraSources(session.id),
    });
  }

  /** The secretariat sees every session; a chair sees the sessions they chair. */
  async summitReach(actor: Principal, summitId: string): Promise<SummitReach> {
    await this.summits.getSummit(actor, summitId);
    const sessions = (await this.summits.summitSessionsUnchecked(summitId)).filter(
      (s) => actor.kind === 'organiser' || s.chairId === actor.participant.id,
    );
    const streams = await Promise.all(sessions.map((s) => this.events(s.id)));
    const extra = await Promise.all(sessions.map((s) => this.extraSources(s.id)));
    return summitReach({
      summitId,
      sessions: sessions.map((s, i) => ({ sessionId: s.id, events: streams[i] ?? [] })),
      memberOf: await this.members(streams),
      now: this.clock.now().getTime(),
      sources: extra.flat(),
    });
  }

  async attendance(actor: Principal, sessionId: string): Promise<SessionAttendance> {
    const session = await this.readable(actor, sessionId);
    return this.attendanceOf(session);
  }

  private async attendanceOf(session: Session): Promise<SessionAttendance> {
    const events = await this.events(session.id);
    return sessionAttendance({
      sessionId: session.id,
      events,
      memberOf: await this.members([events]),
      now: this.clock.now().getTime(),
    });
  }

  async speakingTime(actor: Principal, sessionId: string): Promise<SpeakingTime> {
    const session = await this.readable(actor, sessionId);
    return speakingTime(await this.record(session.summitId), session.id);
  }

  private record(summitId: string): Promise<RecordEntry[]> {
    return readRecord(this.store, summitId, WHOLE_STREAM);
  }

  async csv(actor: Principal, sessionId: string, table: ReachTableName): Promise<string> {
    const session = await this.readable(actor, sessionId);
    const events = await this.events(session.id);
    const memberOf = await this.members([events]);
    const now = this.clock.now().getTime();
    const [summit, delegations, entries, agenda] = await Promise.all([
      this.summits.getSummitRaw(session.summitId),
      this.summits.summitDelegations(session.summitId),
      this.record(session.summitId),
      this.summits.listAgendaItems(actor, session.id, { limit: 200 }),
    ]);
    const codes = new Map(delegations.map((d) => [d.id, d.code]));
    // CSV is one file for every reader: titles in the summit's first official language.
    const titles = new Map(
      agenda.items.map((item) => [
        item.id,
        summit.officialLanguages.map((l) => item.title[l]).find((t) => t !== undefined) ??
          Object.values(item.title)[0] ??
          item.id,
      ]),
    );
    return toCsv(
      reachTable(table, {
        reach: sessionReach({
          sessionId: session.id,
          events,
          memberOf,
          now,
          sources: await this.extraSources(session.id),
        }),
        speaking: speakingTime(entries, session.id),
        attendance: sessionAttendance({ sessionId: session.id, events, memberOf, now }),
        delegationCode: (id) => codes.get(id) ?? id,
        agendaItemTitle: (id) => titles.get(id) ?? id,
      }),
    );
  }

  /**
   * REC-1: the summary record of a session, for anyone admitted to it (a
   * closed session is NOT_FOUND to an observer, as everywhere else), in one
   * of the summit's official languages.
   */
  async summary(
    actor: Principal,
    sessionId: string,
    language: LanguageCode,
    format: SummaryFormat,
  ): Promise<SummaryDocument> {
    const session = await this.summits.getSession(actor, sessionId);
    const summit = await this.summits.getSummitRaw(session.summitId);
    if (!summit.officialLanguages.includes(language))
      throw new AppError(
        'INVALID_PAYLOAD',
        `language: not an official language of this summit (${summit.officialLanguages.join(', ')})`,
        [{ path: 'language', message: `must be one of ${summit.officialLanguages.join(', ')}` }],
      );
    const [entries, delegations, attendance, agenda] = await Promise.all([
      this.record(summit.id),
      this.summits.summitDelegations(summit.id),
      this.attendanceOf(session),
      this.summits.listAgendaItems(actor, session.id, { limit: 200 }),
    ]);
    const speaking = speakingTime(entries, session.id);
    const speakers = await this.summits.participants([
      ...new Set(speaking.interventions.map((i) => i.participantId)),
    ]);
    const verified = verifyChain(entries);
    const html = renderSummaryHtml({
      summit,
      session,
      language,
      entries,
      brokenAt: verified.ok ? null : verified.brokenAt,
      delegations,
      speakerNames: new Map(speakers.map((p) => [p.id, p.name])),
      agendaItems: agenda.items,
      speaking,
      attendance,
      now: this.clock.now(),
    });
    const coverage = coverageOf(entries);
    const filename = `summary-record-${session.id}-${language}.${format}`;
    switch (format) {
      case 'html':
        return { contentType: 'text/html; charset=utf-8', content: html, filename, coverage };
      case 'pdf':
        return {
          contentType: 'application/pdf',
          content: await this.pdf.render(html),
          filename,
          coverage,
        };
      default: {
        const unreachable: never = format;
        throw new Error(`unknown format ${String(unreachable)}`);
      }
    }
  }

  /** ACCESS-5: walks the summit's hash chain and names the first broken entry. */
  async verify(actor: Principal, summitId: string): Promise<RecordVerification> {
    await this.summits.getSummit(actor, summitId);
    return verifySummitRecord(this.store, summitId);
  }
}

/**
 * The walk itself, shared by the route and `npm run admin -- verify-record`.
 * Reads the stream raw: an entry that no longer parses is itself the break.
 */
export async function verifySummitRecord(
  store: RedisStore,
  summitId: string,
): Promise<RecordVerification> {
  const raw = await store.streamEntries(keys.record(summitId), WHOLE_STREAM);
  const entries: RecordEntry[] = [];
  for (const [index, text] of raw.entries()) {
    const parsed = parseEntry(text);
    if (parsed === null)
      return {
        ok: false,
        summitId,
        entries: raw.length,
        brokenAt: { seq: index, act: '(unreadable entry)', at: '' },
      };
    entries.push(parsed);
  }
  const verdict = verifyChain(entries);
  if (verdict.ok) {
    const last = coverageOf(entries);
    return {
      ok: true,
      summitId,
      entries: entries.length,
      lastSeq: last.lastSeq,
      lastHash: last.lastHash,
    };
  }
  const broken = entries.find((e) => e.seq === verdict.brokenAt);
  return {
    ok: false,
    summitId,
    entries: entries.length,
    brokenAt: { seq: verdict.brokenAt, act: broken?.act ?? '', at: broken?.at ?? '' },
  };
}

function parseEntry(text: string): RecordEntry | null {
  const parsed = RecordEntry.safeParse(parseJson(text));
  return parsed.success ? parsed.data : null;
}

/** JSON that does not parse is `undefined`, which no schema accepts. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}
