import { useEffect, useId, useRef, useState } from 'react';
import { ConnectionQuality, ConnectionState, type Track } from 'livekit-client';
import type { Me, ParticipantMetadata } from '@majlis/shared';
import type { Tile } from '../media/meeting.ts';
import { useMeeting } from '../media/useMeeting.ts';
import { CONNECTION_WORDS, joinFailureWords } from '../media/connectionWords.ts';
import { ErrorAlert } from '../components/Alerts.tsx';
import { useMe } from '../components/Me.tsx';
import { useRouteParam } from '../components/routeParam.ts';
import { FloorPanel } from '../components/floor/FloorPanel.tsx';
import { ChannelPicker } from '../components/interpretation/ChannelPicker.tsx';
import { VotePanel } from '../components/votes/VotePanel.tsx';
import { useDevices, usePreview } from '../media/devices.ts';
import { LeaveIcon, useFormat, useT, type MessageKey } from '../i18n/index.ts';

/** Roles that may ever publish in some session; the others only watch and listen. */
const MAY_PUBLISH: ReadonlySet<string> = new Set([
  'chair',
  'head_of_delegation',
  'delegate',
  'interpreter',
]);
const WATCHERS: ReadonlySet<string> = new Set(['observer', 'press', 'organiser']);

const ROLE_WORDS: Readonly<Record<ParticipantMetadata['role'], MessageKey>> = {
  organiser: 'meeting.role.organiser',
  chair: 'meeting.role.chair',
  head_of_delegation: 'meeting.role.head_of_delegation',
  delegate: 'meeting.role.delegate',
  adviser: 'meeting.role.adviser',
  interpreter: 'meeting.role.interpreter',
  observer: 'meeting.role.observer',
  press: 'meeting.role.press',
  spokesperson: 'meeting.role.spokesperson',
};

const QUALITY_WORDS: Readonly<Record<ConnectionQuality, MessageKey>> = {
  [ConnectionQuality.Excellent]: 'meeting.quality.excellent',
  [ConnectionQuality.Good]: 'meeting.quality.good',
  [ConnectionQuality.Poor]: 'meeting.quality.poor',
  [ConnectionQuality.Lost]: 'meeting.quality.lost',
  [ConnectionQuality.Unknown]: 'meeting.quality.unknown',
};

/** Regional-indicator letters: the flag the reader's system draws for a state's code. */
const flagOf = (code: string): string =>
  /^[A-Z]{2}$/.test(code)
    ? String.fromCodePoint(0x1f1e6 + code.charCodeAt(0) - 65, 0x1f1e6 + code.charCodeAt(1) - 65)
    : '🌐';

function MediaView({
  track,
  kind,
  label,
}: {
  track: Track | undefined;
  kind: 'video' | 'audio';
  label?: string;
}) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !track) return;
    track.attach(el);
    return () => void track.detach(el);
  }, [track]);
  return kind === 'video' ? (
    <video ref={ref} autoPlay playsInline muted className="tile-video" aria-label={label} />
  ) : (
    <audio ref={ref} autoPlay />
  );
}

function Badge({ badge, fallback }: { badge: ParticipantMetadata | undefined; fallback: string }) {
  const t = useT();
  const format = useFormat();
  if (!badge) return <bdi>{fallback}</bdi>;
  const delegation = badge.delegation;
  return (
    <span className="badge" data-testid="badge">
      {delegation && (
        <span className="badge-delegation">
          <span aria-hidden="true">{flagOf(delegation.code)}</span>{' '}
          {format.countryName(delegation.code)}
        </span>
      )}
      <bdi className="badge-name">{badge.name}</bdi>
      <span className="badge-role">{t(ROLE_WORDS[badge.role])}</span>
      <span className="badge-verified" title={t('meeting.verifiedHint')}>
        {t('meeting.verified')}
      </span>
    </span>
  );
}

