/**
 * Benchmark: createAgendaItem and listAgendaItems through the real app
 * (real Redis), beside a baseline measured in the same run: a bare Express
 * server doing one Redis write or one read of the same JSON per request.
 * The ratio is the cost of validation, authorization, the atomic commit and
 * the hash-chained record.
 *
 *   npm run bench -- agenda
 */
import { randomBytes } from 'node:crypto';
import express from 'express';
import { connectRedis } from '@majlis/server';
import { startApp } from '../src/harness/app.ts';
import { organiserClient, sessionInput, summitInput } from '../src/harness/api.ts';
import { startTestLiveKit, startTestRedis } from '../src/harness/services.ts';
import { expectOk, measure, printTable } from './lib.ts';

const N = Number(process.env['BENCH_REQUESTS'] ?? 2000);
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 16);

async function main(): Promise<void> {
  const redis = await startTestRedis();
  const livekit = await startTestLiveKit();
  const app = await startApp({ redisUrl: redis.url, livekit });
  const org = await organiserClient(app);
  const summit = (await org.post('/summits', summitInput())).body;
  const session = (await org.post(`/summits/${summit.id}/sessions`, sessionInput())).body;
  const cookie = org.cookie ?? '';
  const itemBody = JSON.stringify({
    title: { en: 'Statement', fr: 'Déclaration' },
    kind: 'statements',
    allottedMinutes: 5,
  });

  // Baseline: the same HTTP stack and Redis, no Majlis logic.
  const raw = await connectRedis(redis.url);
  const bare = express();
  bare.use(express.json());
  bare.post('/items', async (req, res) => {
    const id = randomBytes(16).toString('base64url');
    await raw.client
      .multi()
      .set(`bench:item:${id}`, JSON.stringify(req.body))
      .zAdd('bench:items', { score: Date.now(), value: id })
      .exec();
    res.status(201).json({ id });
  });
  bare.get('/items', async (_req, res) => {
    const ids = await raw.client.zRange('bench:items', 0, 49);
    res.json({
      items: ids.length
        ? (await raw.client.mGet(ids.map((i) => `bench:item:${i}`))).map((v) =>
            JSON.parse(v ?? 'null'),
          )
        : [],
    });
  });
  const bareServer = bare.listen(0, '127.0.0.1');
  await new Promise((r) => bareServer.once('listening', r));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as { port: number }).port}`;

  const headers = { 'content-type': 'application/json', origin: app.baseUrl, cookie };
  const rows = [];
  rows.push(
    await measure('baseline: bare Express + Redis write', N, CONCURRENCY, async () => {
      expectOk(
        await fetch(`${bareUrl}/items`, { method: 'POST', headers, body: itemBody }),
        'bare write',
      );
    }),
  );
  rows.push(
    await measure('createAgendaItem', N, CONCURRENCY, async () => {
      expectOk(
        await fetch(`${app.baseUrl}/api/v1/sessions/${session.id}/agenda-items`, {
          method: 'POST',
          headers,
          body: itemBody,
        }),
        'create',
      );
    }),
  );
  rows.push(
    await measure('baseline: bare Express + Redis read of 50', N, CONCURRENCY, async () => {
      const r = await fetch(`${bareUrl}/items`);
      expectOk(r, 'bare read');
      await r.arrayBuffer();
    }),
  );
  rows.push(
    await measure('listAgendaItems (50 per page)', N, CONCURRENCY, async () => {
      const r = await fetch(`${app.baseUrl}/api/v1/sessions/${session.id}/agenda-items?limit=50`, {
        headers: { cookie },
      });
      expectOk(r, 'list');
      await r.arrayBuffer();
    }),
  );
  printTable(`Agenda API on this machine (${CONCURRENCY} concurrent clients, keep-alive)`, rows);
  const [bw, cw, br, lr] = rows;
  if (bw && cw && br && lr) {
    process.stdout.write(
      `\ncreateAgendaItem p50 is ${(cw.p50 / bw.p50).toFixed(1)}x the bare write; listAgendaItems p50 is ${(lr.p50 / br.p50).toFixed(1)}x the bare read.\n`,
    );
  }

  bareServer.close();
  await raw.close();
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
