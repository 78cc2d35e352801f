import type { Me } from '@majlis/shared';
import { listCommuniques } from '../../api/communiques.ts';
import { ErrorAlert, Loading } from '../../components/Alerts.tsx';
import { RequireSignIn } from '../../components/RequireSignIn.tsx';
import { useLoader } from '../../components/useLoader.ts';
import { useT } from '../../i18n/index.ts';
import { BriefingLinks, CommuniqueRow, authorOf } from './DeskParts.tsx';

/** The press view (COMM-4): published communiqués, embargoed ones included for accredited press. */
function PressList({ me }: { me: Extract<Me, { kind: 'participant' }> }) {
  const t = useT();
  const author = authorOf(me);
  const { loaded } = useLoader(me.summitId, () => listCommuniques(me.summitId));
  return (
    <section className="card" aria-labelledby="press-title" data-testid="press">
      <h1 id="press-title">{t('comm.press.title')}</h1>
      <p className="muted">{t('comm.press.embargoNote')}</p>
      <BriefingLinks summitId={me.summitId} />
      {loaded.kind === 'loading' && <Loading />}
      {loaded.kind === 'failed' && <ErrorAlert error={loaded.error} />}
      {loaded.kind === 'loaded' &&
        (loaded.value.length === 0 ? (
          <p className="muted">{t('comm.desk.none')}</p>
        ) : (
          <ul className="rows">
            {loaded.value
              .filter((c) => c.status === 'published')
              .map((c) => (
                <CommuniqueRow
                  key={c.id}
                  communique={c}
                  author={author}
                  onChanged={() => undefined}
                />
              ))}
          </ul>
        ))}
    </section>
  );
}

export default function PressPage() {
  return <RequireSignIn kind="participant">{(me) => <PressList me={me} />}</RequireSignIn>;
}
