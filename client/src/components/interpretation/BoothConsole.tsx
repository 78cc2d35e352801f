import { useEffect, useId, useMemo, useState, useSyncExternalStore } from 'react';
import type { Room } from 'livekit-client';
import {
  FLOOR,
  ListeningChoice,
  type AgendaItem,
  type BoothView,
  type LanguageCode,
  type Participant,
} from '@majlis/shared';
import { listAgendaItems, listParticipants } from '../../api/summits.ts';
import { LocalizedText, errorMessage, useFormat, useT } from '../../i18n/index.ts';
import type { Tile } from '../../media/meeting.ts';
import { BoothMicrophone, type BoothMicrophoneSnapshot } from './boothMicrophone.ts';
import { TrackAudio } from './TrackAudio.tsx';
import { useFloorSpeaker } from './useFloorSpeaker.ts';
import { handOver, useInterpretation } from './useInterpretation.ts';
import { relayBooths } from './relay.ts';
import { useListening } from './useListening.ts';

const OFF: BoothMicrophoneSnapshot = { allowed: false, published: false, coughing: false };
const idle = () => () => undefined;

function useBoothMicrophone(room: Room, language: LanguageCode | undefined) {
  const mic = useMemo(
    () => (language === undefined ? undefined : new BoothMicrophone(room, language)),
    [room, language],
  );
  useEffect(() => {
    if (mic === undefined) return;
    mic.start();
    return () => mic.stop();
  }, [mic]);
  const snapshot = useSyncExternalStore(
    mic ? (l) => mic.subscribe(l) : idle,
    () => mic?.getSnapshot() ?? OFF,
  );
  return { mic, snapshot };
}

