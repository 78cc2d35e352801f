import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type {
  ClientToServerEvents,
  CommandArgs,
  CommandName,
  CommandOutput,
  InterServerEvents,
  NoticeName,
  NoticePayload,
  ServerToClientEvents,
  SocketData,
} from '@majlis/shared';
import type { Logger } from '../logger.ts';
import type { Principal } from '../summits/principal.ts';
import { AppError } from '../errors.ts';
import type { RedisClient } from '../store/redis.ts';
import { ADAPTER_STREAM_MAX_ENTRIES } from '../store/streams.ts';
import { answerCommand } from './edge.ts';
import { CommandQuota, DEFAULT_COMMAND_QUOTA, type CommandQuotaLimits } from './quota.ts';

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
/** Every socket opened with one login session (one browser), by the SHA-256 of its id. */
export const loginRoom = (sessionHash: string): string => `login:${sessionHash}`;

export interface RealtimeDeps {
  resolve(req: IncomingMessage): Promise<Principal | undefined>;
  /** The login room of the session cookie the handshake carried, so signing out reaches it. */
  loginRoomOf?(req: IncomingMessage): string | undefined;
  /** Whether a handshake may proceed at all (its Origin); refused with 403 before any cookie is read. */
  allowRequest?(req: IncomingMessage): boolean;
  logger: Logger;
  /** May the principal follow this session's live state? Throws AppError when not. */
  admitToSession(principal: Principal, sessionId: string): Promise<void>;
  /** Commands per socket and per principal, sockets per principal; omitted: the defaults. */
  commandQuota?: CommandQuotaLimits | undefined;
  /** A dedicated Redis connection for the cross-node adapter; omitted: one node only. */
  adapterClient?: RedisClient | undefined;
}

/** Registers a feature's commands on each new socket (floor, votes, interpretation). */
export interface RealtimeModule {
  attach(socket: MajlisSocket, on: CommandBinder): void;
}

/**
 * A command's handler: gets the parsed input and the principal as it is
 * now, returns the command's output type (or the code does not compile).
 * A refusal is an `AppError` with one of the command's declared codes.
 */
export type CommandHandler<E extends CommandName> = (
  input: CommandArgs<E>,
  principal: Principal,
  socket: MajlisSocket,
  /** When the command reached this server, taken before any await. */
  receivedAt: number,
) => Promise<CommandOutput<E>>;

/** Binds one command by its name in the contract; the schemas come from the table. */
export type CommandBinder = <E extends CommandName>(event: E, handler: CommandHandler<E>) => void;

/**
 * Where a notice goes: one socket, or a room on every node (`io.to(room)`).
 * Seen through socket.io's untyped emit: its typed maps cannot be indexed by
 * a generic notice name. `notify`'s own signature carries the types.
 */
interface NoticeTarget {
  emit(event: string, payload: unknown): boolean;
}

/** Sends a notice; its payload must be the type the contract table gives it. */
export function notify<N extends NoticeName>(
  target: MajlisSocket | ReturnType<MajlisIo['to']>,
  event: N,
  payload: NoticePayload<N>,
): void {
  const wire: NoticeTarget = target;
  wire.emit(event, payload);
}

/** A handler registered for one socket, its types erased at the wire. */
type Route = (payload: unknown, ack: (reply: unknown) => void, receivedAt: number) => void;

/**
 * The command edge of one socket. Every command goes through one `onAny`
 * dispatcher, so no listener is registered with a hand-written type: the
 * payload arrives as `unknown` and `answerCommand` parses it with the
 * table's schema. An event no module bound is answered, not left to time out.
 */
