import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import {
  SessionRef,
  type ClientToServerEvents,
  type InterServerEvents,
  type Result,
  type ServerToClientEvents,
  type SocketData,
} from '@majlis/shared';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Principal } from '../summits/principal.ts';
import type { RedisClient } from '../store/redis.ts';

export type MajlisIo = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;
export type MajlisSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  InterServerEvents,
  SocketData
>;

export const participantRoom = (id: string): string => `participant:${id}`;
export const sessionRoom = (id: string): string => `session:${id}`;

export interface RealtimeDeps {
  resolve(req: IncomingMessage): Promise<Principal | undefined>;
  logger: Logger;
  /** May the principal follow this session's live state? Throws AppError when not. */
  admitToSession(principal: Principal, sessionId: string): Promise<void>;
  /** A dedicated Redis connection for the cross-node adapter; omitted: one node only. */
  adapterClient?: RedisClient | undefined;
}

/** Registers a feature's commands on each new socket (floor, votes, interpretation). */
export interface RealtimeModule {
  attach(socket: MajlisSocket, on: CommandBinder): void;
}

type CommandName = keyof ClientToServerEvents;

/**
 * Binds one command: the payload is parsed with `schema` at the edge, the
 * principal is re-read (so a revoked person's socket can do nothing even
 * before it is cut), and the ack is always a `Result` with a closed code.
 */
export type CommandBinder = <S extends z.ZodType, T>(
  event: CommandName,
  schema: S,
  handler: (
    input: z.infer<S>,
    principal: Principal,
    socket: MajlisSocket,
    receivedAt: number,
  ) => Promise<T>,
) => void;

function errorReply(err: unknown, logger: Logger): Result<never> {
  if (err instanceof AppError)
    return {
      ok: false,
      error: {
        code: err.code,
        message: err.message,
        ...(err.issues ? { issues: err.issues } : {}),
      },
    };
  logger.error({ err }, 'realtime command failed');
  return { ok: false, error: { code: 'INTERNAL', message: 'An unexpected error occurred' } };
}

/**
 * The Socket.IO edge. A socket is admitted only with a valid session cookie;
 * each joins a room named after its principal so revocation can reach every
 * device of that person at once (and, with the Redis adapter, on every node).
 */
export function createRealtime(
  httpServer: HttpServer,
  deps: RealtimeDeps,
  modules: readonly RealtimeModule[] = [],
): MajlisIo {
  const io: MajlisIo = new Server(httpServer, {
    serveClient: false,
    cors: { origin: false },
    // A client that drops for a moment gets the missed broadcasts replayed; middlewares run again.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    ...(deps.adapterClient ? { adapter: createAdapter(deps.adapterClient) } : {}),
  });
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
        // A store outage is one the client may retry (SERVICE_UNAVAILABLE); anything else is a bug.
        const outage = err instanceof AppError && err.code === 'SERVICE_UNAVAILABLE';
        if (!outage) deps.logger.error({ err }, 'socket authentication failed');
        next(new Error(outage ? 'SERVICE_UNAVAILABLE' : 'INTERNAL'));
      },
    );
  });

  io.on('connection', (socket) => {
    const { principalKind, principalId, summitId } = socket.data;
    void socket.join(
      principalKind === 'participant' ? participantRoom(principalId) : `organiser:${principalId}`,
    );
    if (summitId !== null) void socket.join(`summit:${summitId}`);

    const on: CommandBinder = (event, schema, handler) => {
      // socket.io's typed `on` cannot be indexed by a union of names; every
      // command shares the (payload, ack) shape, checked at run time here.
      (socket.on as (ev: string, listener: (payload: unknown, ack: unknown) => void) => void)(
        event,
        (payload, ack) => {
          // Taken before any await: the moment the command reached this server.
          const receivedAt = Date.now();
          if (typeof ack !== 'function') return;
          const reply = ack as (r: Result<unknown>) => void;
          void (async () => {
            try {
              const principal = await deps.resolve(socket.request);
              if (principal === undefined) {
                reply({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in again' } });
                socket.disconnect(true);
                return;
              }
              const parsed = schema.safeParse(payload);
              if (!parsed.success) {
                const issues = parsed.error.issues.map((i) => ({
                  path: i.path.join('.') || '(payload)',
                  message: i.message,
                }));
                reply({
                  ok: false,
                  error: {
                    code: 'INVALID_PAYLOAD',
                    message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
                    issues,
                  },
                });
                return;
              }
              reply({ ok: true, data: await handler(parsed.data, principal, socket, receivedAt) });
            } catch (err) {
              reply(errorReply(err, deps.logger));
            }
          })();
        },
      );
    };

    on('clock:sync', SessionRef.partial(), () =>
      Promise.resolve({ serverTime: new Date().toISOString() }),
    );
    on('session:watch', SessionRef, async ({ sessionId }, principal) => {
      await deps.admitToSession(principal, sessionId);
      await socket.join(sessionRoom(sessionId));
      return { sessionId };
    });
    on('session:unwatch', SessionRef, async ({ sessionId }) => {
      await socket.leave(sessionRoom(sessionId));
      return { sessionId };
    });
    for (const m of modules) m.attach(socket, on);

    socket.emit('connection:accepted', {
      participantId: principalKind === 'participant' ? principalId : null,
      summitId,
      serverTime: new Date().toISOString(),
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
