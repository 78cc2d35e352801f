import { Link } from 'react-router';
import type { Claim, Communique, Me } from '@majlis/shared';
import { listClaims, listCommuniques } from '../../api/communiques.ts';
import { ErrorAlert, Loading } from '../../components/Alerts.tsx';
import { RequireSignIn } from '../../components/RequireSignIn.tsx';
import { useRouteParam } from '../../components/routeParam.ts';
import { useLoader } from '../../components/useLoader.ts';
import { useT } from '../../i18n/index.ts';
import {
  BriefingLinks,
  ClaimForm,
  ClaimRows,
  CommuniqueRow,
  DraftForm,
  authorOf,
} from './DeskParts.tsx';

interface DeskData {
  communiques: Communique[];
  claims: Claim[] | null;
}

const KEEPS_CLAIMS: readonly string[] = ['organiser', 'spokesperson', 'head_of_delegation'];

/**
 * The spokesperson's desk (COMM-3, COMM-5): drafts, what awaits approval,
 * publishing, and the false claims to answer. The same page serves the
 * secretariat for the summit's own communiqués.
 */
export function DeskView({ summitId, me }: { summitId: string; me: Me }) {
  const t = useT();
  const author = authorOf(me);
  const { loaded, update } = useLoader(summitId, async (): Promise<DeskData> => {
    const [communiques, claims] = await Promise.all([
      listCommuniques(summitId),
      KEEPS_CLAIMS.includes(author.role) ? listClaims(summitId) : Promise.resolve(null),
    ]);
    return { communiques, claims };
  });
  const upsert = (c: Communique) =>
    update((d) => ({
      ...d,
      communiques: [c, ...d.communiques.filter((x) => x.id !== c.id)],
    }));
  const mayLogClaims = author.role === 'organiser' || author.role === 'spokesperson';
  if (loaded.kind === 'loading') return <Loading />;
  if (loaded.kind === 'failed') return <ErrorAlert error={loaded.error} />;
  const { communiques, claims } = loaded.value;
  const inProgress = communiques.filter((c) => c.status !== 'published');
  const published = communiques.filter((c) => c.status === 'published');
  const rows = (list: Communique[]) =>
    list.length === 0 ? (
      <p className="muted">{t('comm.desk.none')}</p>
    ) : (
      <ul className="rows">
        {list.map((c) => (
          <CommuniqueRow key={c.id} communique={c} author={author} onChanged={upsert} />
        ))}
      </ul>
    );
  return (
    <>
      <section className="card" aria-labelledby="desk-title" data-testid="desk">
        <h1 id="desk-title">{t('comm.desk.title')}</h1>
        {(author.role === 'head_of_delegation' || author.role === 'press') && (
          <p>
            <Link to={author.role === 'press' ? '/press' : '/approvals'}>
              {t(author.role === 'press' ? 'nav.press' : 'nav.approvals')}
            </Link>
          </p>
        )}
        <details className="new-thing">
          <summary>{t('comm.desk.new')}</summary>
          <DraftForm
            summitId={summitId}
            author={author}
            claims={(claims ?? []).filter((c) => c.rebuttal === null)}
            onCreated={upsert}
          />
        </details>
        <h2>{t('comm.desk.inProgress')}</h2>
        {rows(inProgress)}
        <h2>{t('comm.desk.published')}</h2>
        {rows(published)}
        {author.role === 'spokesperson' && <BriefingLinks summitId={summitId} />}
      </section>
      {claims !== null && (
        <section className="card" aria-labelledby="claims-title">
          <h2 id="claims-title">{t('comm.claims.title')}</h2>
          {mayLogClaims && (
            <ClaimForm
              summitId={summitId}
              onLogged={(c) => update((d) => ({ ...d, claims: [c, ...(d.claims ?? [])] }))}
            />
          )}
          {claims.length === 0 ? (
            <p className="muted">{t('comm.desk.none')}</p>
          ) : (
            <ClaimRows claims={claims} />
          )}
        </section>
      )}
    </>
  );
}

/** `/desk`: a participant's own summit. */
export default function DeskPage() {
  return (
    <RequireSignIn kind="participant">
      {(me) => <DeskView summitId={me.summitId} me={me} />}
    </RequireSignIn>
  );
}

/** `/organiser/summits/:summitId/desk`: the secretariat's desk for one summit. */
export function OrganiserDeskPage() {
  const summitId = useRouteParam('summitId');
  return (
    <RequireSignIn kind="organiser">
      {(me) => <DeskView summitId={summitId} me={me} />}
    </RequireSignIn>
  );
}
