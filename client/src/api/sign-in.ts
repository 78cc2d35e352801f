import {
  DeviceList,
  InvitationMailed,
  Me,
  type InvitationCreate,
  type LanguageCode,
  type RedeemSignInLink,
  type RequestSignInLink,
} from '@majlis/shared';
import { request, send } from './http.ts';

/**
 * ACCT-1: a participant signs in again by an e-mailed link. The server
 * answers the request the same way whether or not it knows the address.
 */
export async function requestSignInLink(email: string, lang: LanguageCode): Promise<void> {
  const body: RequestSignInLink = { email, lang };
  await send('/auth/sign-in-links', { method: 'POST', body });
}

/** Redeems a single-use sign-in token; the reply signs this browser in. */
export function redeemSignInLink(input: RedeemSignInLink): Promise<Me> {
  return request(Me, '/auth/sign-in-links/redeem', { method: 'POST', body: input });
}

export async function listMyDevices() {
  return (await request(DeviceList, '/me/devices')).devices;
}

/** Signs one of the caller's browsers out; its live connections are cut at once. */
export async function signOutDevice(deviceId: string): Promise<void> {
  await send(`/me/devices/${encodeURIComponent(deviceId)}`, { method: 'DELETE' });
}

/** ACCT-1: a new invitation sent to the participant's address; the link is shown nowhere. */
export function mailInvitation(participantId: string, input: InvitationCreate) {
  return request(
    InvitationMailed,
    `/participants/${encodeURIComponent(participantId)}/invitations/mail`,
    {
      method: 'POST',
      body: input,
    },
  );
}
