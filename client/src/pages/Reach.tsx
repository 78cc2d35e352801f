import { useCallback, useEffect } from 'react';
import type {
  AgendaItem,
  ChannelId,
  Delegation,
  InterventionKind,
  ReachTableName,
  Role,
  Session,
  SessionAttendance,
  SessionReach,
  SpeakingTime,
  Summit,
} from '@majlis/shared';
import {
  getAttendance,
  getSessionReach,
  getSpeakingTime,
  reachCsvUrl,
  summaryRecordUrl,
} from '../api/reach.ts';
import { getSession, getSummit, listAgendaItems, listDelegations } from '../api/summits.ts';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { useDelegationText } from '../components/DelegationName.tsx';
import { DataTable, PlotFigure, type PlotLibrary } from '../components/reach/PlotFigure.tsx';
import { useLoader } from '../components/useLoader.ts';
import { useRouteParam } from '../components/routeParam.ts';
import { ROLE_WORDS } from '../components/words.ts';
import { LocalizedText, useFormat, useLanguage, useT, type MessageKey } from '../i18n/index.ts';
import '../components/reach/reach.css';

/** The "now watching" figure follows the room this often while the page is open. */
const REFRESH_MS = 15_000;

const KIND_WORDS: Readonly<Record<InterventionKind, MessageKey>> = {
  statement: 'floor.kind.statement',
  point_of_order: 'floor.kind.point_of_order',
  right_of_reply: 'floor.kind.right_of_reply',
  explanation_of_vote: 'floor.kind.explanation_of_vote',
};
const KINDS = Object.keys(KIND_WORDS) as InterventionKind[];

const TABLE_WORDS: Readonly<Record<ReachTableName, MessageKey>> = {
  channels: 'reach.table.channels',
  roles: 'reach.table.roles',
  timeline: 'reach.table.timeline',
  'speaking-time': 'reach.table.speakingTime',
  'speaking-time-by-item': 'reach.table.speakingTimeByItem',
  attendance: 'reach.table.attendance',
  sources: 'reach.table.sources',
};
const TABLES = Object.keys(TABLE_WORDS) as ReachTableName[];

const METRIC_WORDS: Readonly<Record<string, MessageKey>> = {
  joins: 'reach.metric.joins',
  reconnects: 'reach.metric.reconnects',
  channel_switches: 'reach.metric.channelSwitches',
};

interface ReachPage {
  session: Session;
  summit: Summit;
  delegations: Delegation[];
  agenda: AgendaItem[];
  reach: SessionReach;
  speaking: SpeakingTime;
  attendance: SessionAttendance;
}

async function loadReach(sessionId: string): Promise<ReachPage> {
  const [session, reach, speaking, attendance] = await Promise.all([
    getSession(sessionId),
    getSessionReach(sessionId),
    getSpeakingTime(sessionId),
    getAttendance(sessionId),
  ]);
  const [summit, delegations, agenda] = await Promise.all([
    getSummit(session.summitId),
    listDelegations(session.summitId),
    listAgendaItems(sessionId),
  ]);
  return { session, summit, delegations, agenda, reach, speaking, attendance };
}

/** Words and formats every part of the page shares. */
function useReachWords(summit: Summit, delegations: readonly Delegation[]) {
  const t = useT();
  const format = useFormat();
  const delegationText = useDelegationText();
  const byId = new Map(delegations.map((d) => [d.id, d]));
  return {
    t,
    format,
    channel: (c: ChannelId) => (c === 'floor' ? t('interp.floor') : format.languageName(c)),
    role: (r: Role) => (r === 'organiser' ? t('reach.role.organiser') : t(ROLE_WORDS[r])),
    delegation: (id: string) => {
      const d = byId.get(id);
      return d === undefined ? id : delegationText(d, summit.officialLanguages);
    },
    minutes: (ms: number) =>
      format.number(ms / 60_000, { style: 'unit', unit: 'minute', maximumFractionDigits: 1 }),
    when: (iso: string | null) =>
      iso === null ? '—' : format.dateTime(new Date(iso), { summitZone: summit.timeZone }),
  };
}

