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
import { joinMeeting, launchChromium, signedInContext } from '../harness/browser.ts';

/**
 * CONF-5 in the browser: a member who joins a closed session waits in the
 * lobby; the chair's console lists them live; one click admits them and
 * their page joins by itself.
 */
const stack = inject('stack');

let app: RunningApp;
let browser: Browser;
let org: ApiClient;
let sessionId: string;
const people: Record<string, { client: ApiClient; participant: { id: string } }> = {};
const contexts: BrowserContext[] = [];

async function pageOf(who: string): Promise<BrowserContext> {
  const context = await signedInContext(browser, app.baseUrl, people[who]?.client.cookie);
  contexts.push(context);
  return context;
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
  const [a, b] = [await d('UG'), await d('RW')];
  people['chair'] = await participantClient(org, summitId, { name: 'Amina Haddad', role: 'chair' });
  people['delegate'] = await participantClient(org, summitId, {
    name: 'Grace Mukasa',
    role: 'delegate',
    delegationId: a,
  });
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({
        kind: 'closed',
        chairId: people['chair'].participant.id,
        delegationIds: [a, b],
      }),
    )
  ).body.id as string;
  await openSessions(app.baseUrl, org, sessionId);
}, 120_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser.close();
  await app.close();
});

describe('CONF-5: the chair’s lobby console', () => {
  it('CONF-5: a member waits in the lobby, the chair sees them live and admits them, and their page joins by itself', async () => {
    const chair = await joinMeeting(await pageOf('chair'), app.baseUrl, sessionId, 30_000);
    await expect.poll(() => chair.getByTestId('lobby').count(), { timeout: 10_000 }).toBe(1);
    const member: Page = await (await pageOf('delegate')).newPage();
    await member.goto(`${app.baseUrl}/sessions/${sessionId}`);
    await member.getByTestId('join').click();
    await member.getByTestId('lobby-waiting').waitFor({ timeout: 10_000 });
    expect(await member.evaluate(() => window.majlisMeeting?.state() ?? 'none')).not.toBe(
      'connected',
    );
    // Live on the chair's console, no reload.
    const entry = chair.getByTestId('lobby-entry').filter({ hasText: 'Grace Mukasa' });
    await expect.poll(() => entry.getAttribute('data-status'), { timeout: 5000 }).toBe('waiting');
    await entry.getByTestId('lobby-admit').click();
    await member.waitForFunction(() => window.majlisMeeting?.state() === 'connected', undefined, {
      timeout: 20_000,
    });
    await expect.poll(() => entry.getAttribute('data-status'), { timeout: 5000 }).toBe('admitted');
  });
});