function TileView({ tile, large }: { tile: Tile; large?: boolean }) {
  const t = useT();
  return (
    <figure
      className={`tile${tile.speaking ? ' speaking' : ''}${large ? ' tile-large' : ''}`}
      data-testid="tile"
      data-identity={tile.identity}
    >
      {tile.video ? (
        <MediaView track={tile.video} kind="video" label={tile.badge?.name ?? tile.identity} />
      ) : (
        <div className="tile-video tile-novideo" aria-hidden="true" />
      )}
      {tile.audio && <MediaView track={tile.audio} kind="audio" />}
      <figcaption>
        <Badge badge={tile.badge} fallback={tile.identity} />
        {tile.isLocal && <span className="badge-you">{t('meeting.you')}</span>}
        <span className={`quality quality-${tile.quality}`}>{t(QUALITY_WORDS[tile.quality])}</span>
      </figcaption>
    </figure>
  );
}

function PreJoin({
  me,
  onJoin,
}: {
  me: Me;
  onJoin: (devices: { cameraId: string | undefined; microphoneId: string | undefined }) => void;
}) {
  const t = useT();
  const mayPublish = MAY_PUBLISH.has(me.role);
  const [cameraId, setCameraId] = useState<string | undefined>();
  const [microphoneId, setMicrophoneId] = useState<string | undefined>();
  const preview = usePreview(mayPublish, cameraId, microphoneId);
  const devices = useDevices(mayPublish && preview.video !== undefined);
  const camId = useId();
  const micId = useId();
  return (
    <div className="prejoin" data-testid="prejoin">
      {mayPublish ? (
        <>
          <div className="prejoin-preview">
            {preview.video ? (
              <MediaView track={preview.video} kind="video" label={t('meeting.cameraPreview')} />
            ) : (
              <div className="tile-video tile-novideo" />
            )}
            <label htmlFor={`${micId}-level`}>{t('meeting.micLevel')}</label>
            <meter id={`${micId}-level`} min={0} max={1} value={preview.level} />
          </div>
          {preview.failed && <p role="alert">{t('meeting.devicesFailed')}</p>}
          <div className="form">
            <label htmlFor={camId}>{t('meeting.camera')}</label>
            <select
              id={camId}
              value={cameraId ?? ''}
              onChange={(e) => setCameraId(e.target.value || undefined)}
            >
              {devices.cameras.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || t('meeting.deviceNumber', { n: i + 1 })}
                </option>
              ))}
            </select>
            <label htmlFor={micId}>{t('meeting.microphone')}</label>
            <select
              id={micId}
              value={microphoneId ?? ''}
              onChange={(e) => setMicrophoneId(e.target.value || undefined)}
            >
              {devices.microphones.map((d, i) => (
                <option key={d.deviceId} value={d.deviceId}>
                  {d.label || t('meeting.deviceNumber', { n: i + 1 })}
                </option>
              ))}
            </select>
          </div>
          <p>{t('meeting.publishNote')}</p>
        </>
      ) : (
        <p>{t('meeting.watchOnly')}</p>
      )}
      <button type="button" onClick={() => onJoin({ cameraId, microphoneId })} data-testid="join">
        {t('meeting.join')}
      </button>
    </div>
  );
}

/**
 * A session's meeting room: pre-join with device choice, then the grid (or
 * speaker focus), each tile with the delegation badge from server-set
 * metadata. Observers and press get a stage view and no publishing controls.
 */
