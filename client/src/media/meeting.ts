import {
  type ConnectionQuality,
  ConnectionState,
  DisconnectReason,
  Room,
  RoomEvent,
  Track,
  type Participant,
} from 'livekit-client';
import { ParticipantMetadata, type ConnectionDetails } from '@majlis/shared';
import { fetchConnectionDetails } from '../api/media.ts';
import { floorAudioOf, followFloor } from './listening.ts';
import { MediaKeys, type MediaKeysState } from '../e2ee/mediaKeys.ts';

/** One tile of the meeting: a person, their verified badge, their tracks. */
export interface Tile {
  identity: string;
  isLocal: boolean;
  /** Server-set; undefined only if the metadata is missing or malformed. */
  badge: ParticipantMetadata | undefined;
  video: Track | undefined;
  audio: Track | undefined;
  speaking: boolean;
  quality: ConnectionQuality;
}

export type MeetingEnd = 'left' | 'removed' | 'ended' | 'failed';

/** MEET-1: your microphone as you and everyone else hear it. */
export type MicrophoneState = 'live' | 'muted';

export interface MeetingSnapshot {
  state: ConnectionState;
  tiles: Tile[];
  canPublish: boolean;
  /** What the server allows you to publish now (role, floor, session state). */
  allowed: { microphone: boolean; camera: boolean };
  microphone: MicrophoneState;
  /** Your camera is sending. */
  camera: boolean;
  /** You asked for your camera on: it follows this whenever publishing is allowed. */
  cameraWanted: boolean;
  ended: MeetingEnd | undefined;
  /** CONF-1 … CONF-3: the key index and security code of an encrypted room; undefined in open sessions. */
  e2ee: MediaKeysState | undefined;
}

/** MEET-1: unmuting refused before it reaches the SFU (which would refuse it too). */
export class NotAllowedToPublish extends Error {
  override name = 'NotAllowedToPublish';
}

