import { useEffect, useState } from 'react';
import { ConnectionState } from 'livekit-client';
import { BoothConsole } from '../components/interpretation/BoothConsole.tsx';
import '../components/interpretation/interpretation.css';
import { LeaveIcon, useT } from '../i18n/index.ts';
import { useMeeting } from '../media/useMeeting.ts';
import { joinFailureWords } from '../media/connectionWords.ts';
import { ErrorAlert } from '../components/Alerts.tsx';
import { useMe } from '../components/Me.tsx';
import { useRouteParam } from '../components/routeParam.ts';
import { getSession } from '../api/summits.ts';

/**
 * `/sessions/:sessionId/booth`: an interpreter's working place. It joins the
 * session's room like the meeting page (same grant, same renewal) but never
 * publishes into the floor; the console publishes the booth's channel.
 */
export function InterpreterConsole({ sessionId }: { sessionId: string }) {
  const t = useT();
  const [error, setError] = useState<unknown>();
  // CONF-1: interpreters are members; in closed and bilateral sessions their channel is encrypted too.
  const [encrypted, setEncrypted] = useState<boolean | undefined>();
  useEffect(() => {
    const guard = { live: true };
    getSession(sessionId).then(
      (s) => guard.live && setEncrypted(s.kind === 'closed' || s.kind === 'bilateral'),
      (e: unknown) => guard.live && setError(e),
    );
    return () => {
      guard.live = false;
    };
  }, [sessionId]);
  const { meeting, snapshot } = useMeeting(sessionId, encrypted === true);
  const signedIn = useMe().state;
  const [joined, setJoined] = useState(false);

  if (signedIn.kind === 'loading') return <p>{t('meeting.loading')}</p>;
  if (signedIn.kind === 'failed') return <ErrorAlert error={signedIn.error} />;
  // Who is signed in comes from the shell's one `GET /me`.
  const me = signedIn.me;
  if (me === null) return <p role="alert">{t('meeting.error.signIn')}</p>;
  if (me.kind !== 'participant' || me.role !== 'interpreter')
    return <p role="alert">{t('interp.console.onlyInterpreters')}</p>;

  const enter = () => {
    setError(undefined);
    setJoined(true);
    // No devices to choose: the console opens the microphone itself when the booth goes live.
    meeting
      .join({ cameraId: undefined, microphoneId: undefined, camera: false, microphone: false })
      .catch((e: unknown) => {
        setError(e);
        setJoined(false);
      });
  };
  const errorText = (e: unknown): string => t(joinFailureWords(e));

  return (
    <section className="card booth-console" aria-labelledby="booth-title">
      <h1 id="booth-title">{t('interp.console.title')}</h1>
      <p data-testid="meeting-state" data-state={snapshot.state}>
        {t('meeting.state', { state: snapshot.state })}
      </p>
      {Boolean(error) && <p role="alert">{errorText(error)}</p>}
      {snapshot.ended === 'removed' && <p role="alert">{t('meeting.removed')}</p>}
      {!joined && (
        <button
          type="button"
          onClick={enter}
          data-testid="enter-booth"
          disabled={encrypted === undefined}
        >
          {t('interp.console.enter')}
        </button>
      )}
      {joined && snapshot.state !== ConnectionState.Disconnected && (
        <>
          <BoothConsole
            room={meeting.room}
            tiles={snapshot.tiles}
            sessionId={sessionId}
            me={{ participantId: me.participantId, summitId: me.summitId }}
          />
          <button
            type="button"
            onClick={() => void meeting.leave().then(() => setJoined(false))}
            data-testid="leave"
          >
            <LeaveIcon /> {t('meeting.leave')}
          </button>
        </>
      )}
    </section>
  );
}

/** The route `/sessions/:sessionId/booth`. */
export default function InterpreterConsoleRoute() {
  const sessionId = useRouteParam('sessionId');
  return <InterpreterConsole sessionId={sessionId} />;
}
