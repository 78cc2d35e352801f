import {
  MotionResult,
  MotionText,
  RulingOutcome,
  type AgendaItem,
  type Delegation,
  type LanguageCode,
  type LocalizedText,
  type RecordEntry,
  type Session,
  type SessionAttendance,
  type SpeakingTime,
  type Summit,
} from '@majlis/shared';
import { SUMMARY_LABELS } from './summary-labels.ts';

/** Everything one summary record is made from (REC-1). */
export interface SummaryInput {
  summit: Summit;
  session: Session;
  language: LanguageCode;
  /** The summit's whole record, oldest first. */
  entries: readonly RecordEntry[];
  /** The first broken entry, when the chain does not verify. */
  brokenAt: number | null;
  delegations: readonly Delegation[];
  /** Speakers' names by participant id: delegates speak in public, observers never appear. */
  speakerNames: ReadonlyMap<string, string>;
  agendaItems: readonly AgendaItem[];
  speaking: SpeakingTime;
  attendance: SessionAttendance;
  now: Date;
}

/** The last record entry the summary covers, printed in it and sent as a header. */
export interface Coverage {
  entries: number;
  lastSeq: number | null;
  lastHash: string | null;
}

export const coverageOf = (entries: readonly RecordEntry[]): Coverage => {
  const last = entries[entries.length - 1];
  return { entries: entries.length, lastSeq: last?.seq ?? null, lastHash: last?.hash ?? null };
};

const escapeHtml = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

const RTL: readonly LanguageCode[] = ['ar'];

interface Motion {
  id: string;
  text: MotionText;
  ballot: string;
  result: MotionResult | null;
}

/** Motions of the session, from their `motion.created` and `motion.closed` entries. */
function motionsOf(entries: readonly RecordEntry[], sessionId: string): Motion[] {
  const motions = new Map<string, Motion>();
  for (const e of entries) {
    if (e.subject.type !== 'motion') continue;
    if (e.act === 'motion.created' && e.changes['sessionId'] === sessionId) {
      const text = MotionText.safeParse(e.changes['text']);
      motions.set(e.subject.id, {
        id: e.subject.id,
        text: text.success ? text.data : { en: '—' },
        ballot: typeof e.changes['ballot'] === 'string' ? e.changes['ballot'] : 'recorded',
        result: null,
      });
    }
    const motion = motions.get(e.subject.id);
    if (e.act === 'motion.closed' && motion !== undefined) {
      const result = MotionResult.safeParse(e.changes['result']);
      if (result.success) motion.result = result.data;
    }
  }
  return [...motions.values()];
}

interface Ruling {
  at: string;
  delegationId: string | null;
  ruling: string | null;
  outcome: RulingOutcome | null;
}

function rulingsOf(entries: readonly RecordEntry[], sessionId: string): Ruling[] {
  return entries
    .filter(
      (e) => e.act === 'floor.ruled' && e.subject.type === 'session' && e.subject.id === sessionId,
    )
    .map((e) => {
      const outcome = RulingOutcome.safeParse(e.changes['outcome']);
      return {
        at: e.at,
        delegationId:
          typeof e.changes['delegationId'] === 'string' ? e.changes['delegationId'] : null,
        ruling: typeof e.changes['ruling'] === 'string' ? e.changes['ruling'] : null,
        outcome: outcome.success ? outcome.data : null,
      };
    });
}

/**
 * The summary record of one session as a self-contained HTML document in one
 * of the summit's official languages (right to left in Arabic). Everything
 * interpolated is escaped; there is no script and nothing is fetched.
 */
