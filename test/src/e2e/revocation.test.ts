import type { Browser, Page } from 'playwright-core';
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
import { launchChromium } from '../harness/browser.ts';
import { startTestLiveKit, type LiveKitInfo } from '../harness/services.ts';
import {
  mintLiveKitToken,
  openTokenClient,
  startTokenPage,
  tokenConnect,
  tokenCounters,
  tokenFullReconnect,
  tokenPublish,
  tokenReconnects,
  tokenRefreshed,
  tokenState,
} from '../harness/token-client.ts';

/**
 * ACCESS-6 on a real SFU: LiveKit accepts any token whose signature and
 * expiry hold, and refreshes a connected client's token itself, so only the
 * room guard stands between a revoked participant and the media. Each
 * victim here holds a token the API issued before the revocation.
 */
const stack = inject('stack');

let browser: Browser;
let tokenPage: Awaited<ReturnType<typeof startTokenPage>>;
const pages: Page[] = [];

interface Room {
  app: RunningApp;
  livekit: LiveKitInfo;
  org: ApiClient;
  summitId: string;
  sessionId: string;
}

/**
 * An open plenary and something to receive in it: a source publishing a
 * camera and a tone with a token minted in the test (the meeting page is not
 * what is under test here).
 */
async function plenaryWithSource(app: RunningApp, livekit: LiveKitInfo): Promise<Room> {
  const org = await organiserClient(app);
  const summitId = (await org.post('/summits', summitInput())).body.id as string;
  const sessionId = (await org.post(`/summits/${summitId}/sessions`, sessionInput())).body
    .id as string;
  await openSessions(app.baseUrl, org, sessionId);
  const source = await tokenClient();
  const token = mintLiveKitToken(livekit, {
    identity: 'tone-source',
    room: `session-${sessionId}`,
    video: { canPublish: true },
  });
  expect(await tokenConnect(source, livekit.url, token)).toBe('connected');
  expect(await tokenPublish(source, 440)).toBe('published');
  return { app, livekit, org, summitId, sessionId };
}

/** A delegation's delegate and the LiveKit token the API gives them for the plenary. */
async function delegateWithToken(room: Room, code: string) {
  const delegationId = (
    await room.org.post(`/summits/${room.summitId}/delegations`, {
      kind: 'state',
      code,
      votingRights: true,
    })
  ).body.id as string;
  const { client, participant } = await participantClient(room.org, room.summitId, {
    name: `Delegate ${code}`,
    role: 'delegate',
    delegationId,
  });
  const join = await client.post(`/sessions/${room.sessionId}/join`);
  expect(join.status).toBe(200);
  return { participantId: participant.id, token: join.body.participantToken as string };
}

async function revoke(room: Room, participantId: string): Promise<void> {
  expect((await room.org.post(`/participants/${participantId}/revoke`)).status).toBe(200);
}

async function tokenClient(): Promise<Page> {
  const page = await openTokenClient(browser, tokenPage.url);
  pages.push(page);
  return page;
}

/** Bytes keep arriving: the detector works before it is trusted to see nothing. */
async function expectReceiving(page: Page): Promise<void> {
  await expect
    .poll(() => tokenCounters(page), { timeout: 20_000 })
    .toSatisfy((c: { bytesReceived: number }) => c.bytesReceived > 0);
  const before = (await tokenCounters(page)).bytesReceived;
  await page.waitForTimeout(1000);
  expect((await tokenCounters(page)).bytesReceived).toBeGreaterThan(before);
}

/** Out of the room within `ms` of `since`, and not one byte more afterwards. */
async function expectCutOff(page: Page, since: number, ms = 2000): Promise<void> {
  await expect
    .poll(() => tokenState(page), { timeout: ms + 500, interval: 50 })
    .toBe('disconnected');
  expect(Date.now() - since).toBeLessThan(ms);
  const after = (await tokenCounters(page)).bytesReceived;
  await page.waitForTimeout(1500);
  expect((await tokenCounters(page)).bytesReceived).toBe(after);
}