function commandEdge(
  socket: MajlisSocket,
  deps: RealtimeDeps,
  mayRun: (now: number) => boolean,
  /** Refusals in a row after which the socket is disconnected. */
  floodLimit: number,
): CommandBinder {
  const routes = new Map<string, Route>();
  let refusedInARow = 0;
  socket.onAny((event: string, payload: unknown, ack: unknown) => {
    // Taken before any await: the moment the command reached this server.
    const receivedAt = Date.now();
    if (typeof ack !== 'function') return;
    // socket.io's ack sends its arguments to the client as JSON.
    const reply = (r: unknown): void => void Reflect.apply(ack, undefined, [r]);
    // The quota, before anything costs: a flood is answered from memory, never from Redis.
    if (!mayRun(receivedAt)) {
      reply({
        ok: false,
        error: { code: 'RATE_LIMITED', message: 'Too many commands; slow down' },
      });
      // A client that goes on regardless is not slowing down: it is cut off, so the rest
      // of its flood is dropped with the connection instead of being read and answered.
      refusedInARow += 1;
      if (refusedInARow === floodLimit) {
        deps.logger.warn(
          { principalId: socket.data.principalId, event, refused: refusedInARow },
          'socket disconnected: it ignored RATE_LIMITED',
        );
        // The rest of its flood is read off the wire and dropped unparsed (not left to the
        // WebSocket parser, which would hold up our event loop frame by frame); what it was
        // already answered still goes out, and the connection ends when the client leaves.
        const connection = socket.request.socket;
        connection.removeAllListeners('data');
        connection.on('data', () => undefined);
        socket.disconnect(true);
      }
      return;
    }
    refusedInARow = 0;
    const route = routes.get(event);
    if (route === undefined) {
      reply({
        ok: false,
        error: { code: 'INVALID_PAYLOAD', message: `${event}: no such command` },
      });
      return;
    }
    route(payload, reply, receivedAt);
  });

  return (event, handler) => {
    routes.set(event, (payload, ack, receivedAt) => {
      void answerCommand(event, payload, {
        resolve: () => deps.resolve(socket.request),
        run: (input, principal) => handler(input, principal, socket, receivedAt),
        logger: deps.logger,
      }).then(({ reply, signedOut }) => {
        ack(reply);
        if (signedOut) socket.disconnect(true);
      });
    });
  };
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
    ...(deps.allowRequest
      ? {
          allowRequest: (
            req: IncomingMessage,
            answer: (err: string | null, ok: boolean) => void,
          ) => {
            answer(null, deps.allowRequest?.(req) ?? true);
          },
        }
      : {}),
    // A client that drops for a moment gets the missed broadcasts replayed; middlewares run again.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    ...(deps.adapterClient
      ? { adapter: createAdapter(deps.adapterClient, { maxLen: ADAPTER_STREAM_MAX_ENTRIES }) }
      : {}),
  });
  const quota = new CommandQuota(deps.commandQuota ?? DEFAULT_COMMAND_QUOTA);
  const gates = new WeakMap<MajlisSocket, (now: number) => boolean>();
  io.use((socket, next) => {
    // Through a promise even if resolving throws at once: a handshake is always answered.
    Promise.resolve(socket.request)
      .then((req) => deps.resolve(req))
      .then(
        (principal) => {
          if (principal === undefined) {
            next(new Error('UNAUTHENTICATED'));
            return;
          }
          const ticket = quota.open(
            principal.kind === 'organiser'
              ? `organiser:${principal.userId}`
              : `participant:${principal.participant.id}`,
            Date.now(),
          );
          if (ticket === undefined) {
            next(new Error('RATE_LIMITED'));
            return;
          }
          gates.set(socket, ticket.gate);
          socket.once('disconnect', ticket.release);
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
    const login = deps.loginRoomOf?.(socket.request);
    if (login !== undefined) void socket.join(login);

    const on = commandEdge(
      socket,
      deps,
      gates.get(socket) ?? (() => false),
      (deps.commandQuota ?? DEFAULT_COMMAND_QUOTA).socketBurst,
    );
    on('clock:sync', () => Promise.resolve({ serverTime: new Date().toISOString() }));
    on('session:watch', async ({ sessionId }, principal) => {
      await deps.admitToSession(principal, sessionId);
      await socket.join(sessionRoom(sessionId));
      return { sessionId };
    });
    on('session:unwatch', async ({ sessionId }) => {
      await socket.leave(sessionRoom(sessionId));
      return { sessionId };
    });
    for (const m of modules) m.attach(socket, on);

    notify(socket, 'connection:accepted', {
      participantId: principalKind === 'participant' ? principalId : null,
      summitId,
      serverTime: new Date().toISOString(),
    });
  });
  return io;
}

/** Signing out: that browser's sockets are told, then cut off at once, on every node. */
export function disconnectLogin(io: MajlisIo, sessionHash: string): void {
  const room = io.in(loginRoom(sessionHash));
  notify(room, 'access:revoked', { reason: 'signed_out' });
  room.disconnectSockets(true);
}

/** Tells every device of a revoked participant, then cuts them off. */
export function disconnectParticipant(io: MajlisIo, participantId: string): void {
  const room = io.in(participantRoom(participantId));
  notify(room, 'access:revoked', { reason: 'revoked' });
  room.disconnectSockets(true);
}
