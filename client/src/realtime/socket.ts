import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '@majlis/shared';

export type MajlisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: MajlisSocket | undefined;

/**
 * The page's one Socket.IO connection, same origin, authenticated by the
 * session cookie. WebSocket only: no sticky sessions needed across nodes.
 */
export function getSocket(): MajlisSocket {
  socket ??= io({ transports: ['websocket'], withCredentials: true });
  return socket;
}

/** Sends a command and resolves with its data, or rejects with the typed error. */
export class CommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function command<T>(
  send: (ack: (reply: Result<T>) => void) => void,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new CommandError('TIMEOUT', 'No answer from the server')),
      timeoutMs,
    );
    send((reply) => {
      clearTimeout(timer);
      if (reply.ok) resolve(reply.data);
      else reject(new CommandError(reply.error.code, reply.error.message));
    });
  });
}