export function renderSummaryHtml(input: SummaryInput): string {
  const { summit, session, language: lang } = input;
  const L = SUMMARY_LABELS[lang];
  const pick = (t: LocalizedText | undefined): string => {
    if (t === undefined) return '';
    return (
      t[lang] ??
      summit.officialLanguages.map((l) => t[l]).find((v) => v !== undefined) ??
      Object.values(t)[0] ??
      ''
    );
  };
  const regions = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
  const delegations = new Map(input.delegations.map((d) => [d.id, d]));
  const delegationName = (id: string | null): string => {
    if (id === null) return '—';
    const d = delegations.get(id);
    if (d === undefined) return id;
    return d.name !== undefined ? pick(d.name) : (regions.of(d.code) ?? d.code);
  };
  const items = new Map(input.agendaItems.map((i) => [i.id, i]));
  const itemTitle = (id: string | null): string =>
    id === null ? '—' : pick(items.get(id)?.title) || '—';
  const when = new Intl.DateTimeFormat(lang, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: summit.timeZone,
  });
  const time = (iso: string | null): string => (iso === null ? '—' : when.format(new Date(iso)));
  const duration = (ms: number): string => {
    const total = Math.round(ms / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = total % 60;
    const mmss = `${String(m).padStart(h > 0 ? 2 : 1, '0')}:${String(s).padStart(2, '0')}`;
    return h > 0 ? `${h}:${mmss}` : mmss;
  };
  const e = escapeHtml;
  const table = (head: string[], rows: string[][]): string =>
    rows.length === 0
      ? `<p>${e(L.none)}</p>`
      : `<table><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
          .map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`;

  const interventions = table(
    [L.delegation, L.speaker, L.kind, L.agendaItem, L.start, L.duration],
    input.speaking.interventions.map((i) => [
      delegationName(i.delegationId),
      input.speakerNames.get(i.participantId) ?? '—',
      L.kinds[i.kind],
      itemTitle(i.agendaItemId),
      time(i.startedAt),
      duration(i.spokeMs),
    ]),
  );
  const rulings = table(
    [L.start, L.delegation, L.ruling],
    rulingsOf(input.entries, session.id).map((r) => [
      time(r.at),
      delegationName(r.delegationId),
      [r.outcome === null ? null : L.rulings[r.outcome], r.ruling]
        .filter((x) => x !== null)
        .join(' — '),
    ]),
  );
  const motions = motionsOf(input.entries, session.id);
  const motionsHtml =
    motions.length === 0
      ? `<p>${e(L.none)}</p>`
      : motions
          .map((m) => {
            const ballot = m.ballot === 'secret' ? L.ballots.secret : L.ballots.recorded;
            const head = `<h3>${e(pick(m.text))}</h3><p class="meta">${e(ballot)}</p>`;
            if (m.result === null) return `<section class="motion">${head}</section>`;
            const r = m.result;
            const tally = L.tally
              .replace('{yes}', String(r.tally.yes))
              .replace('{no}', String(r.tally.no))
              .replace('{abstain}', String(r.tally.abstain))
              .replace('{objections}', String(r.tally.objections));
            const roll =
              r.roll === null
                ? ''
                : `<h4>${e(L.rollCall)}</h4>${table(
                    [L.delegation, L.result],
                    r.roll.map((x) => [delegationName(x.delegationId), L.choices[x.choice]]),
                  )}`;
            return `<section class="motion">${head}<p><strong>${e(L.result)}: ${e(L.outcomes[r.outcome])}</strong></p><p>${e(tally)}; ${e(L.required)}: ${r.required}</p>${roll}</section>`;
          })
          .join('');
  const attendance = table(
    [L.delegation, L.firstArrival, L.lastDeparture, L.present],
    input.attendance.delegations.map((d) => [
      delegationName(d.delegationId),
      time(d.firstArrivalAt),
      d.lastDepartureAt === null ? L.stillPresent : time(d.lastDepartureAt),
      duration(d.presentMs),
    ]),
  );
  const cover = coverageOf(input.entries);
  const verification =
    cover.lastSeq === null
      ? `<p>${e(L.none)}</p>`
      : `<p>${e(L.coversEntries(cover.entries, cover.lastSeq))}</p><p>${e(L.lastHash)}: <code class="hash">${e(cover.lastHash ?? '')}</code></p><p>${e(input.brokenAt === null ? L.chainIntact : L.chainBroken(input.brokenAt))}</p>`;

  const dir = RTL.includes(lang) ? 'rtl' : 'ltr';
  return `<!doctype html>
<html lang="${lang}" dir="${dir}">
<head>
<meta charset="utf-8">
<title>${e(L.title)} — ${e(pick(session.title))}</title>
<style>
  body { font-family: 'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans CJK SC', 'DejaVu Sans', sans-serif; color: #111; margin: 0 auto; max-width: 60rem; padding: 1rem; line-height: 1.45; }
  h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
  h2 { font-size: 1.15rem; border-bottom: 1px solid #999; padding-bottom: 0.2rem; margin-top: 1.6rem; }
  h3 { font-size: 1rem; margin: 0.8rem 0 0.2rem; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { border: 1px solid #bbb; padding: 0.25rem 0.4rem; text-align: start; vertical-align: top; }
  th { background: #eee; }
  .meta { color: #444; margin: 0; }
  .hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.75rem; word-break: break-all; unicode-bidi: isolate; direction: ltr; }
  section.motion { break-inside: avoid; }
</style>
</head>
<body>
<header>
<h1>${e(L.title)}</h1>
<p><strong>${e(pick(summit.title))}</strong></p>
<p>${e(L.session)}: ${e(pick(session.title))} — ${e(time(session.startsAt))}</p>
<p class="meta">${e(L.generated)} ${e(time(input.now.toISOString()))}</p>
</header>
<main>
<section><h2>${e(L.interventions)}</h2>${interventions}</section>
<section><h2>${e(L.pointsOfOrder)}</h2>${rulings}</section>
<section><h2>${e(L.motions)}</h2>${motionsHtml}</section>
<section><h2>${e(L.attendance)}</h2>${attendance}</section>
<section><h2>${e(L.verification)}</h2>${verification}</section>
</main>
</body>
</html>
`;
}
