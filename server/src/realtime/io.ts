import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server } from 'socket.io';
import type {
  ClientToServerEvents,
  InterServerEvents,
  ServerToClientEvents,
  SocketData,
} from '@majlis/shared';
import type { Logger } from '../logger.ts';
import type { Principal } from '../summits/principal.ts';

export type MajlisIo = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

export const participantRoom = (id: string): string => `participant:${id}`;

/**
 * The Socket.IO edge. A socket is admitted only with a valid session cookie;
 * each joins a room named after its principal so revocation can reach every
 * device of that person at once (and, with the Redis adapter, on every node).
 */
export function createRealtime(
  httpServer: HttpServer,
  deps: { resolve(req: IncomingMessage): Promise<Principal | undefined>; logger: Logger },
): MajlisIo {
  const io: MajlisIo = new Server(httpServer, { serveClient: false, cors: { origin: false } });
  io.use((socket, next) => {
    deps.resolve(socket.request).then(
      (principal) => {
        if (principal === undefined) {
          next(new Error('UNAUTHENTICATED'));
          return;
        }
        socket.data =
          principal.kind === 'organiser'
            ? { principalKind: 'organiser', principalId: principal.userId, summitId: null }
            : {
                principalKind: 'participant',
                principalId: principal.participant.id,
                summitId: principal.participant.summitId,
              };
        next();
      },
      (err: unknown) => {
        deps.logger.error({ err }, 'socket authentication failed');
        next(new Error('INTERNAL'));
      },
    );
  });
  io.on('connection', (socket) => {
    const { principalKind, principalId, summitId } = socket.data;
    void socket.join(
      principalKind === 'participant' ? participantRoom(principalId) : `organiser:${principalId}`,
    );
    if (summitId !== null) void socket.join(`summit:${summitId}`);
    socket.emit('connection:accepted', {
      participantId: principalKind === 'participant' ? principalId : null,
      summitId,
      serverTime: new Date().toISOString(),
    });
    socket.on('clock:sync', (_payload, ack) => {
      if (typeof ack === 'function')
        ack({ ok: true, data: { serverTime: new Date().toISOString() } });
    });
  });
  return io;
}

/** Tells every device of a revoked participant, then cuts them off. */
export function disconnectParticipant(io: MajlisIo, participantId: string): void {
  const room = io.in(participantRoom(participantId));
  room.emit('access:revoked', { reason: 'revoked' });
  room.disconnectSockets(true);
}
