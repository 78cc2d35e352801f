import { useId, useState, type SyntheticEvent } from 'react';
import { useNavigate } from 'react-router';
import { setupOrganiser } from '../api/accounts.ts';
import { ErrorAlert } from '../components/Alerts.tsx';
import { useMe } from '../components/Me.tsx';
import { useT } from '../i18n/index.ts';
import { useAction } from '../components/useAction.ts';

/** Same bound as `Password` in shared/. */
const PASSWORD_MIN = 12;

/**
 * The first organiser account, created once with the setup code the
 * launcher prints (`npm run admin -- setup-code` issues another).
 */
export function Setup() {
  const t = useT();
  const { signedIn } = useMe();
  const codeHint = useId();
  const passwordHint = useId();
  const [setupCode, setSetupCode] = useState('');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useAction();
  const navigate = useNavigate();

  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    await run(async () => {
      signedIn(await setupOrganiser({ setupCode, email, name, password }));
      await navigate('/organiser', { replace: true });
    });
  };

  return (
    <section className="card narrow" aria-labelledby="setup-title">
      <h1 id="setup-title">{t('setup.title')}</h1>
      <p>{t('setup.intro')}</p>
      <form className="form-grid" onSubmit={(e) => void submit(e)}>
        <label>
          {t('setup.code')}
          <input
            value={setupCode}
            onChange={(e) => setSetupCode(e.target.value)}
            required
            minLength={8}
            maxLength={64}
            autoComplete="one-time-code"
            spellCheck={false}
            dir="ltr"
            aria-describedby={codeHint}
          />
        </label>
        <p id={codeHint} className="hint">
          {t('setup.codeHint')}
        </p>
        <label>
          {t('account.name')}
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={120}
            autoComplete="name"
            dir="auto"
          />
        </label>
        <label>
          {t('account.email')}
          <input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            autoComplete="username"
            dir="ltr"
          />
        </label>
        <label>
          {t('account.password')}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
            minLength={PASSWORD_MIN}
            autoComplete="new-password"
            aria-describedby={passwordHint}
          />
        </label>
        <p id={passwordHint} className="hint">
          {t('setup.passwordHint', { min: PASSWORD_MIN })}
        </p>
        <div className="actions">
          <button type="submit" disabled={busy}>
            {t('setup.submit')}
          </button>
        </div>
      </form>
      {failure && (
        <ErrorAlert
          error={failure.error}
          codeWords={{ FORBIDDEN: 'setup.badCode', CONFLICT: 'setup.emailTaken' }}
          fieldLabels={{
            setupCode: t('setup.code'),
            email: t('account.email'),
            name: t('account.name'),
            password: t('account.password'),
          }}
        />
      )}
    </section>
  );
}

export default Setup;
