import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { redeemSignInLink, requestSignInLink } from '../api/sign-in.ts';
import { ErrorAlert, Loading } from '../components/Alerts.tsx';
import { useMe } from '../components/Me.tsx';
import { useAction } from '../components/useAction.ts';
import { useLanguage, useT } from '../i18n/index.ts';

/** The token from `#token=…`: in the fragment, so it never reaches a server log or a Referer. */
function tokenFromFragment(hash: string): string | undefined {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? undefined;
}

const SCHEDULE_PATH = '/summit';

/** Opens a mailed link: redeems its single-use token, then shows the participant's summit. */
function RedeemLink({ token }: { token: string }) {
  const { signedIn } = useMe();
  const navigate = useNavigate();
  const [error, setError] = useState<{ error: unknown } | undefined>();
  // Single use: a second request (React's development double effects) would spend it twice.
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    redeemSignInLink({ token }).then(
      (me) => {
        signedIn(me);
        void navigate(SCHEDULE_PATH, { replace: true });
      },
      (err: unknown) => setError({ error: err }),
    );
  }, [token, signedIn, navigate]);
  return error === undefined ? (
    <Loading />
  ) : (
    <ErrorAlert
      error={error.error}
      codeWords={{ UNAUTHENTICATED: 'signIn.invalid', INVALID_PAYLOAD: 'signIn.invalid' }}
    />
  );
}

/** Asks for a link by e-mail; says the same thing whether or not the address is known. */
function RequestLink() {
  const t = useT();
  const { lang } = useLanguage();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | undefined>();
  const { busy, failure, run } = useAction();
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    await run(async () => {
      await requestSignInLink(email, lang);
      setSentTo(email);
    });
  };
  return (
    <>
      <p>{t('signIn.intro')}</p>
      <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="sign-in-form">
        <label>
          {t('account.email')}
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="email"
            required
            dir="ltr"
          />
        </label>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('signIn.send')}
          </button>
        </div>
      </form>
      {sentTo !== undefined && (
        <p role="status" className="good" data-testid="sign-in-sent">
          {t('signIn.sent', { email: sentTo })}
        </p>
      )}
      {failure && <ErrorAlert error={failure.error} fieldLabels={{ email: t('account.email') }} />}
    </>
  );
}

/**
 * ACCT-1: the participants' way back in after the invitation, on any device:
 * a single-use link by e-mail. The secretariat signs in on its own page.
 */
export function SignIn() {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const [token] = useState(() => tokenFromFragment(location.hash));
  useEffect(() => {
    // The token leaves the address bar and the history at once.
    if (location.hash !== '') void navigate(location.pathname, { replace: true });
  }, [location, navigate]);
  return (
    <section className="card narrow" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {token === undefined ? <RequestLink /> : <RedeemLink token={token} />}
      <p className="muted">
        {t('signIn.secretariat')} <Link to="/login">{t('signIn.secretariatLink')}</Link>
      </p>
    </section>
  );
}

export default SignIn;
