import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { organiserClient, sessionInput, summitInput, type ApiClient } from '../harness/api.ts';
import { startApp, type RunningApp } from '../harness/app.ts';
import { seriousAxeViolations } from '../harness/axe.ts';
import { launchChromium } from '../harness/browser.ts';
import { openSessions } from '../harness/sessions.ts';

const stack = inject('stack');

const LANGS = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
type Lang = (typeof LANGS)[number];
type Catalogue = Readonly<Record<string, string>>;

const catalogues = Object.fromEntries(
  LANGS.map((lang) => [
    lang,
    JSON.parse(
      fs.readFileSync(path.join(stack.repoRoot, `client/src/i18n/messages/${lang}.json`), 'utf8'),
    ) as Catalogue,
  ]),
) as Record<Lang, Catalogue>;

const msg = (lang: Lang, key: string): string => {
  const text = catalogues[lang][key];
  if (text === undefined) throw new Error(`no ${key} in ${lang}`);
  return text;
};

/**
 * The pages every language is checked on, each with the catalogue keys of its
 * heading and of its navigation entry (also its window title), and a selector
 * that appears once it has rendered. The schedule ("my summit") needs a
 * signed-in participant, so every reader of these pages is one.
 */
const PAGES = [
  {
    name: 'home',
    path: '/',
    heading: 'home.title',
    nav: 'nav.home',
    ready: '[data-testid="readiness"]',
  },
  {
    name: 'media-check',
    path: '/media-check',
    heading: 'mediaCheck.title',
    nav: 'nav.mediaCheck',
    ready: 'form',
  },
  {
    name: 'schedule',
    path: '/summit',
    heading: 'schedule.title',
    nav: 'nav.schedule',
    ready: '[data-testid="schedule"]',
  },
  {
    // The meeting room of an open session before joining: device choice and the Join button.
    // Its heading is the session's own title; the state beside it is the interface's words.
    name: 'meeting',
    path: '/sessions/:session',
    heading: 'room.state.open',
    headingAt: '[data-testid="session-state"]',
    nav: 'nav.meeting',
    ready: '[data-testid="prejoin"]',
  },
  {
    // MEET-2: a session not yet opened: the waiting page with its start time.
    name: 'waiting',
    path: '/sessions/:waiting',
    heading: 'room.state.scheduled',
    headingAt: '[data-testid="session-state"]',
    nav: 'nav.meeting',
    ready: '[data-testid="waiting-room"]',
  },
] as const;
type PageSpec = (typeof PAGES)[number];

const screenshotDir = path.join(stack.repoRoot, 'test-results', 'i18n');

