import { z } from 'zod';

/**
 * What a client needs to join LiveKit media. The server is the only party
 * that mints tokens; the client never sees an API key or secret.
 */
export const ConnectionDetails = z.object({
  serverUrl: z.url({ protocol: /^wss?$/ }),
  participantToken: z.string().min(1),
  participantIdentity: z.string().min(1),
  roomName: z.string().min(1),
  /** ISO time after which the token is refused; clients renew before it. */
  expiresAt: z.iso.datetime(),
});
export type ConnectionDetails = z.infer<typeof ConnectionDetails>;

/**
 * Media-check rooms are scratch rooms for testing a camera and microphone
 * with a colleague before a meeting. Their names live in their own namespace
 * so a media-check token can never open a summit session's room.
 */
export const MEDIA_CHECK_ROOM_PREFIX = 'check-';
export const MediaCheckTokenRequest = z.object({
  room: z
    .string()
    .regex(/^[a-z0-9-]{6,48}$/, 'lowercase letters, digits and hyphens, 6 to 48 characters'),
  displayName: z.string().trim().min(1).max(80),
});
export type MediaCheckTokenRequest = z.infer<typeof MediaCheckTokenRequest>;
