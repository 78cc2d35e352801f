import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { LiveKitInfo } from './services.ts';
import type { TokenClientCounters } from './token-page/page.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Serves the bare token page (token-page/page.ts bundled with livekit-client) on a free loopback port. */
export async function startTokenPage(): Promise<{ url: string; close(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'majlis-token-page-'));
  await build({
    entryPoints: [path.join(here, 'token-page/page.ts')],
    bundle: true,
    format: 'esm',
    outfile: path.join(dir, 'page.js'),
    logLevel: 'silent',
  });
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>token client</title><script type="module" src="/page.js"></script>',
  );
  const server = createServer((req, res) => {
    const file = req.url?.startsWith('/page.js') ? 'page.js' : 'index.html';
    res.setHeader('content-type', file.endsWith('.js') ? 'text/javascript' : 'text/html');
    res.end(fs.readFileSync(path.join(dir, file)));
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        fs.rmSync(dir, { recursive: true, force: true });
      }),
  };
}

/** A fresh browser page with the token client loaded. */
export async function openTokenClient(browser: Browser, pageUrl: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(pageUrl);
  await page.waitForFunction(() => typeof window.tokenClient === 'object');
  return page;
}

export const tokenConnect = (page: Page, url: string, token: string): Promise<string> =>
  page.evaluate(([u, t]) => window.tokenClient.connect(u, t), [url, token] as const);
export const tokenState = (page: Page): Promise<string> =>
  page.evaluate(() => window.tokenClient.state());
export const tokenCounters = (page: Page): Promise<TokenClientCounters> =>
  page.evaluate(() => window.tokenClient.counters());
export const tokenPublish = (page: Page, toneHz: number, force = false): Promise<string> =>
  page.evaluate(([hz, f]) => window.tokenClient.publish(hz, f), [toneHz, force] as const);
export const tokenFullReconnect = (page: Page): Promise<void> =>
  page.evaluate(() => window.tokenClient.fullReconnect());
export const tokenReconnects = (page: Page): Promise<number> =>
  page.evaluate(() => window.tokenClient.reconnects());
export const tokenRefreshed = (page: Page): Promise<string | null> =>
  page.evaluate(() => window.tokenClient.refreshedToken());

const b64url = (s: string): string => Buffer.from(s).toString('base64url');

/**
 * A LiveKit token signed with the API secret, as a compromised server or an
 * SFU operator could make one: whatever the grant says, Majlis never saw it.
 */
export function mintLiveKitToken(
  livekit: LiveKitInfo,
  claims: { identity: string; room: string; ttlSeconds?: number; video?: Record<string, unknown> },
): string {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: livekit.apiKey,
    sub: claims.identity,
    nbf: now - 5,
    exp: now + (claims.ttlSeconds ?? 600),
    video: { roomJoin: true, room: claims.room, canSubscribe: true, ...claims.video },
  };
  const unsigned = `${b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64url(JSON.stringify(payload))}`;
  const sig = createHmac('sha256', livekit.apiSecret).update(unsigned).digest('base64url');
  return `${unsigned}.${sig}`;
}
