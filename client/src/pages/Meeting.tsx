import { useEffect, useId, useRef, useState } from 'react';
import { ConnectionQuality, ConnectionState, type Track } from 'livekit-client';
import type {
  AgendaItem,
  FloorCommand,
  Me,
  ParticipantMetadata,
  Session,
  SessionKind,
  Summit,
} from '@majlis/shared';
import type { DeviceChoice, Tile } from '../media/meeting.ts';
import { useMeeting } from '../media/useMeeting.ts';
import { CONNECTION_WORDS, joinFailureWords } from '../media/connectionWords.ts';
import { getSession, getSummit, listAgendaItems } from '../api/summits.ts';
import { ErrorAlert } from '../components/Alerts.tsx';
import { useMe } from '../components/Me.tsx';
import { useRouteParam } from '../components/routeParam.ts';
import { FloorPanel } from '../components/floor/FloorPanel.tsx';
import { useFloor } from '../components/floor/useFloor.ts';
import { VotePanel } from '../components/votes/VotePanel.tsx';
import { ChairTools } from '../components/session/ChairTools.tsx';
import { ControlBar } from '../components/session/ControlBar.tsx';
import { SecurityCode } from '../components/session/SecurityCode.tsx';
import {
  ClosedNotice,
  RoomHeader,
  SideTabs,
  WaitingRoom,
  type PanelTab,
} from '../components/session/RoomFrame.tsx';
import { useChairMuted, useFlash, useSessionLife } from '../components/session/live.ts';
import { call } from '../realtime/socket.ts';
import { LobbyPanel, SecretariatInvite } from '../components/lobby/LobbyPanel.tsx';
import { useLobbyDecision } from '../components/lobby/useLobby.ts';
import { ApiError } from '../api/http.ts';
import { floorRefusalWords, refusalWords } from '../components/session/words.ts';
import '../components/session/session.css';
import { useDevices, usePreview } from '../media/devices.ts';
import { stagePage } from '../media/stagePages.ts';
import { useFormat, useT, type MessageKey } from '../i18n/index.ts';

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

/** Two letters for a tile without video (MEET layout): no black tiles for silent people. */
const initialsOf = (name: string): string =>
  name
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 2)
    .map((w) => w[0]?.toLocaleUpperCase() ?? '')
    .join('');

