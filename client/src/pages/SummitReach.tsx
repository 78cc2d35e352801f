import type {
  ChannelId,
  Role,
  Session,
  Summit,
  SummitReach as SummitFigures,
} from '@majlis/shared';
import { getSummitReach } from '../api/reach.ts';
import { getSummit, listSessions } from '../api/summits.ts';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { DataTable, PlotFigure, type PlotLibrary } from '../components/reach/PlotFigure.tsx';
import { useLoader } from '../components/useLoader.ts';
import { useRouteParam } from '../components/routeParam.ts';
import { ROLE_WORDS } from '../components/words.ts';
import { LocalizedText, localizedText, useFormat, useLanguage, useT } from '../i18n/index.ts';
import '../components/reach/reach.css';

interface SummitReachPage {
  summit: Summit;
  sessions: Session[];
  reach: SummitFigures;
}

async function loadSummitReach(summitId: string): Promise<SummitReachPage> {
  const [summit, sessions, reach] = await Promise.all([
    getSummit(summitId),
    listSessions(summitId),
    getSummitReach(summitId),
  ]);
  return { summit, sessions, reach };
}

/** REACH-1 across a summit: one person in two sessions at once is one viewer. */
export default function SummitReach() {
  const t = useT();
  const summitId = useRouteParam('summitId');
  const { loaded } = useLoader(summitId, () => loadSummitReach(summitId));
  switch (loaded.kind) {
    case 'loading':
      return <Loading />;
    case 'failed':
      return (
        <>
          <h1>{t('reach.summitTitle')}</h1>
          <ErrorAlert error={loaded.error} />
        </>
      );
    case 'loaded':
      return <SummitReachView page={loaded.value} />;
    default: {
      const unreachable: never = loaded;
      return unreachable;
    }
  }
}

function SummitReachView({ page }: { page: SummitReachPage }) {
  const { summit, sessions, reach } = page;
  const t = useT();
  const format = useFormat();
  const { dir, lang } = useLanguage();
  const rtl = dir === 'rtl';
  const a = reach.audience;
  const byId = new Map(sessions.map((s) => [s.id, s]));
  const sessionTitle = (id: string) => {
    const s = byId.get(id);
    return s === undefined
      ? id
      : (localizedText(s.title, lang, summit.officialLanguages)?.text ?? id);
  };
  const minutes = (ms: number) =>
    format.number(ms / 60_000, { style: 'unit', unit: 'minute', maximumFractionDigits: 1 });
  const channelName = (c: ChannelId) =>
    c === 'floor' ? t('interp.floor') : format.languageName(c);
  const roleName = (r: Role) => (r === 'organiser' ? t('reach.role.organiser') : t(ROLE_WORDS[r]));
  const rows = reach.sessions.map((s) => ({
    session: sessionTitle(s.sessionId),
    minutes: s.totalWatchMs / 60_000,
  }));

  // Drawn again on each render: the page renders once per load.
  const drawSessions = (Plot: PlotLibrary) =>
    Plot.plot({
      width: 640,
      height: 60 + 36 * Math.max(1, rows.length),
      marginLeft: rtl ? 20 : 200,
      marginRight: rtl ? 200 : 20,
      x: {
        grid: true,
        reverse: rtl,
        label: t('reach.minutesAxis'),
        tickFormat: (n: number) => format.number(n),
      },
      y: { label: null, axis: rtl ? 'right' : 'left' },
      marks: [Plot.barX(rows, { y: 'session', x: 'minutes', fill: 'steelblue' }), Plot.ruleX([0])],
    });

  return (
    <article className="reach" data-testid="summit-reach-page">
      <h1>{t('reach.summitTitle')}</h1>
      <p className="meta">
        <LocalizedText value={summit.title} fallbackLangs={summit.officialLanguages} />
      </p>
      <p className="muted">{t('reach.privacy')}</p>
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
          <dd>{format.number(a.peakConcurrent)}</dd>
        </div>
        <div>
          <dt>{t('reach.totalWatch')}</dt>
          <dd>{minutes(a.totalWatchMs)}</dd>
        </div>
        <div>
          <dt>{t('reach.medianWatch')}</dt>
          <dd>{minutes(a.medianWatchMs)}</dd>
        </div>
      </dl>
      <PlotFigure
        testId="chart-sessions"
        title={t('reach.sessionsTitle')}
        draw={drawSessions}
        table={
          <DataTable
            caption={t('reach.sessionsTitle')}
            columns={[
              t('reach.session'),
              t('reach.uniqueViewers'),
              t('reach.peak'),
              t('reach.totalWatch'),
            ]}
            rows={reach.sessions.map((s) => [
              <a key={s.sessionId} href={`/sessions/${s.sessionId}/reach`}>
                {sessionTitle(s.sessionId)}
              </a>,
              format.number(s.uniqueViewers),
              format.number(s.peakConcurrent),
              minutes(s.totalWatchMs),
            ])}
          />
        }
      />
      <section aria-labelledby="summit-channels">
        <h2 id="summit-channels">{t('reach.table.channels')}</h2>
        <div className="reach-table" role="region" aria-labelledby="summit-channels" tabIndex={0}>
          <DataTable
            caption={t('reach.table.channels')}
            columns={[t('reach.channel'), t('reach.uniqueViewers'), t('reach.totalWatch')]}
            rows={reach.byChannel.map((c) => [
              channelName(c.channel),
              format.number(c.uniqueViewers),
              minutes(c.totalWatchMs),
            ])}
          />
        </div>
      </section>
      <section aria-labelledby="summit-roles">
        <h2 id="summit-roles">{t('reach.table.roles')}</h2>
        <div className="reach-table" role="region" aria-labelledby="summit-roles" tabIndex={0}>
          <DataTable
            caption={t('reach.table.roles')}
            columns={[t('reach.role'), t('reach.uniqueViewers'), t('reach.totalWatch')]}
            rows={reach.byRole.map((r) => [
              roleName(r.role),
              format.number(r.uniqueViewers),
              minutes(r.totalWatchMs),
            ])}
          />
        </div>
      </section>
    </article>
  );
}