/** Names and languages of the summit's people, for the speaker line. */
function usePeople(summitId: string): ReadonlyMap<string, Participant> {
  const [people, setPeople] = useState<ReadonlyMap<string, Participant>>(new Map());
  useEffect(() => {
    let live = true;
    listParticipants(summitId).then(
      (list) => {
        if (live) setPeople(new Map(list.map((p) => [p.id, p])));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [summitId]);
  return people;
}

function useAgendaItem(sessionId: string, agendaItemId: string | null): AgendaItem | undefined {
  const [items, setItems] = useState<AgendaItem[]>([]);
  useEffect(() => {
    let live = true;
    listAgendaItems(sessionId).then(
      (list) => {
        if (live) setItems(list);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
    // Re-read when the floor moves to another item: its status may have changed too.
  }, [sessionId, agendaItemId]);
  return items.find((i) => i.id === agendaItemId) ?? items.find((i) => i.status === 'current');
}

/** The speaking floor's picture: who holds the floor, else who is speaking, else the chair. */
function floorTile(tiles: readonly Tile[], speakerId: string | null): Tile | undefined {
  const floor = tiles.filter(
    (tile) => !tile.isLocal && tile.video !== undefined && tile.badge?.role !== 'interpreter',
  );
  return (
    floor.find((tile) => speakerId !== null && tile.badge?.participantId === speakerId) ??
    floor.find((tile) => tile.speaking) ??
    floor.find((tile) => tile.badge?.role === 'chair') ??
    floor[0]
  );
}

function FloorVideo({ tile }: { tile: Tile | undefined }) {
  const t = useT();
  const [el, setEl] = useState<HTMLVideoElement | null>(null);
  const track = tile?.video;
  useEffect(() => {
    if (!el || !track) return;
    track.attach(el);
    return () => void track.detach(el);
  }, [el, track]);
  if (!track) return <div className="tile-video tile-novideo" aria-hidden="true" />;
  return (
    <video
      ref={setEl}
      autoPlay
      playsInline
      muted
      className="tile-video"
      aria-label={t('interp.console.floorVideo')}
    />
  );
}

export interface ConsoleProps {
  room: Room;
  tiles: readonly Tile[];
  sessionId: string;
  me: { participantId: string; summitId: string };
}

/**
 * The interpreter's console (INTERP-1): the floor's picture and sound, the
 * source they interpret from (the floor or another booth, for relay), a
 * clear on-air light, hand-over as one action, mute for a cough, and who is
 * speaking in which language under which agenda item.
 */
export function BoothConsole({ room, tiles, sessionId, me }: ConsoleProps) {
  const t = useT();
  const format = useFormat();
  const sourceId = useId();
  const { view, failed } = useInterpretation(sessionId);
  const booth: BoothView | undefined = view?.booths.find((b) =>
    b.interpreters.some((i) => i.participantId === me.participantId),
  );
  const { listening, snapshot: hearing } = useListening(room, view, {
    remember: false,
    initial: { choice: FLOOR, originalUnderneath: false },
  });
  const { mic, snapshot: micState } = useBoothMicrophone(room, booth?.language);
  const floor = useFloorSpeaker(sessionId);
  const people = usePeople(me.summitId);
  const agendaItem = useAgendaItem(sessionId, floor.agendaItemId);
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  if (view === undefined) return failed ? <p role="alert">{t('error.network')}</p> : null;
  if (booth === undefined) return <p role="alert">{t('interp.console.notInBooth')}</p>;

  const language = booth.language;
  const self = booth.interpreters.find((i) => i.participantId === me.participantId);
  const partners = booth.interpreters.filter((i) => i.participantId !== me.participantId);
  const live = booth.active === me.participantId;
  const liveName = booth.interpreters.find((i) => i.participantId === booth.active)?.name;
  const state = live && micState.published ? (micState.coughing ? 'cough' : 'on') : 'off';
  const source = hearing.choice;
  // Relay only from a booth someone is interpreting in; the one chosen stays listed when it falls silent.
  const relays = relayBooths(view.booths, language, source);

  const act = (to: string | null) => {
    setError(undefined);
    setPending(true);
    handOver(sessionId, language, to)
      .catch((err: unknown) => {
        setError(errorMessage(err, t));
      })
      .finally(() => setPending(false));
  };

  // Who holds the floor; before anyone is given it (the chair opening), whoever is speaking.
  const speakerId =
    floor.speakerId ??
    tiles.find((tile) => !tile.isLocal && tile.speaking && tile.badge?.role !== 'interpreter')
      ?.badge?.participantId ??
    null;
  const speaker = speakerId === null ? undefined : people.get(speakerId);
  const covered = new Set(self?.languages ?? []);
  const needsRelay =
    speaker !== undefined &&
    speaker.languages.length > 0 &&
    !speaker.languages.some((l) => covered.has(l));
  const sourceBooth = view.booths.find((b) => b.language === source);

  return (
    <div className="booth" data-testid="booth" data-language={language}>
      <h2>{t('interp.console.booth', { language: format.languageName(language) })}</h2>
      <p className={`on-air on-air-${state}`} role="status" data-testid="on-air" data-state={state}>
        {state === 'on'
          ? t('interp.console.onAir')
          : state === 'cough'
            ? t('interp.console.coughing')
            : t('interp.console.offAir')}
      </p>
      <div className="booth-controls" role="toolbar" aria-label={t('interp.console.controls')}>
        {live ? (
          <>
            {partners.map((p) => (
              <button
                key={p.participantId}
                type="button"
                disabled={pending}
                data-testid="hand-over"
                onClick={() => act(p.participantId)}
              >
                {t('interp.console.handOverTo', { name: p.name })}
              </button>
            ))}
            {/* Alone in the booth there is nobody to hand to; the channel may still fall silent. */}
            <button
              type="button"
              disabled={pending}
              data-testid="go-off-air"
              onClick={() => act(null)}
            >
              {t('interp.console.goOffAir')}
            </button>
          </>
        ) : (
          <button
            type="button"
            disabled={pending}
            data-testid="take-over"
            onClick={() => act(me.participantId)}
          >
            {t('interp.console.takeOver')}
          </button>
        )}
        <button
          type="button"
          aria-pressed={micState.coughing}
          disabled={!live || mic === undefined}
          data-testid="cough"
          onClick={() => void mic?.setCoughing(!micState.coughing)}
        >
          {t('interp.console.cough')}
        </button>
      </div>
      {error !== undefined && <p role="alert">{error}</p>}
      <p data-testid="booth-live">
        {live
          ? t('interp.console.youAreLive')
          : liveName === undefined
            ? t('interp.console.nobodyOnAir')
            : t('interp.console.partnerOnAir', { name: liveName })}
      </p>

      <div className="booth-source">
        <label htmlFor={sourceId}>{t('interp.console.source')}</label>
        <select
          id={sourceId}
          data-testid="source-picker"
          value={source}
          onChange={(e) => {
            const parsed = ListeningChoice.safeParse(e.target.value);
            if (parsed.success) listening.choose(parsed.data);
          }}
        >
          <option value={FLOOR}>{t('interp.console.sourceFloor')}</option>
          {relays.map((b) => (
            <option key={b.language} value={b.language}>
              {t('interp.console.sourceRelay', { language: format.languageName(b.language) })}
            </option>
          ))}
        </select>
        <p data-testid="hearing" data-source={source}>
          {source === FLOOR
            ? t('interp.console.hearingFloor')
            : t('interp.console.hearingRelay', { language: format.languageName(source) })}
        </p>
        {sourceBooth !== undefined && sourceBooth.active === null && (
          <p role="status">{t('interp.channelSilent')}</p>
        )}
      </div>

      <figure className="booth-floor">
        <FloorVideo tile={floorTile(tiles, speakerId)} />
        <figcaption>
          <dl className="booth-facts">
            <dt>{t('interp.console.speaker')}</dt>
            <dd data-testid="speaker">
              {speaker === undefined ? (
                t('interp.console.noSpeaker')
              ) : (
                <>
                  <bdi>{speaker.name}</bdi>
                  {speaker.languages.length > 0 &&
                    ` — ${format.list(speaker.languages.map((l) => format.languageName(l)))}`}
                </>
              )}
            </dd>
            <dt>{t('interp.console.agendaItem')}</dt>
            <dd data-testid="agenda-item">
              {agendaItem === undefined ? (
                t('interp.console.noAgendaItem')
              ) : (
                <LocalizedText value={agendaItem.title} />
              )}
            </dd>
          </dl>
          {needsRelay && (
            <p role="note" data-testid="relay-suggested">
              {t('interp.console.relaySuggested')}
            </p>
          )}
        </figcaption>
      </figure>
      {tiles
        .filter((tile) => !tile.isLocal && tile.audio !== undefined)
        .map((tile) => (
          <TrackAudio key={tile.identity} track={tile.audio} />
        ))}
      <TrackAudio track={hearing.channelTrack} />
    </div>
  );
}
