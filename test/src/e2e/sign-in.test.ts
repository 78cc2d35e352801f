import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  mailpitCachePath,
  startPrivateMailpit,
  type PrivateMailpit,
} from '@majlis/server/launcher';
import { smtpMailer } from '@majlis/server/mail';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { organiserClient, participantClient, summitInput } from '../harness/api.ts';
import { startApp, type RunningApp } from '../harness/app.ts';
import { launchChromium } from '../harness/browser.ts';

/**
 * ACCT-1 in a real browser: a participant who already used their invitation
 * asks for a link on the sign-in page, reads the mail in mailpit, opens the
 * link and is signed in on this new device, which their device list shows.
 */
const stack = inject('stack');
const en = JSON.parse(
  fs.readFileSync(path.join(stack.repoRoot, 'client/src/i18n/messages/en.json'), 'utf8'),
) as Record<string, string>;
const msg = (key: string) => {
  const text = en[key];
  if (text === undefined) throw new Error(`no ${key} in en.json`);
  return text;
};

let mailpit: PrivateMailpit;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  mailpit = await startPrivateMailpit({
    bin: mailpitCachePath(),
    dir: fs.mkdtempSync(path.join(os.tmpdir(), 'majlis-mailpit-')),
  });
  app = await startApp({
    redisUrl: stack.redisUrl,
    livekit: stack.livekit,
    clientDir: stack.clientDir,
    mailer: smtpMailer(mailpit.smtpUrl, 'Majlis <no-reply@majlis.invalid>'),
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser.close();
  await app.close();
  await mailpit.child.stop();
});

async function linkMailedTo(address: string): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const list = (await (await fetch(`${mailpit.webUrl}/api/v1/messages`)).json()) as {
      messages: { ID: string; To: { Address: string }[] }[];
    };
    const mail = list.messages.find((m) => m.To.some((t) => t.Address === address));
    if (mail !== undefined) {
      const full = (await (await fetch(`${mailpit.webUrl}/api/v1/message/${mail.ID}`)).json()) as {
        Text: string;
      };
      const url = /(http:\/\/\S+\/sign-in#token=[A-Za-z0-9_-]{43})/.exec(full.Text)?.[1];
      if (url === undefined) throw new Error(`no link in ${full.Text}`);
      return url;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${address}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('ACCT-1 signing in again in the browser', () => {
  it('asks for a link, opens it from the mail, and sees this device in the list', async () => {
    const org = await organiserClient(app);
    const { body: summit } = await org.post('/summits', summitInput());
    const email = `delegate-${Date.now()}@example.org`;
    await participantClient(org, summit.id, { name: 'Lucía Pérez', email, role: 'observer' });

    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${app.baseUrl}/login`);
    await page.getByRole('link', { name: msg('login.participantsLink') }).click();
    await page.waitForURL(`${app.baseUrl}/sign-in`);
    await page.getByLabel(msg('account.email')).fill(email);
    await page.getByRole('button', { name: msg('signIn.send') }).click();
    await page.getByTestId('sign-in-sent').waitFor();

    // Opened from the mail: a new tab of the same browser.
    const link = await linkMailedTo(email);
    const tab = await context.newPage();
    tab.on('pageerror', (e) => errors.push(e.message));
    await tab.goto(link);
    await tab.waitForURL(`${app.baseUrl}/summit`);
    // The token left the address bar.
    expect(tab.url()).not.toContain('token');

    await page.goto(`${app.baseUrl}/devices`);
    const devices = page.getByTestId('device');
    await devices.first().waitFor();
    expect(await devices.count()).toBe(2);
    expect(await page.getByTestId('devices').innerText()).toContain(msg('devices.current'));
    expect(errors).toEqual([]);
    await context.close();
  });
});
