import { Link, useNavigate } from 'react-router';
import type { Summit } from '@majlis/shared';
import { listSummits } from '../api/summits.ts';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { RequireSignIn } from '../components/RequireSignIn.tsx';
import { SummitForm } from '../components/SummitForm.tsx';
import { useLoader } from '../components/useLoader.ts';
import { SUMMIT_STATUS_WORDS } from '../components/words.ts';
import { DateTime, LocalizedText, useFormat, useT } from '../i18n/index.ts';

export const summitPath = (summitId: string) => `/organiser/summits/${summitId}`;

function SummitRow({ summit }: { summit: Summit }) {
  const t = useT();
  const format = useFormat();
  return (
    <li data-testid="summit-row">
      <Link to={summitPath(summit.id)} className="title-link">
        <LocalizedText value={summit.title} fallbackLangs={summit.officialLanguages} />
      </Link>
      <span className="meta">
        <span>{t('summit.hostedBy', { host: format.countryName(summit.host) })}</span>
        <DateTime value={new Date(summit.startsAt)} summitZone={summit.timeZone} />
        <span>{t(SUMMIT_STATUS_WORDS[summit.status])}</span>
      </span>
    </li>
  );
}

function Summits() {
  const t = useT();
  const navigate = useNavigate();
  const { loaded } = useLoader('summits', listSummits);
  return (
    <>
      <section className="card" aria-labelledby="summits-title">
        <h1 id="summits-title">{t('organiser.title')}</h1>
        {loaded.kind === 'loading' && <Loading />}
        {loaded.kind === 'failed' && <ErrorAlert error={loaded.error} />}
        {loaded.kind === 'loaded' &&
          (loaded.value.length === 0 ? (
            <p className="muted">{t('organiser.none')}</p>
          ) : (
            <ul className="rows" data-testid="summits">
              {loaded.value.map((s) => (
                <SummitRow key={s.id} summit={s} />
              ))}
            </ul>
          ))}
      </section>
      <section className="card" aria-labelledby="new-summit-title">
        <h2 id="new-summit-title">{t('summit.new')}</h2>
        <SummitForm onCreated={(s) => void navigate(summitPath(s.id))} />
      </section>
    </>
  );
}

/** The secretariat's list of summits, and a new one. */
export function Organiser() {
  return <RequireSignIn kind="organiser">{() => <Summits />}</RequireSignIn>;
}

export default Organiser;
