import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { inboundCounters, launchChromium, type InboundCounters } from '../harness/browser.ts';
import { startTestLiveKit } from '../harness/services.ts';

const stack = inject('stack');

/** Opens the media-check page and waits until it reports a connection outcome. */
async function join(
  browser: Browser,
  baseUrl: string,
  room: string,
  name: string,
  publish = true,
): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  const q = new URLSearchParams({
    room,
    name,
    autojoin: '1',
    ...(publish ? {} : { publish: '0' }),
  });
  await page.goto(`${baseUrl}/media-check?${q.toString()}`);
  return page;
}

async function waitConnected(page: Page): Promise<void> {
  await page.waitForFunction(() => window.majlisMedia?.state() === 'connected', undefined, {
    timeout: 20_000,
  });
}

/** Two samples a second apart: the growth proves media flows now, not once. */
async function growth(page: Page): Promise<{ before: InboundCounters; after: InboundCounters }> {
  const before = await inboundCounters(page);
  await page.waitForTimeout(1000);
  const after = await inboundCounters(page);
  return { before, after };
}

async function waitForRemoteTracks(page: Page, video: number, audio: number): Promise<void> {
  await expect
    .poll(async () => inboundCounters(page), { timeout: 20_000, interval: 250 })
    .toSatisfy(
      (c: InboundCounters) =>
        c.video.tracks >= video && c.audio.tracks >= audio && c.video.framesDecoded > 0,
    );
}

describe('two browsers exchange real media through LiveKit', () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      clientDir: stack.clientDir,
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await app.close();
  });

  it('each side decodes the other side’s video and audio', async () => {
    const room = `e2e-${randomBytes(4).toString('hex')}`;
    const [a, b] = await Promise.all([
      join(browser, app.baseUrl, room, 'Amina'),
      join(browser, app.baseUrl, room, 'Boris'),
    ]);
    await Promise.all([waitConnected(a), waitConnected(b)]);
    await Promise.all([waitForRemoteTracks(a, 1, 1), waitForRemoteTracks(b, 1, 1)]);
    // Each side sees itself (its own preview plays the local camera) and its microphone's meter moves.
    for (const page of [a, b]) {
      await expect
        .poll(() => page.getByTestId('own-preview').evaluate((v: HTMLVideoElement) => v.videoWidth))
        .toBeGreaterThan(0);
      const frames = () =>
        page
          .getByTestId('own-preview')
          .evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);
      const shown = await frames();
      await expect.poll(frames).toBeGreaterThan(shown);
      // Chromium's fake microphone beeps about once a second; the meter catches a beep.
      await expect
        .poll(() => page.getByTestId('mic-level').evaluate((m: HTMLMeterElement) => m.value), {
          timeout: 5_000,
          interval: 50,
        })
        .toBeGreaterThan(0.05);
    }
    for (const page of [a, b]) {
      const { before, after } = await growth(page);
      expect(after.video.framesDecoded).toBeGreaterThan(before.video.framesDecoded);
      expect(after.video.bytesReceived).toBeGreaterThan(before.video.bytesReceived);
      expect(after.audio.totalSamplesDuration).toBeGreaterThan(before.audio.totalSamplesDuration);
      expect(after.audio.bytesReceived).toBeGreaterThan(before.audio.bytesReceived);
    }
    await Promise.all([a.context().close(), b.context().close()]);
  });

  it('the check fails when one side does not publish: nothing arrives from it', async () => {
    const room = `e2e-${randomBytes(4).toString('hex')}`;
    const [speaker, silent] = await Promise.all([
      join(browser, app.baseUrl, room, 'Speaker'),
      join(browser, app.baseUrl, room, 'Silent', false),
    ]);
    await Promise.all([waitConnected(speaker), waitConnected(silent)]);
    // The silent side still receives the speaker, so the room itself works…
    await waitForRemoteTracks(silent, 1, 1);
    // …but the speaker has no inbound track and no counter can grow.
    const { before, after } = await growth(speaker);
    expect(after.video.tracks + after.audio.tracks).toBe(0);
    expect(after.video.framesDecoded).toBe(before.video.framesDecoded);
    expect(after.audio.totalSamplesDuration).toBe(before.audio.totalSamplesDuration);
    await Promise.all([speaker.context().close(), silent.context().close()]);
  });

  it('the check fails when LiveKit is down: the page never connects and decodes nothing', async () => {
    const livekit = await startTestLiveKit();
    const downApp = await startApp({
      redisUrl: stack.redisUrl,
      livekit,
      clientDir: stack.clientDir,
    });
    try {
      await livekit.child.stop();
      const page = await join(
        browser,
        downApp.baseUrl,
        `e2e-${randomBytes(4).toString('hex')}`,
        'Nobody',
      );
      await page.getByRole('alert').waitFor({ state: 'visible', timeout: 30_000 });
      expect(await page.evaluate(() => window.majlisMedia?.state())).not.toBe('connected');
      const c = await inboundCounters(page);
      expect(c.video.framesDecoded + c.audio.totalSamplesDuration).toBe(0);
      await page.context().close();
    } finally {
      await downApp.close();
      await livekit.child.stop();
    }
  });
});
