import type { ApiClient } from './api.ts';
import { ask, connectSocket, must } from './sockets.ts';

/**
 * MEET-2: sessions start scheduled and nobody enters one before its chair
 * (or the secretariat) opens it. Tests about what happens inside a session
 * open it first, as the secretariat, through the same command the chair's
 * tools send.
 */
export async function openSessions(
  baseUrl: string,
  secretariat: ApiClient,
  ...sessionIds: string[]
): Promise<void> {
  const socket = await connectSocket(baseUrl, secretariat.cookie);
  try {
    for (const sessionId of sessionIds)
      await must(ask(socket, 'lifecycle:act', { sessionId, act: 'open' }));
  } finally {
    socket.close();
  }
}
