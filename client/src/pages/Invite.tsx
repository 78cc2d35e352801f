import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { redeemInvitation } from '../api/accounts.ts';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { useMe } from '../components/Me.tsx';
import { useT } from '../i18n/index.ts';

/** The token from `#token=…`: in the fragment, so it never reaches a server log or a Referer. */
function tokenFromFragment(hash: string): string | undefined {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? undefined;
}

type Redemption = { kind: 'redeeming' } | { kind: 'failed'; error: unknown } | { kind: 'missing' };

/**
 * Opens an invitation link: redeems its single-use token, which signs the
 * participant in on this browser, then shows their summit. The token leaves
 * the address bar and the history at once, whatever the outcome.
 */
export function Invite() {
  const t = useT();
  const { state, signedIn } = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [token] = useState(() => tokenFromFragment(location.hash));
  const [redemption, setRedemption] = useState<Redemption>(
    token === undefined ? { kind: 'missing' } : { kind: 'redeeming' },
  );
  // Single use: a second request (a re-render, React's development double
  // effects) would find the token spent and report a valid link as used.
  const sent = useRef(false);

  useEffect(() => {
    if (location.hash !== '') void navigate(location.pathname, { replace: true });
    if (token === undefined || sent.current) return;
    sent.current = true;
    redeemInvitation({ token }).then(
      (me) => {
        signedIn(me);
        void navigate('/summit', { replace: true });
      },
      (error: unknown) => setRedemption({ kind: 'failed', error }),
    );
  }, [token, signedIn, location, navigate]);

  const me = state.kind === 'known' ? state.me : null;
  return (
    <section className="card narrow" aria-labelledby="invite-title">
      <h1 id="invite-title">{t('invite.title')}</h1>
      {redemption.kind === 'redeeming' && <Loading />}
      {redemption.kind === 'missing' && (
        <p role="alert" className="bad">
          {t('invite.missing')}
        </p>
      )}
      {redemption.kind === 'failed' && (
        <ErrorAlert
          error={redemption.error}
          codeWords={{ UNAUTHENTICATED: 'invite.invalid', INVALID_PAYLOAD: 'invite.malformed' }}
        />
      )}
      {redemption.kind !== 'redeeming' && me?.kind === 'participant' && (
        <p>
          {t('invite.alreadySignedIn')} <Link to="/summit">{t('nav.schedule')}</Link>
        </p>
      )}
    </section>
  );
}

export default Invite;
