import { io, type Socket } from 'socket.io-client';
import {
  CommandUnanswered,
  httpStatusOf,
  notices,
  problemTypeOf,
  sendCommand,
  type ClientToServerEvents,
  type CommandChannel,
  type CommandInput,
  type CommandName,
  type CommandOutput,
  type ErrorCode,
  type FieldIssue,
  type NoticeName,
  type NoticePayload,
  type ServerToClientEvents,
} from '@majlis/shared';
import { ApiError } from '../api/http.ts';

export type MajlisSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * How long any command waits for its answer. Past it (or when the
 * connection drops first) the command rejects as SERVICE_UNAVAILABLE: the
 * reader may try again. One figure for every command, so no screen gives up
 * sooner than another.
 */
export const COMMAND_TIMEOUT_MS = 15_000;

/**
 * The page's one Socket.IO connection, same origin, authenticated by the
 * session cookie. WebSocket only: no sticky sessions needed across nodes.
 * `typed` is what components listen on; `wire` is the same socket through
 * socket.io-client's untyped maps, for `call` and `listen`, whose own
 * signatures carry the contract's types (socket.io's typed maps cannot be
 * indexed by a generic event name).
 */
let connection: { typed: MajlisSocket; wire: Socket } | undefined;

function connect(): { typed: MajlisSocket; wire: Socket } {
  if (connection === undefined) {
    const wire = io({ transports: ['websocket'], withCredentials: true });
    connection = { typed: wire, wire };
  }
  return connection;
}

export function getSocket(): MajlisSocket {
  return connect().typed;
}

/** What the client's one error type carries for a refused or unanswered command. */
function commandError(
  status: number,
  code: ErrorCode,
  message: string,
  issues?: FieldIssue[],
): ApiError {
  return new ApiError(status, {
    type: problemTypeOf(code),
    title: message,
    status: httpStatusOf[code],
    detail: message,
    code,
    ...(issues ? { issues } : {}),
  });
}

/**
 * Sends one command and resolves with its output, typed by the contract
 * table. Rejects with `ApiError`, like every HTTP call: a refusal carries
 * the server's code (and the status that code has over HTTP); no answer
 * within `COMMAND_TIMEOUT_MS` is SERVICE_UNAVAILABLE with status 0; an
 * answer outside the contract is INTERNAL with status 0.
 */
export async function call<E extends CommandName>(
  event: E,
  input: CommandInput<E>,
  channel: CommandChannel = connect().wire,
): Promise<CommandOutput<E>> {
  const reply = await sendCommand(channel, event, input, COMMAND_TIMEOUT_MS).catch(
    (err: unknown) => {
      if (!(err instanceof CommandUnanswered)) throw err;
      throw err.reason === 'no_answer'
        ? commandError(0, 'SERVICE_UNAVAILABLE', err.message)
        : commandError(0, 'INTERNAL', err.message);
    },
  );
  if (reply.ok) return reply.data;
  const { code, message, issues } = reply.error;
  throw commandError(httpStatusOf[code], code, message, issues);
}

/** What `listen` needs of a socket: the untyped `on`/`off` (see `connection`). */
export interface NoticeChannel {
  on(event: string, listener: (payload: unknown) => void): unknown;
  off(event: string, listener: (payload: unknown) => void): unknown;
}

/**
 * Follows one notice, typed by the contract table and parsed against it at
 * this edge. A notice that does not match is not applied; it is reported
 * (the page's error handler sees it) rather than shown half-understood.
 * Returns the unsubscribe.
 */
export function listen<N extends NoticeName>(
  event: N,
  listener: (payload: NoticePayload<N>) => void,
  channel: NoticeChannel = connect().wire,
): () => void {
  const spec = notices[event];
  const receive = (payload: unknown) => {
    const parsed = spec.payload.safeParse(payload);
    if (parsed.success) listener(parsed.data);
    else
      reportError(
        new Error(`${event}: notice does not match the contract`, { cause: parsed.error }),
      );
  };
  channel.on(event, receive);
  return () => {
    channel.off(event, receive);
  };
}
