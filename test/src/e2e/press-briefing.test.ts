import type { Browser, Page } from 'playwright-core';
import type { PressView } from '@majlis/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import {
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
  type ApiClient,
} from '../harness/api.ts';
import { launchChromium, signedInContext } from '../harness/browser.ts';
import { openSessions } from '../harness/sessions.ts';
import { ask, connectSocket, must, type TestSocket } from '../harness/sockets.ts';
import {
  openTokenClient,
  startTokenPage,
  tokenConnect,
  tokenCounters,
  tokenPublish,
} from '../harness/token-client.ts';

/**
 * PRESS-1 at the SFU: a journalist's question picked by the spokesperson
 * opens a visible microphone for that question only. Each journalist joins
 * with the token Majlis gave them and forces a publish past the SDK's own
 * check, so what is tested is what LiveKit lets through.
 */
const stack = inject('stack');
let app: RunningApp;
let browser: Browser;
let tokenPage: Awaited<ReturnType<typeof startTokenPage>>;
let org: ApiClient;
let summitId: string;
let sessionId: string;
const people: Record<string, { client: ApiClient; participant: { id: string } }> = {};
const sockets: TestSocket[] = [];
const pages: Page[] = [];

const idOf = (who: string): string => people[who]?.participant.id ?? '';
const identityOf = (who: string): string => `p-${idOf(who)}`;

beforeAll(async () => {
  app = await startApp({
    redisUrl: stack.redisUrl,
    livekit: stack.livekit,
    clientDir: stack.clientDir,
  });
  browser = await launchChromium();
  tokenPage = await startTokenPage();
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id as string;
  const specs: Record<string, Record<string, unknown>> = {
    chair: { name: 'Chair', role: 'chair' },
    spokesperson: { name: 'Spokesperson', role: 'spokesperson' },
    picked: { name: 'Reporter One', role: 'press' },
    unpicked: { name: 'Reporter Two', role: 'press' },
  };
  for (const [who, input] of Object.entries(specs))
    people[who] = await participantClient(org, summitId, input);
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ kind: 'press_briefing', chairId: idOf('chair') }),
    )
  ).body.id as string;
  await openSessions(app.baseUrl, org, sessionId);
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const p of pages) await p.context().close();
  await browser.close();
  await tokenPage.close();
  await app.close();
});

async function socketOf(who: string): Promise<TestSocket> {
  const s = await connectSocket(app.baseUrl, people[who]?.client.cookie);
  sockets.push(s);
  return s;
}

/** Joins through Majlis (its own token) in a bare LiveKit page. */
async function joined(who: string): Promise<Page> {
  const join = await people[who]?.client.post(`/sessions/${sessionId}/join`);
  expect(join?.status, JSON.stringify(join?.body)).toBe(200);
  const page = await openTokenClient(browser, tokenPage.url);
  pages.push(page);
  expect(await tokenConnect(page, stack.livekit.url, join?.body.participantToken as string)).toBe(
    'connected',
  );
  return page;
}

/** The briefing's questions page, signed in as `who`. */
async function pageOf(who: string): Promise<Page> {
  const context = await signedInContext(browser, app.baseUrl, people[who]?.client.cookie);
  const page = await context.newPage();
  pages.push(page);
  await page.goto(`${app.baseUrl}/sessions/${sessionId}/questions`);
  await page.getByTestId('press-questions').waitFor();
  return page;
}

const statusCount = (page: Page, status: string): Promise<number> =>
  page.locator(`[data-testid="press-question"][data-status="${status}"]`).count();

/** Audio bytes the listener has received from `who` grow over half a second. */
async function heard(listener: Page, who: string): Promise<boolean> {
  const from = async () =>
    (await tokenCounters(listener)).remote.find((r) => r.identity === identityOf(who))
      ?.publications ?? 0;
  const a = (await tokenCounters(listener)).bytesReceived;
  await listener.waitForTimeout(500);
  const b = (await tokenCounters(listener)).bytesReceived;
  return (await from()) > 0 && b > a;
}

