import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { LiveKitInfo } from './services.ts';

const b64url = (s: string | Buffer) => Buffer.from(s).toString('base64url');

/**
 * Delivers LiveKit's `participant_joined` / `participant_left` webhooks to
 * the app, signed with the LiveKit API secret exactly as livekit-server signs
 * them, so presence runs through the app's real webhook verification and
 * presence service. For tests that need more connected delegations than
 * browsers a two-core machine can run (193 of them); browser tests connect
 * through the real SFU instead.
 */
export async function deliverPresence(
  baseUrl: string,
  livekit: LiveKitInfo,
  sessionId: string,
  participantIds: readonly string[],
  event: 'participant_joined' | 'participant_left' = 'participant_joined',
): Promise<void> {
  for (const participantId of participantIds) {
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      event,
      id: `EV_${randomBytes(8).toString('hex')}`,
      createdAt: String(now),
      room: { name: `session-${sessionId}` },
      participant: { identity: `p-${participantId}` },
    });
    const claims = {
      iss: livekit.apiKey,
      nbf: now - 5,
      exp: now + 300,
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
}
