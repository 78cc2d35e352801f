import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { launchChromium } from '../harness/browser.ts';

const stack = inject('stack');

const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
const catalogue = (lang: string): Readonly<Record<string, string>> =>
  JSON.parse(
    fs.readFileSync(path.join(stack.repoRoot, `client/src/i18n/messages/${lang}.json`), 'utf8'),
  ) as Record<string, string>;

/** Which of the build's chunks hold livekit-client (named by client/vite.config.ts). */
function livekitChunks(): string[] {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(stack.clientDir, '.vite/manifest.json'), 'utf8'),
  ) as Record<string, { file: string; name?: string }>;
  return Object.values(manifest)
    .filter((chunk) => chunk.name === 'livekit')
    .map((chunk) => `/${chunk.file}`);
}

/** Opens `url` and records every path the page fetched (modulepreloads too) until it rendered `ready`. */
async function scriptsFetched(context: BrowserContext, url: string, ready: string) {
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (req) => scripts.push(new URL(req.url()).pathname));
  await page.goto(url);
  await page.locator(ready).waitFor();
  return { page, scripts };
}

describe('routes: pages load on first visit, any other address is a 404 page', () => {
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      clientDir: stack.clientDir,
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser.close();
    await app.close();
  });

  const newContext = async (locale = 'en') => {
    const context = await browser.newContext({ locale });
    contexts.push(context);
    return context;
  };

  it('`/` and `/login` fetch no LiveKit; the media check fetches it on the way', async () => {
    const livekit = livekitChunks();
    expect(livekit).toHaveLength(1);
    const context = await newContext();
    const home = await scriptsFetched(context, `${app.baseUrl}/`, '[data-testid="readiness"]');
    const login = await scriptsFetched(context, `${app.baseUrl}/login`, 'form');
    expect([...home.scripts, ...login.scripts].filter((s) => livekit.includes(s))).toEqual([]);

    // Followed in the app, not reloaded: the route fetches its own code, LiveKit with it.
    const fetched: string[] = [];
    home.page.on('request', (req) => fetched.push(new URL(req.url()).pathname));
    await home.page.getByRole('link', { name: catalogue('en')['home.mediaCheckLink'] }).click();
    await home.page.locator('form').waitFor();
    expect(fetched.filter((s) => livekit.includes(s))).toEqual(livekit);
  });

  it.each(LANGS)(
    '%s: an unknown address shows the 404 page in the reader’s language',
    async (lang) => {
      const words = catalogue(lang);
      const context = await newContext(lang);
      const page: Page = await context.newPage();
      await page.goto(`${app.baseUrl}/no/such/page`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe(words['notFound.title']);
      await expect.poll(() => page.title()).toContain(words['nav.notFound']);
      // The way back works without a reload.
      await page.getByRole('link', { name: words['notFound.home'] }).click();
      await page.locator('[data-testid="readiness"]').waitFor();
    },
  );

  it('every page of the app is still at its address', async () => {
    const context = await newContext();
    const page = await context.newPage();
    for (const url of ['/', '/login', '/setup', '/invite', '/media-check', '/summit']) {
      await page.goto(`${app.baseUrl}${url}`);
      await page.locator('main h1').first().waitFor();
      expect(await page.getByTestId('not-found').count(), url).toBe(0);
    }
  });
});
