import type { FloorCommand } from '@majlis/shared';
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
import { openSessions } from '../harness/sessions.ts';
import {
  joinMeeting,
  launchChromium,
  signedInContext,
  type InboundCounters,
} from '../harness/browser.ts';
import { ask, connectSocket, must, type TestSocket } from '../harness/sockets.ts';

const stack = inject('stack');

let app: RunningApp;
let browser: Browser;
let org: ApiClient;
let sessionId: string;
let chairSocket: TestSocket;
const people: Record<
  string,
  { client: ApiClient; participant: { id: string; delegationId: string | null } }
> = {};
const contexts: BrowserContext[] = [];
const pages: Record<string, Page> = {};

const identityOf = (who: string) => `p-${people[who]?.participant.id ?? ''}`;
const floorCommand = (command: FloorCommand) =>
  must(ask(chairSocket, 'floor:command', { sessionId, command }));

async function open(who: string): Promise<Page> {
  const context = await signedInContext(browser, app.baseUrl, people[who]?.client.cookie);
  contexts.push(context);
  const page = await joinMeeting(context, app.baseUrl, sessionId);
  await page.getByTestId('floor').waitFor();
  return page;
}

const countersFrom = (page: Page, identity: string): Promise<InboundCounters> =>
  page.evaluate(
    (id) => window.majlisMeeting?.countersFrom(id) as Promise<InboundCounters>,
    identity,
  );

/** Resolves with the time at which audio samples from `identity` start growing at `page`. */
async function audioStartsAt(page: Page, identity: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = (await countersFrom(page, identity)).audio.totalSamplesDuration;
  while (Date.now() < deadline) {
    await page.waitForTimeout(50);
    const now = (await countersFrom(page, identity)).audio.totalSamplesDuration;
    if (now > last && now > 0) return Date.now();
    last = now;
  }
  throw new Error(`no audio from ${identity} within ${timeoutMs} ms`);
}

/** True while audio from `identity` keeps growing over half a second. */
async function audioFlowing(page: Page, identity: string): Promise<boolean> {
  const a = await countersFrom(page, identity);
  await page.waitForTimeout(500);
  const b = await countersFrom(page, identity);
  return b.audio.tracks > 0 && b.audio.totalSamplesDuration > a.audio.totalSamplesDuration;
}

beforeAll(async () => {
  app = await startApp({
    redisUrl: stack.redisUrl,
    livekit: stack.livekit,
    clientDir: stack.clientDir,
  });
  browser = await launchChromium();
  org = await organiserClient(app);
  const summitId = (await org.post('/summits', summitInput())).body.id as string;
  const d = async (code: string) =>
    (
      await org.post(`/summits/${summitId}/delegations`, {
        kind: 'state',
        code,
        votingRights: true,
      })
    ).body.id as string;
  const [a, b] = [await d('NO'), await d('CL')];
  people['chair'] = await participantClient(org, summitId, { name: 'Chair', role: 'chair' });
  people['norway'] = await participantClient(org, summitId, {
    name: 'Ingrid Berg',
    role: 'head_of_delegation',
    delegationId: a,
  });
  people['chile'] = await participantClient(org, summitId, {
    name: 'Camila Rojas',
    role: 'head_of_delegation',
    delegationId: b,
  });
  people['observer'] = await participantClient(org, summitId, {
    name: 'Listener',
    role: 'observer',
  });
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ chairId: people['chair'].participant.id }),
    )
  ).body.id;
  await openSessions(app.baseUrl, org, sessionId);
  chairSocket = await connectSocket(app.baseUrl, people['chair'].client.cookie);
  for (const who of ['norway', 'chile', 'observer']) pages[who] = await open(who);
}, 180_000);

afterAll(async () => {
  chairSocket.close();
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
  await app.close();
});

