import { expect } from 'vitest';
import type { ApiClient } from './api.ts';
import { ask, connectSocket, must } from './sockets.ts';

/**
 * CONF-5: in a closed or bilateral session everyone but the chair waits in
 * the lobby until admitted. Tests about what happens inside such a session
 * let their members in first the way it happens for real: each member asks
 * to join (and is told to wait, with no token), then the secretariat
 * admits them.
 */
export async function admitFromLobby(
  baseUrl: string,
  secretariat: ApiClient,
  sessionId: string,
  members: readonly { client: ApiClient; participantId: string }[],
): Promise<void> {
  for (const { client } of members)
    expect((await client.post(`/sessions/${sessionId}/join`)).status).toBe(409);
  const socket = await connectSocket(baseUrl, secretariat.cookie);
  try {
    for (const { participantId } of members)
      await must(
        ask(socket, 'lobby:act', { sessionId, command: { type: 'admit', participantId } }),
      );
  } finally {
    socket.close();
  }
}
