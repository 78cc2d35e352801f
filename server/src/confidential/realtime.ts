import { notify, participantRoom, type MajlisIo, type RealtimeModule } from '../realtime/io.ts';
import type { LobbyService } from './lobby.ts';

/** The Socket.IO room of the consoles watching a session's lobby (its chair, the secretariat). */
export const lobbyRoom = (sessionId: string): string => `lobby:${sessionId}`;

/** Socket.IO commands of the lobby (CONF-5, ACCESS-8). */
export function lobbyModule(lobby: LobbyService): RealtimeModule {
  return {
    attach(socket, on) {
      on('lobby:get', async ({ sessionId }, principal) => {
        // Refused for anyone but the chair or the secretariat before the socket follows anything.
        const state = await lobby.view(principal, sessionId);
        await socket.join(lobbyRoom(sessionId));
        return state;
      });
      on('lobby:act', ({ sessionId, command }, principal) =>
        lobby.act(principal, sessionId, command),
      );
    },
  };
}

/**
 * The chair's console sees the lobby live; the person admitted or denied is
 * told on every device, so a waiting page can join at once.
 */
export function broadcastLobby(io: MajlisIo, lobby: LobbyService): void {
  lobby.onChange(({ session, state, events }) => {
    notify(io.to(lobbyRoom(session.id)), 'lobby:changed', state);
    for (const e of events)
      if (e.type === 'admitted' || e.type === 'denied')
        notify(io.to(participantRoom(e.entry.participantId)), 'lobby:decided', {
          sessionId: session.id,
          status: e.entry.status,
        });
  });
}
