import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Me } from '@majlis/shared';
import { useT } from '../i18n/index.ts';
import { ErrorAlert, Loading } from './Alerts.tsx';
import { useMe } from './Me.tsx';

type Kind = Me['kind'];
type MeOf<K extends Kind> = Extract<Me, { kind: K }>;

/**
 * Renders its children for a signed-in organiser or participant only, and
 * otherwise says plainly what to do. The server enforces the same; this only
 * spares the reader a page of errors.
 */
export function RequireSignIn<K extends Kind>({
  kind,
  children,
}: {
  kind: K;
  children: (me: MeOf<K>) => ReactNode;
}) {
  const t = useT();
  const { state } = useMe();
  const { pathname } = useLocation();
  switch (state.kind) {
    case 'loading':
      return <Loading />;
    case 'failed':
      return <ErrorAlert error={state.error} />;
    case 'known':
      break;
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
  const me = state.me;
  if (me !== null && me.kind === kind) return children(me as MeOf<K>);
  const next = encodeURIComponent(pathname);
  return (
    <section className="card" aria-labelledby="signin-needed">
      <h1 id="signin-needed">{t('signIn.needed')}</h1>
      {kind === 'organiser' ? (
        <p>
          {me === null ? t('signIn.organiserOnly') : t('signIn.participantNotOrganiser')}{' '}
          <Link to={`/login?next=${next}`}>{t('signIn.goToLogin')}</Link>
        </p>
      ) : (
        <p>
          {me === null ? t('signIn.useInvitation') : t('signIn.organiserNotParticipant')}
          {me !== null && (
            <>
              {' '}
              <Link to="/organiser">{t('nav.organiser')}</Link>
            </>
          )}
        </p>
      )}
    </section>
  );
}
