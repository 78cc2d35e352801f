import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { LiveKitInfo } from './services.ts';

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/**
 * One LiveKit `participant_joined` / `participant_left` webhook stamped at a
 * scripted instant (`atMs`, whole seconds as LiveKit sends them), signed with
 * the API secret as livekit-server signs it, so it runs through the app's
 * real verification and presence service. The signature's validity is the
 * wall clock's; only the event's own time is scripted.
 */
export async function presenceAt(
  baseUrl: string,
  livekit: LiveKitInfo,
  sessionId: string,
  participantId: string,
  event: 'participant_joined' | 'participant_left',
  atMs: number,
): Promise<void> {
  const wallNow = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    event,
    id: `EV_${randomBytes(8).toString('hex')}`,
    createdAt: String(Math.floor(atMs / 1000)),
    room: { name: `session-${sessionId}` },
    participant: { identity: `p-${participantId}` },
  });
  const claims = {
    iss: livekit.apiKey,
    nbf: wallNow - 5,
    exp: wallNow + 300,
    sha256: createHash('sha256').update(body).digest('base64'),
  };
  const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(claims))}`;
  const jwt = `${unsigned}.${createHmac('sha256', livekit.apiSecret).update(unsigned).digest('base64url')}`;
  const res = await fetch(`${baseUrl}/livekit/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/webhook+json', authorization: jwt },
    body,
  });
  if (res.status !== 204) throw new Error(`webhook refused: HTTP ${res.status}`);
}
