import { z } from 'zod';
import type { Role } from './auth.ts';
import type { SessionKind } from './session.ts';
import { DelegationKind } from './delegation.ts';
import { ParticipantRole, Rank } from './participant.ts';

export const MediaSource = z.enum(['camera', 'microphone', 'screen_share', 'screen_share_audio']);
export type MediaSource = z.infer<typeof MediaSource>;

/**
 * The full LiveKit permission set Majlis grants. Always complete: LiveKit
 * replaces a participant's permission as a whole, so a partial update would
 * silently switch the rest off.
 */
export interface MediaPermission {
  canSubscribe: boolean;
  canPublish: boolean;
  canPublishSources: MediaSource[];
  canPublishData: boolean;
  hidden: boolean;
  roomAdmin: boolean;
}

const SUBSCRIBE_ONLY: MediaPermission = {
  canSubscribe: true,
  canPublish: false,
  canPublishSources: [],
  canPublishData: false,
  hidden: false,
  roomAdmin: false,
};

/**
 * What a role may do in a session's room (FLOOR-1, ACCESS-3). The SFU
 * enforces it: a forbidden publish is refused by LiveKit, not only hidden in
 * the interface.
 */
export function mediaPermissionFor(
  role: Role,
  kind: SessionKind,
  opts: { holdsFloor: boolean },
): MediaPermission {
  switch (role) {
    case 'observer':
    case 'press':
      return { ...SUBSCRIBE_ONLY, hidden: true };
    case 'organiser':
      // The secretariat watches the room to support it; it does not take part.
      return { ...SUBSCRIBE_ONLY, hidden: true };
    case 'chair':
      return {
        ...SUBSCRIBE_ONLY,
        canPublish: true,
        canPublishSources: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
        canPublishData: true,
        roomAdmin: true,
      };
    case 'interpreter':
      return { ...SUBSCRIBE_ONLY, canPublish: true, canPublishSources: ['microphone'] };
    case 'head_of_delegation':
    case 'delegate':
      if (kind === 'bilateral' || opts.holdsFloor)
        return { ...SUBSCRIBE_ONLY, canPublish: true, canPublishSources: ['camera', 'microphone'] };
      return SUBSCRIBE_ONLY;
    case 'adviser':
      // Advisers follow the meeting and are never on the floor.
      return SUBSCRIBE_ONLY;
    default: {
      const unreachable: never = role;
      return unreachable;
    }
  }
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
