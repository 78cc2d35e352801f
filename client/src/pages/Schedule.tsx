import { useId } from 'react';
import type { AgendaItem, Session, Summit } from '@majlis/shared';
import { getSummit, listAgendaItems, listSessions, scheduleIcsUrl } from '../api/summits.ts';
import { inAgendaOrder } from '../components/agendaOrder.ts';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { RequireSignIn } from '../components/RequireSignIn.tsx';
import { useLoader } from '../components/useLoader.ts';
import { AGENDA_KIND_WORDS, SESSION_KIND_WORDS } from '../components/words.ts';
import {
  DateTime,
  ForwardArrowIcon,
  LocalizedText,
  readerTimeZone,
  useFormat,
  useLanguage,
  useT,
} from '../i18n/index.ts';

interface ScheduledSession {
  session: Session;
  agenda: AgendaItem[];
}

interface MySchedule {
  summit: Summit;
  sessions: ScheduledSession[];
}

async function loadSchedule(summitId: string): Promise<MySchedule> {
  const [summit, sessions] = await Promise.all([getSummit(summitId), listSessions(summitId)]);
  const agendas = await Promise.all(sessions.map((s) => listAgendaItems(s.id)));
  return {
    summit,
    sessions: sessions.map((session, i) => ({
      session,
      agenda: inAgendaOrder(agendas[i] ?? []),
    })),
  };
}

function SessionEntry({ entry, summit }: { entry: ScheduledSession; summit: Summit }) {
  const t = useT();
  const titleId = useId();
  const { session, agenda } = entry;
  return (
    <li className="session-card" data-testid="schedule-session" data-session-id={session.id}>
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>
          <LocalizedText value={session.title} fallbackLangs={summit.officialLanguages} />
        </h3>
        <p className="meta">
          <span className="kind-badge">{t(SESSION_KIND_WORDS[session.kind])}</span>
        </p>
        <dl className="facts">
          <dt>{t('session.startsAt')}</dt>
          <dd data-testid="session-start">
            <DateTime value={new Date(session.startsAt)} summitZone={summit.timeZone} />
          </dd>
          <dt>{t('session.endsAt')}</dt>
          <dd>
            <DateTime value={new Date(session.endsAt)} summitZone={summit.timeZone} />
          </dd>
        </dl>
        {agenda.length > 0 && (
          <ol className="agenda-read" aria-label={t('agenda.title')}>
            {agenda.map((item) => (
              <li key={item.id}>
                <LocalizedText value={item.title} fallbackLangs={summit.officialLanguages} />
                <span className="meta">
                  <span>{t(AGENDA_KIND_WORDS[item.kind])}</span>
                  <span>{t('agenda.minutes', { count: item.allottedMinutes })}</span>
                </span>
              </li>
            ))}
          </ol>
        )}
        <p>
          {/* The meeting page; a full load, since it sets up media of its own. */}
          <a className="button" href={`/sessions/${session.id}`} aria-describedby={titleId}>
            {t('schedule.join')}
            <ForwardArrowIcon />
          </a>
        </p>
      </article>
    </li>
  );
}

function ScheduleView({ summitId }: { summitId: string }) {
  const t = useT();
  const format = useFormat();
  const { lang } = useLanguage();
  const { loaded } = useLoader(summitId, () => loadSchedule(summitId));
  return (
    <section className="card" aria-labelledby="schedule-title">
      <h1 id="schedule-title">{t('schedule.title')}</h1>
      {loaded.kind === 'loading' && <Loading />}
      {loaded.kind === 'failed' && <ErrorAlert error={loaded.error} />}
      {loaded.kind === 'loaded' && (
        <div data-testid="schedule">
          <LocalizedText
            value={loaded.value.summit.title}
            fallbackLangs={loaded.value.summit.officialLanguages}
            as="h2"
            className="summit-title"
          />
          <p>{t('summit.hostedBy', { host: format.countryName(loaded.value.summit.host) })}</p>
          <p className="muted">
            {t('schedule.zones', {
              readerZone: format.timeZoneName(readerTimeZone()),
              summitZone: format.timeZoneName(loaded.value.summit.timeZone),
            })}
          </p>
          <p>
            <a
              className="button secondary"
              href={scheduleIcsUrl(summitId, lang)}
              download
              data-testid="ics-link"
            >
              {t('schedule.ics')}
            </a>
          </p>
          {loaded.value.sessions.length === 0 ? (
            <p className="muted">{t('schedule.empty')}</p>
          ) : (
            <ol className="sessions">
              {loaded.value.sessions.map((entry) => (
                <SessionEntry key={entry.session.id} entry={entry} summit={loaded.value.summit} />
              ))}
            </ol>
          )}
        </div>
      )}
    </section>
  );
}

/** A participant's summit: the sessions they may enter, in their time zone and the summit's. */
export function Schedule() {
  return (
    <RequireSignIn kind="participant">
      {(me) => <ScheduleView summitId={me.summitId} />}
    </RequireSignIn>
  );
}

export default Schedule;
