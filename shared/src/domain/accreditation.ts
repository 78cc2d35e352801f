import type { Participant } from './participant.ts';
import type { Timestamp } from './common.ts';
import type { z } from 'zod';

type Instant = z.infer<typeof Timestamp>;

/** What the rules need of a stored invitation: never its token, which is not kept. */
export interface InvitationState {
  expiresAt: Instant;
  usedAt: Instant | null;
  revokedAt: Instant | null;
}

/** Why a redemption is refused; the caller hears one answer for all of them, so none is probed. */
export type RedemptionRefusal = 'used' | 'revoked' | 'expired' | 'participant_revoked';

/**
 * ACCESS-1: an invitation is single use, expires, and dies with its
 * participant's accreditation. Null: it may be redeemed at `now`.
 */
export function redemptionRefusal(
  invitation: InvitationState,
  participant: Pick<Participant, 'status'>,
  now: number,
): RedemptionRefusal | null {
  if (invitation.usedAt !== null) return 'used';
  if (invitation.revokedAt !== null) return 'revoked';
  if (Date.parse(invitation.expiresAt) <= now) return 'expired';
  if (participant.status === 'revoked') return 'participant_revoked';
  return null;
}

/** ACCESS-1: when a link made at `now` stops working. */
export const invitationExpiresAt = (now: number, expiresInHours: number): Instant =>
  new Date(now + expiresInHours * 3_600_000).toISOString();

/** The participant after a redemption: an invited person becomes active; an active one is unchanged. */
export function activated(participant: Participant, at: Instant): Participant {
  return participant.status === 'active'
    ? participant
    : { ...participant, status: 'active', version: participant.version + 1, updatedAt: at };
}

/**
 * ACCESS-1: revocation is final and idempotent. Null when the participant is
 * already revoked (nothing to commit, but its effects are applied again).
 */
export function revoked(participant: Participant, at: Instant): Participant | null {
  if (participant.status === 'revoked') return null;
  return {
    ...participant,
    status: 'revoked',
    revokedAt: at,
    version: participant.version + 1,
    updatedAt: at,
  };
}

/** ACCESS-1: a revoked participant's accreditation gets no new invitation. */
export const mayInvite = (participant: Pick<Participant, 'status'>): boolean =>
  participant.status !== 'revoked';
