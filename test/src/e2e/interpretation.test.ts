import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
import { launchChromium, signedInContext, type InboundCounters } from '../harness/browser.ts';
import { startTestLiveKit, tempDir } from '../harness/services.ts';
import { ask, connectSocket, must } from '../harness/sockets.ts';

/**
 * INTERP-1 on a real SFU: every source is a Chromium whose fake microphone
 * plays its own tone, and every check reads the frequency of what a page
 * actually plays (WebAudio FFT of the received tracks at their playback
 * volume), not track names.
 */
const stack = inject('stack');

const TONE = { floor: 500, frA: 1200, frB: 1700, es: 2300 } as const;
const ALL = Object.values(TONE);
/**
 * A source plays at about -34 dBFS here, and the floor underneath an
 * interpretation at about -50. Heard: above -60. Absent: under -72, so a
 * track leaking at even a fortieth of full volume (-32 dB) still fails the
 * check. The line is not lower because the codec and the receiver's jitter
 * buffer smear a strong tone into sidebands: up to -83 dB a few hundred hertz
 * away on a quiet machine, and -90 dB exactly on another source's tone on a
 * loaded one (a CI run once read frB at -90.4 dB with frB not published), so
 * an absolute floor near -95 measured the machine's load, not the routing.
 */
const HEARD_DB = -60;
const ABSENT_DB = -72;

interface HearingReport {
  choice: string;
  levels: Record<string, number>;
  peaks: { hz: number; db: number }[];
  tracks: { identity: string; trackName: string; volume: number }[];
}
declare global {
  interface Window {
    majlisListening?: {
      choice(): string;
      analyse(frequencies: number[], ms?: number): Promise<HearingReport>;
      waitFor(opts: {
        hz: number;
        minDb: number;
        absent?: number[];
        absentMaxDb?: number;
        timeoutMs: number;
      }): Promise<number | null>;
    };
  }
}

let livekit: Awaited<ReturnType<typeof startTestLiveKit>>;
let app: RunningApp;
let org: ApiClient;
let summitId: string;
let sessionId: string;
let toneDir: string;
const browsers: Browser[] = [];
const contexts: BrowserContext[] = [];
const people: Record<string, { client: ApiClient; participant: { id: string } }> = {};
const pages: Record<string, Page> = {};
const figures: string[] = [];

const identityOf = (who: string) => `p-${people[who]?.participant.id ?? ''}`;
const page = (who: string): Page => {
  const p = pages[who];
  if (!p) throw new Error(`no page for ${who}`);
  return p;
};

function tone(hz: number): string {
  const file = path.join(toneDir, `tone-${hz}.wav`);
  const r = spawnSync('sox', [
    '-n',
    '-r',
    '48000',
    '-c',
    '1',
    file,
    'synth',
    '20',
    'sine',
    String(hz),
  ]);
  if (r.status !== 0) throw new Error(`sox failed: ${r.stderr.toString()}`);
  return file;
}

async function signedInPage(browser: Browser, who: string, pathname: string): Promise<Page> {
  const context = await signedInContext(browser, app.baseUrl, people[who]?.client.cookie);
  contexts.push(context);
  const p = await context.newPage();
  await p.goto(`${app.baseUrl}${pathname}`);
  return p;
}

const connected = (p: Page) =>
  p.waitForFunction(() => window.majlisMeeting?.state() === 'connected', undefined, {
    timeout: 30_000,
  });

async function openMeeting(browser: Browser, who: string): Promise<Page> {
  const p = await signedInPage(browser, who, `/sessions/${sessionId}`);
  await p.getByTestId('join').click();
  await connected(p);
  await p.getByTestId('channel-picker').waitFor({ timeout: 20_000 });
  return p;
}

async function openConsole(browser: Browser, who: string): Promise<Page> {
  const p = await signedInPage(browser, who, `/sessions/${sessionId}/booth`);
  await p.getByTestId('enter-booth').click();
  await connected(p);
  await p.getByTestId('booth').waitFor({ timeout: 20_000 });
  return p;
}

const onAir = (p: Page) => p.getByTestId('on-air').getAttribute('data-state');

const analyse = (p: Page, ms = 800): Promise<HearingReport> =>
  p.evaluate(
    ({ freqs, window: windowMs }) => {
      const probe = window.majlisListening;
      if (!probe) throw new Error('no listening probe on this page');
      return probe.analyse(freqs, windowMs);
    },
    { freqs: [...ALL], window: ms },
  );

