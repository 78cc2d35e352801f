/**
 * Benchmark: a floor change fanned out to 1,000 Socket.IO clients, from the
 * chair's command to each client's receipt (p50/p99), beside a plain
 * Socket.IO broadcast of the same payload to 1,000 clients in the same run;
 * then grant-to-audible latency in the browser through the real SFU.
 *
 *   npm run bench -- floor
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';
import type { FloorCommand, FloorView } from '@majlis/shared';
import { startApp } from '../src/harness/app.ts';
import {
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
} from '../src/harness/api.ts';
import { openSessions } from '../src/harness/sessions.ts';
import {
  joinMeeting,
  launchChromium,
  signedInContext,
  type InboundCounters,
} from '../src/harness/browser.ts';
import { startTestLiveKit, startTestRedis } from '../src/harness/services.ts';
import { ask, connectSocket, must } from '../src/harness/sockets.ts';
import { percentile } from './lib.ts';

const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 1000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 20);
const AUDIBLE_ROUNDS = Number(process.env['BENCH_AUDIBLE_ROUNDS'] ?? 8);

async function batches<T>(n: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size)
    out.push(
      ...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, k) => make(i + k)))),
    );
  return out;
}

function row(name: string, xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  return `${name.padEnd(46)}${String(s.length).padStart(8)}${percentile(s, 50).toFixed(1).padStart(9)}${percentile(s, 99).toFixed(1).padStart(9)}\n`;
}

async function main(): Promise<void> {
  const redis = await startTestRedis();
  const livekit = await startTestLiveKit();
  const app = await startApp({
    redisUrl: redis.url,
    livekit,
    clientDir: new URL('../../client/dist-test', import.meta.url).pathname,
  });
  const org = await organiserClient(app);
  const summitId = (await org.post('/summits', summitInput())).body.id as string;
  const delegationId = (
    await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'IS',
      votingRights: true,
    })
  ).body.id as string;
  const chair = await participantClient(org, summitId, { name: 'Chair', role: 'chair' });
  const head = await participantClient(org, summitId, {
    name: 'Head',
    role: 'head_of_delegation',
    delegationId,
  });
  const watcher = await participantClient(org, summitId, { name: 'Watcher', role: 'observer' });
  const sessionId = (
    await org.post(`/summits/${summitId}/sessions`, sessionInput({ chairId: chair.participant.id }))
  ).body.id as string;
  await openSessions(app.baseUrl, org, sessionId);

  // ── Majlis: floor:changed to 1,000 watchers ─────────────────────────
  const chairSocket = await connectSocket(app.baseUrl, chair.client.cookie);
  const headSocket = await connectSocket(app.baseUrl, head.client.cookie);
  const watchers = await batches(CLIENTS, 100, async () => {
    const s = await connectSocket(app.baseUrl, watcher.client.cookie);
    await must(ask(s, 'session:watch', { sessionId }));
    return s;
  });
  await must(
    ask(headSocket, 'floor:command', {
      sessionId,
      command: { type: 'request', kind: 'statement' },
    }),
  );
  await must(ask(chairSocket, 'floor:command', { sessionId, command: { type: 'grantNext' } }));
  const majlis: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const command: FloorCommand = r % 2 === 0 ? { type: 'pause' } : { type: 'resume' };
    const t0 = performance.now();
    const received = Promise.all(
      watchers.map(
        (s) =>
          new Promise<void>((resolve) => {
            const on = (v: FloorView) => {
              if ((command.type === 'pause') === (v.floor.current?.deadline === null)) {
                majlis.push(performance.now() - t0);
                s.off('floor:changed', on);
                resolve();
              }
            };
            s.on('floor:changed', on);
          }),
      ),
    );
    await must(ask(chairSocket, 'floor:command', { sessionId, command }));
    await received;
  }
  const payload = JSON.stringify(await must(ask(chairSocket, 'floor:get', { sessionId })));
  for (const s of watchers) s.close();

  // ── Baseline: a plain Socket.IO broadcast of the same payload ───────
  const http = createServer();
  const plain = new Server(http, { serveClient: false });
  plain.on('connection', (socket) => {
    void socket.join('room');
    socket.on('change', (ack: () => void) => {
      plain.to('room').emit('changed', JSON.parse(payload) as unknown);
      ack();
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  const plainClients = await batches(CLIENTS, 100, (): Promise<Socket> => {
    const s = connect(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    return new Promise((resolve) => s.once('connect', () => resolve(s)));
  });
  const sender = plainClients[0] as Socket;
  const baseline: number[] = [];
  for (let r = 0; r < ROUNDS; r += 1) {
    const t0 = performance.now();
    const received = Promise.all(
      plainClients.map(
        (s) =>
          new Promise<void>((resolve) =>
            s.once('changed', () => {
              baseline.push(performance.now() - t0);
              resolve();
            }),
          ),
      ),
    );
    await new Promise<void>((resolve) => sender.emit('change', () => resolve()));
    await received;
  }
  for (const s of plainClients) s.close();
  await plain.close();

  process.stdout.write(
    `\nFloor change fan-out to ${CLIENTS} Socket.IO clients, ${ROUNDS} changes (ms, command sent → client received)\n`,
  );
  process.stdout.write(
    `${'path'.padEnd(46)}${'samples'.padStart(8)}${'p50'.padStart(9)}${'p99'.padStart(9)}\n`,
  );
  process.stdout.write(row('baseline: plain Socket.IO room broadcast', baseline));
  process.stdout.write(row('Majlis floor:command → floor:changed', majlis));
  const sb = [...baseline].sort((a, b) => a - b);
  const sm = [...majlis].sort((a, b) => a - b);
  process.stdout.write(
    `ratio Majlis/plain: p50 ${(percentile(sm, 50) / percentile(sb, 50)).toFixed(2)}x, p99 ${(percentile(sm, 99) / percentile(sb, 99)).toFixed(2)}x\n`,
  );

  // ── Grant → audible in a browser, through the SFU ────────────────────
  await must(ask(chairSocket, 'floor:command', { sessionId, command: { type: 'revoke' } }));
  const browser = await launchChromium();
  const open = async (cookie: string | undefined) =>
    joinMeeting(
      await signedInContext(browser, app.baseUrl, cookie),
      app.baseUrl,
      sessionId,
      30_000,
    );
  const speakerPage = await open(head.client.cookie);
  const listenerPage = await open(watcher.client.cookie);
  const identity = `p-${head.participant.id}`;
  const audible: number[] = [];
  for (let r = 0; r < AUDIBLE_ROUNDS; r += 1) {
    await must(
      ask(headSocket, 'floor:command', {
        sessionId,
        command: { type: 'request', kind: 'statement' },
      }),
    );
    const t0 = Date.now();
    await must(ask(chairSocket, 'floor:command', { sessionId, command: { type: 'grantNext' } }));
    let last = -1;
    for (;;) {
      const c: InboundCounters | undefined = await listenerPage.evaluate(
        (id) => window.majlisMeeting?.countersFrom(id),
        identity,
      );
      const now = c?.audio.totalSamplesDuration ?? 0;
      if (last >= 0 && now > last) break;
      last = now;
      await listenerPage.waitForTimeout(20);
    }
    audible.push(Date.now() - t0);
    await must(ask(chairSocket, 'floor:command', { sessionId, command: { type: 'revoke' } }));
    // Wait until the track is gone before the next round.
    await listenerPage
      .waitForFunction(
        (id) => window.majlisMeeting?.countersFrom(id).then((c) => c.audio.tracks === 0),
        identity,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    await listenerPage.waitForTimeout(300);
  }
  await speakerPage.close();
  process.stdout.write(
    `\nGrant → audio samples growing at a listener, ${AUDIBLE_ROUNDS} grants (ms)\n`,
  );
  process.stdout.write(row('chair grant → audible at listener (real SFU)', audible));

  await browser.close();
  chairSocket.close();
  headSocket.close();
  await app.close();
  await Promise.all([redis.child.stop(), livekit.child.stop()]);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