/** Connecting with a token after revocation: LiveKit lets it in, the guard throws it out. */
async function expectTokenUseless(page: Page, room: Room, token: string): Promise<void> {
  const outcome = await tokenConnect(page, room.livekit.url, token);
  const connectedAt = Date.now();
  if (outcome.startsWith('refused')) {
    expect((await tokenCounters(page)).bytesReceived).toBe(0);
    return;
  }
  expect(outcome).toBe('connected');
  await expectCutOff(page, connectedAt);
}

beforeAll(async () => {
  browser = await launchChromium();
  tokenPage = await startTokenPage();
}, 60_000);

afterAll(async () => {
  for (const p of pages) await p.context().close();
  await browser.close();
  await tokenPage.close();
});

describe('ACCESS-6: the webhook removes a revoked identity at once (sweep off)', () => {
  let room: Room;
  let livekit: Awaited<ReturnType<typeof startTestLiveKit>>;

  beforeAll(async () => {
    const port = await freeTcpPort();
    livekit = await startTestLiveKit(`http://127.0.0.1:${port}/livekit/webhook`);
    // One sweep at start only: what happens below is the webhook's doing.
    const app = await startApp({
      redisUrl: stack.redisUrl,
      livekit,
      clientDir: stack.clientDir,
      port,
      roomSweepMs: 3_600_000,
    });
    room = await plenaryWithSource(app, livekit);
  }, 120_000);

  afterAll(async () => {
    await room.app.close();
    await livekit.child.stop();
  });

  it('ACCESS-6: a token issued before revocation is removed within 2 s of connecting and receives nothing afterwards', async () => {
    const victim = await delegateWithToken(room, 'PK');
    await revoke(room, victim.participantId);
    await expectTokenUseless(await tokenClient(), room, victim.token);
  });

  it('ACCESS-6: a connected participant is cut off within 2 s of revocation, and the token LiveKit refreshed for it does not bring it back', async () => {
    const victim = await delegateWithToken(room, 'IN');
    const page = await tokenClient();
    expect(await tokenConnect(page, livekit.url, victim.token)).toBe('connected');
    await expectReceiving(page);
    // LiveKit hands every connected client a fresh token at once (livekit-server refreshToken).
    await expect.poll(() => tokenRefreshed(page), { timeout: 5000 }).not.toBeNull();
    const refreshed = (await tokenRefreshed(page)) ?? '';
    const t0 = Date.now();
    await revoke(room, victim.participantId);
    await expectCutOff(page, t0);
    await expectTokenUseless(await tokenClient(), room, refreshed);
  });

  it('ACCESS-6: a short-lived token does not break reconnecting: the reconnect uses the token LiveKit refreshed', async () => {
    const page = await tokenClient();
    const shortLived = mintLiveKitToken(livekit, {
      identity: 'short-lived',
      room: `session-${room.sessionId}`,
      ttlSeconds: 5,
    });
    expect(await tokenConnect(page, livekit.url, shortLived)).toBe('connected');
    await expectReceiving(page);
    // The token it connected with has expired; a network change now needs a valid one.
    await page.waitForTimeout(8000);
    await tokenFullReconnect(page);
    await expect.poll(() => tokenReconnects(page), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await tokenState(page)).toBe('connected');
    await expectReceiving(page);
  });

  it('ACCESS-6: a participant who is not revoked stays connected', async () => {
    const member = await delegateWithToken(room, 'BR');
    const page = await tokenClient();
    expect(await tokenConnect(page, livekit.url, member.token)).toBe('connected');
    await expectReceiving(page);
    await page.waitForTimeout(1500);
    expect(await tokenState(page)).toBe('connected');
  });
});

describe('ACCESS-6: the sweep removes a revoked identity when no webhook comes', () => {
  let room: Room;

  beforeAll(async () => {
    // The shared LiveKit sends no webhooks at all: only the sweep (1 s) can see the join.
    const app = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      clientDir: stack.clientDir,
    });
    room = await plenaryWithSource(app, stack.livekit);
  }, 120_000);

  afterAll(async () => room.app.close());

  it('ACCESS-6: a token issued before revocation is removed within 2 s without any webhook', async () => {
    const victim = await delegateWithToken(room, 'ZA');
    await revoke(room, victim.participantId);
    await expectTokenUseless(await tokenClient(), room, victim.token);
  });
});
