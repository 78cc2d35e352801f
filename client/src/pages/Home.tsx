import { useEffect, useState } from 'react';
import type { Readiness } from '@majlis/shared';
import { Link } from 'react-router';
import { fetchReadiness } from '../api/health.ts';
import { useMe } from '../components/Me.tsx';
import { MySessions } from '../components/session/MySessions.tsx';
import {
  ForwardArrowIcon,
  LANGUAGES,
  readerTimeZone,
  useFormat,
  useT,
  type MessageKey,
} from '../i18n/index.ts';

type Status =
  | { kind: 'loading' }
  | { kind: 'unreachable' }
  | { kind: 'answered'; ready: boolean; parts: Readiness | undefined; checkedAt: Date };

const STATE_WORDS: Readonly<Record<Readiness['redis'] | 'unknown', MessageKey>> = {
  ok: 'home.state.ok',
  down: 'home.state.down',
  unknown: 'home.state.unknown',
};

/** The platform's health, small, at the foot of the landing page: a help desk's first question. */
function PlatformStatus() {
  const t = useT();
  const [status, setStatus] = useState<Status>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    const poll = () => {
      fetchReadiness().then(
        (r) => live && setStatus({ kind: 'answered', ...r, checkedAt: new Date() }),
        () => live && setStatus({ kind: 'unreachable' }),
      );
    };
    poll();
    const timer = setInterval(poll, 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  const part = (label: MessageKey, state: Readiness['redis'] | undefined) => (
    <li className={state === 'ok' ? 'good' : 'bad'}>
      {t('home.partState', { part: t(label), state: t(STATE_WORDS[state ?? 'unknown']) })}
    </li>
  );

  return (
    <footer className="platform-status" aria-labelledby="platform-status-title">
      <h2 id="platform-status-title">{t('home.status.title')}</h2>
      {status.kind === 'loading' && <p>{t('home.checking')}</p>}
      {status.kind === 'unreachable' && <p className="bad">{t('home.unreachable')}</p>}
      {status.kind === 'answered' && (
        <>
          <ul className="status" data-testid="readiness">
            {part('home.part.redis', status.parts?.redis)}
            {part('home.part.livekit', status.parts?.livekit)}
          </ul>
          <p className="muted">{t('home.lastChecked', { checkedAt: status.checkedAt })}</p>
        </>
      )}
    </footer>
  );
}

/**
 * The landing page for diplomats: your sessions, where each stands and the
 * way in (Join, or the waiting room); a way to sign in for whoever is not
 * yet; the device check before a meeting; the platform's health at the foot.
 */
export function Home() {
  const t = useT();
  const format = useFormat();
  const { state } = useMe();
  const me = state.kind === 'known' ? state.me : undefined;

  return (
    <section className="card" aria-labelledby="home-title">
      <h1 id="home-title">{t('home.title')}</h1>
      <p>{t('home.intro')}</p>
      <MySessions />
      {me === null && (
        <p data-testid="home-sign-in">
          {t('home.signedOut')}{' '}
          <Link to="/sign-in">
            {t('home.signInLink')}
            <ForwardArrowIcon />
          </Link>
        </p>
      )}
      {me?.kind === 'organiser' && (
        <p>
          <Link to="/organiser">
            {t('home.organiserLink')}
            <ForwardArrowIcon />
          </Link>
        </p>
      )}
      <p>
        <Link className="button" to="/media-check">
          {t('home.mediaCheckLink')}
          <ForwardArrowIcon />
        </Link>
      </p>
      <p>
        {t('home.officialLanguages', {
          languages: format.list(LANGUAGES.map((code) => format.languageName(code))),
        })}
      </p>
      <p>{t('home.readerZone', { zone: format.timeZoneName(readerTimeZone()) })}</p>
      <PlatformStatus />
    </section>
  );
}

export default Home;
