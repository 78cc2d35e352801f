import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Result, ServerToClientEvents } from '@majlis/shared';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A Socket.IO client authenticated by a session cookie, connected and ready. */
export async function connectSocket(
  baseUrl: string,
  cookie: string | undefined,
  opts: { reconnection?: boolean } = {},
): Promise<TestSocket> {
  const socket: TestSocket = connect(baseUrl, {
    transports: ['websocket'],
    extraHeaders: { cookie: cookie ?? '' },
    reconnection: opts.reconnection ?? false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connection:accepted', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits a command and resolves with its Result. */
export function ask<T>(
  socket: TestSocket,
  event: keyof ClientToServerEvents,
  payload: unknown,
  timeoutMs = 20_000,
): Promise<Result<T>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${event}: no ack within ${timeoutMs} ms`)),
      timeoutMs,
    );
    (socket.emit as (ev: string, p: unknown, ack: (r: Result<T>) => void) => void)(
      event,
      payload,
      (reply) => {
        clearTimeout(timer);
        resolve(reply);
      },
    );
  });
}

export async function must<T>(p: Promise<Result<T>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}
