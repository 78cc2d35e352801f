import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  TrusteeSetupView,
  combineShares,
  deal,
  partialDecrypt,
  transportKeyPair,
} from '@majlis/shared/ballots';
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
let agendaItemId: string;
const people: Record<string, { client: ApiClient; participant: { id: string } }> = {};
const contexts: BrowserContext[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'majlis-verifiable-e2e-'));

function person(who: string) {
  const p = people[who];
  if (!p) throw new Error(`no ${who}`);
  return p;
}

async function openMeeting(who: string): Promise<Page> {
  const context = await signedInContext(browser, app.baseUrl, person(who).client.cookie);
  contexts.push(context);
  const page = await joinMeeting(context, app.baseUrl, sessionId);
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.getByTestId('tab-votes').click();
  await page.getByTestId('vote-panel').waitFor();
  return page;
}

async function present(who: string): Promise<void> {
  const identity = `p-${person(who).participant.id}`;
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
    tellerA: { name: 'Teller One', role: 'observer' },
    tellerB: { name: 'Teller Two', role: 'observer' },
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
  agendaItemId = (
    await org.post(`/sessions/${sessionId}/agenda-items`, {
      title: { en: 'Draft resolution on shared rivers' },
      kind: 'vote',
      allottedMinutes: 20,
    })
  ).body.id as string;
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser.close();
  await app.close();
  await livekit.child.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('VOTE-8 a verifiable secret ballot in browsers on a real SFU', () => {
  it('the chair opens once the trustees made the key, three delegations vote encrypted in their browsers, two trustees decrypt, the observer verifies', async () => {
    const motionId = (
      await person('chair').client.post(`/sessions/${sessionId}/motions`, {
        agendaItemId,
        text: { en: 'The summit adopts the principles on shared rivers.' },
        majority: 'simple',
        ballot: 'secret',
      })
    ).body.id as string;
    const trustees = ['chair', 'tellerA', 'tellerB'].map((who, i) => ({
      ...person(who),
      index: i + 1,
      transport: transportKeyPair(),
      share: 0n,
    }));
    expect(
      (
        await org.post(`/motions/${motionId}/trustees`, {
          trusteeIds: trustees.map((t) => t.participant.id),
        })
      ).status,
    ).toBe(201);
    // Key generation by the trustees' devices (the shared code, here in Node).
    for (const t of trustees)
      await t.client.post(`/motions/${motionId}/trustees/transport-key`, {
        transportKey: t.transport.publicKey,
      });
    const setupOf = async () =>
      TrusteeSetupView.parse((await org.get(`/motions/${motionId}/trustees`)).body);
    const keys = new Map((await setupOf()).trustees.map((t) => [t.index, t.transportKey ?? '']));
    for (const t of trustees)
      await t.client.post(`/motions/${motionId}/trustees/dealing`, {
        dealing: deal(motionId, t.index, 2, keys),
      });
    const dealings = (await setupOf()).trustees.flatMap((t) => (t.dealing ? [t.dealing] : []));
    for (const t of trustees) {
      t.share = combineShares(motionId, t.index, t.transport.secret, 2, dealings);
      await t.client.post(`/motions/${motionId}/trustees/acknowledgement`);
    }
    expect((await setupOf()).stage).toBe('ready');

    const chair = await openMeeting('chair');
    const heads = [];
    for (const who of ['headA', 'headB', 'headC']) {
      heads.push(await openMeeting(who));
      await present(who);
    }
    const chairMotion = chair.getByTestId('motion');
    await chairMotion.getByTestId('vote-open').click();
    for (const page of heads)
      await expect
        .poll(() => page.getByTestId('motion').getAttribute('data-status'), { timeout: 10_000 })
        .toBe('open');

    const choices = ['yes', 'yes', 'no'] as const;
    for (const [i, page] of heads.entries()) {
      const motion = page.getByTestId('motion');
      const started = Date.now();
      await motion.getByTestId(`choice-${choices[i] ?? 'yes'}`).check();
      await motion.getByTestId('vote-cast').click();
      await page
        .getByRole('dialog')
        .getByRole('button', { name: 'Cast the ballot', exact: true })
        .click();
      await motion.getByTestId('delegation-voted').waitFor({ timeout: 20_000 });
      process.stdout.write(
        `encrypted ballot cast from the browser (confirm to voted, encryption and server check included): ${Date.now() - started} ms\n`,
      );
    }
    await chairMotion.getByTestId('vote-close').click();
    await expect
      .poll(async () => (await org.get(`/motions/${motionId}`)).body.motion.status, {
        timeout: 10_000,
      })
      .toBe('counting');

    // Trustee 1 (the chair) is absent: the two tellers decrypt.
    const totals = (await setupOf()).totals ?? [];
    for (const t of trustees.slice(1)) {
      const r = await t.client.post(`/motions/${motionId}/trustees/partial-decryption`, {
        partial: partialDecrypt(motionId, t.index, t.share, totals),
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }

    const observer = await openMeeting('observer');
    await observer.getByTestId('vote-result').waitFor({ timeout: 10_000 });
    expect(await observer.getByTestId('vote-outcome').innerText()).toBe('Adopted');

    // The observer checks the exported board in their own browser.
    const board = await person('observer').client.get(`/motions/${motionId}/board`);
    expect(board.status).toBe(200);
    const file = path.join(dir, 'board.json');
    fs.writeFileSync(file, JSON.stringify(board.body));
    await observer.goto(`${app.baseUrl}/verify-ballot`);
    await observer.getByTestId('ballot-board-file').setInputFiles(file);
    await expect
      .poll(() => observer.getByTestId('ballot-verdict').getAttribute('data-verdict'), {
        timeout: 30_000,
      })
      .toBe('verified');
    const counts = await observer.getByTestId('ballot-counts').innerText();
    expect(counts).toContain('Yes: 2');
    expect(counts).toContain('No: 1');
  });
});
