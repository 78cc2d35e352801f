import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freeTcpPort } from '@majlis/server/launcher';
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
import { startTestLiveKit } from '../harness/services.ts';

const stack = inject('stack');

let livekit: Awaited<ReturnType<typeof startTestLiveKit>>;
let app: RunningApp;
let browser: Browser;
let org: ApiClient;
let sessionId: string;
const people: Record<string, { client: ApiClient; participant: { id: string } }> = {};
const contexts: BrowserContext[] = [];

/** Signs `who` in through their cookie, opens the session and joins its room on the real SFU. */
async function openMeeting(who: string): Promise<Page> {
  const context = await signedInContext(browser, app.baseUrl, people[who]?.client.cookie);
  contexts.push(context);
  const page = await joinMeeting(context, app.baseUrl, sessionId);
  // The votes sit in their own tab of the side panel (MEET layout).
  await page.getByTestId('tab-votes').click();
  await page.getByTestId('vote-panel').waitFor();
  return page;
}

/** LiveKit's webhook has told the server that `who` is in the room. */
async function present(who: string): Promise<void> {
  const identity = `p-${people[who]?.participant.id ?? ''}`;
  await expect
    .poll(
      async () =>
        ((await org.get(`/sessions/${sessionId}/presence`)).body.present as { identity: string }[])
          .map((p) => p.identity)
          .includes(identity),
      { timeout: 10_000, interval: 100 },
    )
    .toBe(true);
}

async function castBallot(page: Page, choice: 'yes' | 'no' | 'abstain'): Promise<void> {
  const motion = page.getByTestId('motion');
  await motion.getByTestId(`choice-${choice}`).check();
  await motion.getByTestId('vote-cast').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Cast the ballot', exact: true }).click();
  await motion.getByTestId('delegation-voted').waitFor({ timeout: 10_000 });
}

beforeAll(async () => {
  const port = await freeTcpPort();
  livekit = await startTestLiveKit(`http://127.0.0.1:${port}/livekit/webhook`);
  app = await startApp({ redisUrl: stack.redisUrl, livekit, clientDir: stack.clientDir, port });
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
  const [a, b, c] = [await d('KE'), await d('PE'), await d('NO')];
  const specs: Record<string, Record<string, unknown>> = {
    chair: { name: 'Amina Haddad', role: 'chair' },
    headA: { name: 'Wanjiru Kamau', role: 'head_of_delegation', delegationId: a },
    headB: { name: 'Lucía Quispe', role: 'head_of_delegation', delegationId: b },
    headC: { name: 'Ingrid Berg', role: 'head_of_delegation', delegationId: c },
    observer: { name: 'Observer', role: 'observer' },
  };
  for (const [who, input] of Object.entries(specs))
    people[who] = await participantClient(org, summitId, input);
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ chairId: people['chair']?.participant.id }),
    )
  ).body.id as string;
  await openSessions(app.baseUrl, org, sessionId);
  await org.post(`/sessions/${sessionId}/agenda-items`, {
    title: { en: 'Draft resolution on shared rivers' },
    kind: 'vote',
    allottedMinutes: 20,
  });
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
  await app.close();
  await livekit.child.stop();
});

describe('a vote in the meeting room, in browsers on a real SFU (VOTE-1, VOTE-4, VOTE-6)', () => {
  it('the chair drafts and opens a vote once a quorum is connected, two delegations vote in their own browsers, the observer sees the result after closing', async () => {
    const chair = await openMeeting('chair');
    const headA = await openMeeting('headA');
    await present('headA');

    // The chair drafts the motion in the panel.
    await chair.getByText('Draft a motion').click();
    await chair
      .getByLabel('Text of the motion in English')
      .fill('The summit adopts the principles on shared rivers.');
    await chair.getByTestId('motion-create').click();
    const motion = chair.getByTestId('motion');
    await motion.getByTestId('vote-open').waitFor();

    // One of three delegations is in the room: no quorum, and the chair is told why.
    await motion.getByTestId('vote-open').click();
    await expect
      .poll(() => motion.getByTestId('vote-error').innerText(), { timeout: 10_000 })
      .toBe(
        'No quorum: 1 of 3 delegations with voting rights are connected; 2 are needed to open the vote.',
      );

    const headB = await openMeeting('headB');
    await present('headB');
    const observer = await openMeeting('observer');
    await motion.getByTestId('vote-open').click();
    for (const page of [chair, headA, headB, observer])
      await expect
        .poll(() => page.getByTestId('motion').getAttribute('data-status'), { timeout: 10_000 })
        .toBe('open');

    // The head may name an alternate; nobody is named yet.
    expect(await headA.getByTestId('alternate').inputValue()).toBe('');
    await castBallot(headA, 'yes');
    await castBallot(headB, 'abstain');
    // Sealed: nothing of the count reaches anyone's page before closing.
    for (const page of [chair, observer, headA]) {
      expect(await page.getByTestId('vote-result').count()).toBe(0);
      expect(await page.getByTestId('vote-tally').count()).toBe(0);
    }
    expect(await observer.getByTestId('ballot').count()).toBe(0);

    await motion.getByTestId('vote-close').click();
    const result = observer.getByTestId('vote-result');
    await result.waitFor({ timeout: 10_000 });
    expect(await observer.getByTestId('vote-outcome').innerText()).toBe('Adopted');
    const count = (choice: string) =>
      result.locator(`tr[data-choice="${choice}"] .tally-count`).innerText();
    expect([await count('yes'), await count('no'), await count('abstain')]).toEqual([
      '1',
      '0',
      '1',
    ]);
    const roll = await observer.getByTestId('vote-roll').innerText();
    expect(roll).toMatch(/Kenya\s+Yes/);
    expect(roll).toMatch(/Peru\s+Abstain/);
    expect(roll).toMatch(/Norway\s+Did not vote/);
    await chair.getByTestId('vote-result').waitFor();
    await observer.screenshot({ path: 'test-results/votes-observer-result.png', fullPage: true });
  });
});
