import { Link, useNavigate } from 'react-router';
import type { Delegation, Participant, Session, Summit } from '@majlis/shared';
import { getSummit, listDelegations, listParticipants, listSessions } from '../api/summits.ts';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { DelegationsSection } from '../components/DelegationsSection.tsx';
import { ParticipantsSection } from '../components/ParticipantsSection.tsx';
import { RequireSignIn } from '../components/RequireSignIn.tsx';
import { useRouteParam } from '../components/routeParam.ts';
import { SessionsSection } from '../components/SessionsSection.tsx';
import { SummitStatusControls } from '../components/corrections/SummitStatusControls.tsx';
import { useLoader } from '../components/useLoader.ts';
import { SUMMIT_STATUS_WORDS } from '../components/words.ts';
import {
  DateTime,
  LocalizedText,
  localizedText,
  useFormat,
  useLanguage,
  useT,
} from '../i18n/index.ts';

interface SummitWork {
  summit: Summit;
  sessions: Session[];
  delegations: Delegation[];
  participants: Participant[];
}

async function loadSummitWork(summitId: string): Promise<SummitWork> {
  const [summit, sessions, delegations, participants] = await Promise.all([
    getSummit(summitId),
    listSessions(summitId),
    listDelegations(summitId),
    listParticipants(summitId),
  ]);
  return { summit, sessions, delegations, participants };
}

/** Where the secretariat lands after deleting a summit. */
const SUMMITS_PATH = '/organiser';

const byStart = (a: Session, b: Session) => Date.parse(a.startsAt) - Date.parse(b.startsAt);

function SummitOverview({
  summit,
  onChanged,
}: {
  summit: Summit;
  onChanged: (summit: Summit) => void;
}) {
  const t = useT();
  const format = useFormat();
  const { lang } = useLanguage();
  const navigate = useNavigate();
  return (
    <section className="card" aria-labelledby="summit-title">
      <p className="breadcrumb">
        <Link to="/organiser">{t('organiser.backToSummits')}</Link>
      </p>
      <LocalizedText value={summit.title} fallbackLangs={summit.officialLanguages} as="h1" />
      <dl className="facts">
        <dt>{t('summit.host')}</dt>
        <dd>{format.countryName(summit.host)}</dd>
        <dt>{t('summit.timeZone')}</dt>
        <dd>
          {t('timeZone.option', {
            zone: summit.timeZone,
            name: format.timeZoneName(summit.timeZone),
          })}
        </dd>
        <dt>{t('summit.startsAt')}</dt>
        <dd>
          <DateTime value={new Date(summit.startsAt)} summitZone={summit.timeZone} />
        </dd>
        <dt>{t('summit.endsAt')}</dt>
        <dd>
          <DateTime value={new Date(summit.endsAt)} summitZone={summit.timeZone} />
        </dd>
        <dt>{t('summit.officialLanguages')}</dt>
        <dd>{format.list(summit.officialLanguages.map((l) => format.languageName(l)))}</dd>
        <dt>{t('summit.status')}</dt>
        <dd data-testid="summit-status">{t(SUMMIT_STATUS_WORDS[summit.status])}</dd>
      </dl>
      <SummitStatusControls
        summit={summit}
        title={localizedText(summit.title, lang, summit.officialLanguages)?.text ?? ''}
        onChanged={onChanged}
        onDeleted={() => void navigate(SUMMITS_PATH)}
      />
      <nav aria-label={t('summit.sections')} className="in-page">
        <a href="#sessions">{t('session.heading')}</a>
        <a href="#delegations">{t('delegation.heading')}</a>
        <a href="#participants">{t('participant.heading')}</a>
        <Link to={`/organiser/summits/${summit.id}/reach`}>{t('reach.summitLink')}</Link>
        <Link to={`/organiser/summits/${summit.id}/desk`}>{t('nav.desk')}</Link>
      </nav>
    </section>
  );
}

function SummitWorkspace({ summitId }: { summitId: string }) {
  const { loaded, update } = useLoader(summitId, () => loadSummitWork(summitId));
  if (loaded.kind === 'loading') return <Loading />;
  if (loaded.kind === 'failed') return <ErrorAlert error={loaded.error} />;
  const { summit, sessions, delegations, participants } = loaded.value;
  return (
    <>
      <SummitOverview summit={summit} onChanged={(s) => update((w) => ({ ...w, summit: s }))} />
      <SessionsSection
        summit={summit}
        sessions={sessions}
        delegations={delegations}
        participants={participants}
        onCreated={(s) => update((w) => ({ ...w, sessions: [...w.sessions, s].sort(byStart) }))}
        onChanged={(s) =>
          update((w) => ({
            ...w,
            sessions: w.sessions.map((q) => (q.id === s.id ? s : q)).sort(byStart),
          }))
        }
        onDeleted={(s) =>
          update((w) => ({ ...w, sessions: w.sessions.filter((q) => q.id !== s.id) }))
        }
      />
      <DelegationsSection
        summit={summit}
        delegations={delegations}
        onCreated={(d) => update((w) => ({ ...w, delegations: [...w.delegations, d] }))}
        onDeleted={(d) =>
          update((w) => ({ ...w, delegations: w.delegations.filter((q) => q.id !== d.id) }))
        }
      />
      <ParticipantsSection
        summit={summit}
        participants={participants}
        delegations={delegations}
        onChanged={(p) =>
          update((w) => ({
            ...w,
            participants: w.participants.some((q) => q.id === p.id)
              ? w.participants.map((q) => (q.id === p.id ? p : q))
              : [...w.participants, p],
          }))
        }
        onDeleted={(p) =>
          update((w) => ({ ...w, participants: w.participants.filter((q) => q.id !== p.id) }))
        }
      />
    </>
  );
}

/** One summit as the secretariat prepares it: sessions and agendas, delegations, accreditation. */
export function OrganiserSummit({ summitId }: { summitId: string }) {
  return (
    <RequireSignIn kind="organiser">{() => <SummitWorkspace summitId={summitId} />}</RequireSignIn>
  );
}

/** The route `/organiser/summits/:summitId`. */
export default function OrganiserSummitRoute() {
  const summitId = useRouteParam('summitId');
  return <OrganiserSummit summitId={summitId} />;
}
