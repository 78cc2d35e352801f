import { mayApprove, type Communique } from '@majlis/shared';
import { listCommuniques } from '../../api/communiques.ts';
import { ErrorAlert, Loading } from '../../components/Alerts.tsx';
import { RequireSignIn } from '../../components/RequireSignIn.tsx';
import { useLoader } from '../../components/useLoader.ts';
import { useT } from '../../i18n/index.ts';
import { CommuniqueRow, authorOf } from './DeskParts.tsx';
import type { Me } from '@majlis/shared';

/** The head of delegation's queue: drafts in the delegation's name awaiting approval (COMM-3). */
function Queue({ me }: { me: Extract<Me, { kind: 'participant' }> }) {
  const t = useT();
  const author = authorOf(me);
  const { loaded, update } = useLoader(me.summitId, () => listCommuniques(me.summitId));
  // Approved ones stay listed (without a button) until published, so the queue shows what it did.
  const waiting = (list: Communique[]) =>
    list.filter((c) => c.status !== 'published' && mayApprove(author, c.issuer));
  return (
    <section className="card" aria-labelledby="approvals-title" data-testid="approvals">
      <h1 id="approvals-title">{t('comm.approvals.title')}</h1>
      {loaded.kind === 'loading' && <Loading />}
      {loaded.kind === 'failed' && <ErrorAlert error={loaded.error} />}
      {loaded.kind === 'loaded' &&
        (waiting(loaded.value).length === 0 ? (
          <p className="muted">{t('comm.approvals.none')}</p>
        ) : (
          <ul className="rows">
            {waiting(loaded.value).map((c) => (
              <CommuniqueRow
                key={c.id}
                communique={c}
                author={author}
                onChanged={(next) =>
                  update((list) => list.map((x) => (x.id === next.id ? next : x)))
                }
              />
            ))}
          </ul>
        ))}
    </section>
  );
}

export default function ApprovalsPage() {
  return <RequireSignIn kind="participant">{(me) => <Queue me={me} />}</RequireSignIn>;
}
