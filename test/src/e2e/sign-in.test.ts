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

async function linkMailedTo(address: string, kind = 'sign-in'): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const list = (await (await fetch(`${mailpit.webUrl}/api/v1/messages`)).json()) as {
      messages: { ID: string; To: { Address: string }[]; Subject: string }[];
    };
    const subject = kind === 'invite' ? 'Your invitation' : 'Your sign-in link';
    const mail = list.messages.find(
      (m) => m.To.some((t) => t.Address === address) && m.Subject.startsWith(subject),
    );
    if (mail !== undefined) {
      const full = (await (await fetch(`${mailpit.webUrl}/api/v1/message/${mail.ID}`)).json()) as {
        Text: string;
      };
      const url = new RegExp(`(http://\\S+/${kind}#token=[A-Za-z0-9_-]{43})`).exec(full.Text)?.[1];
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

  it('a new user: the secretariat mails the invitation, the invitee joins, signs out and signs back in by link', async () => {
    const org = await organiserClient(app);
    const { body: summit } = await org.post('/summits', summitInput());
    const email = `invitee-${Date.now()}@example.org`;
    const { body: invitee } = await org.post(`/summits/${summit.id}/participants`, {
      name: 'Kwame Mensah',
      email,
      role: 'observer',
    });

    // The secretariat, in its page: a week's expiry, sent by mail.
    const secretariat = await browser.newContext({ locale: 'en-US' });
    const [name, ...value] = (org.cookie ?? '').split('=');
    await secretariat.addCookies([{ name: name ?? '', value: value.join('='), url: app.baseUrl }]);
    const desk = await secretariat.newPage();
    await desk.goto(`${app.baseUrl}/organiser/summits/${summit.id}`);
    await desk.getByTestId('invitation-expiry').selectOption('7');
    await desk
      .getByRole('button', { name: msg('invitation.mailNamed').replace('{name}', 'Kwame Mensah') })
      .click();
    await desk.getByTestId('invitation-mailed').waitFor();
    await secretariat.close();

    // The invitee's own browser: the invitation, then out, then back in by a mailed link.
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(await linkMailedTo(email, 'invite'));
    await page.waitForURL(`${app.baseUrl}/summit`);
    await page.getByRole('button', { name: msg('account.signOut') }).click();
    await expect
      .poll(async () => (await page.request.get(`${app.baseUrl}/api/v1/me`)).status())
      .toBe(401);
    await page.goto(`${app.baseUrl}/sign-in`);
    await page.getByLabel(msg('account.email')).fill(email);
    await page.getByRole('button', { name: msg('signIn.send') }).click();
    await page.getByTestId('sign-in-sent').waitFor();
    const tab = await context.newPage();
    await tab.goto(await linkMailedTo(email));
    await tab.waitForURL(`${app.baseUrl}/summit`);
    const me = (await (await tab.request.get(`${app.baseUrl}/api/v1/me`)).json()) as {
      participantId: string;
    };
    expect(me.participantId).toBe(invitee.id);
    await context.close();
  });
});
