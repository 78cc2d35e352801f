import { Link } from 'react-router';
import type { PublicCommunique as PublicView } from '@majlis/shared';
import { getPublicCommunique } from '../../api/communiques.ts';
import { ErrorAlert, Loading } from '../../components/Alerts.tsx';
import { useRouteParam } from '../../components/routeParam.ts';
import { useLoader } from '../../components/useLoader.ts';
import { DateTime, directionOf, isLang, useFormat, useT } from '../../i18n/index.ts';
import { VerificationBadge, useBrowserVerdict } from './parts.tsx';

/**
 * A published communiqué in one language, for anyone (COMM-1, COMM-4). The
 * badge is worked out here, in the browser, from keys.json; the text is
 * shown in its own language and direction whatever the interface language.
 */
function Version({ view, lang }: { view: PublicView; lang: string }) {
  const t = useT();
  const format = useFormat();
  const version = view.versions.find((v) => v.language === lang) ?? view.versions[0];
  const verdict = useBrowserVerdict(version?.signed ?? null, view.signedAt);
  if (version === undefined) return null;
  const doc = version.signed.document;
  return (
    <>
      <article
        className="card communique"
        lang={doc.language}
        dir={directionOf(doc.language)}
        data-testid="communique"
        aria-labelledby="communique-title"
      >
        <h1 id="communique-title">{doc.title}</h1>
        <div className="communique-body">{doc.body}</div>
      </article>
      <section className="card" aria-labelledby="communique-facts">
        <h2 id="communique-facts" className="visually-hidden">
          {t('comm.public.facts')}
        </h2>
        <VerificationBadge verdict={verdict} />
        {view.embargoed && (
          <p className="bad" data-testid="embargo-note">
            {t('comm.public.embargoed')}
          </p>
        )}
        <dl className="facts">
          <dt>{t('comm.public.issuedBy')}</dt>
          <dd>
            <bdi>{view.issuer.name}</bdi>
          </dd>
          <dt>{t('comm.public.releasedAt')}</dt>
          <dd>
            <DateTime value={new Date(view.releaseAt)} />
          </dd>
        </dl>
        {view.supersededBy !== null && (
          <p className="bad" data-testid="superseded">
            {t('comm.public.superseded')}{' '}
            <Link to={`/communiques/${view.supersededBy}/${doc.language}`}>
              {t('comm.public.readCorrection')}
            </Link>
          </p>
        )}
        {view.versions.length > 1 && (
          <nav aria-label={t('comm.public.otherLanguages')}>
            <ul className="inline-list">
              {view.versions.map((v) => (
                <li key={v.language}>
                  <Link
                    to={`/communiques/${view.id}/${v.language}`}
                    lang={v.language}
                    aria-current={v.language === doc.language ? 'page' : undefined}
                  >
                    {format.languageName(v.language)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <details>
          <summary>{t('comm.public.signed')}</summary>
          <pre className="signed-json" dir="ltr" data-testid="signed-json">
            {JSON.stringify(version.signed, null, 2)}
          </pre>
        </details>
        <p>
          <Link to="/verify">{t('comm.public.verifyAnother')}</Link>
        </p>
      </section>
    </>
  );
}

export default function PublicCommuniquePage() {
  const communiqueId = useRouteParam('communiqueId');
  const lang = useRouteParam('lang');
  const { loaded } = useLoader(communiqueId, () => getPublicCommunique(communiqueId));
  return (
    <>
      {loaded.kind === 'loading' && <Loading />}
      {loaded.kind === 'failed' && <ErrorAlert error={loaded.error} />}
      {loaded.kind === 'loaded' && <Version view={loaded.value} lang={isLang(lang) ? lang : ''} />}
    </>
  );
}
