import {
  ConnectionState,
  RoomEvent,
  Track,
  createLocalAudioTrack,
  type LocalAudioTrack,
  type LocalTrackPublication,
  type Room,
} from 'livekit-client';
import { channelTrackName, type LanguageCode } from '@majlis/shared';

export interface BoothMicrophoneSnapshot {
  /** The SFU lets this interpreter publish: they are the booth's live one. */
  allowed: boolean;
  /** Their channel track is published. */
  published: boolean;
  /** Muted for a moment (cough); the channel stays theirs. */
  coughing: boolean;
}

/**
 * The interpreter's microphone as a language channel: published as
 * `interp-<lang>` as soon as the server's grant allows it (the booth made
 * them live) and taken down by the SFU when it no longer does. A spare
 * microphone track is kept open while off air so that a hand-over costs one
 * publish, not a device opening.
 */
export class BoothMicrophone {
  private spare: Promise<LocalAudioTrack> | undefined;
  private busy = false;
  private again = false;
  private coughing = false;
  private running = false;
  private snapshot: BoothMicrophoneSnapshot = { allowed: false, published: false, coughing: false };
  private readonly listeners = new Set<() => void>();
  private readonly off: (() => void)[] = [];

  constructor(
    private readonly room: Room,
    private readonly language: LanguageCode,
  ) {}

  /** Follows the grant until `stop()`; may be started again (React mounts twice in development). */
  start(): void {
    if (this.running) return;
    this.running = true;
    const room = this.room;
    const sync = () => void this.sync();
    const events = [
      RoomEvent.Connected,
      RoomEvent.Reconnected,
      RoomEvent.ParticipantPermissionsChanged,
      RoomEvent.LocalTrackPublished,
      RoomEvent.LocalTrackUnpublished,
    ] as const;
    for (const e of events) {
      room.on(e, sync);
      this.off.push(() => room.off(e, sync));
    }
    void this.sync();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot = (): BoothMicrophoneSnapshot => this.snapshot;

  private allowed(): boolean {
    const perms = this.room.localParticipant.permissions;
    if (!perms?.canPublish) return false;
    const sources: readonly number[] = perms.canPublishSources;
    const MICROPHONE = 2;
    return sources.length === 0 || sources.includes(MICROPHONE);
  }

  private publication(): LocalTrackPublication | undefined {
    return this.room.localParticipant.getTrackPublicationByName(channelTrackName(this.language));
  }

  private takeSpare(): Promise<LocalAudioTrack> {
    const track = this.spare ?? createLocalAudioTrack();
    this.spare = undefined;
    return track;
  }

  private warmSpare(): void {
    if (this.spare === undefined && this.running) {
      this.spare = createLocalAudioTrack();
      // A failed open is retried at the next publish.
      this.spare.catch(() => {
        this.spare = undefined;
      });
    }
  }

  /** Brings the published channel in line with the grant; serialised, re-run when asked meanwhile. */
  async sync(): Promise<void> {
    if (!this.running) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    try {
      do {
        this.again = false;
        const pub = this.publication();
        const allowed = this.allowed() && this.room.state === ConnectionState.Connected;
        if (allowed && pub === undefined) {
          const track = await this.takeSpare();
          if (this.coughing) await track.mute();
          await this.room.localParticipant.publishTrack(track, {
            name: channelTrackName(this.language),
            source: Track.Source.Microphone,
          });
        } else if (!allowed && pub?.track !== undefined) {
          // Normally the SFU has already unpublished it; this covers a missed notice.
          await this.room.localParticipant.unpublishTrack(pub.track);
        }
        if (!this.allowed()) this.warmSpare();
      } while (this.askedAgain());
    } catch {
      // Refused or interrupted: the next permission or connection change tries again.
    } finally {
      this.busy = false;
      this.update();
    }
  }

  private askedAgain(): boolean {
    return this.again && this.running;
  }

  /** Mute/cough: silence for a moment without giving up the channel. */
  async setCoughing(on: boolean): Promise<void> {
    this.coughing = on;
    const track = this.publication()?.track;
    if (track) await (on ? track.mute() : track.unmute());
    this.update();
  }

  private update(): void {
    const next: BoothMicrophoneSnapshot = {
      allowed: this.allowed(),
      published: this.publication() !== undefined,
      coughing: this.coughing,
    };
    const s = this.snapshot;
    if (
      s.allowed !== next.allowed ||
      s.published !== next.published ||
      s.coughing !== next.coughing
    ) {
      this.snapshot = next;
      for (const l of this.listeners) l();
    }
  }

  stop(): void {
    this.running = false;
    for (const off of this.off) off();
    this.off.length = 0;
    void this.spare?.then((t) => t.stop());
    this.spare = undefined;
  }
}
