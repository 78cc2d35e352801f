import { io as connect, type Socket } from 'socket.io-client';
import {
  isNoticeName,
  notices,
  readReply,
  sendCommand,
  type ClientToServerEvents,
  type CommandInput,
  type CommandName,
  type CommandReply,
  type Result,
  type ServerToClientEvents,
} from '@majlis/shared';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a test waits for any command's answer before calling it lost. */
const ASK_TIMEOUT_MS = 20_000;

/**
 * A Socket.IO client authenticated by a session cookie, connected and ready.
 * Every notice it receives is parsed against the contract table: one that
 * does not match throws in the listener, which fails the test run.
 */
export async function connectSocket(
  baseUrl: string,
  cookie: string | undefined,
  opts: { reconnection?: boolean } = {},
): Promise<TestSocket> {
  const socket: TestSocket = connect(baseUrl, {
    transports: ['websocket'],
    // A browser names the page's origin; the server refuses a handshake from elsewhere.
    extraHeaders: { cookie: cookie ?? '', origin: baseUrl },
    reconnection: opts.reconnection ?? false,
    forceNew: true,
  });
  socket.onAny((event: string, payload: unknown) => {
    if (!isNoticeName(event)) throw new Error(`${event}: a notice the contract does not declare`);
    const parsed = notices[event].payload.safeParse(payload);
    if (!parsed.success)
      throw new Error(`${event}: payload does not match the contract: ${parsed.error.message}`);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connection:accepted', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/**
 * Sends a command the way the client does (`sendCommand`, typed by the
 * contract table) and resolves with its reply, checked against the table.
 */
export function ask<E extends CommandName>(
  socket: TestSocket,
  event: E,
  input: CommandInput<E>,
  timeoutMs = ASK_TIMEOUT_MS,
): Promise<CommandReply<E>> {
  // The same socket through socket.io-client's untyped maps; see CommandChannel.
  const wire: Socket = socket;
  return sendCommand(wire, event, input, timeoutMs);
}

/**
 * Sends a payload the contract would not let through, for tests of the
 * server's edge (INVALID_PAYLOAD). The reply is still checked against the table.
 */
export async function askMalformed<E extends CommandName>(
  socket: TestSocket,
  event: E,
  payload: unknown,
  timeoutMs = ASK_TIMEOUT_MS,
): Promise<CommandReply<E>> {
  const wire: Socket = socket;
  const raw: unknown = await wire.timeout(timeoutMs).emitWithAck(event, payload);
  return readReply(event, raw);
}

export async function must<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}
