/**
 * Benchmark: time from clicking Join to the first remote video frame
 * decoded, through Majlis (pre-join page, joinSession, role grants), beside a
 * bare livekit-client page that connects with a directly minted token, in
 * the same run, against the same SFU and the same publishing chair.
 *
 *   npm run bench -- join
 */
import { createServer } from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createMediaGateway } from '@majlis/server';
import { startApp } from '../src/harness/app.ts';
import {
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
} from '../src/harness/api.ts';
import { openSessions } from '../src/harness/sessions.ts';
import { joinMeeting, launchChromium, signedInContext } from '../src/harness/browser.ts';
import { startTestLiveKit, startTestRedis } from '../src/harness/services.ts';
import { percentile } from './lib.ts';

const JOINS = Number(process.env['BENCH_JOINS'] ?? 12);
const here = path.dirname(fileURLToPath(import.meta.url));
const clientDir = path.resolve(here, '../../client/dist-test');

async function main(): Promise<void> {
  const redis = await startTestRedis();
  const livekit = await startTestLiveKit();
  const app = await startApp({ redisUrl: redis.url, livekit, clientDir });
  const browser = await launchChromium();
  const org = await organiserClient(app);
  const summitId = (await org.post('/summits', summitInput())).body.id as string;
  const chair = await participantClient(org, summitId, { name: 'Chair', role: 'chair' });
  const sessionId = (
    await org.post(`/summits/${summitId}/sessions`, sessionInput({ chairId: chair.participant.id }))
  ).body.id as string;
  await openSessions(app.baseUrl, org, sessionId);

  const withCookie = (cookie: string | undefined) => signedInContext(browser, app.baseUrl, cookie);

  // The chair publishes camera and microphone for the whole run.
  const chairContext = await withCookie(chair.client.cookie);
  await joinMeeting(chairContext, app.baseUrl, sessionId, 30_000);

  // The bare page: livekit-client bundled on its own, served from a temp folder.
  const bareDir = fs.mkdtempSync(path.join(os.tmpdir(), 'majlis-bare-'));
  await build({
    entryPoints: [path.join(here, 'bare/bare.ts')],
    bundle: true,
    format: 'esm',
    outfile: path.join(bareDir, 'bare.js'),
    logLevel: 'silent',
  });
  fs.writeFileSync(
    path.join(bareDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>bare</title><script type="module" src="/bare.js"></script>',
  );
  const bareServer = createServer((req, res) => {
    const file = req.url?.startsWith('/bare.js') ? 'bare.js' : 'index.html';
    res.setHeader('content-type', file.endsWith('.js') ? 'text/javascript' : 'text/html');
    res.end(fs.readFileSync(path.join(bareDir, file)));
  }).listen(0, '127.0.0.1');
  await new Promise((r) => bareServer.once('listening', r));
  const bareUrl = `http://127.0.0.1:${(bareServer.address() as { port: number }).port}/`;
  const gateway = createMediaGateway({
    url: livekit.url,
    publicUrl: livekit.url,
    apiKey: livekit.apiKey,
    apiSecret: livekit.apiSecret,
    tokenTtlSeconds: 600,
  });

  const majlis: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < JOINS; i += 1) {
    // Majlis: a delegate on the meeting page clicks Join.
    const delegate = await participantClient(org, summitId, {
      name: `Observer ${i}`,
      role: 'observer',
    });
    const ctx = await withCookie(delegate.client.cookie);
    const page = await ctx.newPage();
    await page.goto(`${app.baseUrl}/sessions/${sessionId}`);
    await page.getByTestId('join').waitFor();
    majlis.push(
      await page.evaluate(async () => {
        const w = window as unknown as {
          majlisMeeting?: { counters(): Promise<{ video: { framesDecoded: number } }> };
        };
        const t0 = performance.now();
        (document.querySelector('[data-testid="join"]') as HTMLButtonElement).click();
        for (;;) {
          const c = await w.majlisMeeting?.counters();
          if (c && c.video.framesDecoded > 0) return performance.now() - t0;
          await new Promise((r) => setTimeout(r, 20));
        }
      }),
    );
    await ctx.close();

    // Bare: a directly minted token with the same subscribe-only grant.
    const details = await gateway.sessionToken(
      {
        roomName: `session-${sessionId}`,
        identity: `bare-${i}`,
        displayName: `Bare ${i}`,
        metadata: '{}',
        permission: {
          canSubscribe: true,
          canPublish: false,
          canPublishSources: [],
          canPublishData: false,
          hidden: true,
          roomAdmin: false,
        },
      },
      new Date(),
    );
    const bctx = await browser.newContext();
    const bpage = await bctx.newPage();
    await bpage.goto(bareUrl);
    await bpage.waitForFunction(
      () => typeof (window as unknown as { bareJoin?: unknown }).bareJoin === 'function',
    );
    bare.push(
      await bpage.evaluate(
        ([url, token]) =>
          (window as unknown as { bareJoin(u: string, t: string): Promise<number> }).bareJoin(
            url,
            token,
          ),
        [details.serverUrl, details.participantToken] as const,
      ),
    );
    await bctx.close();
  }

  const sort = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const [m, b] = [sort(majlis), sort(bare)];
  const row = (name: string, xs: number[]) =>
    `${name.padEnd(40)}${String(xs.length).padStart(6)}${percentile(xs, 50).toFixed(0).padStart(10)}${percentile(xs, 95).toFixed(0).padStart(10)}\n`;
  process.stdout.write(
    `\nJoin → first remote video frame decoded (ms), ${JOINS} joins each\n${'path'.padEnd(40)}${'joins'.padStart(6)}${'p50'.padStart(10)}${'p95'.padStart(10)}\n`,
  );
  process.stdout.write(row('bare livekit-client, minted token', b));
  process.stdout.write(row('Majlis meeting page (Join click)', m));
  process.stdout.write(
    `\nratio Majlis/bare: p50 ${(percentile(m, 50) / percentile(b, 50)).toFixed(2)}x, p95 ${(percentile(m, 95) / percentile(b, 95)).toFixed(2)}x\n`,
  );

  bareServer.close();
  fs.rmSync(bareDir, { recursive: true, force: true });
  await browser.close();
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
