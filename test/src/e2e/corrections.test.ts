import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { organiserClient, sessionInput, summitInput, type ApiClient } from '../harness/api.ts';
import { startApp, type RunningApp } from '../harness/app.ts';
import { seriousAxeViolations } from '../harness/axe.ts';
import { launchChromium } from '../harness/browser.ts';

/**
 * ACCT-3 in a real browser: the secretariat sets the chair of a session
 * created before any chair existed, publishes the summit, is told in words
 * why a delegation with members cannot be deleted, and deletes what nothing
 * depends on.
 */
const stack = inject('stack');

const en = JSON.parse(
  fs.readFileSync(path.join(stack.repoRoot, 'client/src/i18n/messages/en.json'), 'utf8'),
) as Record<string, string>;
function msg(key: string, values: Record<string, string | number> = {}): string {
  const text = en[key];
  if (text === undefined) throw new Error(`no ${key} in en.json`);
  return text.replace(/\{(\w+)(?:, number)?\}/g, (_, name: string) => String(values[name]));
}

let app: RunningApp;
let browser: Browser;
let org: ApiClient;

beforeAll(async () => {
  app = await startApp({
    redisUrl: stack.redisUrl,
    livekit: stack.livekit,
    clientDir: stack.clientDir,
  });
  browser = await launchChromium();
  org = await organiserClient(app);
});
afterAll(async () => {
  await browser.close();
  await app.close();
});

async function openSummit(summitId: string): Promise<Page> {
  // bypassCSP: only so the accessibility check can inject axe (the app's CSP allows its own scripts).
  const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
  const [name, ...value] = (org.cookie ?? '').split('=');
  await context.addCookies([{ name: name ?? '', value: value.join('='), url: app.baseUrl }]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${app.baseUrl}/organiser/summits/${summitId}`);
  await page.getByTestId('summit-controls').waitFor({ timeout: 20_000 });
  expect(errors).toEqual([]);
  return page;
}

describe('ACCT-3 corrections in the organiser’s page', () => {
  it('sets a chair after the fact, publishes the summit, explains a refused delete and deletes', async () => {
    const { body: summit } = await org.post('/summits', summitInput());
    const { body: session } = await org.post(`/summits/${summit.id}/sessions`, sessionInput());
    const { body: chair } = await org.post(`/summits/${summit.id}/participants`, {
      name: 'Wanjiru Kamau',
      role: 'chair',
    });
    const { body: kenya } = await org.post(`/summits/${summit.id}/delegations`, {
      kind: 'state',
      code: 'KE',
      votingRights: true,
    });
    await org.post(`/summits/${summit.id}/participants`, {
      name: 'Otieno Odhiambo',
      role: 'delegate',
      delegationId: kenya.id,
    });
    const { body: spare } = await org.post(`/summits/${summit.id}/participants`, {
      name: 'Spare Observer',
      role: 'observer',
    });

    const page = await openSummit(summit.id);
    const card = page.locator(`[data-session-id="${session.id}"]`);
    await expect.poll(() => card.innerText()).toContain(msg('session.noChair'));

    // The chair, picked after the session was created.
    await card
      .getByRole('button', { name: msg('correction.editNamed', { name: 'Opening plenary' }) })
      .click();
    const form = card.getByTestId('session-edit-form');
    await form.getByLabel(msg('session.chair')).selectOption(chair.id);
    await form.getByRole('button', { name: msg('correction.save') }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => card.innerText()).toContain('Wanjiru Kamau');
    expect((await org.get(`/sessions/${session.id}`)).body).toMatchObject({
      chairId: chair.id,
      version: 2,
    });

    // Draft → scheduled.
    await page.getByRole('button', { name: msg('correction.summitPublish') }).click();
    await expect
      .poll(() => page.getByTestId('summit-status').innerText())
      .toBe(msg('summitStatus.scheduled'));
    expect((await org.get(`/summits/${summit.id}`)).body.status).toBe('scheduled');

    // Kenya has a member: the dialog says so instead of deleting.
    await page
      .getByRole('button', { name: msg('correction.deleteNamed', { name: 'Kenya' }) })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: msg('correction.deleteConfirm') }).click();
    const refused = dialog.getByTestId('delete-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain(msg('dependant.participant', { count: 1 }));
    expect(await refused.innerText()).toContain(msg('correction.delegationArchive'));
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: msg('common.cancel') }).click();
    expect((await org.get(`/summits/${summit.id}/delegations`)).body.items).toHaveLength(1);

    // An accreditation never used goes.
    await page
      .getByRole('button', { name: msg('correction.deleteNamed', { name: 'Spare Observer' }) })
      .click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: msg('correction.deleteConfirm') })
      .click();
    await page.locator(`[data-participant-id="${spare.id}"]`).waitFor({ state: 'detached' });
    const left = (await org.get(`/summits/${summit.id}/participants`)).body.items as {
      id: string;
    }[];
    expect(left.map((p) => p.id)).not.toContain(spare.id);
  });

  it('deletes an empty summit and returns to the list', async () => {
    const { body: summit } = await org.post(
      '/summits',
      summitInput({ title: { ar: 'قمة فارغة' } }),
    );
    const page = await openSummit(summit.id);
    await page
      .getByRole('button', { name: msg('correction.deleteNamed', { name: 'قمة فارغة' }) })
      .click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: msg('correction.deleteConfirm') })
      .click();
    await page.waitForURL(`${app.baseUrl}/organiser`);
    expect((await org.get(`/summits/${summit.id}`)).status).toBe(404);
  });

  it('accepts a session titled in the second official language only (Arabic, not English)', async () => {
    const { body: summit } = await org.post('/summits', summitInput());
    const page = await openSummit(summit.id);
    await page.getByText(msg('session.new')).click();
    const form = page.getByTestId('session-form');
    const arabic = form.getByLabel(
      msg('field.inLanguage', { field: msg('session.titleField'), language: 'Arabic' }),
    );
    await arabic.fill('الجلسة الافتتاحية');
    await form.getByRole('button', { name: msg('session.create') }).click();
    await expect
      .poll(
        async () =>
          ((await org.get(`/summits/${summit.id}/sessions`)).body.items as unknown[]).length,
      )
      .toBe(1);
    const [session] = (await org.get(`/summits/${summit.id}/sessions`)).body.items as {
      title: Record<string, string>;
    }[];
    expect(session?.title).toEqual({ ar: 'الجلسة الافتتاحية' });
  });
});
