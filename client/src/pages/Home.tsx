import { useEffect, useState } from 'react';
import type { Readiness } from '@majlis/shared';
import { Link } from 'react-router';
import { fetchReadiness } from '../api/health.ts';
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

export function Home() {
  const t = useT();
  const format = useFormat();
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
    <section className="card" aria-labelledby="status-title">
      <h1 id="status-title">{t('home.title')}</h1>
      <MySessions />
      <p>{t('home.intro')}</p>
      <p>
        {t('home.officialLanguages', {
          languages: format.list(LANGUAGES.map((code) => format.languageName(code))),
        })}
      </p>
      <p>{t('home.readerZone', { zone: format.timeZoneName(readerTimeZone()) })}</p>
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
      <p>
        <Link className="button" to="/media-check">
          {t('home.mediaCheckLink')}
          <ForwardArrowIcon />
        </Link>
      </p>
    </section>
  );
}

export default Home;
