import { useEffect, useState } from 'react';
import { ConnectionState } from 'livekit-client';
import type { Me } from '@majlis/shared';
import { BoothConsole } from '../components/interpretation/BoothConsole.tsx';
import '../components/interpretation/interpretation.css';
import { LeaveIcon, useT } from '../i18n/index.ts';
import { fetchMe, MeetingError } from '../media/meeting.ts';
import { useMeeting } from '../media/useMeeting.ts';

/**
 * `/sessions/:sessionId/booth`: an interpreter's working place. It joins the
 * session's room like the meeting page (same grant, same renewal) but never
 * publishes into the floor; the console publishes the booth's channel.
 */
export function InterpreterConsole({ sessionId }: { sessionId: string }) {
  const t = useT();
  const { meeting, snapshot } = useMeeting(sessionId);
  const [me, setMe] = useState<Me | undefined | 'anonymous'>();
  const [error, setError] = useState<unknown>();
  const [joined, setJoined] = useState(false);

  useEffect(() => {
    fetchMe().then(
      (m) => setMe(m ?? 'anonymous'),
      (e: unknown) => setError(e),
    );
  }, []);

  if (me === undefined && error === undefined) return <p>{t('meeting.loading')}</p>;
  if (me === 'anonymous') return <p role="alert">{t('meeting.error.signIn')}</p>;
  if (me !== undefined && (me.kind !== 'participant' || me.role !== 'interpreter'))
    return <p role="alert">{t('interp.console.onlyInterpreters')}</p>;

  const enter = () => {
    setError(undefined);
    setJoined(true);
    // No devices to choose: the console opens the microphone itself when the booth goes live.
    meeting.join({ cameraId: undefined, microphoneId: undefined }).catch((e: unknown) => {
      setError(e);
      setJoined(false);
    });
  };
  const errorText = (e: unknown): string => {
    if (e instanceof MeetingError) {
      if (e.status === 403) return t('meeting.error.forbidden');
      if (e.status === 401) return t('meeting.error.signIn');
      if (e.status === 404) return t('meeting.error.notFound');
    }
    return t('meeting.error.media');
  };

  return (
    <section className="card booth-console" aria-labelledby="booth-title">
      <h1 id="booth-title">{t('interp.console.title')}</h1>
      <p data-testid="meeting-state" data-state={snapshot.state}>
        {t('meeting.state', { state: snapshot.state })}
      </p>
      {Boolean(error) && <p role="alert">{errorText(error)}</p>}
      {snapshot.ended === 'removed' && <p role="alert">{t('meeting.removed')}</p>}
      {!joined && (
        <button type="button" onClick={enter} data-testid="enter-booth">
          {t('interp.console.enter')}
        </button>
      )}
      {joined && me?.kind === 'participant' && snapshot.state !== ConnectionState.Disconnected && (
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
