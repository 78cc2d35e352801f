import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../harness/api.ts';
import { startApp, type RunningApp } from '../harness/app.ts';
import { seriousAxeViolations } from '../harness/axe.ts';
import { launchChromium } from '../harness/browser.ts';

const stack = inject('stack');

/** The English catalogue: the test finds controls by the words a reader sees. */
const en = JSON.parse(
  fs.readFileSync(path.join(stack.repoRoot, 'client/src/i18n/messages/en.json'), 'utf8'),
) as Record<string, string>;
function msg(key: string, values: Record<string, string | number> = {}): string {
  const text = en[key];
  if (text === undefined) throw new Error(`no ${key} in en.json`);
  return text.replace(/\{(\w+)(?:, number)?\}/g, (_, name: string) => String(values[name]));
}

/** Intl output uses narrow no-break spaces before AM/PM; compare with plain spaces. */
const plain = (text: string) => text.replace(/\s+/g, ' ').trim();

const screenshotDir = path.join(stack.repoRoot, 'test-results', 'organiser');

const SUMMIT = { en: 'Tokyo Water Summit', fr: 'Sommet de Tokyo sur l’eau' };
const SESSION = { en: 'Opening plenary', fr: 'Séance plénière d’ouverture' };
const ITEMS = [
  { en: 'Opening of the summit', fr: 'Ouverture du sommet', kind: 'opening' },
  { en: 'General statements', fr: 'Déclarations générales', kind: 'statements' },
  { en: 'Closing remarks', fr: 'Remarques de clôture', kind: 'closing' },
] as const;
const INVITEE = 'Amina Diallo';

/**
 * The session starts at 10:00 on 15 March 2027 in Tokyo (01:00 UTC): for an
 * invitee in Lima (UTC−5, no summer time) that is 20:00 the evening before,
 * with the summit's own clock and day beside it (LANG-2).
 */
const EXPECTED_START_IN_LIMA =
  'Sunday, March 14, 2027 at 8:00 PM GMT-5 (Mon, Mar 15, 10:00 AM GMT+9 summit time)';

