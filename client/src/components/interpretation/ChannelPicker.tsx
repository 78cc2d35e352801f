import { useEffect, useId } from 'react';
import { ConnectionState, type Room } from 'livekit-client';
import { FLOOR, ListeningChoice, ParticipantMetadata } from '@majlis/shared';
import { Link } from 'react-router';
import { useFormat, useT } from '../../i18n/index.ts';
import { TrackAudio } from './TrackAudio.tsx';
import { reportChannel, useInterpretation } from './useInterpretation.ts';
import { useListening } from './useListening.ts';
import './interpretation.css';

const localRole = (room: Room): string | undefined => {
  try {
    const parsed = ParticipantMetadata.safeParse(JSON.parse(room.localParticipant.metadata ?? ''));
    return parsed.success ? parsed.data.role : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The listener's choice (INTERP-1): the floor or one language, with the
 * original kept low underneath if wished. Remembered on this device; the
 * server is told, so reach can be counted by language.
 */
export function ChannelPicker({ room, sessionId }: { room: Room; sessionId: string }) {
  const t = useT();
  const format = useFormat();
  const id = useId();
  const { view } = useInterpretation(sessionId);
  const { listening, snapshot } = useListening(room, view, { remember: true });
  const choice = snapshot.choice;
  const connected = room.state === ConnectionState.Connected;

  useEffect(() => {
    if (view === undefined || !connected) return;
    reportChannel(sessionId, choice).catch(() => {
      // Figures only: listening goes on even if the server misses one report.
    });
  }, [sessionId, choice, view, connected]);

  if (snapshot.languages.length === 0) return null;
  const interpreter = localRole(room) === 'interpreter';
  return (
    <section className="channel-picker" aria-labelledby={`${id}-label`} data-testid="channels">
      <label id={`${id}-label`} htmlFor={id}>
        {t('interp.listen.label')}
      </label>
      <select
        id={id}
        data-testid="channel-picker"
        value={snapshot.choice}
        onChange={(e) => {
          const parsed = ListeningChoice.safeParse(e.target.value);
          if (parsed.success) listening.choose(parsed.data);
        }}
      >
        <option value={FLOOR}>{t('interp.floor')}</option>
        {snapshot.languages.map((lang) => (
          <option key={lang} value={lang}>
            {format.languageName(lang)}
          </option>
        ))}
      </select>
      <label className="channel-underneath">
        <input
          type="checkbox"
          data-testid="original-underneath"
          checked={snapshot.originalUnderneath}
          disabled={snapshot.choice === FLOOR}
          onChange={(e) => listening.setOriginalUnderneath(e.target.checked)}
        />{' '}
        {t('interp.originalUnderneath')}
      </label>
      {snapshot.choice !== FLOOR && !snapshot.channelLive && (
        <p role="status">{t('interp.channelSilent')}</p>
      )}
      <TrackAudio track={snapshot.channelTrack} />
      {interpreter && (
        <Link to={`/sessions/${encodeURIComponent(sessionId)}/booth`}>
          {t('interp.openConsole')}
        </Link>
      )}
    </section>
  );
}
