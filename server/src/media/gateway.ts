import {
  AccessToken,
  RoomServiceClient,
  TrackSource,
  WebhookReceiver,
  type VideoGrant,
} from 'livekit-server-sdk';
import type { ConnectionDetails, MediaPermission, MediaSource } from '@majlis/shared';
import { withTimeout } from '../store/redis.ts';

/**
 * The only module that imports livekit-server-sdk. Tokens, room service calls
 * and webhook verification all pass through here so that every grant Majlis
 * issues can be read in one file.
 */
export interface MediaGatewayOptions {
  /** URL the server uses for RoomService (http/https or ws/wss). */
  url: string;
  /** URL handed to browsers. */
  publicUrl: string;
  apiKey: string;
  apiSecret: string;
  tokenTtlSeconds: number;
}

export interface MediaCheckGrant {
  roomName: string;
  identity: string;
  displayName: string;
}

export interface SessionGrant {
  roomName: string;
  identity: string;
  displayName: string;
  /** Server-set JSON; participants cannot change it (canUpdateOwnMetadata is off). */
  metadata: string;
  permission: MediaPermission;
}

export interface WebhookNotice {
  id: string;
  event: string;
  roomName: string | undefined;
  identity: string | undefined;
  /** Seconds since the epoch, as LiveKit stamps it. */
  createdAt: number;
}

export interface MediaGateway {
  /** A token for a session's room with exactly the given permission. */
  sessionToken(grant: SessionGrant, now: Date): Promise<ConnectionDetails>;
  /** Replaces a connected participant's permission (always the full set). */
  setPermission(roomName: string, identity: string, permission: MediaPermission): Promise<void>;
  /**
   * MEET-3: mutes a participant's published tracks of one source at the SFU;
   * false when they are not in the room or publish nothing of that source.
   */
  muteSource(roomName: string, identity: string, source: MediaSource): Promise<boolean>;
  /** Removes a participant from a room at once; quiet when they are not there. */
  removeFromRoom(roomName: string, identity: string): Promise<boolean>;
  /** Identities connected to a room now (empty when the room does not exist). */
  roomParticipants(roomName: string): Promise<string[]>;
  /** Names of the rooms that exist now. */
  roomNames(): Promise<string[]>;
  /** A token for a media-check room: camera and microphone, nothing else. */
  mediaCheckToken(grant: MediaCheckGrant, now: Date): Promise<ConnectionDetails>;
  /** True when LiveKit's RoomService answers within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  /** Verifies a webhook's signature; throws when it does not match. */
  verifyWebhook(body: string, authorization: string | undefined): Promise<WebhookNotice>;
}

const toHttp = (url: string): string => url.replace(/^ws/, 'http');

/** The anonymous media-check token's lifetime at most, whatever the session tokens' TTL. */
export const MEDIA_CHECK_TTL_SECONDS = 120;

const SOURCES: Readonly<Record<MediaSource, TrackSource>> = {
  camera: TrackSource.CAMERA,
  microphone: TrackSource.MICROPHONE,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
};

const isNotFound = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && 'status' in err && err.status === 404;

export function createMediaGateway(opts: MediaGatewayOptions): MediaGateway {
  const rooms = new RoomServiceClient(toHttp(opts.url), opts.apiKey, opts.apiSecret);
  const webhooks = new WebhookReceiver(opts.apiKey, opts.apiSecret);

  return {
    async sessionToken({ roomName, identity, displayName, metadata, permission }, now) {
      const token = new AccessToken(opts.apiKey, opts.apiSecret, {
        identity,
        name: displayName,
        metadata,
        ttl: opts.tokenTtlSeconds,
      });
      const grant: VideoGrant = {
        roomJoin: true,
        room: roomName,
        canSubscribe: permission.canSubscribe,
        canPublish: permission.canPublish,
        // An empty list would mean "any source" to LiveKit; with publishing off it is moot.
        canPublishSources: permission.canPublishSources.map((s) => SOURCES[s]),
        canPublishData: permission.canPublishData,
        canUpdateOwnMetadata: false,
        hidden: permission.hidden,
        roomAdmin: permission.roomAdmin,
        roomCreate: false,
        roomList: false,
        roomRecord: false,
      };
      token.addGrant(grant);
      return {
        serverUrl: opts.publicUrl,
        participantToken: await token.toJwt(),
        participantIdentity: identity,
        roomName,
        expiresAt: new Date(now.getTime() + opts.tokenTtlSeconds * 1000).toISOString(),
      };
    },

    async setPermission(roomName, identity, permission) {
      await rooms.updateParticipant(roomName, identity, {
        permission: {
          canSubscribe: permission.canSubscribe,
          canPublish: permission.canPublish,
          canPublishSources: permission.canPublishSources.map((s) => SOURCES[s]),
          canPublishData: permission.canPublishData,
          hidden: permission.hidden,
          canUpdateMetadata: false,
        },
      });
    },

    async muteSource(roomName, identity, source) {
      let tracks;
      try {
        ({ tracks } = await rooms.getParticipant(roomName, identity));
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
      const ofSource = tracks.filter((t) => t.source === SOURCES[source]);
      await Promise.all(
        ofSource
          .filter((t) => !t.muted)
          .map((t) => rooms.mutePublishedTrack(roomName, identity, t.sid, true)),
      );
      return ofSource.length > 0;
    },

    async removeFromRoom(roomName, identity) {
      try {
        await rooms.removeParticipant(roomName, identity);
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        throw err;
      }
    },

    async roomParticipants(roomName) {
      try {
        return (await rooms.listParticipants(roomName)).map((p) => p.identity);
      } catch (err) {
        if (isNotFound(err)) return [];
        throw err;
      }
    },

    async roomNames() {
      return (await rooms.listRooms()).map((r) => r.name);
    },

    async mediaCheckToken({ roomName, identity, displayName }, now) {
      // Anyone may ask for one: it lives two minutes at most (issue 19, item 10).
      const ttl = Math.min(opts.tokenTtlSeconds, MEDIA_CHECK_TTL_SECONDS);
      const token = new AccessToken(opts.apiKey, opts.apiSecret, {
        identity,
        name: displayName,
        ttl,
      });
      // Listed in full on purpose: least privilege is easier to review when
      // every grant that is off is written down as off.
      const grant: VideoGrant = {
        roomJoin: true,
        room: roomName,
        canSubscribe: true,
        canPublish: true,
        canPublishSources: [TrackSource.CAMERA, TrackSource.MICROPHONE],
        canPublishData: false,
        canUpdateOwnMetadata: false,
        hidden: false,
        roomAdmin: false,
        roomCreate: false,
        roomList: false,
        roomRecord: false,
      };
      token.addGrant(grant);
      return {
        serverUrl: opts.publicUrl,
        participantToken: await token.toJwt(),
        participantIdentity: identity,
        roomName,
        expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
      };
    },

    async ping(timeoutMs = 2000) {
      try {
        await withTimeout(rooms.listRooms(), timeoutMs);
        return true;
      } catch {
        return false;
      }
    },

    async verifyWebhook(body, authorization) {
      const event = await webhooks.receive(body, authorization);
      return {
        id: event.id,
        event: event.event,
        roomName: event.room?.name,
        identity: event.participant?.identity,
        createdAt: Number(event.createdAt),
      };
    },
  };
}