describe('LANG-1 the interface in six languages, right to left in Arabic', () => {
  let app: RunningApp;
  let browser: Browser;
  let secretariat: ApiClient;
  let participantId: string;
  let sessionId: string;
  let waitingSessionId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    app = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      clientDir: stack.clientDir,
    });
    browser = await launchChromium();
    fs.mkdirSync(screenshotDir, { recursive: true });

    // A summit with a session and its agenda, titled in some languages and
    // not others (fallbacks show), and one participant to sign readers in as.
    secretariat = await organiserClient(app);
    const summit = await secretariat.post('/summits', summitInput());
    const delegation = await secretariat.post(`/summits/${summit.body.id}/delegations`, {
      kind: 'state',
      code: 'ET',
      votingRights: true,
    });
    const session = await secretariat.post(`/summits/${summit.body.id}/sessions`, sessionInput());
    sessionId = session.body.id;
    await openSessions(app.baseUrl, secretariat, sessionId);
    const waiting = await secretariat.post(`/summits/${summit.body.id}/sessions`, sessionInput());
    waitingSessionId = waiting.body.id;
    await secretariat.post(`/sessions/${session.body.id}/agenda-items`, {
      title: { en: 'Opening statements', ar: 'الكلمات الافتتاحية', fr: 'Déclarations liminaires' },
      kind: 'statements',
      allottedMinutes: 45,
    });
    const participant = await secretariat.post(`/summits/${summit.body.id}/participants`, {
      name: 'Hiwot Bekele',
      role: 'delegate',
      delegationId: delegation.body.id,
    });
    if (participant.status !== 201) throw new Error(JSON.stringify(participant.body));
    participantId = participant.body.id;
  });
  // Each reader's profile ends with its test: a participant has at most a few sockets open at once.
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
    await browser.close();
    await app.close();
  });

  /**
   * A fresh browser profile whose languages are `[lang]`: nothing remembered,
   * so the page must pick the language from the browser alone.
   */
  /** Signs the browser profile in as the participant, as opening an invitation link does. */
  async function signInAsParticipant(context: BrowserContext): Promise<void> {
    const invitation = await secretariat.post(`/participants/${participantId}/invitations`, {});
    const token = new URL(invitation.body.url).hash.replace('#token=', '');
    const redeemed = await context.request.post(`${app.baseUrl}/api/v1/invitations/redeem`, {
      data: { token },
      // As the page itself would send it: writes are accepted from the app's own origin only.
      headers: { origin: app.baseUrl },
    });
    if (redeemed.status() !== 200) throw new Error(`redeem failed: ${await redeemed.text()}`);
  }

  async function newReader(lang: Lang, opts: { bypassCSP?: boolean; participant?: boolean } = {}) {
    const context = await browser.newContext({
      locale: lang,
      timezoneId: 'Asia/Dubai',
      viewport: { width: 1280, height: 800 },
      // Only to inject axe-core inline; every other check runs under the app's CSP.
      bypassCSP: opts.bypassCSP ?? false,
    });
    contexts.push(context);
    if (opts.participant === true) await signInAsParticipant(context);
    const page = await context.newPage();
    const i18nErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('[majlis i18n]')) i18nErrors.push(m.text());
    });
    page.on('pageerror', (err) => i18nErrors.push(`page error: ${err.message}`));
    return { context, page, i18nErrors };
  }

  async function open(page: Page, lang: Lang, spec: PageSpec): Promise<void> {
    await page.goto(
      `${app.baseUrl}${spec.path.replace(':session', sessionId).replace(':waiting', waitingSessionId)}`,
    );
    await page.waitForFunction((l) => document.documentElement.lang === l, lang, {
      timeout: 15_000,
    });
    await page.locator(spec.ready).first().waitFor({ state: 'visible', timeout: 15_000 });
  }

  /** Everything a reader can see or hear: text, the window title, accessible names. */
  async function shownText(page: Page): Promise<string> {
    return page.evaluate(() => {
      const names = [
        ...document.querySelectorAll('[aria-label],[title],[placeholder],[alt]'),
      ].flatMap((el) =>
        ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''),
      );
      const options = [...document.querySelectorAll('option')].map((o) => o.text);
      return [document.body.innerText, document.title, ...names, ...options].join('\n');
    });
  }

  interface Box {
    left: number;
    right: number;
  }
  interface Layout {
    viewport: number;
    brand: Box;
    navLinks: Box[];
    picker: Box;
    labels: Box[];
    directionalIcons: string[];
  }

  async function layout(page: Page): Promise<Layout> {
    return page.evaluate(() => {
      const box = (el: Element | null): { left: number; right: number } => {
        if (el === null) throw new Error('element missing from the page');
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right };
      };
      return {
        viewport: document.documentElement.clientWidth,
        brand: box(document.querySelector('.brand')),
        navLinks: [...document.querySelectorAll('[data-testid="main-nav"] a')].map(box),
        picker: box(document.querySelector('[data-testid="language-picker"]')),
        labels: [...document.querySelectorAll('main form label')].map(box),
        directionalIcons: [...document.querySelectorAll('.icon-directional')].map(
          (el) => getComputedStyle(el).transform,
        ),
      };
    });
  }

  /** The top bar and form read from the inline start: the left in English, the right in Arabic. */
  function expectReadingOrder(l: Layout, dir: 'ltr' | 'rtl'): void {
    const start = dir === 'ltr' ? 'left' : 'right';
    const before = (a: Box, b: Box) => (dir === 'ltr' ? a.right <= b.left : a.left >= b.right);
    const half = l.viewport / 2;
    expect(
      dir === 'ltr' ? l.brand.right < half : l.brand.left > half,
      `brand on the ${start}`,
    ).toBe(true);
    expect(
      dir === 'ltr' ? l.picker.left > half : l.picker.right < half,
      `language picker at the far end from the ${start}`,
    ).toBe(true);
    expect(l.navLinks.length).toBeGreaterThanOrEqual(2);
    expect(before(l.brand, l.navLinks[0] as Box), 'brand before the navigation').toBe(true);
    for (let i = 1; i < l.navLinks.length; i++) {
      expect(before(l.navLinks[i - 1] as Box, l.navLinks[i] as Box), `nav link ${i}`).toBe(true);
    }
    for (let i = 1; i < l.labels.length; i++) {
      expect(before(l.labels[i - 1] as Box, l.labels[i] as Box), `form field ${i}`).toBe(true);
    }
    // Arrows pointing along the reading direction turn round in Arabic.
    for (const transform of l.directionalIcons) {
      expect(transform, 'directional icon').toBe(
        dir === 'rtl' ? 'matrix(-1, 0, 0, 1, 0, 0)' : 'none',
      );
    }
  }

  it.each(LANGS)(
    '%s: every page in the browser’s language, no missing or raw key',
    async (lang) => {
      const { page, i18nErrors } = await newReader(lang, { participant: true });
      for (const spec of PAGES) {
        await open(page, lang, spec);
        const dir = await page.evaluate(() => document.dir);
        expect(dir).toBe(lang === 'ar' ? 'rtl' : 'ltr');

        const heading = await page
          .locator('headingAt' in spec ? spec.headingAt : 'main h1')
          .innerText();
        expect(heading).toBe(msg(lang, spec.heading));
        if (lang !== 'en') expect(heading).not.toBe(msg('en', spec.heading));
        await expect
          .poll(() => page.title())
          .toBe(msg(lang, 'app.documentTitle').replace('{page}', msg(lang, spec.nav)));
        const nav = await page.locator('[data-testid="main-nav"] a').allInnerTexts();
        // Every link is a phrase of this reader's catalogue (pages keep joining the
        // menu; what must hold is that none shows in another language or as a key).
        const phrases = new Set(Object.values(catalogues[lang]));
        for (const text of nav) expect(phrases.has(text), `menu link "${text}"`).toBe(true);
        expect(nav).toEqual(
          expect.arrayContaining([
            msg(lang, 'nav.home'),
            msg(lang, 'nav.mediaCheck'),
            msg(lang, 'nav.schedule'),
          ]),
        );

        const shown = await shownText(page);
        const rawKeys = Object.keys(catalogues.en).filter((key) => shown.includes(key));
        expect(rawKeys, `raw keys on ${spec.path}`).toEqual([]);
        // An ICU placeholder left unformatted would show as {name} or {count, plural, …}.
        expect(shown).not.toMatch(/\{\s*[A-Za-z]\w*\s*[,}]/);

        const l = await layout(page);
        expectReadingOrder(l, lang === 'ar' ? 'rtl' : 'ltr');
        if (spec.name === 'home') expect(l.directionalIcons.length).toBeGreaterThan(0);
        if (spec.name === 'media-check') expect(l.labels.length).toBe(2);
        if (spec.name === 'schedule') {
          expect(l.directionalIcons.length).toBeGreaterThan(0);
          // The summit is titled in English and Arabic only: other readers get
          // its first official language, marked as English for screen readers.
          const title = page.locator('[data-testid="schedule"] h2');
          const titledInReadersLanguage = lang === 'en' || lang === 'ar';
          expect(await title.locator('bdi[lang="en"]').count()).toBe(
            titledInReadersLanguage ? 0 : 1,
          );
        }

        if (lang === 'ar') {
          const file = path.join(screenshotDir, `ar-${spec.name}.png`);
          await page.screenshot({ path: file, fullPage: true });
          expect(fs.statSync(file).size).toBeGreaterThan(1000);
        }
      }
      expect(i18nErrors).toEqual([]);
    },
  );

  it('LANG-2 language names come from CLDR in the reader’s language', async () => {
    const cases: [Lang, string[]][] = [
      ['fr', ['arabe', 'chinois', 'anglais', 'français', 'russe', 'espagnol']],
      ['ar', ['العربية', 'الصينية', 'الإنجليزية', 'الفرنسية', 'الروسية', 'الإسبانية']],
      ['ru', ['арабский', 'китайский', 'английский', 'французский', 'русский', 'испанский']],
    ];
    for (const [lang, names] of cases) {
      const { page } = await newReader(lang);
      await open(page, lang, PAGES[0]);
      const text = await page.locator('main').innerText();
      for (const name of names) expect(text).toContain(name);
    }
  });

  it('the picker’s choice wins over the browser’s language and is remembered', async () => {
    const { page } = await newReader('ru');
    await open(page, 'ru', PAGES[0]);
    const picker = page.getByLabel(msg('ru', 'language.label'));
    await picker.selectOption('fr');
    await page.waitForFunction(() => document.documentElement.lang === 'fr');
    await expect.poll(() => page.locator('main h1').innerText()).toBe(msg('fr', 'home.title'));

    await page.reload();
    await open(page, 'fr', PAGES[0]);
    expect(await page.locator('main h1').innerText()).toBe(msg('fr', 'home.title'));
    expect(await page.getByLabel(msg('fr', 'language.label')).inputValue()).toBe('fr');

    await page.getByLabel(msg('fr', 'language.label')).selectOption('ar');
    await page.waitForFunction(() => document.dir === 'rtl');
    expect(await page.locator('main h1').innerText()).toBe(msg('ar', 'home.title'));
  });

  it('a server error shows by its code in the reader’s language, naming the field', async () => {
    const { page } = await newReader('fr');
    // A room code the form's pattern would refuse, sent straight to the server.
    await page.goto(`${app.baseUrl}/media-check?room=NOT%20VALID&name=Zo%C3%A9&autojoin=1`);
    const alert = page.getByRole('alert');
    await alert.waitFor({ state: 'visible', timeout: 15_000 });
    const text = await alert.innerText();
    expect(text).toContain(msg('fr', 'error.INVALID_PAYLOAD'));
    expect(text).toContain(msg('fr', 'mediaCheck.roomCode'));
  });

  it.each(['en', 'ar'] as const)(
    '%s: every control is reachable by keyboard and shows where focus is',
    async (lang) => {
      const { page } = await newReader(lang);
      await open(page, lang, PAGES[0]);
      const reached = new Set<string>();
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement;
          if (el === null || el === document.body) return undefined;
          const style = getComputedStyle(el);
          return {
            name: el.getAttribute('data-testid') ?? el.getAttribute('href') ?? el.className,
            outline: `${style.outlineStyle} ${style.outlineWidth}`,
          };
        });
        if (focused === undefined) continue;
        expect(focused.outline, `focus ring on ${focused.name}`).toBe('solid 3px');
        reached.add(focused.name);
      }
      expect([...reached]).toEqual(
        expect.arrayContaining(['#main', '/', '/media-check', 'language-picker']),
      );
    },
  );

  it.each(['en', 'ar'] as const)(
    '%s: a wrong session id says the session does not exist, not that the media server is down',
    async (lang) => {
      const { page, i18nErrors } = await newReader(lang, { participant: true });
      // A well-formed id no session has, and one the id pattern refuses.
      for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-a-session']) {
        await page.goto(`${app.baseUrl}/sessions/${id}`);
        const failure = page.getByTestId('room-failure');
        await failure.waitFor({ state: 'visible', timeout: 15_000 });
        expect(await failure.innerText(), id).toBe(msg(lang, 'meeting.error.notFound'));
        expect(await shownText(page)).not.toContain(msg(lang, 'meeting.error.media'));
      }
      expect(i18nErrors).toEqual([]);
    },
  );

  it.each(['ar', 'zh'] as const)(
    '%s: in the room, a refused act shows by its code in the reader’s language and clears itself (MEET-4)',
    async (lang) => {
      const { page, i18nErrors } = await newReader(lang, { bypassCSP: true, participant: true });
      await open(page, lang, PAGES[3]);
      await page.getByTestId('join').click();
      await page.waitForFunction(() => window.majlisMeeting?.state() === 'connected', undefined, {
        timeout: 30_000,
      });
      // A point of order, then a second one from the same delegation while it is heard.
      const kind = page.getByLabel(msg(lang, 'floor.kindLabel'));
      await kind.selectOption('point_of_order');
      await page.getByTestId('floor-ask').click();
      await page.getByTestId('point-of-order').waitFor();
      await page.getByTestId('floor-ask').click();
      const flash = page.getByTestId('flash');
      await expect
        .poll(() => flash.innerText())
        .toBe(msg(lang, 'room.refusal.pointOfOrderPending'));
      const shown = await shownText(page);
      expect(Object.keys(catalogues.en).filter((key) => shown.includes(key))).toEqual([]);
      // No English sentence from the server or the English catalogue on the page.
      expect(shown).not.toContain('already has a point of order');
      expect(shown).not.toContain(msg('en', 'room.mic.live'));
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.screenshot({
        path: path.join(screenshotDir, `${lang}-room-refusal.png`),
        fullPage: true,
      });
      // It clears itself.
      await flash.waitFor({ state: 'detached', timeout: 15_000 });
      // The point of order ends, so the next reader's delegation starts from an empty floor.
      await page
        .getByRole('button', { name: msg(lang, 'floor.yield') })
        .first()
        .click();
      await page.getByTestId('point-of-order').waitFor({ state: 'detached' });
      await page.getByTestId('leave').click();
      expect(i18nErrors).toEqual([]);
    },
  );

  it.each(
    (['en', 'ar'] as const).flatMap((lang) =>
      PAGES.map((spec) => [lang, spec.name, spec] as const),
    ),
  )('%s %s: axe-core finds no serious or critical violation', async (lang, _name, spec) => {
    const { page } = await newReader(lang, { bypassCSP: true, participant: true });
    await open(page, lang, spec);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