/** Ms until `hz` is heard (and `absent` is not), measured in the page; null on timeout. */
const heardWithin = (p: Page, hz: number, absent: number[], timeoutMs: number) =>
  p.evaluate(
    ([h, a, t, minDb, absentMaxDb]) =>
      window.majlisListening?.waitFor({ hz: h, minDb, absent: a, absentMaxDb, timeoutMs: t }) ??
      Promise.resolve(null),
    [hz, absent, timeoutMs, HEARD_DB, ABSENT_DB] as const,
  );

const countersFrom = (p: Page, identity: string): Promise<InboundCounters> =>
  p.evaluate((id) => window.majlisMeeting?.countersFrom(id) as Promise<InboundCounters>, identity);

/**
 * Publishes a microphone track named `name` straight through
 * livekit-client, as a tampered client would: the client-side permission
 * check is switched off for the attempt (and put back after), so only the
 * SFU can refuse.
 */
async function forcePublish(p: Page, name: string): Promise<string> {
  return p.evaluate(async (trackName) => {
    const room = window.majlisMeeting?.room;
    if (!room) return 'no room';
    const lp = room.localParticipant;
    const granted = lp.permissions
      ? { canPublish: lp.permissions.canPublish, sources: lp.permissions.canPublishSources }
      : undefined;
    if (lp.permissions) {
      lp.permissions.canPublish = true;
      lp.permissions.canPublishSources = [];
    }
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const [track] = stream.getAudioTracks();
    if (!track) return 'no track';
    // As a microphone, the one source a chair or a floor holder may publish.
    const options = { name: trackName, source: 'microphone' };
    try {
      await Promise.race([
        lp.publishTrack(track, options),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('no answer from the SFU')), 15_000),
        ),
      ]);
      return 'published';
    } catch (err) {
      return `refused: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      if (lp.permissions && granted) {
        lp.permissions.canPublish = granted.canPublish;
        lp.permissions.canPublishSources = granted.sources;
      }
    }
  }, name);
}

const pick = (p: Page, choice: string) => p.getByTestId('channel-picker').selectOption(choice);

beforeAll(async () => {
  toneDir = tempDir('tones');
  const port = await freeTcpPort();
  livekit = await startTestLiveKit(`http://127.0.0.1:${port}/livekit/webhook`);
  app = await startApp({ redisUrl: stack.redisUrl, livekit, clientDir: stack.clientDir, port });
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id;
  const delegation = (
    await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'SN',
      votingRights: true,
    })
  ).body.id as string;
  const specs: Record<string, Record<string, unknown>> = {
    chair: { name: 'Aïssatou Diallo', role: 'chair', languages: ['en'] },
    delegate: {
      name: 'Moussa Ndiaye',
      role: 'delegate',
      delegationId: delegation,
      languages: ['es'],
    },
    observer: { name: 'Observer', role: 'observer' },
    press: { name: 'Press', role: 'press' },
    frA: { name: 'Claire Martin', role: 'interpreter', boothLanguage: 'fr', languages: ['en'] },
    frB: {
      name: 'Hugo Bernard',
      role: 'interpreter',
      boothLanguage: 'fr',
      languages: ['en', 'ar'],
    },
    es: { name: 'Lucía García', role: 'interpreter', boothLanguage: 'es', languages: ['en'] },
  };
  for (const [who, input] of Object.entries(specs))
    people[who] = await participantClient(org, summitId, input);
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({
        chairId: people['chair']?.participant.id,
        interpretationLanguages: ['fr', 'es'],
      }),
    )
  ).body.id;
  await openSessions(app.baseUrl, org, sessionId);
  const item = await org.post(`/sessions/${sessionId}/agenda-items`, {
    title: { en: 'General debate', fr: 'Débat général' },
    kind: 'debate',
    allottedMinutes: 60,
  });
  await org.patch(`/agenda-items/${item.body.id}`, { status: 'current' });

  // One Chromium per distinct tone; the listeners publish nothing and share one.
  const launch = async (hz?: number) => {
    const b = await launchChromium(
      hz === undefined ? [] : [`--use-file-for-fake-audio-capture=${tone(hz)}`],
    );
    browsers.push(b);
    return b;
  };
  const [floorB, frAB, frBB, esB, listenersB] = await Promise.all([
    launch(TONE.floor),
    launch(TONE.frA),
    launch(TONE.frB),
    launch(TONE.es),
    launch(),
  ]);
  pages['chair'] = await openMeeting(floorB, 'chair');
  pages['frA'] = await openConsole(frAB, 'frA');
  pages['frB'] = await openConsole(frBB, 'frB');
  pages['es'] = await openConsole(esB, 'es');
  for (const who of ['delegate', 'observer', 'press'])
    pages[who] = await openMeeting(listenersB, who);
}, 240_000);

