import {
  RemoteAudioTrack,
  RoomEvent,
  Track,
  type Participant,
  type Room,
  type TrackPublication,
} from 'livekit-client';
import {
  FLOOR,
  ListeningChoice,
  ParticipantMetadata,
  classifyTrack,
  volumeFor,
  wantsSubscription,
  type InterpretationView,
  type LanguageCode,
  type TrackClass,
} from '@majlis/shared';

/**
 * What each person hears (INTERP-1). The room connects with autoSubscribe
 * off: the floor (every track that is not interpretation) is always
 * subscribed, plus the one language channel chosen here, and only from the
 * interpreter the server says is on air in that booth. The original can stay
 * audible under the interpretation at a low volume.
 */

const roleOf = (p: Participant): string | undefined => {
  try {
    const parsed = ParticipantMetadata.safeParse(JSON.parse(p.metadata ?? ''));
    return parsed.success ? parsed.data.role : undefined;
  } catch {
    return undefined;
  }
};

type Live = Partial<Record<LanguageCode, string>>;

function classOf(p: Participant, pub: TrackPublication, live: Live): TrackClass {
  return classifyTrack(
    {
      trackName: pub.trackName,
      kind: pub.kind === Track.Kind.Video ? 'video' : 'audio',
      publisherIdentity: p.identity,
      publisherRole: roleOf(p),
    },
    live,
  );
}

/**
 * Keeps every floor track subscribed in a room joined with autoSubscribe
 * off, whether or not anyone chooses a channel. Channel tracks are left to
 * `Listening`.
 */
export function followFloor(
  room: Room,
  cameraShown: (identity: string) => boolean = () => true,
): () => void {
  const sync = () => {
    for (const p of room.remoteParticipants.values())
      for (const pub of p.trackPublications.values()) {
        if (classOf(p, pub, {}).kind !== 'floor') continue;
        // A camera off the grid's page is not received at all (MEET layout); sound always is.
        const wanted = pub.source !== Track.Source.Camera || cameraShown(p.identity);
        if (pub.isDesired !== wanted) pub.setSubscribed(wanted);
      }
  };
  room
    .on(RoomEvent.Connected, sync)
    .on(RoomEvent.Reconnected, sync)
    .on(RoomEvent.TrackPublished, sync)
    .on(RoomEvent.ParticipantMetadataChanged, sync);
  return sync;
}

/** A person's floor microphone: what their tile plays. Channel tracks are played by `Listening`. */
export function floorAudioOf(p: Participant): Track | undefined {
  for (const pub of p.trackPublications.values())
    if (pub.source === Track.Source.Microphone && classOf(p, pub, {}).kind === 'floor')
      return pub.track;
  return undefined;
}

export interface ListeningPreference {
  choice: ListeningChoice;
  originalUnderneath: boolean;
}

export interface ListeningSnapshot extends ListeningPreference {
  /** The languages this session offers, in the session's order. */
  languages: LanguageCode[];
  /** Someone is on air in the chosen booth. */
  channelLive: boolean;
  /** The chosen channel's track once it arrives; the page plays it. */
  channelTrack: RemoteAudioTrack | undefined;
}

const STORAGE_KEY = 'majlis.listening';

export function rememberedPreference(): ListeningPreference {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as unknown;
    if (typeof raw === 'object' && raw !== null) {
      const r = raw as Record<string, unknown>;
      const choice = ListeningChoice.safeParse(r['choice']);
      return {
        choice: choice.success ? choice.data : FLOOR,
        originalUnderneath: r['originalUnderneath'] !== false,
      };
    }
  } catch {
    // Storage unavailable or corrupt: start from the floor.
  }
  return { choice: FLOOR, originalUnderneath: true };
}

