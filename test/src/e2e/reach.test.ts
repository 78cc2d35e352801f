import fs from 'node:fs';
import path from 'node:path';
import type { FloorCommand, ListeningChoice } from '@majlis/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import {
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
  type ApiClient,
} from '../harness/api.ts';
import { seriousAxeViolations } from '../harness/axe.ts';
import { launchChromium } from '../harness/browser.ts';
import { presenceAt } from '../harness/reach.ts';
import { ask, connectSocket, must, type TestSocket } from '../harness/sockets.ts';

const stack = inject('stack');
const shots = path.join(stack.repoRoot, 'test-results', 'reach');

/** Whole minutes: the scripted instants are whole seconds after it. */
const T0 = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
let nowMs = T0;
const clock = { now: () => new Date(nowMs) };

let app: RunningApp;
let browser: Browser;
let org: ApiClient;
let sessionId: string;
let summitId: string;
const clients: Record<string, ApiClient> = {};
const sockets: TestSocket[] = [];
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await startApp({
    redisUrl: stack.redisUrl,
    livekit: stack.livekit,
    clientDir: stack.clientDir,
    clock,
  });
  browser = await launchChromium();
  fs.mkdirSync(shots, { recursive: true });
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id as string;
  const delegation = async (code: string) =>
    (
      await org.post(`/summits/${summitId}/delegations`, {
        kind: 'state',
        code,
        votingRights: true,
      })
    ).body.id as string;
  const [fr, eg, br] = [await delegation('FR'), await delegation('EG'), await delegation('BR')];
  const ids: Record<string, string> = {};
  const specs: Record<string, Record<string, unknown>> = {
    chair: { name: 'Amina Haddad', role: 'chair' },
    fr: { name: 'Élise Martin', role: 'head_of_delegation', delegationId: fr },
    eg: { name: 'Omar Farouk', role: 'head_of_delegation', delegationId: eg },
    br: { name: 'Rafael Lima', role: 'head_of_delegation', delegationId: br },
    observer: { name: 'Observer One', role: 'observer' },
  };
  for (const [key, input] of Object.entries(specs)) {
    const { client, participant } = await participantClient(org, summitId, input);
    clients[key] = client;
    ids[key] = participant.id as string;
  }
  const watchers: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    const { participant } = await participantClient(org, summitId, {
      name: `Watcher ${i}`,
      role: i % 3 === 0 ? 'press' : 'observer',
    });
    watchers.push(participant.id as string);
  }
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ chairId: ids['chair'], interpretationLanguages: ['fr', 'ar'] }),
    )
  ).body.id as string;

  const at = (s: number) => T0 + s * 1000;
  const presence = (
    id: string | undefined,
    event: 'participant_joined' | 'participant_left',
    s: number,
  ) => presenceAt(app.baseUrl, stack.livekit, sessionId, id ?? '', event, at(s));
  const socketOf = async (who: string) => {
    const s = await connectSocket(app.baseUrl, clients[who]?.cookie);
    sockets.push(s);
    return s;
  };
  const [chair, sfr, seg, sbr, sobs] = [
    await socketOf('chair'),
    await socketOf('fr'),
    await socketOf('eg'),
    await socketOf('br'),
    await socketOf('observer'),
  ];
  const floor = (s: TestSocket, command: FloorCommand) =>
    must(ask(s, 'floor:command', { sessionId, command }));
  const listen = (s: TestSocket, channel: ListeningChoice) =>
    must(ask(s, 'interpretation:listen', { sessionId, channel }));

  // An hour of a plenary: delegations arrive, watchers come and go, some
  // switch to a booth, three delegations take the floor.
  for (const [i, who] of ['fr', 'eg', 'br'].entries())
    await presence(ids[who], 'participant_joined', 30 * i);
  await presence(ids['observer'], 'participant_joined', 60);
  for (const [i, id] of watchers.entries()) await presence(id, 'participant_joined', 120 + 90 * i);
  nowMs = at(300);
  await listen(sobs, 'ar');
  const speak = async (s: TestSocket, from: number, to: number) => {
    nowMs = at(from);
    await floor(s, { type: 'request', kind: 'statement' });
    await floor(chair, { type: 'grantNext' });
    nowMs = at(to);
    await floor(s, { type: 'yield' });
  };
  await speak(sfr, 600, 840);
  await speak(seg, 900, 1080);
  await speak(sbr, 1200, 1500);
  for (const [i, id] of watchers.entries())
    if (i % 2 === 0) await presence(id, 'participant_left', 1800 + 60 * i);
  await presence(ids['br'], 'participant_left', 3000);
  nowMs = at(3600);
}, 180_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const c of contexts) await c.close();
  await browser.close();
  await app.close();
});

