import { useId, useState, type SyntheticEvent } from 'react';
import { Link } from 'react-router';
import { SignedCommunique, type TextMatchResult } from '@majlis/shared';
import { matchText } from '../../api/communiques.ts';
import { ErrorAlert } from '../../components/Alerts.tsx';
import { useAction } from '../../components/useAction.ts';
import { DateTime, useFormat, useT } from '../../i18n/index.ts';
import { VerificationBadge, useBrowserVerdict } from './parts.tsx';

/** A pasted document, checked in this browser against keys.json only. */
function DocumentCheck() {
  const t = useT();
  const fieldId = useId();
  const [text, setText] = useState('');
  const [signed, setSigned] = useState<SignedCommunique | null | 'not-signed'>(null);
  const verdict = useBrowserVerdict(signed === 'not-signed' ? null : signed, null);
  const submit = (e: SyntheticEvent) => {
    e.preventDefault();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      setSigned('not-signed');
      return;
    }
    const result = SignedCommunique.safeParse(parsed);
    setSigned(result.success ? result.data : 'not-signed');
  };
  return (
    <form className="form-grid" onSubmit={submit} data-testid="verify-document">
      <label htmlFor={fieldId}>{t('comm.verify.documentField')}</label>
      <textarea
        id={fieldId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        rows={10}
        dir="ltr"
        required
        spellCheck={false}
      />
      <div className="actions">
        <button type="submit">{t('comm.verify.check')}</button>
      </div>
      {signed === 'not-signed' && (
        <p className="bad" role="status" data-testid="verification-badge" data-verdict="not_signed">
          {t('comm.verify.notSigned')}
        </p>
      )}
      {signed !== null && signed !== 'not-signed' && <VerificationBadge verdict={verdict} />}
    </form>
  );
}

/** A pasted text, matched against released bodies on the server (COMM-1). */
function TextCheck() {
  const t = useT();
  const format = useFormat();
  const fieldId = useId();
  const [text, setText] = useState('');
  const [result, setResult] = useState<TextMatchResult | null>(null);
  const { busy, failure, run } = useAction();
  const submit = async (e: SyntheticEvent) => {
    e.preventDefault();
    await run(async () => {
      setResult(await matchText(text));
    });
  };
  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} data-testid="verify-text">
      <label htmlFor={fieldId}>{t('comm.verify.textField')}</label>
      <textarea
        id={fieldId}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setResult(null);
        }}
        rows={6}
        dir="auto"
        required
      />
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('comm.verify.find')}
        </button>
      </div>
      {failure && <ErrorAlert error={failure.error} />}
      {result !== null && result.matches.length === 0 && (
        <p className="bad" role="status" data-testid="text-match" data-found="false">
          {t('comm.verify.notFound')}
        </p>
      )}
      {result !== null && result.matches.length > 0 && (
        <ul className="rows" role="status" data-testid="text-match" data-found="true">
          {result.matches.map((m) => (
            <li key={m.documentId} className="good">
              {t('comm.verify.found', {
                issuer: m.issuer.name,
                language: format.languageName(m.language),
              })}{' '}
              <DateTime value={new Date(m.releaseAt)} />{' '}
              <Link to={`/communiques/${m.communiqueId}/${m.language}`} lang={m.language}>
                {m.title}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

export default function VerifyPage() {
  const t = useT();
  return (
    <section className="card" aria-labelledby="verify-title">
      <h1 id="verify-title">{t('comm.verify.title')}</h1>
      <p>{t('comm.verify.intro')}</p>
      <h2>{t('comm.verify.documentHeading')}</h2>
      <DocumentCheck />
      <h2>{t('comm.verify.textHeading')}</h2>
      <TextCheck />
    </section>
  );
}
