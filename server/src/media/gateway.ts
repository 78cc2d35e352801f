import {
  AccessToken,
  RoomServiceClient,
  TrackSource,
  WebhookReceiver,
  type VideoGrant,
} from 'livekit-server-sdk';
import type { ConnectionDetails } from '@majlis/shared';
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

export interface MediaGateway {
  /** A token for a media-check room: camera and microphone, nothing else. */
  mediaCheckToken(grant: MediaCheckGrant, now: Date): Promise<ConnectionDetails>;
  /** True when LiveKit's RoomService answers within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  /** Verifies a webhook's signature; throws when it does not match. */
  verifyWebhook(
    body: string,
    authorization: string | undefined,
  ): Promise<{ id: string; event: string }>;
}

const toHttp = (url: string): string => url.replace(/^ws/, 'http');

export function createMediaGateway(opts: MediaGatewayOptions): MediaGateway {
  const rooms = new RoomServiceClient(toHttp(opts.url), opts.apiKey, opts.apiSecret);
  const webhooks = new WebhookReceiver(opts.apiKey, opts.apiSecret);

  return {
    async mediaCheckToken({ roomName, identity, displayName }, now) {
      const token = new AccessToken(opts.apiKey, opts.apiSecret, {
        identity,
        name: displayName,
        ttl: opts.tokenTtlSeconds,
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
        expiresAt: new Date(now.getTime() + opts.tokenTtlSeconds * 1000).toISOString(),
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
      return { id: event.id, event: event.event };
    },
  };
}