export function Meeting({ sessionId }: { sessionId: string }) {
  const t = useT();
  const { meeting, snapshot } = useMeeting(sessionId);
  const signedIn = useMe().state;
  const [error, setError] = useState<unknown>();
  const [joined, setJoined] = useState(false);
  const [focus, setFocus] = useState(false);

  const join = (devices: { cameraId: string | undefined; microphoneId: string | undefined }) => {
    setError(undefined);
    setJoined(true);
    meeting.join(devices).catch((e: unknown) => {
      setError(e);
      setJoined(false);
    });
  };

  const errorText = (e: unknown): string => t(joinFailureWords(e));

  if (signedIn.kind === 'loading') return <p>{t('meeting.loading')}</p>;
  if (signedIn.kind === 'failed') return <ErrorAlert error={signedIn.error} />;
  // Who is signed in comes from the shell's one `GET /me`.
  const me = signedIn.me;
  if (me === null) return <p role="alert">{t('meeting.error.signIn')}</p>;

  const watcher = WATCHERS.has(me.role);
  const reconnecting =
    snapshot.state === ConnectionState.Reconnecting ||
    snapshot.state === ConnectionState.SignalReconnecting;
  const stage = snapshot.tiles.filter((tile) => !tile.isLocal && tile.video !== undefined);
  const speaker =
    stage.find((tile) => tile.speaking) ??
    stage.find((tile) => tile.badge?.role === 'chair') ??
    stage[0];

  return (
    <section className="card meeting" aria-labelledby="meeting-title">
      <h1 id="meeting-title">{t('meeting.title')}</h1>
      <p data-testid="meeting-state" data-state={snapshot.state}>
        {t('meeting.state', { state: t(CONNECTION_WORDS[snapshot.state]) })}
      </p>
      {Boolean(error) && <p role="alert">{errorText(error)}</p>}
      {snapshot.ended === 'removed' && <p role="alert">{t('meeting.removed')}</p>}
      {snapshot.ended === 'failed' && <p role="alert">{t('meeting.error.media')}</p>}
      {reconnecting && (
        <p role="status" className="reconnecting" data-testid="reconnecting">
          {t('meeting.reconnecting')}
        </p>
      )}
      {!joined && <PreJoin me={me} onJoin={join} />}
      {joined && snapshot.state !== ConnectionState.Disconnected && (
        <>
          <div className="meeting-controls" role="toolbar" aria-label={t('meeting.controls')}>
            {!watcher && (
              <button type="button" aria-pressed={focus} onClick={() => setFocus((f) => !f)}>
                {focus ? t('meeting.gridView') : t('meeting.speakerView')}
              </button>
            )}
            <button
              type="button"
              onClick={() => void meeting.leave().then(() => setJoined(false))}
              data-testid="leave"
            >
              <LeaveIcon /> {t('meeting.leave')}
            </button>
          </div>
          <ChannelPicker room={meeting.room} sessionId={sessionId} />
          <FloorPanel
            sessionId={sessionId}
            me={me}
            nameOf={(participantId) =>
              snapshot.tiles.find((tile) => tile.badge?.participantId === participantId)?.badge
                ?.name
            }
          />
          <VotePanel sessionId={sessionId} me={me} />
          {watcher ? (
            <div className="stage" data-testid="stage">
              {speaker ? <TileView tile={speaker} large /> : <p>{t('meeting.waitingForFloor')}</p>}
              {snapshot.tiles
                .filter((tile) => !tile.isLocal && tile.audio !== undefined && tile !== speaker)
                .map((tile) => (
                  <MediaView key={tile.identity} track={tile.audio} kind="audio" />
                ))}
            </div>
          ) : focus && speaker ? (
            <div className="stage">
              <TileView tile={speaker} large />
              <div className="grid grid-small">
                {snapshot.tiles
                  .filter((tile) => tile !== speaker)
                  .map((tile) => (
                    <TileView key={tile.identity} tile={tile} />
                  ))}
              </div>
            </div>
          ) : (
            <div className="grid" data-testid="grid">
              {snapshot.tiles.map((tile) => (
                <TileView key={tile.identity} tile={tile} />
              ))}
            </div>
          )}
        </>
      )}
    </section>
  );
}

/** The route `/sessions/:sessionId`. */
export default function MeetingRoute() {
  const sessionId = useRouteParam('sessionId');
  return <Meeting sessionId={sessionId} />;
}
