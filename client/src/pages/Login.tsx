import { useState, type SyntheticEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { login } from '../api/accounts.ts';
import { ErrorAlert } from '../components/Alerts.tsx';
import { useMe } from '../components/Me.tsx';
import { safeNextPath } from '../components/nextPath.ts';
import { useT } from '../i18n/index.ts';
import { useAction } from '../components/useAction.ts';

/** The secretariat signs in; participants use their invitation, then a mailed link (/sign-in). */
export function Login() {
  const t = useT();
  const { state, signedIn } = useMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useAction();
  const navigate = useNavigate();
  const { search } = useLocation();

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    await run(async () => {
      signedIn(await login({ email, password }));
      await navigate(safeNextPath(search, '/organiser'), { replace: true });
    });
  };

  const me = state.kind === 'known' ? state.me : null;
  return (
    <section className="card narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      {me?.kind === 'organiser' && (
        <p>
          {t('login.already')} <Link to="/organiser">{t('nav.organiser')}</Link>
        </p>
      )}
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <label>
          {t('account.email')}
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            autoComplete="username"
            required
            dir="ltr"
          />
        </label>
        <label>
          {t('account.password')}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('login.submit')}
          </button>
        </div>
      </form>
      {failure && (
        <ErrorAlert
          error={failure.error}
          codeWords={{ UNAUTHENTICATED: 'login.failed' }}
          fieldLabels={{ email: t('account.email'), password: t('account.password') }}
        />
      )}
      <p className="muted">
        {t('login.firstTime')} <Link to="/setup">{t('login.setupLink')}</Link>
      </p>
      <p className="muted">
        {t('login.participants')} <Link to="/sign-in">{t('login.participantsLink')}</Link>
      </p>
    </section>
  );
}

export default Login;