describe('floor control enforced by the SFU (FLOOR-1, FLOOR-3, FLOOR-5)', () => {
  it('without the floor nothing is heard; once the chair grants it, a listener hears the delegate within 1 s', async () => {
    const norway = pages['norway'] as Page;
    const listener = pages['observer'] as Page;
    expect(await audioFlowing(listener, identityOf('norway'))).toBe(false);
    // The delegate asks through the page.
    await norway.getByTestId('floor-ask').click();
    await expect.poll(async () => norway.getByTestId('floor-position').count()).toBe(1);
    const granted = Date.now();
    await floorCommand({ type: 'grantNext' });
    const heard = await audioStartsAt(listener, identityOf('norway'), 5000);
    const latency = heard - granted;
    console.log(`grant → audio at listener: ${latency} ms`);
    expect(latency).toBeLessThan(1000);
    await expect
      .poll(async () => listener.getByTestId('floor-current').getAttribute('data-participant'))
      .toBe(people['norway']?.participant.id);
    await floorCommand({ type: 'revoke' });
    await expect
      .poll(() => audioFlowing(listener, identityOf('norway')), { timeout: 5000 })
      .toBe(false);
  });

  it('a point of order interrupts a statement; the speaker’s clock resumes where it paused', async () => {
    const chile = pages['chile'] as Page;
    const listener = pages['observer'] as Page;
    const view = await floorCommand({
      type: 'setPolicy',
      policy: {
        expiry: 'notify',
        graceMs: 0,
        protocolOrder: false,
        limitsMs: {
          statement: 120_000,
          point_of_order: 60_000,
          right_of_reply: 60_000,
          explanation_of_vote: 60_000,
        },
      },
    });
    expect(view.floor.policy.limitsMs.statement).toBe(120_000);
    await chile.getByTestId('floor-ask').click();
    // The click only sends the request: wait until the list shows it.
    await expect.poll(async () => chile.getByTestId('floor-position').count()).toBe(1);
    await floorCommand({ type: 'grantNext' });
    await audioStartsAt(listener, identityOf('chile'), 5000);
    await listener.waitForTimeout(2000);
    // Norway raises a point of order from its page.
    const norway = pages['norway'] as Page;
    await norway.getByLabel(/Kind of intervention/).selectOption('point_of_order');
    await norway.getByTestId('floor-ask').click();
    await expect.poll(async () => listener.getByTestId('point-of-order').count()).toBe(1);
    const during = (await must(ask(chairSocket, 'floor:get', { sessionId }))).floor;
    expect(during.current?.entry.participantId).toBe(people['norway']?.participant.id);
    const paused = during.suspended?.remainingMs ?? 0;
    expect(paused).toBeGreaterThan(110_000);
    expect(paused).toBeLessThan(119_000);
    // Chile's microphone is closed by the SFU while the point is dealt with.
    await expect
      .poll(() => audioFlowing(listener, identityOf('chile')), { timeout: 5000 })
      .toBe(false);
    await listener.waitForTimeout(1500);
    const ruledAt = Date.now();
    const after = (
      await floorCommand({ type: 'rule', ruling: 'The point of order is not upheld.' })
    ).floor;
    expect(after.current?.entry.participantId).toBe(people['chile']?.participant.id);
    // Resumes with exactly the time it had when paused.
    expect(Math.abs((after.current?.deadline ?? 0) - ruledAt - paused)).toBeLessThan(1500);
    await audioStartsAt(listener, identityOf('chile'), 5000);
    const shown = Number(
      await listener.getByTestId('floor-countdown').getAttribute('data-remaining'),
    );
    expect(Math.abs(shown - paused)).toBeLessThan(5000);
    const record = await org.get(
      `/summits/${(await org.get(`/sessions/${sessionId}`)).body.summitId}/record`,
    );
    expect(
      record.body.entries.some(
        (e: { act: string; changes: { ruling?: string } }) =>
          e.act === 'floor.ruled' && e.changes.ruling === 'The point of order is not upheld.',
      ),
    ).toBe(true);
    await floorCommand({ type: 'revoke' });
  });

  it('on expiry with the revoke policy the audio stops after the grace period', async () => {
    const norway = pages['norway'] as Page;
    const listener = pages['observer'] as Page;
    await floorCommand({
      type: 'setPolicy',
      policy: {
        expiry: 'revoke',
        graceMs: 2000,
        protocolOrder: false,
        limitsMs: {
          statement: 10_000,
          point_of_order: 60_000,
          right_of_reply: 10_000,
          explanation_of_vote: 10_000,
        },
      },
    });
    await norway.getByLabel(/Kind of intervention/).selectOption('statement');
    await norway.getByTestId('floor-ask').click();
    await expect.poll(async () => norway.getByTestId('floor-position').count()).toBe(1);
    const granted = (await floorCommand({ type: 'grantNext' })).floor;
    const deadline = granted.current?.deadline ?? 0;
    await audioStartsAt(listener, identityOf('norway'), 5000);
    // Warned at 30 s — here the limit is 10 s, so the warning is due at once; still heard after the deadline, within the grace.
    await expect
      .poll(async () => listener.getByTestId('floor-expired').count(), { timeout: 15_000 })
      .toBe(1);
    expect(Date.now()).toBeGreaterThanOrEqual(deadline - 500);
    expect(await audioFlowing(listener, identityOf('norway'))).toBe(true);
    // After the grace period the floor is taken and the SFU stops the audio.
    await expect
      .poll(() => audioFlowing(listener, identityOf('norway')), { timeout: 8000, interval: 100 })
      .toBe(false);
    expect(Date.now()).toBeGreaterThanOrEqual(deadline + 2000 - 500);
    const final = (await must(ask(chairSocket, 'floor:get', { sessionId }))).floor;
    expect(final.current).toBeNull();
  });
});
