import { ConnectionDetails, type MediaCheckTokenRequest } from '@majlis/shared';
import { request } from './http.ts';

/** A short-lived token for a `check-` room (FOUND-7); no summit session is involved. */
export const requestMediaCheckToken = (input: MediaCheckTokenRequest) =>
  request(ConnectionDetails, '/media-check/token', { method: 'POST', body: input });

/** The server's grant for this person in this session's room; refused with the reason (ACCESS-1, ACCESS-2). */
export const fetchConnectionDetails = (sessionId: string) =>
  request(ConnectionDetails, `/sessions/${encodeURIComponent(sessionId)}/join`, {
    method: 'POST',
    body: {},
  });
