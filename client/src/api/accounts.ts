import { Me, type Login, type RedeemInvitation, type SetupOrganiser } from '@majlis/shared';
import { ApiError, request, send } from './http.ts';

/** Who is signed in on this browser; `null` when nobody is (the server answers 401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await request(Me, '/me');
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

/** Creates the first organiser with the one-time setup code; the reply sets the session cookie. */
export function setupOrganiser(input: SetupOrganiser): Promise<Me> {
  return request(Me, '/setup', { method: 'POST', body: input });
}

export function login(input: Login): Promise<Me> {
  return request(Me, '/auth/login', { method: 'POST', body: input });
}

export async function logout(): Promise<void> {
  await send('/auth/logout', { method: 'POST' });
}

/** Redeems a single-use invitation token; the reply signs the participant in. */
export function redeemInvitation(input: RedeemInvitation): Promise<Me> {
  return request(Me, '/invitations/redeem', { method: 'POST', body: input });
}