function remember(pref: ListeningPreference): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(pref));
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export class Listening {
  private view: InterpretationView | undefined;
  private pref: ListeningPreference;
  private snapshot: ListeningSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly off: (() => void)[] = [];

  /**
   * `remember`: keep the choice across visits (listeners). The booth console
   * passes false: an interpreter's source is a working setting, not a taste.
   */
  constructor(
    readonly room: Room,
    private readonly opts: { remember: boolean; initial?: ListeningPreference } = {
      remember: true,
    },
  ) {
    this.pref = opts.initial ?? (opts.remember ? rememberedPreference() : defaultPreference());
    this.snapshot = { ...this.pref, languages: [], channelLive: false, channelTrack: undefined };
  }

  /** Follows the room until `stop()`; may be started again (React mounts twice in development). */
  start(): void {
    if (this.off.length > 0) return;
    const room = this.room;
    const apply = () => this.apply();
    const events = [
      RoomEvent.Connected,
      RoomEvent.Reconnected,
      RoomEvent.TrackPublished,
      RoomEvent.TrackUnpublished,
      RoomEvent.TrackSubscribed,
      RoomEvent.TrackUnsubscribed,
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.ParticipantMetadataChanged,
    ] as const;
    for (const e of events) {
      room.on(e, apply);
      this.off.push(() => room.off(e, apply));
    }
    // A local mute of the on-air interpreter (cough) needs no change here:
    // the track stays subscribed and simply goes quiet.
    this.apply();
  }

  stop(): void {
    for (const off of this.off) off();
    this.off.length = 0;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot = (): ListeningSnapshot => this.snapshot;

  /** The server's booth state: who is on air where. */
  setView(view: InterpretationView): void {
    if (this.view && view.sessionId === this.view.sessionId && view.version < this.view.version)
      return;
    this.view = view;
    this.apply();
  }

  choose(choice: ListeningChoice): void {
    this.pref = { ...this.pref, choice };
    if (this.opts.remember) remember(this.pref);
    this.apply();
  }

  setOriginalUnderneath(on: boolean): void {
    this.pref = { ...this.pref, originalUnderneath: on };
    if (this.opts.remember) remember(this.pref);
    this.apply();
  }

  /** The choice in force: a remembered language this session does not offer falls back to the floor. */
  effectiveChoice(): ListeningChoice {
    const { choice } = this.pref;
    if (choice === FLOOR || this.view === undefined) return choice;
    return this.view.booths.some((b) => b.language === choice) ? choice : FLOOR;
  }

  private live(): Live {
    const live: Live = {};
    for (const b of this.view?.booths ?? [])
      if (b.activeIdentity !== null) live[b.language] = b.activeIdentity;
    return live;
  }

  private apply(): void {
    const choice = this.effectiveChoice();
    const live = this.live();
    let channelTrack: RemoteAudioTrack | undefined;
    for (const p of this.room.remoteParticipants.values()) {
      for (const pub of p.trackPublications.values()) {
        const cls = classOf(p, pub, live);
        const want = wantsSubscription(cls, choice);
        // The floor's video is `followFloor`'s: it receives only the cameras the grid shows.
        const floorVideo = cls.kind === 'floor' && pub.kind === Track.Kind.Video;
        if (!floorVideo && pub.isDesired !== want) pub.setSubscribed(want);
        const track = pub.track;
        if (track instanceof RemoteAudioTrack) {
          const volume = volumeFor(cls, choice, this.pref.originalUnderneath);
          if (track.getVolume() !== volume) track.setVolume(volume);
          if (cls.kind === 'channel' && want) channelTrack = track;
        }
      }
    }
    const next: ListeningSnapshot = {
      choice,
      originalUnderneath: this.pref.originalUnderneath,
      languages: (this.view?.booths ?? []).map((b) => b.language),
      channelLive: choice !== FLOOR && live[choice] !== undefined,
      channelTrack,
    };
    const s = this.snapshot;
    if (
      s.choice !== next.choice ||
      s.originalUnderneath !== next.originalUnderneath ||
      s.channelLive !== next.channelLive ||
      s.channelTrack !== next.channelTrack ||
      s.languages.join() !== next.languages.join()
    ) {
      this.snapshot = next;
      for (const l of this.listeners) l();
    }
  }
}

const defaultPreference = (): ListeningPreference => ({
  choice: FLOOR,
  originalUnderneath: false,
});