afterAll(async () => {
  if (figures.length > 0) console.log(`INTERP-1 figures:\n  ${figures.join('\n  ')}`);
  for (const c of contexts) await c.close().catch(() => undefined);
  for (const b of browsers) await b.close().catch(() => undefined);
  await app.close();
  await livekit.child.stop();
  if (toneDir) fs.rmSync(toneDir, { recursive: true, force: true });
});

describe('simultaneous interpretation on a real SFU (INTERP-1)', () => {
  it('each booth’s interpreter takes the seat: one live interpreter per booth, recorded', async () => {
    await page('frA').getByTestId('take-over').click();
    await page('es').getByTestId('take-over').click();
    await expect.poll(() => onAir(page('frA')), { timeout: 10_000 }).toBe('on');
    await expect.poll(() => onAir(page('es')), { timeout: 10_000 }).toBe('on');
    expect(await onAir(page('frB'))).toBe('off');
    await expect
      .poll(() => page('frB').getByTestId('booth-live').innerText())
      .toContain('Claire Martin');
    // The console shows the agenda item under way.
    expect(await page('frB').getByTestId('agenda-item').innerText()).toContain('General debate');
    const record = await org.get(`/summits/${summitId}/record`);
    const acts = (record.body.entries as { act: string; changes: Record<string, unknown> }[])
      .filter((e) => e.act === 'interpretation.handed_over')
      .map((e) => e.changes);
    expect(acts).toEqual(
      expect.arrayContaining([
        { language: 'fr', from: null, to: people['frA']?.participant.id },
        { language: 'es', from: null, to: people['es']?.participant.id },
      ]),
    );
    expect(record.body.chainValid).toBe(true);
  });

  it('a listener on fr hears the French interpreter with the floor quieter underneath; on the floor only the floor; on es nothing from the French booth', async () => {
    await pick(page('observer'), 'fr');
    await pick(page('press'), 'es');
    expect(await heardWithin(page('observer'), TONE.frA, [], 15_000)).not.toBeNull();
    expect(await heardWithin(page('press'), TONE.es, [], 15_000)).not.toBeNull();
    expect(await heardWithin(page('delegate'), TONE.floor, [], 15_000)).not.toBeNull();

    const fr = await analyse(page('observer'));
    const floor = await analyse(page('delegate'));
    const es = await analyse(page('press'));
    for (const [name, r] of [
      ['fr', fr],
      ['floor', floor],
      ['es', es],
    ] as const)
      figures.push(
        `${name} listener levels (dB): ${JSON.stringify(r.levels)}; peaks: ${r.peaks.map((q) => `${q.hz} Hz ${q.db} dB`).join(', ')}`,
      );

    const L = (r: HearingReport, hz: number) => r.levels[String(hz)] ?? -200;
    // fr: the French interpreter, and the floor about 16 dB (volume 0.15) under it.
    expect(fr.choice).toBe('fr');
    expect(L(fr, TONE.frA)).toBeGreaterThan(HEARD_DB);
    expect(L(fr, TONE.floor)).toBeGreaterThan(HEARD_DB);
    const underneath = L(fr, TONE.frA) - L(fr, TONE.floor);
    figures.push(`fr listener: interpreter − floor = ${underneath.toFixed(1)} dB`);
    expect(underneath).toBeGreaterThan(8);
    expect(L(fr, TONE.frB)).toBeLessThan(ABSENT_DB);
    expect(L(fr, TONE.es)).toBeLessThan(ABSENT_DB);
    // floor: the floor alone.
    expect(L(floor, TONE.floor)).toBeGreaterThan(HEARD_DB);
    for (const hz of [TONE.frA, TONE.frB, TONE.es]) expect(L(floor, hz)).toBeLessThan(ABSENT_DB);
    // es: nothing from the French booth, not even a subscription.
    expect(L(es, TONE.es)).toBeGreaterThan(HEARD_DB);
    expect(L(es, TONE.frA)).toBeLessThan(ABSENT_DB);
    expect(L(es, TONE.frB)).toBeLessThan(ABSENT_DB);
    for (const who of ['frA', 'frB']) {
      const c = await countersFrom(page('press'), identityOf(who));
      expect(c.audio.tracks).toBe(0);
    }
    // Original underneath off: the floor goes silent under the channel.
    await page('observer').getByTestId('original-underneath').uncheck();
    const alone = await analyse(page('observer'));
    expect(L(alone, TONE.frA)).toBeGreaterThan(HEARD_DB);
    expect(L(alone, TONE.floor)).toBeLessThan(ABSENT_DB);
    await page('observer').getByTestId('original-underneath').check();
  });

  it('the SFU refuses a delegate, an observer and the booth’s inactive interpreter on a language channel; a chair’s channel-named track reaches no listener', async () => {
    const outcomes = await Promise.all(
      ['delegate', 'observer', 'frB'].map(async (who) => [
        who,
        await forcePublish(page(who), 'interp-fr'),
      ]),
    );
    for (const [who, outcome] of outcomes) expect(outcome, who).toMatch(/^refused/);
    // The chair may publish a microphone, so the SFU accepts any name from it:
    // listeners take a channel only from the interpreter on air.
    expect(await forcePublish(page('chair'), 'interp-fr')).toBe('published');
    await expect
      .poll(() =>
        page('observer').evaluate((chair) => {
          const p = (
            window.majlisMeeting?.room as unknown as {
              remoteParticipants: Map<
                string,
                {
                  trackPublications: Map<
                    string,
                    { trackName: string; isSubscribed: boolean; isDesired: boolean }
                  >;
                }
              >;
            }
          ).remoteParticipants.get(chair);
          const pub = [...(p?.trackPublications.values() ?? [])].find(
            (t) => t.trackName === 'interp-fr',
          );
          return pub === undefined ? 'not seen' : `desired=${pub.isDesired}`;
        }, identityOf('chair')),
      )
      .toBe('desired=false');
    const fr = await analyse(page('observer'));
    expect(fr.tracks.map((t) => `${t.identity}/${t.trackName}`)).not.toContain(
      `${identityOf('chair')}/interp-fr`,
    );
    for (const who of ['delegate', 'observer', 'frB']) {
      const c = await countersFrom(page('observer'), identityOf(who));
      expect(c.audio.bytesReceived).toBe(0);
    }
  });

  it('hand-over is one action: the roles swap within 1 s and the fr listener hears the other interpreter', async () => {
    // Each page notes (on the machine's one clock) when LiveKit changes its grant.
    const watchGrant = (p: Page) =>
      p.evaluate(() => {
        const room = window.majlisMeeting?.room as unknown as {
          localParticipant: { permissions?: { canPublish: boolean } };
          on(event: string, listener: (...args: unknown[]) => void): void;
        };
        const w = window as unknown as { grantChangedAt?: number; grantNow?: boolean };
        room.on('participantPermissionsChanged', (_prev, participant) => {
          if (participant !== room.localParticipant) return;
          w.grantChangedAt = Date.now();
          w.grantNow = room.localParticipant.permissions?.canPublish;
        });
      });
    const grantChange = (p: Page, to: boolean) =>
      p
        .waitForFunction(
          (want) => {
            const w = window as unknown as { grantChangedAt?: number; grantNow?: boolean };
            return w.grantNow === want ? w.grantChangedAt : undefined;
          },
          to,
          { timeout: 10_000 },
        )
        .then((h) => h.jsonValue() as Promise<number>);
    const heardAt = (p: Page, hz: number, absent: number[]) =>
      p.evaluate(
        async ([h, a, minDb, absentMaxDb]) => {
          const ms = await window.majlisListening?.waitFor({
            hz: h,
            minDb,
            absent: a,
            absentMaxDb,
            timeoutMs: 10_000,
          });
          return ms === null || ms === undefined ? null : Date.now();
        },
        [hz, absent, HEARD_DB, ABSENT_DB] as const,
      );
    await watchGrant(page('frA'));
    await watchGrant(page('frB'));
    // Where the time between the grant and the listener's ear goes.
    const stamps = (p: Page, events: string[], identity?: string) =>
      p.evaluate(
        ([names, who]) => {
          const room = window.majlisMeeting?.room as unknown as {
            on(event: string, listener: (...args: unknown[]) => void): void;
          };
          const got: Record<string, number> = {};
          (window as unknown as { stamps?: Record<string, number> }).stamps = got;
          for (const name of names)
            room.on(name, (...args: unknown[]) => {
              const participant = args.find(
                (a): a is { identity: string } =>
                  typeof a === 'object' && a !== null && 'identity' in a,
              );
              if (who !== undefined && participant?.identity !== who) return;
              got[name] ??= Date.now();
            });
        },
        [events, identity] as const,
      );
    const readStamps = (p: Page) =>
      p.evaluate(() => (window as unknown as { stamps?: Record<string, number> }).stamps ?? {});
    await stamps(page('frB'), ['localTrackPublished']);
    await stamps(page('observer'), ['trackPublished', 'trackSubscribed'], identityOf('frB'));
    expect(await onAir(page('frA'))).toBe('on');
    expect(await onAir(page('frB'))).toBe('off');

    const clicked = Date.now();
    const heard = heardAt(page('observer'), TONE.frB, [TONE.frA]);
    await page('frA').getByTestId('hand-over').click();
    const [granted, revoked, heardFrB] = await Promise.all([
      grantChange(page('frB'), true),
      grantChange(page('frA'), false),
      heard,
    ]);
    await expect.poll(() => onAir(page('frB')), { timeout: 5000 }).toBe('on');
    expect(await onAir(page('frA'))).toBe('off');
    const record = await org.get(`/summits/${summitId}/record`);
    const act = (record.body.entries as { act: string; at: string }[])
      .filter((e) => e.act === 'interpretation.handed_over')
      .at(-1);
    const actedAt = Date.parse(act?.at ?? '');
    const since = (t: number | undefined) => (t === undefined ? 'never' : `${t - actedAt} ms`);
    const published = (await readStamps(page('frB')))['localTrackPublished'];
    const seen = await readStamps(page('observer'));
    figures.push(
      `hand-over chain after the act: frB publishes ${since(published)}, listener sees it ${since(seen['trackPublished'])}, subscribed ${since(seen['trackSubscribed'])}`,
    );
    figures.push(
      `hand-over: click → act recorded ${actedAt - clicked} ms; act → SFU grant at frB ${granted - actedAt} ms, revoke at frA ${revoked - actedAt} ms; act → fr listener hears frB and not frA ${heardFrB === null ? 'never' : heardFrB - actedAt} ms (click → heard ${heardFrB === null ? 'never' : heardFrB - clicked} ms)`,
    );
    expect(granted - actedAt).toBeLessThan(1000);
    expect(revoked - actedAt).toBeLessThan(1000);
    expect(heardFrB).not.toBeNull();
    // For a reviewer's eye: the console on air and the one off air.
    const shots = path.join(stack.repoRoot, 'test-results', 'interpretation');
    fs.mkdirSync(shots, { recursive: true });
    await page('frB').screenshot({ path: path.join(shots, 'booth-on-air.png'), fullPage: true });
    await page('frA').screenshot({ path: path.join(shots, 'booth-off-air.png'), fullPage: true });
    await page('observer').screenshot({
      path: path.join(shots, 'listener-fr.png'),
      fullPage: true,
    });
    // The partner who just handed over is now refused by the SFU.
    expect(await forcePublish(page('frA'), 'interp-fr')).toMatch(/^refused/);
    const fr = await analyse(page('observer'));
    expect(fr.levels[String(TONE.frB)]).toBeGreaterThan(HEARD_DB);
    expect(fr.levels[String(TONE.frA)]).toBeLessThan(ABSENT_DB);
  });

  it('an interpreter on relay hears the chosen booth, and the console says which source', async () => {
    const frA = page('frA');
    await frA.getByTestId('source-picker').selectOption('es');
    expect(await frA.getByTestId('hearing').getAttribute('data-source')).toBe('es');
    expect(await heardWithin(frA, TONE.es, [TONE.floor], 10_000)).not.toBeNull();
    const relay = await analyse(frA);
    figures.push(`relay (fr booth on es) levels (dB): ${JSON.stringify(relay.levels)}`);
    expect(relay.levels[String(TONE.es)]).toBeGreaterThan(HEARD_DB);
    expect(relay.levels[String(TONE.floor)]).toBeLessThan(ABSENT_DB);
    // Back to the floor.
    await frA.getByTestId('source-picker').selectOption('floor');
    expect(await heardWithin(frA, TONE.floor, [TONE.es], 10_000)).not.toBeNull();
  });

  it('a listener switching channel hears the new channel within 1 s', async () => {
    const p = page('press');
    await p.getByTestId('original-underneath').uncheck();
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      const [to, hz, from] =
        i % 2 === 0 ? (['fr', TONE.frB, TONE.es] as const) : (['es', TONE.es, TONE.frB] as const);
      const t0 = Date.now();
      await pick(p, to);
      const inPage = await heardWithin(p, hz, [from], 5000);
      expect(inPage, `switch ${i + 1} to ${to}`).not.toBeNull();
      times.push(Date.now() - t0);
    }
    const sorted = [...times].sort((a, b) => a - b);
    const median = ((sorted[3] ?? 0) + (sorted[4] ?? 0)) / 2;
    figures.push(
      `channel switch → new channel heard, old gone (ms): ${times.join(', ')}; median ${median}, max ${sorted.at(-1)}`,
    );
    // Typically a few hundred ms; the bound on each switch leaves room for a
    // CPU-starved moment on a shared two-core machine, the median does not.
    expect(median).toBeLessThan(1000);
    for (const ms of times) expect(ms).toBeLessThan(2500);
  });

  it('presence carries each listener’s channel, and the choice is remembered', async () => {
    const channels = async () =>
      Object.fromEntries(
        (
          (await org.get(`/sessions/${sessionId}/presence`)).body.present as {
            identity: string;
            channel: string | null;
          }[]
        ).map((e) => [e.identity, e.channel]),
      );
    await expect.poll(channels, { timeout: 5000 }).toMatchObject({
      [identityOf('observer')]: 'fr',
      // The switching test ends on es.
      [identityOf('press')]: 'es',
      [identityOf('delegate')]: 'floor',
    });
    const observer = page('observer');
    await observer.reload();
    await observer.getByTestId('join').click();
    await connected(observer);
    await expect
      .poll(() => observer.getByTestId('channel-picker').inputValue(), { timeout: 10_000 })
      .toBe('fr');
    expect(await observer.getByTestId('original-underneath').isChecked()).toBe(true);
    expect(await heardWithin(observer, TONE.frB, [], 15_000)).not.toBeNull();
  });

  // Last: the delegate's own (untoned) microphone joins the floor from here on.
  it('the console shows who holds the floor and in which language, and suggests relay when the booth does not cover it', async () => {
    const delegate = await connectSocket(app.baseUrl, people['delegate']?.client.cookie);
    const chair = await connectSocket(app.baseUrl, people['chair']?.client.cookie);
    try {
      await must(
        ask(delegate, 'floor:command', {
          sessionId,
          command: { type: 'request', kind: 'statement' },
        }),
      );
      await must(ask(chair, 'floor:command', { sessionId, command: { type: 'grantNext' } }));
    } finally {
      delegate.close();
      chair.close();
    }
    // The French booth covers English and Arabic; the speaker speaks Spanish.
    const frB = page('frB');
    await expect
      .poll(() => frB.getByTestId('speaker').innerText(), { timeout: 10_000 })
      .toBe('Moussa Ndiaye — Spanish');
    expect(await frB.getByTestId('relay-suggested').count()).toBe(1);
  });

  it('an interpreter alone in a booth goes off air; a silent booth is no longer offered for relay', async () => {
    const fr = page('frB');
    const relayOptions = () =>
      fr
        .getByTestId('source-picker')
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(await relayOptions()).toContain('es');
    // The Spanish booth has one interpreter: nobody to hand to, and still a way off air.
    await page('es').getByTestId('go-off-air').click();
    await expect.poll(() => onAir(page('es')), { timeout: 10_000 }).toBe('off');
    await expect.poll(relayOptions, { timeout: 10_000 }).not.toContain('es');
    const record = await org.get(`/summits/${summitId}/record`);
    const acts = (record.body.entries as { act: string; changes: Record<string, unknown> }[])
      .filter((e) => e.act === 'interpretation.handed_over')
      .map((e) => e.changes);
    expect(acts).toContainEqual({ language: 'es', from: people['es']?.participant.id, to: null });
  });
});
