import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Debian's Chromium with fake camera and microphone; never a downloaded browser. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH))
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install Debian's chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      '--allow-loopback-in-peer-connection',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}

export interface InboundCounters {
  video: { tracks: number; bytesReceived: number; framesDecoded: number };
  audio: {
    tracks: number;
    bytesReceived: number;
    totalSamplesDuration: number;
    totalAudioEnergy: number;
  };
}

/** Reads the page's inbound RTP counters (summed over subscribed tracks). */
export async function inboundCounters(page: Page): Promise<InboundCounters> {
  return page.evaluate(async () => {
    const m = window.majlisMedia;
    if (!m) throw new Error('media page not loaded');
    return m.counters();
  });
}

declare global {
  interface Window {
    majlisMedia?: {
      counters(): Promise<InboundCounters>;
      state(): string;
      localTracks(): string[];
    };
    majlisMeeting?: {
      room: {
        localParticipant: {
          permissions?: { canPublish: boolean; canPublishSources: number[] };
          publishTrack(track: MediaStreamTrack, opts?: { name?: string }): Promise<unknown>;
        };
      };
      counters(): Promise<InboundCounters>;
      countersFrom(identity: string): Promise<InboundCounters>;
      remoteIdentities(): string[];
      state(): string;
      /** CONF-1 … CONF-3 (test build): key index, security code, media key in hex; undefined when not encrypted. */
      e2ee():
        | {
            keyIndex: number;
            securityCode?: string;
            keyHex?: string;
            keyAt?: number;
            problem?: string;
          }
        | undefined;
    };
  }
}

/**
 * A browser profile signed in with a Majlis session cookie (`name=value`), as
 * after opening an invitation link; camera and microphone are allowed.
 */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  cookie: string | undefined,
): Promise<BrowserContext> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const [name, ...value] = (cookie ?? '').split('=');
  await context.addCookies([{ name: name ?? '', value: value.join('='), url: baseUrl }]);
  return context;
}

/** Opens a session's meeting room in `context`, clicks Join and waits for the SFU connection. */
export async function joinMeeting(
  context: BrowserContext,
  baseUrl: string,
  sessionId: string,
  timeoutMs = 20_000,
): Promise<Page> {
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(msg.text());
  });
  await page.goto(`${baseUrl}/sessions/${sessionId}`);
  await page.getByTestId('join').click();
  try {
    await page.waitForFunction(() => window.majlisMeeting?.state() === 'connected', undefined, {
      timeout: timeoutMs,
    });
  } catch (err) {
    // Say what the page said: a refusal on screen or a script error explains more than a timeout.
    const alerts = await page.getByRole('alert').allTextContents();
    throw new Error(
      `the meeting did not connect: alerts ${JSON.stringify(alerts)}, errors ${JSON.stringify(pageErrors)}`,
      { cause: err },
    );
  }
  return page;
}