export default function Reach() {
  const t = useT();
  const sessionId = useRouteParam('sessionId');
  const { loaded, reload } = useLoader(sessionId, () => loadReach(sessionId));
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  switch (loaded.kind) {
    case 'loading':
      return <Loading />;
    case 'failed':
      return (
        <>
          <h1>{t('reach.title')}</h1>
          <ErrorAlert error={loaded.error} codeWords={{ FORBIDDEN: 'reach.forbidden' }} />
        </>
      );
    case 'loaded':
      return <ReachView page={loaded.value} />;
    default: {
      const unreachable: never = loaded;
      return unreachable;
    }
  }
}

function ReachView({ page }: { page: ReachPage }) {
  const { session, summit, delegations, agenda, reach, speaking, attendance } = page;
  const items = new Map(agenda.map((item) => [item.id, item]));
  const w = useReachWords(summit, delegations);
  const { t, format } = w;
  const { dir, locale } = useLanguage();
  const rtl = dir === 'rtl';
  const a = reach.audience;

  const timeOfDay = useCallback(
    (d: Date) =>
      new Intl.DateTimeFormat(locale, {
        hour: '2-digit',
        minute: '2-digit',
        timeZone: summit.timeZone,
      }).format(d),
    [locale, summit.timeZone],
  );
  const channelName = w.channel;
  const delegationName = w.delegation;

  const drawTimeline = useCallback(
    (Plot: PlotLibrary) =>
      Plot.plot({
        width: 640,
        height: 280,
        marginLeft: rtl ? 20 : 44,
        marginRight: rtl ? 44 : 20,
        x: { type: 'utc', reverse: rtl, label: null, tickFormat: timeOfDay, ticks: 6 },
        y: {
          grid: true,
          label: t('reach.viewers'),
          axis: rtl ? 'right' : 'left',
          tickFormat: (n: number) => format.number(n),
        },
        color: { legend: true, label: t('reach.channel') },
        marks: [
          Plot.ruleY([0]),
          Plot.lineY(reach.timeline.points, {
            x: (p: SessionReach['timeline']['points'][number]) => new Date(p.at),
            y: 'viewers',
            stroke: (p: SessionReach['timeline']['points'][number]) => channelName(p.channel),
            curve: 'step-after',
          }),
        ],
      }),
    [reach.timeline.points, rtl, t, format, timeOfDay, channelName],
  );

  const drawWatch = useCallback(
    (Plot: PlotLibrary) =>
      Plot.plot({
        width: 640,
        height: 60 + 36 * Math.max(1, reach.byChannel.length),
        marginLeft: rtl ? 20 : 120,
        marginRight: rtl ? 120 : 20,
        x: {
          grid: true,
          reverse: rtl,
          label: t('reach.minutesAxis'),
          tickFormat: (n: number) => format.number(n),
        },
        y: { label: null, axis: rtl ? 'right' : 'left' },
        marks: [
          Plot.barX(reach.byChannel, {
            y: (c: SessionReach['byChannel'][number]) => channelName(c.channel),
            x: (c: SessionReach['byChannel'][number]) => c.totalWatchMs / 60_000,
            fill: 'steelblue',
          }),
          Plot.ruleX([0]),
        ],
      }),
    [reach.byChannel, rtl, t, format, channelName],
  );

  const speakingRows = speaking.byDelegation.flatMap((d) =>
    KINDS.filter((k) => (d.byKind[k] ?? 0) > 0).map((k) => ({
      delegation: delegationName(d.delegationId),
      kind: t(KIND_WORDS[k]),
      minutes: (d.byKind[k] ?? 0) / 60_000,
    })),
  );
  const drawSpeaking = useCallback(
    (Plot: PlotLibrary) =>
      Plot.plot({
        width: 640,
        height: 60 + 36 * Math.max(1, speaking.byDelegation.length),
        marginLeft: rtl ? 20 : 120,
        marginRight: rtl ? 120 : 20,
        x: {
          grid: true,
          reverse: rtl,
          label: t('reach.minutesAxis'),
          tickFormat: (n: number) => format.number(n),
        },
        y: { label: null, axis: rtl ? 'right' : 'left' },
        color: { legend: true, label: t('floor.kindLabel') },
        marks: [
          Plot.barX(speakingRows, { y: 'delegation', x: 'minutes', fill: 'kind' }),
          Plot.ruleX([0]),
        ],
      }),
    [speakingRows, speaking.byDelegation.length, rtl, t, format],
  );

  return (
    <article className="reach" data-testid="reach-page">
      <h1>{t('reach.title')}</h1>
      <p className="meta">
        <LocalizedText value={session.title} fallbackLangs={summit.officialLanguages} />
        {' — '}
        <LocalizedText value={summit.title} fallbackLangs={summit.officialLanguages} />
      </p>
      <p className="muted">
        {t('reach.asOf', { time: w.when(reach.window.until) })} {t('reach.privacy')}
      </p>

      <section aria-labelledby="reach-figures">
        <h2 id="reach-figures">{t('reach.figures')}</h2>
        <dl className="reach-figures" data-testid="reach-figures">
          <div>
            <dt>{t('reach.uniqueViewers')}</dt>
            <dd data-testid="unique-viewers">{format.number(a.uniqueViewers)}</dd>
          </div>
          <div>
            <dt>{t('reach.uniqueObserversAndPress')}</dt>
            <dd>{format.number(reach.uniqueObserversAndPress)}</dd>
          </div>
          <div>
            <dt>{t('reach.peak')}</dt>
            <dd data-testid="peak">
              {format.number(a.peakConcurrent)}
              {a.peakAt !== null && (
                <span className="muted"> {t('reach.peakAt', { time: w.when(a.peakAt) })}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('reach.totalWatch')}</dt>
            <dd>{w.minutes(a.totalWatchMs)}</dd>
          </div>
          <div>
            <dt>{t('reach.medianWatch')}</dt>
            <dd>{w.minutes(a.medianWatchMs)}</dd>
          </div>
          <div>
            <dt>{t('reach.nowWatching')}</dt>
            <dd data-testid="now-watching">
              {format.number(reach.nowWatching.total)}
              {reach.nowWatching.byChannel.length > 0 && (
                <span className="muted">
                  {' '}
                  {format.list(
                    reach.nowWatching.byChannel.map((c) =>
                      t('reach.onChannel', {
                        channel: channelName(c.channel),
                        count: format.number(c.viewers),
                      }),
                    ),
                  )}
                </span>
              )}
            </dd>
          </div>
        </dl>
      </section>

      <PlotFigure
        testId="chart-timeline"
        title={t('reach.timelineTitle')}
        draw={drawTimeline}
        table={
          <DataTable
            caption={t('reach.timelineNote', { step: reach.timeline.stepSeconds })}
            columns={[t('reach.intervalStart'), t('reach.channel'), t('reach.viewers')]}
            rows={reach.timeline.points
              .filter((p) => p.viewers > 0)
              .map((p) => [w.when(p.at), channelName(p.channel), format.number(p.viewers)])}
          />
        }
      />

      <PlotFigure
        testId="chart-watch"
        title={t('reach.watchTitle')}
        draw={drawWatch}
        table={
          <DataTable
            caption={t('reach.table.channels')}
            columns={[
              t('reach.channel'),
              t('reach.uniqueViewers'),
              t('reach.peak'),
              t('reach.totalWatch'),
              t('reach.medianWatch'),
            ]}
            rows={reach.byChannel.map((c) => [
              channelName(c.channel),
              format.number(c.uniqueViewers),
              format.number(c.peakConcurrent),
              w.minutes(c.totalWatchMs),
              w.minutes(c.medianWatchMs),
            ])}
          />
        }
      />

      <PlotFigure
        testId="chart-speaking"
        title={t('reach.speakingTitle')}
        draw={drawSpeaking}
        table={
          <DataTable
            caption={t('reach.table.speakingTime')}
            columns={[
              t('reach.delegation'),
              ...KINDS.map((k) => t(KIND_WORDS[k])),
              t('reach.total'),
            ]}
            rows={speaking.byDelegation.map((d) => [
              delegationName(d.delegationId),
              ...KINDS.map((k) => w.minutes(d.byKind[k] ?? 0)),
              w.minutes(d.totalMs),
            ])}
          />
        }
      />

      <section aria-labelledby="reach-by-item">
        <h2 id="reach-by-item">{t('reach.byItemTitle')}</h2>
        <div className="reach-table" role="region" aria-labelledby="reach-by-item" tabIndex={0}>
          <DataTable
            caption={t('reach.table.speakingTimeByItem')}
            columns={[t('reach.agendaItem'), t('reach.delegation'), t('reach.total')]}
            rows={speaking.byAgendaItem.flatMap((item) => {
              const known = item.agendaItemId === null ? undefined : items.get(item.agendaItemId);
              const title =
                known === undefined ? (
                  t('reach.noAgendaItem')
                ) : (
                  <LocalizedText value={known.title} fallbackLangs={summit.officialLanguages} />
                );
              return item.byDelegation.map((d) => [
                title,
                delegationName(d.delegationId),
                w.minutes(d.totalMs),
              ]);
            })}
          />
        </div>
      </section>

      <section aria-labelledby="reach-roles">
        <h2 id="reach-roles">{t('reach.rolesTitle')}</h2>
        <div className="reach-table" role="region" aria-labelledby="reach-roles" tabIndex={0}>
          <DataTable
            caption={t('reach.table.roles')}
            columns={[
              t('reach.role'),
              t('reach.uniqueViewers'),
              t('reach.peak'),
              t('reach.totalWatch'),
              t('reach.medianWatch'),
            ]}
            rows={reach.byRole.map((r) => [
              w.role(r.role),
              format.number(r.uniqueViewers),
              format.number(r.peakConcurrent),
              w.minutes(r.totalWatchMs),
              w.minutes(r.medianWatchMs),
            ])}
          />
        </div>
      </section>

      <section aria-labelledby="reach-attendance">
        <h2 id="reach-attendance">{t('reach.attendanceTitle')}</h2>
        <div className="reach-table" role="region" aria-labelledby="reach-attendance" tabIndex={0}>
          <DataTable
            caption={t('reach.table.attendance')}
            columns={[
              t('reach.delegation'),
              t('reach.firstArrival'),
              t('reach.lastDeparture'),
              t('reach.timePresent'),
            ]}
            rows={attendance.delegations.map((d) => [
              delegationName(d.delegationId),
              w.when(d.firstArrivalAt),
              d.lastDepartureAt === null ? t('reach.stillPresent') : w.when(d.lastDepartureAt),
              w.minutes(d.presentMs),
            ])}
          />
        </div>
      </section>

      <section aria-labelledby="reach-activity">
        <h2 id="reach-activity">{t('reach.table.sources')}</h2>
        <div className="reach-table" role="region" aria-labelledby="reach-activity" tabIndex={0}>
          <DataTable
            caption={t('reach.table.sources')}
            columns={[t('reach.metric'), t('reach.channel'), t('reach.count')]}
            rows={reach.sources.map((s) => {
              const words = METRIC_WORDS[s.metric];
              return [
                words === undefined ? s.metric : t(words),
                s.channel === null ? '—' : channelName(s.channel),
                format.number(s.value),
              ];
            })}
          />
        </div>
      </section>

      <section aria-labelledby="reach-exports">
        <h2 id="reach-exports">{t('reach.exportsTitle')}</h2>
        <ul className="reach-links" data-testid="reach-csv">
          {TABLES.map((table) => (
            <li key={table}>
              <a href={reachCsvUrl(session.id, table)} download>
                {t('reach.csv', { table: t(TABLE_WORDS[table]) })}
              </a>
            </li>
          ))}
        </ul>
        <h3>{t('reach.summaryTitle')}</h3>
        <ul className="reach-links" data-testid="summary-links">
          {summit.officialLanguages.map((language) => (
            <li key={language}>
              <a href={summaryRecordUrl(session.id, language, 'html')} hrefLang={language}>
                {t('reach.summaryHtml', { language: format.languageName(language) })}
              </a>{' '}
              <a href={summaryRecordUrl(session.id, language, 'pdf')} hrefLang={language} download>
                {t('reach.summaryPdf', { language: format.languageName(language) })}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
