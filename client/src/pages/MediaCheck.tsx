import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { useSearchParams } from 'react-router';
import {
  ConnectionState,
  RoomEvent,
  Track,
  type LocalTrack,
  type RemoteTrack,
  type Room,
} from 'livekit-client';
import { requestMediaCheckToken } from '../api/media.ts';
import { useMediaRoom } from '../media/useMediaRoom.ts';
import { useMicrophoneLevel } from '../media/level.ts';
import { CONNECTION_WORDS } from '../media/connectionWords.ts';
import { errorMessage, LeaveIcon, Message, useT } from '../i18n/index.ts';

/** Same bounds as `MediaCheckTokenRequest` in shared/, shown in the hint. */
const ROOM_CODE_MIN = 6;
const ROOM_CODE_MAX = 48;

function TrackView({ track, kind }: { track: RemoteTrack | undefined; kind: 'video' | 'audio' }) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !track) return;
    track.attach(el);
    return () => void track.detach(el);
  }, [track]);
  return kind === 'video' ? (
    <video ref={ref} autoPlay playsInline muted className="tile-video" />
  ) : (
    <audio ref={ref} autoPlay />
  );
}

/**
 * The camera and microphone this page publishes, as they are published:
 * connecting comes before publishing, so they are followed by event, not
 * read once when the connection opens (the preview stayed black).
 */
function useLocalTracks(room: Room | undefined) {
  const [tracks, setTracks] = useState<{ video?: LocalTrack; audio?: LocalTrack }>({});
  useEffect(() => {
    if (room === undefined) return;
    const read = () =>
      setTracks({
        video: room.localParticipant.getTrackPublication(Track.Source.Camera)?.track,
        audio: room.localParticipant.getTrackPublication(Track.Source.Microphone)?.track,
      });
    read();
    room.on(RoomEvent.LocalTrackPublished, read).on(RoomEvent.LocalTrackUnpublished, read);
    return () => {
      room.off(RoomEvent.LocalTrackPublished, read).off(RoomEvent.LocalTrackUnpublished, read);
      setTracks({});
    };
  }, [room]);
  return tracks;
}

function LocalPreview({ room }: { room: Room | undefined }) {
  const t = useT();
  const meterId = useId();
  const ref = useRef<HTMLVideoElement>(null);
  const { video, audio } = useLocalTracks(room);
  const level = useMicrophoneLevel(audio?.mediaStreamTrack);
  useEffect(() => {
    const el = ref.current;
    if (!el || !video) return;
    video.attach(el);
    return () => void video.detach(el);
  }, [video]);
  return (
    <>
      <video
        ref={ref}
        autoPlay
        playsInline
        muted
        className="tile-video"
        aria-label={t('mediaCheck.yourCamera')}
        data-testid="own-preview"
      />
      <label htmlFor={meterId}>{t('mediaCheck.micLevel')}</label>
      <meter id={meterId} min={0} max={1} value={level} data-testid="mic-level" />
    </>
  );
}

/**
 * Two people open the same room code and check that each sees and hears the
 * other. Nothing here touches a summit session.
 */
export function MediaCheck() {
  const t = useT();
  const hintId = useId();
  const [params] = useSearchParams();
  const [roomCode, setRoomCode] = useState(params.get('room') ?? '');
  const [name, setName] = useState(params.get('name') ?? '');
  // The error itself, not its text: it is rendered in whatever language is current.
  const [formError, setFormError] = useState<{ error: unknown } | undefined>();
  const media = useMediaRoom();
  const connected = media.state === ConnectionState.Connected;

  const submit = async (e?: SyntheticEvent) => {
    e?.preventDefault();
    setFormError(undefined);
    try {
      const details = await requestMediaCheckToken({ room: roomCode, displayName: name });
      // ?publish=0 joins to listen and watch only, e.g. from a shared room.
      await media.join(details, { publish: params.get('publish') !== '0' });
    } catch (error) {
      setFormError({ error });
    }
  };

  const autojoin = params.get('autojoin') === '1';
  const started = useRef(false);
  useEffect(() => {
    if (autojoin && !started.current) {
      started.current = true;
      void submit();
    }
    // Only on first render: the URL asked to join straight away.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The media layer reports LiveKit's own English text; the reader gets ours.
  const alert = formError
    ? errorMessage(formError.error, t, {
        room: t('mediaCheck.roomCode'),
        displayName: t('mediaCheck.yourName'),
      })
    : media.error !== undefined
      ? t('mediaCheck.mediaFailed')
      : undefined;

  return (
    <section className="card" aria-labelledby="mc-title">
      <h1 id="mc-title">{t('mediaCheck.title')}</h1>
      <p>{t('mediaCheck.intro')}</p>
      {!connected && (
        <form onSubmit={(e) => void submit(e)} className="form">
          <label>
            {t('mediaCheck.roomCode')}
            <input
              value={roomCode}
              onChange={(e) => setRoomCode(e.target.value)}
              required
              // Browsers compile `pattern` with the `v` flag, where a bare `-` at the end of a class is an error.
              pattern={`[a-z0-9\\-]{${ROOM_CODE_MIN},${ROOM_CODE_MAX}}`}
              aria-describedby={hintId}
              autoComplete="off"
              spellCheck={false}
              dir="ltr"
            />
          </label>
          <label>
            {t('mediaCheck.yourName')}
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={80}
              autoComplete="name"
              dir="auto"
            />
          </label>
          <button type="submit">{t('mediaCheck.join')}</button>
          <p id={hintId} className="hint">
            {t('mediaCheck.roomCodeHint', { min: ROOM_CODE_MIN, max: ROOM_CODE_MAX })}
          </p>
        </form>
      )}
      {alert !== undefined && (
        <p role="alert" className="bad">
          {alert}
        </p>
      )}
      <p data-testid="connection-state">
        {t('mediaCheck.connection', { state: t(CONNECTION_WORDS[media.state]) })}
      </p>
      {connected && (
        <>
          <p aria-live="polite">{t('mediaCheck.others', { count: media.tiles.length })}</p>
          <div className="grid">
            <figure className="tile">
              <LocalPreview room={media.room.current} />
              <figcaption>
                <Message id="mediaCheck.you" values={{ name: <bdi>{name}</bdi> }} />
              </figcaption>
            </figure>
            {media.tiles.map((tile) => (
              <figure className="tile" key={tile.identity} data-testid="remote-tile">
                <TrackView track={tile.video} kind="video" />
                <TrackView track={tile.audio} kind="audio" />
                <figcaption>
                  <bdi>{tile.name}</bdi>
                </figcaption>
              </figure>
            ))}
          </div>
          <button type="button" className="with-icon" onClick={() => void media.leave()}>
            <LeaveIcon />
            {t('mediaCheck.leave')}
          </button>
        </>
      )}
    </section>
  );
}

export default MediaCheck;