describe('an organiser builds a summit in the browser; the invitee sees it in their own zone', () => {
  let app: RunningApp;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    app = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      clientDir: stack.clientDir,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser.close();
    await app.close();
  });

  async function newPage(opts: Parameters<Browser['newContext']>[0]): Promise<Page> {
    const context = await browser.newContext({ locale: 'en-US', ...opts });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('[majlis i18n]')) pageErrors.push(m.text());
    });
    return page;
  }

  const agendaTitles = (session: Locator) =>
    session.getByTestId('agenda-item').locator('.agenda-title').allInnerTexts();

  async function addAgendaItem(session: Locator, item: (typeof ITEMS)[number], count: number) {
    const form = session.getByTestId('agenda-form');
    await form.getByLabel(`${msg('agenda.itemTitle')} in English`).fill(item.en);
    await form.getByLabel(`${msg('agenda.itemTitle')} in French`).fill(item.fr);
    await form
      .getByRole('combobox', { name: msg('agenda.kind'), exact: true })
      .selectOption(item.kind);
    await form.getByLabel(msg('agenda.allotted')).fill('20');
    await form.getByRole('button', { name: msg('agenda.add') }).click();
    await expect.poll(() => session.getByTestId('agenda-item').count()).toBe(count);
  }

  it(
    'summit, session with three agenda items, two delegations, an invitation; keyboard and drag reorders persist',
    { timeout: 240_000 },
    async () => {
      // ── the organiser signs in through the page ─────────────────────
      const email = `org-${randomBytes(4).toString('hex')}@example.org`;
      const password = randomBytes(12).toString('base64url');
      await app.application.accounts.createOrganiser(email, 'Head of Secretariat', password);
      const org = await newPage({
        timezoneId: 'Europe/Paris',
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      const patches: { url: string; ifMatch: string | undefined; body: unknown }[] = [];
      org.on('request', (req) => {
        if (req.method() === 'PATCH')
          patches.push({
            url: req.url(),
            ifMatch: req.headers()['if-match'],
            body: req.postDataJSON(),
          });
      });
      await org.goto(`${app.baseUrl}/login`);
      await org.getByLabel(msg('account.email')).fill(email);
      await org.getByLabel(msg('account.password')).fill(password);
      await org.getByRole('button', { name: msg('login.submit') }).click();
      await org.waitForURL(`${app.baseUrl}/organiser`);
      await expect
        .poll(() => org.getByTestId('account').innerText())
        .toContain('Head of Secretariat');

      // ── a summit in Tokyo, in English and French ──────────────────────
      await org.getByRole('checkbox', { name: 'French' }).check();
      await org.getByLabel(`${msg('summit.titleField')} in English`).fill(SUMMIT.en);
      await org.getByLabel(`${msg('summit.titleField')} in French`).fill(SUMMIT.fr);
      await org.getByLabel(`${msg('summit.host')} (search)`).fill('japa');
      expect(
        await org.getByRole('combobox', { name: msg('summit.host'), exact: true }).inputValue(),
      ).toBe('JP');
      await org
        .getByRole('combobox', { name: msg('summit.timeZone'), exact: true })
        .selectOption('Asia/Tokyo');
      await org.getByLabel(new RegExp(`^${msg('summit.startsAt')} \\(`)).fill('2027-03-15T09:00');
      await org.getByLabel(new RegExp(`^${msg('summit.endsAt')} \\(`)).fill('2027-03-16T18:00');
      await org.getByRole('button', { name: msg('summit.create') }).click();
      await org.waitForURL(/\/organiser\/summits\/[A-Za-z0-9_-]{22}$/);
      const summitId = new URL(org.url()).pathname.split('/').pop() as string;
      await expect.poll(() => org.locator('main h1').first().innerText()).toBe(SUMMIT.en);

      // ── two delegations: a state from CLDR, an organisation named per language ──
      await org.getByText(msg('delegation.new')).click();
      const delegationForm = org.getByTestId('delegation-form');
      await delegationForm.getByLabel(`${msg('delegation.state')} (search)`).fill('Japan');
      await delegationForm.getByRole('button', { name: msg('delegation.create') }).click();
      await expect.poll(() => org.getByTestId('delegation').count()).toBe(1);
      await delegationForm.getByRole('radio', { name: msg('delegationKind.organisation') }).check();
      await delegationForm
        .getByRole('combobox', { name: msg('delegation.organisation'), exact: true })
        .selectOption('AU');
      await delegationForm.getByLabel(`${msg('delegation.name')} in English`).fill('African Union');
      await delegationForm
        .getByLabel(`${msg('delegation.name')} in French`)
        .fill('Union africaine');
      await delegationForm.getByRole('button', { name: msg('delegation.create') }).click();
      await expect.poll(() => org.getByTestId('delegation').count()).toBe(2);
      expect(await org.getByTestId('delegation').locator('td:first-child').allInnerTexts()).toEqual(
        ['Japan', 'African Union'],
      );

      // ── a participant of the Japanese delegation ──────────────────────
      await org.getByText(msg('participant.new')).click();
      const participantForm = org.getByTestId('participant-form');
      await participantForm.getByLabel(msg('participant.name')).fill(INVITEE);
      await participantForm
        .getByRole('combobox', { name: msg('participant.role'), exact: true })
        .selectOption('head_of_delegation');
      await participantForm
        .getByRole('combobox', { name: msg('participant.rank'), exact: true })
        .selectOption('minister');
      await participantForm
        .getByRole('combobox', { name: msg('participant.delegation'), exact: true })
        .selectOption({ label: 'Japan' });
      await participantForm.getByRole('checkbox', { name: 'English' }).check();
      await participantForm.getByRole('button', { name: msg('participant.create') }).click();
      await expect.poll(() => org.getByTestId('participant').count()).toBe(1);

      // ── a plenary at 10:00 Tokyo time, with three agenda items ───────
      await org.getByText(msg('session.new')).click();
      const sessionForm = org.getByTestId('session-form');
      await sessionForm.getByLabel(`${msg('session.titleField')} in English`).fill(SESSION.en);
      await sessionForm.getByLabel(`${msg('session.titleField')} in French`).fill(SESSION.fr);
      await sessionForm
        .getByLabel(new RegExp(`^${msg('session.startsAt')} \\(`))
        .fill('2027-03-15T10:00');
      await sessionForm
        .getByLabel(new RegExp(`^${msg('session.endsAt')} \\(`))
        .fill('2027-03-15T12:00');
      await sessionForm.getByRole('button', { name: msg('session.create') }).click();
      const session = org.getByTestId('session');
      await expect.poll(() => session.count()).toBe(1);
      const sessionId = (await session.getAttribute('data-session-id')) as string;

      for (const [i, item] of ITEMS.entries()) await addAgendaItem(session, item, i + 1);
      expect(await agendaTitles(session)).toEqual(ITEMS.map((i) => i.en));

      // ── reorder from the keyboard: Alt+↓ on a focused row… ───────────
      await session.getByTestId('agenda-item').first().focus();
      await org.keyboard.press('Alt+ArrowDown');
      await expect
        .poll(() => session.getByRole('status').last().innerText())
        .toBe(msg('agenda.moved', { title: ITEMS[0].en, position: 2, count: 3 }));
      expect(await agendaTitles(session)).toEqual([ITEMS[1].en, ITEMS[0].en, ITEMS[2].en]);
      // Focus followed the moved row.
      expect(await org.evaluate(() => document.activeElement?.textContent)).toContain(ITEMS[0].en);

      // …and Enter on a Move up button, which keeps focus for the next press.
      const moveUpClosing = session.getByRole('button', {
        name: msg('agenda.moveUpItem', { title: ITEMS[2].en }),
      });
      await moveUpClosing.focus();
      await org.keyboard.press('Enter');
      await expect
        .poll(() => agendaTitles(session))
        .toEqual([ITEMS[1].en, ITEMS[2].en, ITEMS[0].en]);
      await expect
        .poll(() => org.evaluate(() => document.activeElement?.getAttribute('aria-label')))
        .toBe(msg('agenda.moveUpItem', { title: ITEMS[2].en }));

      // Each move wrote one item, guarded by its version.
      await expect.poll(() => patches.length).toBe(2);
      for (const p of patches) {
        expect(p.url).toMatch(/\/api\/v1\/agenda-items\/[A-Za-z0-9_-]{22}$/);
        expect(p.ifMatch).toMatch(/^"\d+"$/);
        expect(Object.keys(p.body as object)).toEqual(['position']);
      }

      // The order is the server's, not only the page's.
      await org.reload();
      const reloaded = org.getByTestId('session');
      await expect
        .poll(() => agendaTitles(reloaded))
        .toEqual([ITEMS[1].en, ITEMS[2].en, ITEMS[0].en]);

      // ── a move based on a stale agenda is refused, reloaded and explained ──
      const api = new ApiClient(app.baseUrl);
      expect((await api.post('/auth/login', { email, password })).status).toBe(200);
      const items = (await api.get(`/sessions/${sessionId}/agenda-items`)).body.items as {
        id: string;
        version: number;
        title: Record<string, string>;
      }[];
      const statements = items.find((i) => i.title['en'] === ITEMS[1].en);
      expect(statements).toBeDefined();
      const renamed = await api.patch(
        `/agenda-items/${statements?.id ?? ''}`,
        { title: { en: 'General debate', fr: 'Débat général' } },
        { 'if-match': `"${String(statements?.version)}"` },
      );
      expect(renamed.status).toBe(200);
      await reloaded.getByTestId('agenda-item').first().focus();
      await org.keyboard.press('Alt+ArrowDown');
      await expect.poll(() => reloaded.getByRole('alert').innerText()).toBe(msg('agenda.stale'));
      // The page now shows the server's agenda, with the other person's change and the old order.
      await expect
        .poll(() => agendaTitles(reloaded))
        .toEqual(['General debate', ITEMS[2].en, ITEMS[0].en]);

      // ── and by drag and drop: the last item dropped on the first row ──
      const rows = reloaded.getByTestId('agenda-item');
      await rows.nth(2).dragTo(rows.nth(0));
      const dragged = [ITEMS[0].en, 'General debate', ITEMS[2].en];
      await expect.poll(() => agendaTitles(reloaded)).toEqual(dragged);
      await org.reload();
      await expect.poll(() => agendaTitles(org.getByTestId('session'))).toEqual(dragged);

      fs.mkdirSync(screenshotDir, { recursive: true });
      await org.screenshot({ path: path.join(screenshotDir, 'summit.png'), fullPage: true });

      // ── an invitation link, shown once, copied to the clipboard ──────
      await org
        .getByRole('button', { name: msg('invitation.createFor', { name: INVITEE }) })
        .click();
      const link = await org.getByTestId('invitation-link').inputValue();
      expect(link).toMatch(new RegExp(`^${app.baseUrl}/invite#token=[A-Za-z0-9_-]{43}$`));
      await org.getByRole('button', { name: msg('invitation.copy') }).click();
      await expect
        .poll(() => org.getByTestId('invitation').getByRole('status').innerText())
        .toBe(msg('common.copied'));
      expect(await org.evaluate(() => navigator.clipboard.readText())).toBe(link);

      // ── the invitee, in Lima, opens it in a browser of their own ─────
      const invitee = await newPage({ timezoneId: 'America/Lima' });
      await invitee.goto(link);
      await invitee.waitForURL(`${app.baseUrl}/summit`);
      expect(invitee.url()).not.toContain('token');
      const schedule = invitee.getByTestId('schedule');
      await schedule.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await invitee.locator('main h1').innerText()).toBe(msg('schedule.title'));
      expect(await schedule.locator('h2').innerText()).toBe(SUMMIT.en);
      const entry = schedule.getByTestId('schedule-session');
      expect(await entry.count()).toBe(1);
      expect(await entry.locator('h3').innerText()).toBe(SESSION.en);
      expect(plain(await entry.getByTestId('session-start').innerText())).toBe(
        EXPECTED_START_IN_LIMA,
      );
      expect(await entry.locator('time').first().getAttribute('datetime')).toBe(
        '2027-03-15T01:00:00.000Z',
      );
      expect(await entry.locator('.agenda-read li').allInnerTexts()).toEqual(
        dragged.map((title) => expect.stringContaining(title)),
      );
      const join = entry.getByRole('link', { name: msg('schedule.join') });
      expect(await join.getAttribute('href')).toBe(`/sessions/${sessionId}`);
      const ics = schedule.getByTestId('ics-link');
      expect(await ics.getAttribute('href')).toBe(
        `/api/v1/summits/${summitId}/schedule.ics?lang=en`,
      );
      const calendar = await invitee.request.get(
        `${app.baseUrl}${(await ics.getAttribute('href')) ?? ''}`,
      );
      expect(calendar.status()).toBe(200);
      expect(await calendar.text()).toContain(`SUMMARY:${SESSION.en}`);

      // ── the link was single use ─────────────────────────────────────
      const latecomer = await newPage({ timezoneId: 'Asia/Tokyo' });
      await latecomer.goto(link);
      await expect.poll(() => latecomer.getByRole('alert').innerText()).toBe(msg('invite.invalid'));
      expect(latecomer.url()).toBe(`${app.baseUrl}/invite`);

      // ── revocation, confirmed, cuts the invitee off ──────────────────
      await org
        .getByRole('button', { name: msg('participant.revokeNamed', { name: INVITEE }) })
        .click();
      const dialog = org.getByRole('dialog', {
        name: msg('participant.revokeTitle', { name: INVITEE }),
      });
      await dialog.getByRole('button', { name: msg('participant.revokeConfirm') }).click();
      await expect
        .poll(() => org.getByTestId('participant-status').innerText())
        .toBe(msg('participantStatus.revoked'));
      await invitee.reload();
      await expect.poll(() => invitee.locator('main h1').innerText()).toBe(msg('signIn.needed'));

      expect(pageErrors).toEqual([]);
    },
  );
  it('the first organiser sets up with the one-time code; a wrong or spent code is refused', async () => {
    const code = await app.application.accounts.issueSetupCode();
    const email = `first-${randomBytes(4).toString('hex')}@example.org`;
    const page = await newPage({ timezoneId: 'Africa/Nairobi' });
    const fill = async (setupCode: string) => {
      await page.getByLabel(msg('setup.code')).fill(setupCode);
      await page.getByLabel(msg('account.name')).fill('Wanjiru Kamau');
      await page.getByLabel(msg('account.email')).fill(email);
      await page.getByLabel(msg('account.password')).fill('correct horse battery');
      await page.getByRole('button', { name: msg('setup.submit') }).click();
    };
    await page.goto(`${app.baseUrl}/setup`);
    await fill(`${code}-wrong`);
    await expect.poll(() => page.getByRole('alert').innerText()).toBe(msg('setup.badCode'));

    await fill(code);
    await page.waitForURL(`${app.baseUrl}/organiser`);
    await expect.poll(() => page.getByTestId('account').innerText()).toContain('Wanjiru Kamau');

    // Signing out leads to the sign-in page; the code cannot be used twice.
    await page.getByRole('button', { name: msg('account.signOut') }).click();
    await page.waitForURL(`${app.baseUrl}/login`);
    await page.goto(`${app.baseUrl}/setup`);
    await fill(code);
    await expect.poll(() => page.getByRole('alert').innerText()).toBe(msg('setup.badCode'));
    expect(pageErrors).toEqual([]);
  });

  it.each(['en', 'ar'] as const)(
    '%s: the sign-in, setup, invitation and secretariat pages pass axe-core',
    { timeout: 120_000 },
    async (lang) => {
      const email = `org-${randomBytes(4).toString('hex')}@example.org`;
      const password = randomBytes(12).toString('base64url');
      await app.application.accounts.createOrganiser(email, 'Secretariat', password);
      // bypassCSP only so that axe-core can be injected inline.
      const page = await newPage({ locale: lang, timezoneId: 'Asia/Dubai', bypassCSP: true });
      const api = page.context().request;
      const check = async (where: string) => {
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        // Closed <details> hide their forms from axe: open them all.
        await page.evaluate(() => {
          for (const d of document.querySelectorAll('details')) d.open = true;
        });
        expect(await seriousAxeViolations(page), where).toEqual([]);
      };

      for (const where of ['/login', '/setup', '/invite']) {
        await page.goto(`${app.baseUrl}${where}`);
        await page.locator('main h1').waitFor({ state: 'visible' });
        await check(where);
      }

      const post = async (url: string, data: unknown) => {
        // The page's own origin, as the browser's fetch would send it (SEC-4 refuses writes without).
        const res = await api.post(`${app.baseUrl}/api/v1${url}`, {
          data,
          headers: { origin: app.baseUrl },
        });
        expect(res.status(), url).toBeLessThan(300);
        return (await res.json()) as { id: string };
      };
      await post('/auth/login', { email, password });
      const summit = await post('/summits', {
        title: { ar: 'قمة الأمن المائي', en: 'Water Security Summit' },
        host: 'EG',
        timeZone: 'Africa/Cairo',
        startsAt: '2027-05-02T07:00:00.000Z',
        endsAt: '2027-05-03T15:00:00.000Z',
        officialLanguages: ['ar', 'en'],
      });
      const egypt = await post(`/summits/${summit.id}/delegations`, {
        kind: 'state',
        code: 'EG',
        votingRights: true,
      });
      await post(`/summits/${summit.id}/delegations`, {
        kind: 'organisation',
        code: 'LAS',
        name: { ar: 'جامعة الدول العربية', en: 'League of Arab States' },
        votingRights: false,
      });
      await post(`/summits/${summit.id}/participants`, {
        name: 'ليلى حسن',
        role: 'head_of_delegation',
        delegationId: egypt.id,
      });
      const session = await post(`/summits/${summit.id}/sessions`, {
        kind: 'closed',
        title: { ar: 'جلسة مغلقة', en: 'Closed session' },
        startsAt: '2027-05-02T08:00:00.000Z',
        endsAt: '2027-05-02T10:00:00.000Z',
        delegationIds: [egypt.id],
      });
      for (const title of ['الافتتاح', 'المناقشة'])
        await post(`/sessions/${session.id}/agenda-items`, {
          title: { ar: title },
          kind: 'debate',
          allottedMinutes: 30,
        });

      await page.goto(`${app.baseUrl}/organiser`);
      await page.getByTestId('summits').waitFor({ state: 'visible' });
      await check('/organiser');

      await page.goto(`${app.baseUrl}/organiser/summits/${summit.id}`);
      await expect.poll(() => page.getByTestId('agenda-item').count()).toBe(2);
      await page.getByTestId('participant').getByRole('button').first().click();
      await page.getByTestId('invitation').waitFor({ state: 'visible' });
      await check('/organiser/summits/:id');
      expect(pageErrors).toEqual([]);
    },
  );
});
