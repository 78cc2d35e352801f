/**
 * A hostile client in its own process (issue 19, item 1): one socket sends
 * COUNT commands at once, alternating the listening channel so no command
 * is a no-op, and prints how they were answered as one JSON line: replies
 * by code, and those left unanswered when the server cut the socket off.
 *
 * Usage: node --import tsx flood.ts <baseUrl> <cookie> <sessionId> <count> <channel>
 */
import { io, type Socket } from 'socket.io-client';
import { LanguageCode, readReply } from '@majlis/shared';

const [baseUrl = '', cookie = '', sessionId = '', count = '0', channel = 'fr'] =
  process.argv.slice(2);
const total = Number(count);
const socket: Socket = io(baseUrl, {
  transports: ['websocket'],
  reconnection: false,
  extraHeaders: { cookie, origin: baseUrl },
});
await new Promise<void>((resolve, reject) => {
  socket.once('connection:accepted', () => resolve());
  socket.once('connect_error', reject);
});
process.stdout.write('ready\n');
const started = performance.now();
const codes: Record<string, number> = {};
const cut = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
const language = LanguageCode.parse(channel);
const replies = Array.from(
  { length: total },
  (_, i) =>
    new Promise<void>((resolve) => {
      socket.emit(
        'interpretation:listen',
        { sessionId, channel: i % 2 === 0 ? 'floor' : language },
        (raw: unknown) => {
          const reply = readReply('interpretation:listen', raw);
          const code = reply.ok ? 'ok' : reply.error.code;
          codes[code] = (codes[code] ?? 0) + 1;
          resolve();
        },
      );
    }),
);
await Promise.race([cut, Promise.all(replies)]);
const answered = Object.values(codes).reduce((a, b) => a + b, 0);
if (answered < total) codes['unanswered'] = total - answered;
const ms = Math.round(performance.now() - started);
process.stdout.write(`${JSON.stringify({ codes, ms, disconnected: !socket.connected })}\n`);
socket.close();
// Whatever it had still queued to send goes with it.
process.exit(0);
