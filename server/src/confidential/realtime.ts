import { notify, participantRoom, type MajlisIo, type RealtimeModule } from '../realtime/io.ts';
import type { KeyRelay } from './keys.ts';
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

/** The Socket.IO room of the devices following a session's keys. */
export const keysRoom = (sessionId: string): string => `keys:${sessionId}`;

/** Socket.IO commands of the media-key relay (CONF-1 … CONF-3). */
export function keysModule(relay: KeyRelay): RealtimeModule {
  return {
    attach(socket, on) {
      on('keys:get', async ({ sessionId, deviceId }, principal) => {
        // Refused for anyone who is not a member before the socket follows anything.
        const view = await relay.view(principal, sessionId, deviceId);
        await socket.join(keysRoom(sessionId));
        return view;
      });
      on('keys:act', async ({ sessionId, command }, principal) => {
        const view = await relay.act(principal, sessionId, command);
        // A device that registers follows the keys from then on.
        await socket.join(keysRoom(sessionId));
        return view;
      });
    },
  };
}

/** Members' devices re-read on every change: a new device to wrap for, a new key, a rotation due. */
export function broadcastKeys(io: MajlisIo, relay: KeyRelay): void {
  relay.onChange(({ session, state }) => {
    notify(io.to(keysRoom(session.id)), 'keys:changed', {
      sessionId: session.id,
      version: state.version,
      keyIndex: state.keyIndex,
      rotationDue: state.rotationDue,
    });
  });
}