describe('PRESS-1 press briefing questions, enforced by the SFU', () => {
  it(
    'the picked journalist is heard for their question; afterwards the SFU refuses them; an unpicked journalist is refused throughout',
    { timeout: 150_000 },
    async () => {
      const listener = await joined('chair');
      const picked = await joined('picked');
      const unpicked = await joined('unpicked');
      const spokesperson = await socketOf('spokesperson');
      const [pickedSocket, unpickedSocket] = [await socketOf('picked'), await socketOf('unpicked')];

      // Both ask; a second question while one waits is refused.
      await must(
        ask(unpickedSocket, 'press:ask', { sessionId, text: 'On funding?', language: 'en' }),
      );
      // The journalist asks on the briefing's questions page.
      const journalistPage = await pageOf('picked');
      const form = journalistPage.getByTestId('press-ask');
      await form.locator('textarea').fill('¿Y el calendario?');
      await form.locator('select').selectOption('es');
      await form.getByRole('button').click();
      await expect.poll(() => statusCount(journalistPage, 'pending')).toBeGreaterThan(0);
      const asked = await must(ask(pickedSocket, 'press:get', { sessionId }));
      const again = await ask(pickedSocket, 'press:ask', {
        sessionId,
        text: 'Two',
        language: 'en',
      });
      expect(again.ok ? 'accepted' : again.error.code).toBe('CONFLICT');
      // Only the spokesperson or the chair picks.
      const question = asked.briefing.questions.find((q) => q.journalistId === idOf('picked'));
      if (question === undefined) throw new Error('question not queued');
      const selfPick = await ask(pickedSocket, 'press:pick', {
        sessionId,
        questionId: question.id,
      });
      expect(selfPick.ok ? 'accepted' : selfPick.error.code).toBe('FORBIDDEN');

      // Before any pick: both are hidden and the SFU refuses both.
      expect(await tokenPublish(unpicked, 440, true)).toMatch(/^refused/);
      expect(await tokenPublish(picked, 660, true)).toMatch(/^refused/);
      expect((await tokenCounters(listener)).remote.map((r) => r.identity)).not.toContain(
        identityOf('picked'),
      );

      // The spokesperson picks it on the same page: the queue, live, a button per question.
      const deskPage = await pageOf('spokesperson');
      await deskPage
        .getByTestId('press-question')
        .filter({ hasText: '¿Y el calendario?' })
        .getByRole('button')
        .click();
      await expect.poll(() => statusCount(journalistPage, 'picked')).toBeGreaterThan(0);
      const view: PressView = await must(ask(spokesperson, 'press:get', { sessionId }));
      expect(view.briefing.speaker).toEqual({
        questionId: question.id,
        journalistId: idOf('picked'),
      });
      // The grant reaches the journalist's connection; their microphone is then let through
      // (the camera is not: the grant is the microphone only).
      await expect
        .poll(
          async () => {
            await tokenPublish(picked, 660, true);
            return heard(listener, 'picked');
          },
          { timeout: 15_000, interval: 500 },
        )
        .toBe(true);
      // Visible while asking: the listener sees the journalist in the room.
      expect((await tokenCounters(listener)).remote.map((r) => r.identity)).toContain(
        identityOf('picked'),
      );
      expect(await tokenPublish(unpicked, 440, true)).toMatch(/^refused/);

      await must(ask(spokesperson, 'press:end', { sessionId }));
      // Back to subscribe-only: the SFU stops the journalist's audio and refuses a new track.
      await expect
        .poll(() => heard(listener, 'picked'), { timeout: 10_000, interval: 100 })
        .toBe(false);
      expect(await tokenPublish(picked, 660, true)).toMatch(/^refused/);
      expect(await tokenPublish(unpicked, 440, true)).toMatch(/^refused/);

      // The record holds each question and who asked it.
      const record = await org.get(`/summits/${summitId}/record`);
      const asks = (
        record.body.entries as { act: string; changes: { journalistId: string; text?: string } }[]
      ).filter((e) => e.act === 'press.question.asked');
      expect(asks.map((e) => [e.changes.journalistId, e.changes.text])).toEqual([
        [idOf('unpicked'), 'On funding?'],
        [idOf('picked'), '¿Y el calendario?'],
      ]);
      expect(
        (record.body.entries as { act: string }[])
          .filter((e) => e.act.startsWith('press.question.'))
          .map((e) => e.act),
      ).toEqual([
        'press.question.asked',
        'press.question.asked',
        'press.question.picked',
        'press.question.ended',
      ]);
    },
  );
});
