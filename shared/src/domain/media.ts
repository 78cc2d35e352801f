import { z } from 'zod';
import { DelegationKind } from './delegation.ts';
import { ParticipantRole, Rank } from './participant.ts';

export const MediaSource = z.enum(['camera', 'microphone', 'screen_share', 'screen_share_audio']);
export type MediaSource = z.infer<typeof MediaSource>;

/**
 * The full LiveKit permission set Majlis grants. Always complete: LiveKit
 * replaces a participant's permission as a whole, so a partial update would
 * silently switch the rest off. `mediaPermission` (permission.ts) decides it.
 */
export interface MediaPermission {
  canSubscribe: boolean;
  canPublish: boolean;
  canPublishSources: MediaSource[];
  canPublishData: boolean;
  hidden: boolean;
  roomAdmin: boolean;
}

/** Server-set participant metadata: the verified badge every tile shows. */
export const ParticipantMetadata = z.object({
  participantId: z.string().nullable(),
  name: z.string(),
  role: z.union([ParticipantRole, z.literal('organiser')]),
  rank: Rank.nullable(),
  delegation: z.object({ id: z.string(), code: z.string(), kind: DelegationKind }).nullable(),
});
export type ParticipantMetadata = z.infer<typeof ParticipantMetadata>;

export const mediaIdentityOf = (
  p: { kind: 'organiser'; id: string } | { kind: 'participant'; id: string },
): string => (p.kind === 'organiser' ? `org-${p.id}` : `p-${p.id}`);

export const participantIdOfIdentity = (identity: string): string | null =>
  identity.startsWith('p-') ? identity.slice(2) : null;

export const PresenceEntry = z.object({
  identity: z.string(),
  participantId: z.string().nullable(),
  joinedAt: z.string(),
  /** What they listen to: `floor` or a language channel (INTERP-1); null until they choose. */
  channel: z.string().nullable().default(null),
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;
export const SessionPresence = z.object({ sessionId: z.string(), present: z.array(PresenceEntry) });
export type SessionPresence = z.infer<typeof SessionPresence>;