const badgeOf = (p: Participant): ParticipantMetadata | undefined => {
  try {
    const parsed = ParticipantMetadata.safeParse(JSON.parse(p.metadata ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

export interface DeviceChoice {
  cameraId: string | undefined;
  microphoneId: string | undefined;
  /** MEET-1: camera on when publishing is allowed (now or on a later grant). */
  camera: boolean;
  /** MEET-1: microphone live on joining, where publishing is allowed at once (chair, bilateral). */
  microphone: boolean;
}

const CAMERA = 1;
const MICROPHONE = 2;

/**
 * A session's room, framework-free: connect with server-issued details,
 * publish what the grant allows, keep tiles, renew the token before it
 * expires so a reconnect never needs the person to act.
 */
export class Meeting {
  readonly room: Room;
  private details: ConnectionDetails | undefined;
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private ended: MeetingEnd | undefined;
  private readonly listeners = new Set<() => void>();
  private snapshot: MeetingSnapshot;
  private devices: DeviceChoice = {
    cameraId: undefined,
    microphoneId: undefined,
    camera: true,
    microphone: true,
  };
  /** What the last permission allowed, to tell a new grant from a repeat. */
  private wasAllowed = { microphone: false, camera: false };

  /** CONF-1: closed and bilateral sessions only: the device's part in the media keys. */
  private readonly keys: MediaKeys | undefined;
  /** Re-applies which floor tracks are received (after the grid's page changes). */
  private readonly followFloor: () => void;
  /** The identities whose camera the page shows; undefined: every camera (the grid's paging is off). */
  private camerasShown: ReadonlySet<string> | undefined;

  constructor(
    private readonly sessionId: string,
    encrypted = false,
  ) {
    if (encrypted) {
      const keys = new MediaKeys(sessionId);
      this.keys = keys;
      keys.subscribe(() => this.emit());
      this.room = new Room({
        adaptiveStream: false,
        dynacast: true,
        // livekit-client's frame encryption runs in its own worker, bundled by Vite (CSP worker-src 'self').
        e2ee: {
          keyProvider: keys.keyProvider,
          worker: new Worker(new URL('livekit-client/e2ee-worker', import.meta.url), {
            type: 'module',
          }),
        },
      });
    } else {
      this.room = new Room({ adaptiveStream: false, dynacast: true });
    }
    // Joined with autoSubscribe off (INTERP-1): the floor is subscribed here, a language channel by choice.
    this.followFloor = followFloor(
      this.room,
      (identity) => this.camerasShown?.has(identity) ?? true,
    );
    this.snapshot = {
      state: ConnectionState.Disconnected,
      tiles: [],
      canPublish: false,
      allowed: { microphone: false, camera: false },
      microphone: 'muted',
      camera: false,
      cameraWanted: true,
      ended: undefined,
      e2ee: undefined,
    };
    const update = () => this.emit();
    this.room
      .on(RoomEvent.ConnectionStateChanged, update)
      .on(RoomEvent.ParticipantConnected, update)
      .on(RoomEvent.ParticipantDisconnected, update)
      .on(RoomEvent.TrackSubscribed, update)
      .on(RoomEvent.TrackUnsubscribed, update)
      .on(RoomEvent.LocalTrackPublished, update)
      .on(RoomEvent.LocalTrackUnpublished, update)
      .on(RoomEvent.ActiveSpeakersChanged, update)
      .on(RoomEvent.ConnectionQualityChanged, update)
      .on(RoomEvent.TrackMuted, update)
      .on(RoomEvent.TrackUnmuted, update)
      .on(RoomEvent.ParticipantPermissionsChanged, (_prev, participant) => {
        // Given the floor: the microphone opens, the camera follows the person's choice (MEET-1).
        if (participant === this.room.localParticipant) {
          const before = this.wasAllowed;
          const now = this.allowedNow();
          this.wasAllowed = now;
          void this.publishAllowed({
            ...this.devices,
            microphone: now.microphone && !before.microphone,
          }).catch(() => undefined);
        }
        update();
      })
      .on(RoomEvent.ParticipantMetadataChanged, update)
      .on(RoomEvent.Disconnected, (reason?: DisconnectReason) => {
        if (this.ended === undefined) {
          this.ended =
            reason === DisconnectReason.PARTICIPANT_REMOVED
              ? 'removed'
              : reason === DisconnectReason.ROOM_DELETED
                ? 'ended'
                : reason === DisconnectReason.CLIENT_INITIATED
                  ? 'left'
                  : 'failed';
        }
        this.stopRenewal();
        // Out of the room (or the page gone): stop following the keys; joining again restarts it.
        this.keys?.stop();
        update();
      });
  }

  /**
   * MEET layout: only the cameras on the grid's page are received; the
   * others are unsubscribed at the SFU (their sound is kept). Undefined
   * receives every camera again.
   */
  showCameras(identities: ReadonlySet<string> | undefined): void {
    this.camerasShown = identities;
    if (this.room.state !== ConnectionState.Disconnected) this.followFloor();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getSnapshot = (): MeetingSnapshot => this.snapshot;

  private emit(): void {
    const room = this.room;
    const tileOf = (p: Participant, isLocal: boolean): Tile => ({
      identity: p.identity,
      isLocal,
      badge: badgeOf(p),
      video: p.getTrackPublication(Track.Source.Camera)?.track,
      audio: isLocal ? undefined : floorAudioOf(p),
      speaking: p.isSpeaking,
      quality: p.connectionQuality,
    });
    const local = room.localParticipant;
    const perms = local.permissions;
    const mic = local.getTrackPublication(Track.Source.Microphone);
    const cam = local.getTrackPublication(Track.Source.Camera);
    this.snapshot = {
      state: room.state,
      tiles: [
        ...(room.state === ConnectionState.Disconnected ? [] : [tileOf(local, true)]),
        ...[...room.remoteParticipants.values()].map((p) => tileOf(p, false)),
      ],
      canPublish: perms?.canPublish ?? false,
      allowed: this.allowedNow(),
      microphone: mic?.track !== undefined && !mic.isMuted ? 'live' : 'muted',
      camera: cam?.track !== undefined && !cam.isMuted,
      cameraWanted: this.devices.camera,
      ended: this.ended,
      e2ee: this.keys?.getState(),
    };
    for (const l of this.listeners) l();
  }

  async join(devices: DeviceChoice): Promise<void> {
    // Test build only: the bundler drops this branch and the probe from production.
    // Exposed on join, not on construction: React may build and drop a
    // Meeting before keeping one (StrictMode), and only the joined one counts.
    if (import.meta.env.VITE_MAJLIS_TEST_PROBES === '1') {
      // Awaited: the probe watches the media keys from the first one on.
      const probe = await import('../probes/meeting.ts');
      probe.exposeMeeting(this.room, this.keys);
    }
    this.ended = undefined;
    this.devices = devices;
    this.details = await fetchConnectionDetails(this.sessionId);
    if (this.keys !== undefined) {
      // CONF-1: the device registers and follows the keys, and nothing is sent unencrypted:
      // frames wait in the worker until the first key arrives.
      await this.keys.start();
      await this.room.setE2EEEnabled(true);
    }
    await this.room.connect(this.details.serverUrl, this.details.participantToken, {
      autoSubscribe: false,
    });
    this.scheduleRenewal();
    this.wasAllowed = this.allowedNow();
    await this.publishAllowed(devices);
    this.emit();
  }

  /** The sources the server's grant allows now; interpreters publish from the booth console only. */
  private allowedNow(): { microphone: boolean; camera: boolean } {
    const perms = this.room.localParticipant.permissions;
    if (!perms?.canPublish || badgeOf(this.room.localParticipant)?.role === 'interpreter')
      return { microphone: false, camera: false };
    // An empty list means every source (LiveKit's convention).
    const granted: readonly number[] = perms.canPublishSources;
    const allows = (s: number) => granted.length === 0 || granted.includes(s);
    return { microphone: allows(MICROPHONE), camera: allows(CAMERA) };
  }

  /**
   * MEET-1: mute is always yours, at once (the track goes silent; it stays
   * published so unmuting is instant). Unmuting is asked only while the
   * grant allows it; the SFU refuses a client that asks anyway.
   */
  async setMicrophone(on: boolean): Promise<void> {
    if (on && !this.allowedNow().microphone) throw new NotAllowedToPublish('microphone');
    // Silence first, at once: the SDK's own mute waits on its lock before it does the same.
    if (!on) {
      const track = this.room.localParticipant.getTrackPublication(Track.Source.Microphone)?.track;
      if (track) track.mediaStreamTrack.enabled = false;
    }
    await this.room.localParticipant.setMicrophoneEnabled(
      on,
      on && this.devices.microphoneId ? { deviceId: this.devices.microphoneId } : undefined,
    );
    this.emit();
  }

  /** MEET-1: the camera follows your choice now and on every later grant. */
  async setCamera(on: boolean): Promise<void> {
    this.devices = { ...this.devices, camera: on };
    if (!on || this.allowedNow().camera)
      await this.room.localParticipant.setCameraEnabled(
        on,
        on && this.devices.cameraId ? { deviceId: this.devices.cameraId } : undefined,
      );
    this.emit();
  }

  /**
   * Publishes what the grant allows and the person chose; nothing more is
   * even attempted. The camera follows the choice, the microphone opens
   * when `devices.microphone` says so (on joining, or on a new grant).
   */
  async publishAllowed(devices: DeviceChoice): Promise<void> {
    const allowed = this.allowedNow();
    if (allowed.camera && devices.camera)
      await this.room.localParticipant.setCameraEnabled(
        true,
        devices.cameraId ? { deviceId: devices.cameraId } : undefined,
      );
    if (allowed.microphone && devices.microphone)
      await this.room.localParticipant.setMicrophoneEnabled(
        true,
        devices.microphoneId ? { deviceId: devices.microphoneId } : undefined,
      );
  }

  private scheduleRenewal(): void {
    this.stopRenewal();
    if (!this.details) return;
    // livekit-client reconnects with the token LiveKit itself refreshes for a connected
    // client (livekit-server's refreshToken), not with this copy: renewing it halfway through
    // its life keeps the page's details current without asking the server every few seconds
    // now that tokens live 60 s (ACCESS-6).
    const inMs = Math.max(15_000, (Date.parse(this.details.expiresAt) - Date.now()) / 2);
    this.renewTimer = setTimeout(() => {
      fetchConnectionDetails(this.sessionId).then(
        (fresh) => {
          this.details = fresh;
          this.scheduleRenewal();
        },
        () => {
          // Revoked or signed out: the server refuses; the room will say so when LiveKit removes us.
        },
      );
    }, inMs);
  }

  private stopRenewal(): void {
    if (this.renewTimer !== undefined) clearTimeout(this.renewTimer);
    this.renewTimer = undefined;
  }

  async leave(): Promise<void> {
    this.ended = 'left';
    this.stopRenewal();
    this.keys?.stop();
    await this.room.disconnect();
    this.emit();
  }
}
