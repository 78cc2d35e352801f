import { useEffect, useRef, useState, type SyntheticEvent } from 'react';
import { ConnectionState, Track, type RemoteTrack, type Room } from 'livekit-client';
import { requestMediaCheckToken } from '../api.ts';
import { useMediaRoom } from '../media/useMediaRoom.ts';

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

function LocalPreview({ room, connected }: { room: Room | undefined; connected: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const track = room?.localParticipant.getTrackPublication(Track.Source.Camera)?.track;
    const el = ref.current;
    if (!el || !track) return;
    track.attach(el);
    return () => void track.detach(el);
  }, [room, connected]);
  return (
    <video ref={ref} autoPlay playsInline muted className="tile-video" aria-label="Your camera" />
  );
}

/**
 * Two people open the same room code and check that each sees and hears the
 * other. Nothing here touches a summit session.
 */
export function MediaCheck() {
  const params = new URLSearchParams(window.location.search);
  const [roomCode, setRoomCode] = useState(params.get('room') ?? '');
  const [name, setName] = useState(params.get('name') ?? '');
  const [formError, setFormError] = useState<string | undefined>();
  const media = useMediaRoom();
  const connected = media.state === ConnectionState.Connected;

  const submit = async (e?: SyntheticEvent) => {
    e?.preventDefault();
    setFormError(undefined);
    try {
      const details = await requestMediaCheckToken({ room: roomCode, displayName: name });
      // ?publish=0 joins to listen and watch only, e.g. from a shared room.
      await media.join(details, { publish: params.get('publish') !== '0' });
    } catch (err) {
      setFormError(err instanceof Error ? err.message : String(err));
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

  return (
    <section className="card" aria-labelledby="mc-title">
      <h1 id="mc-title">Media check</h1>
      {!connected && (
        <form onSubmit={(e) => void submit(e)} className="form">
          <label>
            Room code
            <input
              value={roomCode}
              onChange={(e) => setRoomCode(e.target.value)}
              required
              pattern="[a-z0-9-]{6,48}"
            />
          </label>
          <label>
            Your name
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} />
          </label>
          <button type="submit">Join</button>
        </form>
      )}
      {(formError ?? media.error) && (
        <p role="alert" className="bad">
          {formError ?? media.error}
        </p>
      )}
      <p data-testid="connection-state">Connection: {media.state}</p>
      {connected && (
        <>
          <div className="grid">
            <figure className="tile">
              <LocalPreview room={media.room.current} connected={connected} />
              <figcaption>You ({name})</figcaption>
            </figure>
            {media.tiles.map((t) => (
              <figure className="tile" key={t.identity} data-testid="remote-tile">
                <TrackView track={t.video} kind="video" />
                <TrackView track={t.audio} kind="audio" />
                <figcaption>{t.name}</figcaption>
              </figure>
            ))}
          </div>
          <button type="button" onClick={() => void media.leave()}>
            Leave
          </button>
        </>
      )}
    </section>
  );
}
