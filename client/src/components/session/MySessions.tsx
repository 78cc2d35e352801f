import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { Session, SessionLifecycle } from '@majlis/shared';
import { listSessions } from '../../api/summits.ts';
import { DateTime, ForwardArrowIcon, LocalizedText, useT } from '../../i18n/index.ts';
import { ErrorAlert } from '../Alerts.tsx';
import { useMe } from '../Me.tsx';
import { STATE_WORDS } from './words.ts';
import './session.css';

interface Row {
  session: Session;
  state: SessionLifecycle;
}

/**
 * The landing page's first answer for a delegate: your sessions, where each
 * stands (MEET-2), and the way in: Join while one is open, its waiting room
 * before.
 */
export function MySessions() {
  const t = useT();
  const signedIn = useMe().state;
  const summitId =
    signedIn.kind === 'known' && signedIn.me?.kind === 'participant' ? signedIn.me.summitId : null;
  const [rows, setRows] = useState<Row[]>();
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    if (summitId === null) return;
    // An object, not a let: the cleanup flips it after the closure was made.
    const guard = { live: true };
    void (async () => {
      const sessions = await listSessions(summitId);
      // Loaded here, not imported: only a signed-in participant's home page needs the socket.
      const { call } = await import('../../realtime/socket.ts');
      return Promise.all(
        sessions.map(async (session) => ({
          session,
          state: (await call('lifecycle:get', { sessionId: session.id })).state,
        })),
      );
    })().then(
      (loaded) => guard.live && setRows(loaded),
      (err: unknown) => guard.live && setFailure(err),
    );
    return () => {
      guard.live = false;
    };
  }, [summitId]);
  if (summitId === null) return null;
  return (
    <section aria-labelledby="my-sessions-title" data-testid="my-sessions">
      <h2 id="my-sessions-title">{t('home.sessions.title')}</h2>
      {failure !== undefined && <ErrorAlert error={failure} />}
      {rows?.length === 0 && <p>{t('home.sessions.empty')}</p>}
      <ul className="my-sessions">
        {rows?.map(({ session, state }) => (
          <li key={session.id} data-session={session.id} data-state={state}>
            <LocalizedText value={session.title} />{' '}
            <DateTime value={new Date(session.startsAt)} className="muted" />{' '}
            <span className={`room-state room-state-${state}`}>{t(STATE_WORDS[state])}</span>{' '}
            {state !== 'closed' && (
              <Link className="button" to={`/sessions/${session.id}`}>
                {state === 'scheduled' ? t('home.sessions.wait') : t('home.sessions.join')}
                <ForwardArrowIcon />
              </Link>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
