import { z } from 'zod';
import { LanguageCode, Timestamp } from './common.ts';

/**
 * ACCT-1: signing in again after the invitation. The answer to a request
 * never says whether the address is known; the link is single use and lasts
 * SIGN_IN_LINK_MINUTES.
 */
export const SIGN_IN_LINK_MINUTES = 15;

export const RequestSignInLink = z
  .object({
    email: z.email().max(254),
    /** The page's language: the mail's language when the address names nobody who chose one. */
    lang: LanguageCode.optional(),
  })
  .strip();
export type RequestSignInLink = z.infer<typeof RequestSignInLink>;

export const RedeemSignInLink = z
  .object({ token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not a sign-in token') })
  .strip();
export type RedeemSignInLink = z.infer<typeof RedeemSignInLink>;

/** A signed-in browser (not an E2EE device key): opaque, derived from its session's hash. */
export const SignedInDeviceId = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'is not a device id');

/** One browser signed in as the caller (ACCT-1). */
export const Device = z.object({
  id: SignedInDeviceId,
  /** When this browser signed in; null for sessions started before devices were listed. */
  signedInAt: Timestamp.nullable(),
  /** The browser as its User-Agent named it at sign-in, shortened; empty when unknown. */
  label: z.string().max(120),
  current: z.boolean(),
});
export type Device = z.infer<typeof Device>;

export const DeviceList = z.object({ devices: z.array(Device) });
export type DeviceList = z.infer<typeof DeviceList>;

/** An invitation sent by mail (ACCT-1): the link went to the address and is shown nowhere. */
export const InvitationMailed = z.object({
  id: z.string(),
  participantId: z.string(),
  expiresAt: Timestamp,
  /** The address it went to. */
  to: z.string(),
});
export type InvitationMailed = z.infer<typeof InvitationMailed>;