function TileView({ tile, large }: { tile: Tile; large?: boolean }) {
  const t = useT();
  const code = tile.badge?.delegation?.code;
  return (
    <figure
      className={`tile${tile.speaking ? ' speaking' : ''}${large ? ' tile-large' : ''}`}
      data-testid="tile"
      data-identity={tile.identity}
    >
      {tile.video ? (
        <MediaView track={tile.video} kind="video" label={tile.badge?.name ?? tile.identity} />
      ) : (
        <div className="tile-video tile-novideo" aria-hidden="true">
          <span className="tile-initials">{initialsOf(tile.badge?.name ?? tile.identity)}</span>
          {code !== undefined && <span className="tile-flag">{flagOf(code)}</span>}
        </div>
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

/** What the pre-join page says about your microphone depends on the session and your role (MEET-5). */
function publishNoteOf(kind: SessionKind | undefined, role: string): MessageKey {
  if (role === 'chair') return 'room.prejoin.chair';
  if (kind === 'bilateral') return 'room.prejoin.bilateral';
  return 'meeting.publishNote';
}

function PreJoin({
  me,
  kind,
  onJoin,
}: {
  me: Me;
  kind: SessionKind | undefined;
  onJoin: (devices: DeviceChoice) => void;
}) {
  const t = useT();
  const mayPublish = MAY_PUBLISH.has(me.role);
  const [cameraId, setCameraId] = useState<string | undefined>();
  const [microphoneId, setMicrophoneId] = useState<string | undefined>();
  const [camera, setCamera] = useState(true);
  const [microphone, setMicrophone] = useState(true);
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
            <label>
              <input
                type="checkbox"
                checked={camera}
                onChange={(e) => setCamera(e.target.checked)}
                data-testid="prejoin-camera"
              />{' '}
              {t('room.prejoin.cameraOn')}
            </label>
            {(kind === 'bilateral' || me.role === 'chair') && (
              <label>
                <input
                  type="checkbox"
                  checked={microphone}
                  onChange={(e) => setMicrophone(e.target.checked)}
                  data-testid="prejoin-microphone"
                />{' '}
                {t('room.prejoin.microphoneOn')}
              </label>
            )}
          </div>
          <p data-testid="publish-note">{t(publishNoteOf(kind, me.role))}</p>
        </>
      ) : (
        <p>{t('meeting.watchOnly')}</p>
      )}
      <button
        type="button"
        onClick={() => onJoin({ cameraId, microphoneId, camera, microphone })}
        data-testid="join"
      >
        {t('meeting.join')}
      </button>
    </div>
  );
}

/** Who is in the room; the chair can mute anyone's microphone at the SFU (MEET-3). */
function ParticipantsList({
  tiles,
  presiding,
  onMute,
}: {
  tiles: readonly Tile[];
  presiding: boolean;
  onMute: (participantId: string) => void;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <div data-testid="participants">
      <p className="muted">{t('room.participants.count', { n: tiles.length })}</p>
      <ul className="participants">
        {tiles.map((tile) => {
          const name = tile.badge?.name ?? tile.identity;
          const code = tile.badge?.delegation?.code;
          const live = tile.audio !== undefined && !tile.audio.isMuted;
          const id = tile.badge?.participantId ?? null;
          return (
            <li key={tile.identity} data-identity={tile.identity}>
              <span aria-hidden="true">{code !== undefined ? flagOf(code) : ''}</span>{' '}
              <bdi>{name}</bdi>
              {code !== undefined && <span className="muted"> {format.countryName(code)}</span>}
              {live && <span className="live-dot">{t('room.participants.speaking')}</span>}
              {presiding && !tile.isLocal && live && id !== null && (
                <button
                  type="button"
                  className="small"
                  data-testid="mute-participant"
                  aria-label={t('room.chair.muteName', { name })}
                  onClick={() => onMute(id)}
                >
                  {t('room.chair.mute')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

interface RoomContext {
  session: Session;
  summit: Summit;
  agenda: AgendaItem[];
}

/** The session, its summit and agenda: titles for the header, items for the chair. */
function useRoomContext(sessionId: string): { context: RoomContext | undefined; failure: unknown } {
  const [state, setState] = useState<{ context?: RoomContext; failure?: unknown }>({});
  useEffect(() => {
    // An object, not a let: the cleanup flips it after the closure was made.
    const guard = { live: true };
    void (async () => {
      const session = await getSession(sessionId);
      const [summit, agenda] = await Promise.all([
        getSummit(session.summitId),
        listAgendaItems(sessionId),
      ]);
      return { session, summit, agenda };
    })().then(
      (context) => guard.live && setState({ context }),
      (failure: unknown) => guard.live && setState({ failure }),
    );
    return () => {
      guard.live = false;
    };
  }, [sessionId]);
  return state.context === undefined
    ? { context: undefined, failure: state.failure }
    : { context: state.context, failure: undefined };
}

/**
 * A session's meeting room. Before the chair opens the session, a waiting
 * page; once open, the conference layout people know: a header (summit,
 * session, agenda item, clock), the stage first, a side panel of tabs
 * (speakers list, votes, participants) and a control bar (MEET-1 … MEET-5).
 * A bilateral has no list and no votes: both delegations speak freely.
 */
export function Meeting({ sessionId }: { sessionId: string }) {
  const t = useT();
  const signedIn = useMe().state;
  const { context, failure: contextFailure } = useRoomContext(sessionId);
  // CONF-1: closed and bilateral rooms are end-to-end encrypted; joining waits for the session.
  const { meeting, snapshot } = useMeeting(
    sessionId,
    context?.session.kind === 'closed' || context?.session.kind === 'bilateral',
  );
  const life = useSessionLife(sessionId);
  const [error, setError] = useState<unknown>();
  const [joined, setJoined] = useState(false);
  const [focus, setFocus] = useState(false);
  const [gridPageAsked, setGridPageAsked] = useState(0);
  // The grid pages at 25 tiles; only the cameras on the page shown are received (MEET layout).
  const gridPage = stagePage(snapshot.tiles, gridPageAsked);
  const watching = signedIn.kind === 'known' && WATCHERS.has(signedIn.me?.role ?? '');
  const gridMode = !focus && !watching;
  const shownKey = gridMode ? gridPage.tiles.map((tile) => tile.identity).join('\n') : null;
  useEffect(() => {
    meeting.showCameras(shownKey === null ? undefined : new Set(shownKey.split('\n')));
  }, [meeting, shownKey]);
  const { flash, show } = useFlash<string>();
  const kind = context?.session.kind;
  const bilateral = kind === 'bilateral';
  // CONF-5: closed and bilateral sessions have a lobby; ACCESS-8: heads invite the secretariat.
  const confidential = bilateral || kind === 'closed';
  const floor = useFloor(sessionId);
  const me = signedIn.kind === 'known' ? signedIn.me : null;
  const myId = me?.kind === 'participant' ? me.participantId : null;
  const presiding =
    me?.kind === 'organiser' || (myId !== null && context?.session.chairId === myId);
  const state = life.progress?.state;

  useChairMuted(sessionId, (participantId) => {
    if (participantId === myId) show(t('room.mutedByChair'));
  });
  // MEET-2: a closed session empties the room; everyone's page leaves it too.
  useEffect(() => {
    if (state === 'closed' && joined) void meeting.leave().then(() => setJoined(false));
  }, [state, joined, meeting]);

  // CONF-5: the devices chosen when knocking, to join with them once the chair admits.
  const knockedWith = useRef<DeviceChoice | undefined>(undefined);
  const join = (devices: DeviceChoice) => {
    knockedWith.current = devices;
    setError(undefined);
    setJoined(true);
    meeting.join(devices).catch((e: unknown) => {
      setError(e);
      setJoined(false);
    });
  };
  useLobbyDecision(sessionId, (status) => {
    if (status === 'admitted' && knockedWith.current !== undefined) join(knockedWith.current);
  });
  const refused = (err: unknown) => show(refusalWords(err, t));
  const floorRefused = (err: unknown, command: FloorCommand) =>
    show(
      floorRefusalWords(
        err,
        command,
        floor.floor,
        me?.kind === 'participant' ? me.delegationId : null,
        t,
      ),
    );
  const sendFloor = (command: FloorCommand) => {
    floor.send(command).catch((err: unknown) => floorRefused(err, command));
  };

  if (signedIn.kind === 'loading') return <p>{t('meeting.loading')}</p>;
  if (signedIn.kind === 'failed') return <ErrorAlert error={signedIn.error} />;
  // Who is signed in comes from the shell's one `GET /me`.
  if (me === null) return <p role="alert">{t('meeting.error.signIn')}</p>;
  if (contextFailure !== undefined)
    return (
      <p role="alert" data-testid="room-failure">
        {t(joinFailureWords(contextFailure))}
      </p>
    );

  const watcher = WATCHERS.has(me.role);
  const reconnecting =
    snapshot.state === ConnectionState.Reconnecting ||
    snapshot.state === ConnectionState.SignalReconnecting;
  const stage = snapshot.tiles.filter((tile) => !tile.isLocal && tile.video !== undefined);
  const speaker =
    stage.find((tile) => tile.speaking) ??
    stage.find((tile) => tile.badge?.role === 'chair') ??
    stage[0];
  const agendaItem = context?.agenda.find((i) => i.id === floor.floor?.agendaItemId);
  const roomFloor = bilateral ? null : floor;
  const inRoom = joined && snapshot.state !== ConnectionState.Disconnected;
  const chairTools =
    presiding && life.progress && context ? (
      <ChairTools
        sessionId={sessionId}
        progress={life.progress}
        act={(a) => void life.act(a).catch(refused)}
        agenda={context.agenda}
        floor={roomFloor}
        onFloor={sendFloor}
      />
    ) : null;

  const lobbyTools = !confidential ? null : presiding ? (
    <details className="lobby-tools" open>
      <summary>{t('lobby.tab')}</summary>
      <LobbyPanel sessionId={sessionId} onRefused={refused} />
    </details>
  ) : bilateral && me.role === 'head_of_delegation' ? (
    <SecretariatInvite sessionId={sessionId} onRefused={refused} />
  ) : null;

  const stageView = watcher ? (
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
    <div className="grid-pages">
      <div className="grid" data-testid="grid">
        {gridPage.tiles.map((tile) => (
          <TileView key={tile.identity} tile={tile} />
        ))}
      </div>
      {gridPage.pageCount > 1 && (
        <nav className="grid-pager" aria-label={t('room.grid.pages')} data-testid="grid-pager">
          <button
            type="button"
            disabled={gridPage.page === 0}
            onClick={() => setGridPageAsked(gridPage.page - 1)}
            data-testid="grid-previous"
          >
            {t('room.grid.previous')}
          </button>
          <span aria-live="polite" data-testid="grid-page">
            {t('room.grid.page', { page: gridPage.page + 1, count: gridPage.pageCount })}
          </span>
          <button
            type="button"
            disabled={gridPage.page === gridPage.pageCount - 1}
            onClick={() => setGridPageAsked(gridPage.page + 1)}
            data-testid="grid-next"
          >
            {t('room.grid.next')}
          </button>
        </nav>
      )}
    </div>
  );

  const tabs: PanelTab[] = [
    ...(roomFloor
      ? [
          {
            id: 'speakers',
            label: 'room.tab.speakers' as const,
            content: (
              <FloorPanel
                sessionId={sessionId}
                me={me}
                live={roomFloor}
                onRefused={floorRefused}
                nameOf={(participantId) =>
                  snapshot.tiles.find((tile) => tile.badge?.participantId === participantId)?.badge
                    ?.name
                }
              />
            ),
          },
          {
            id: 'votes',
            label: 'room.tab.votes' as const,
            content: <VotePanel sessionId={sessionId} me={me} />,
          },
        ]
      : []),
    {
      id: 'participants',
      label: 'room.tab.participants' as const,
      content: (
        <ParticipantsList
          tiles={snapshot.tiles}
          presiding={presiding}
          onMute={(participantId) =>
            void call('chair:mute', { sessionId, participantId, source: 'microphone' }).catch(
              refused,
            )
          }
        />
      ),
    },
  ];

  return (
    <section className="card meeting" aria-labelledby="meeting-title">
      <RoomHeader
        summit={context?.summit}
        session={context?.session}
        progress={life.progress}
        agendaItem={agendaItem}
        floor={roomFloor}
      />
      <p data-testid="meeting-state" data-state={snapshot.state} className="muted">
        {t('meeting.state', { state: t(CONNECTION_WORDS[snapshot.state]) })}
      </p>
      {flash !== undefined && (
        <p role="alert" className="flash" data-testid="flash">
          {flash}
        </p>
      )}
      {Boolean(error) &&
        (confidential && error instanceof ApiError && error.status === 409 ? (
          <div role="status" data-testid="lobby-waiting">
            <h2>{t('lobby.wait.title')}</h2>
            <p>{t('lobby.wait.body')}</p>
          </div>
        ) : (
          <p role="alert">{t(joinFailureWords(error))}</p>
        ))}
      {snapshot.ended === 'removed' && state !== 'closed' && (
        <p role="alert">{t('meeting.removed')}</p>
      )}
      {snapshot.ended === 'failed' && <p role="alert">{t('meeting.error.media')}</p>}
      {reconnecting && (
        <p role="status" className="reconnecting" data-testid="reconnecting">
          {t('meeting.reconnecting')}
        </p>
      )}
      {state === 'suspended' && (
        <p role="status" className="suspended-banner" data-testid="suspended-banner">
          {t('room.suspended')}
        </p>
      )}
      {bilateral && inRoom && <p className="muted">{t('room.bilateral.note')}</p>}
      {inRoom && snapshot.e2ee !== undefined && <SecurityCode e2ee={snapshot.e2ee} />}
      {life.failed && life.progress === undefined && (
        <p role="alert" data-testid="room-failure">
          {t('error.network')}
        </p>
      )}
      {state === 'scheduled' && (
        <WaitingRoom session={context?.session} summit={context?.summit} presiding={chairTools} />
      )}
      {state === 'closed' && <ClosedNotice />}
      {/* Once the session is known: what the pre-join page says depends on its kind (MEET-5). */}
      {(state === 'open' || state === 'suspended') && !inRoom && context !== undefined && (
        <>
          <PreJoin me={me} kind={kind} onJoin={join} />
          {chairTools}
          {lobbyTools}
        </>
      )}
      {(state === 'open' || state === 'suspended') && inRoom && (
        <div className="room-layout">
          <div className="room-main">
            {stageView}
            <ControlBar
              me={me}
              meeting={meeting}
              snapshot={snapshot}
              sessionId={sessionId}
              floor={roomFloor}
              onLeave={() => void meeting.leave().then(() => setJoined(false))}
              onRefused={refused}
              onFloorRefused={floorRefused}
            />
            {!watcher && (
              <button
                type="button"
                className="link"
                aria-pressed={focus}
                onClick={() => setFocus((f) => !f)}
              >
                {focus ? t('meeting.gridView') : t('meeting.speakerView')}
              </button>
            )}
          </div>
          <aside className="room-side" aria-label={t('room.tabs')}>
            {chairTools}
            {lobbyTools}
            <SideTabs tabs={tabs} />
          </aside>
        </div>
      )}
    </section>
  );
}

/** The route `/sessions/:sessionId`. */
export default function MeetingRoute() {
  const sessionId = useRouteParam('sessionId');
  return <Meeting sessionId={sessionId} />;
}
