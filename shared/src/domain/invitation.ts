import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

export const InvitationCreate = z
  .object({
    /** Hours until the link expires: one hour to thirty days. */
    expiresInHours: z.number().int().min(1).max(720).default(72),
  })
  .strip();
export type InvitationCreate = z.infer<typeof InvitationCreate>;

/** What the organiser sees once: the link carries the only copy of the token. */
export const InvitationCreated = z.object({
  id: Id,
  participantId: Id,
  expiresAt: Timestamp,
  url: z.url(),
});
export type InvitationCreated = z.infer<typeof InvitationCreated>;

export const RedeemInvitation = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not an invitation token'),
});
export type RedeemInvitation = z.infer<typeof RedeemInvitation>;