async function openReach(
  lang: 'en' | 'ar' | 'zh' | 'fr' | 'ru' | 'es',
  cookie: string | undefined,
): Promise<Page> {
  const context = await browser.newContext({
    locale: lang,
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
    // Only to inject axe-core inline; the charts themselves draw under the app's CSP.
    bypassCSP: true,
  });
  contexts.push(context);
  const [name, ...value] = (cookie ?? '').split('=');
  await context.addCookies([{ name: name ?? '', value: value.join('='), url: app.baseUrl }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${app.baseUrl}/sessions/${sessionId}/reach`);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  await page.getByTestId('reach-page').waitFor({ timeout: 20_000 });
  for (const chart of ['chart-timeline', 'chart-watch', 'chart-speaking'])
    await page.getByTestId(`${chart}-chart`).locator('svg').first().waitFor({ timeout: 20_000 });
  expect(errors).toEqual([]);
  return page;
}

describe('REACH-1 the reach page (charts in a real browser)', () => {
  it('draws the three charts with their tables, in English', async () => {
    const page = await openReach('en', org.cookie);
    expect(await page.getByTestId('unique-viewers').textContent()).toBe('16');
    // Each chart is drawn by Observable Plot: marks, not an empty frame.
    // Marks drawn, not an empty frame; the legend's swatches are outside the plot's <svg>.
    const marks = (chart: string, shape: string) =>
      page.getByTestId(`${chart}-chart`).locator(`svg[viewBox] > g ${shape}`).count();
    expect(await marks('chart-timeline', 'path[stroke]')).toBeGreaterThanOrEqual(2); // floor and Arabic
    expect(await marks('chart-watch', 'rect')).toBe(2);
    expect(await marks('chart-speaking', 'rect')).toBe(3);
    const speaking = page.getByTestId('chart-speaking').locator('table');
    await expect.poll(() => speaking.locator('tbody tr').count()).toBe(3);
    expect(await speaking.textContent()).toContain('Brazil');
    // Nobody set an agenda item in this script: every intervention falls before any.
    const byItem = page.getByRole('region', { name: 'Speaking time by agenda item' });
    expect(await byItem.locator('tbody tr').count()).toBe(3);
    expect(await byItem.locator('tbody tr').first().textContent()).toContain(
      'Before any agenda item',
    );
    expect(await page.getByTestId('now-watching').textContent()).toMatch(/^9/);
    await page.screenshot({ path: path.join(shots, 'reach-en.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 90_000);

  it('mirrors in Arabic: right to left, Arabic words, the charts drawn', async () => {
    const page = await openReach('ar', org.cookie);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('الوصول والمحضر');
    expect(await page.getByTestId('chart-speaking').locator('table').textContent()).toContain(
      'البرازيل',
    );
    await page.screenshot({ path: path.join(shots, 'reach-ar.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 90_000);

  it('speaks the other four languages too: its heading from the catalogue, no raw key', async () => {
    const rawKey = /\b(reach|floor|role|interp)\.[a-zA-Z.]+/;
    expect('Reach — reach.title').toMatch(rawKey); // the detector finds a raw key
    for (const lang of ['zh', 'fr', 'ru', 'es'] as const) {
      const catalogue = JSON.parse(
        fs.readFileSync(path.join(stack.repoRoot, `client/src/i18n/messages/${lang}.json`), 'utf8'),
      ) as Record<string, string>;
      const page = await openReach(lang, org.cookie);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        catalogue['reach.title'],
      );
      const text = (await page.locator('main').innerText()) + (await page.title());
      expect(text, lang).not.toMatch(rawKey);
      await page.close();
    }
  }, 120_000);

  it('downloads Observable Plot on this page only (lazy-loaded)', async () => {
    /** The scripts a page loads, by URL, with their text. */
    const scriptsOf = async (pathname: string, ready: string): Promise<Map<string, string>> => {
      const context = await browser.newContext({ locale: 'en' });
      contexts.push(context);
      const [name, ...value] = (org.cookie ?? '').split('=');
      await context.addCookies([{ name: name ?? '', value: value.join('='), url: app.baseUrl }]);
      const page = await context.newPage();
      const scripts = new Map<string, Promise<string>>();
      page.on('response', (r) => {
        if (r.url().endsWith('.js')) scripts.set(r.url(), r.text());
      });
      await page.goto(`${app.baseUrl}${pathname}`);
      await page.locator(ready).first().waitFor({ timeout: 20_000 });
      await page.waitForLoadState('networkidle');
      return new Map(await Promise.all([...scripts].map(async ([u, t]) => [u, await t] as const)));
    };
    // A message only Observable Plot's code carries.
    const isPlot = (text: string) => text.includes('swatches legend requires');
    const reach = await scriptsOf(
      `/sessions/${sessionId}/reach`,
      '[data-testid="chart-speaking-chart"] svg',
    );
    const plotChunks = [...reach].filter(([, text]) => isPlot(text)).map(([url]) => url);
    expect(plotChunks).toHaveLength(1);
    const organiser = await scriptsOf('/organiser', 'h1');
    expect([...organiser.values()].filter(isPlot)).toEqual([]);
  }, 60_000);

  it('shows the summit’s reach across its sessions, with its chart and tables', async () => {
    const context = await browser.newContext({ locale: 'en', bypassCSP: true });
    contexts.push(context);
    const [name, ...value] = (org.cookie ?? '').split('=');
    await context.addCookies([{ name: name ?? '', value: value.join('='), url: app.baseUrl }]);
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/organiser/summits/${summitId}/reach`);
    await page.getByTestId('chart-sessions-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('unique-viewers').textContent()).toBe('16');
    expect(
      await page.getByTestId('chart-sessions-chart').locator('svg[viewBox] > g rect').count(),
    ).toBe(1);
    await page.screenshot({ path: path.join(shots, 'summit-reach-en.png'), fullPage: true });
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 60_000);

  it('is for the session’s chair too, and says so to anyone else', async () => {
    const page = await openReach('en', clients['chair']?.cookie);
    expect(await page.getByTestId('unique-viewers').textContent()).toBe('16');
    const context = await browser.newContext({ locale: 'en' });
    contexts.push(context);
    const [name, ...value] = (clients['observer']?.cookie ?? '').split('=');
    await context.addCookies([{ name: name ?? '', value: value.join('='), url: app.baseUrl }]);
    const observer = await context.newPage();
    await observer.goto(`${app.baseUrl}/sessions/${sessionId}/reach`);
    await expect
      .poll(() => observer.getByRole('alert').textContent(), { timeout: 15_000 })
      .toContain('Only the secretariat and this session’s chair');
  }, 60_000);
});
