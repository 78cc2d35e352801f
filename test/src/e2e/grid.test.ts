import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { organiserClient, participantClient, sessionInput, summitInput } from '../harness/api.ts';
import { startApp, type RunningApp } from '../harness/app.ts';
import { joinMeeting, launchChromium, signedInContext } from '../harness/browser.ts';
import { openSessions } from '../harness/sessions.ts';
import { mintLiveKitToken } from '../harness/token-client.ts';

const stack = inject('stack');
const BOTS = 60;

/** The parts of livekit-client's Room these checks use (the harness's probe type names fewer). */
interface ProbeRoom {
  connect(url: string, token: string, opts: { autoSubscribe: boolean }): Promise<void>;
  localParticipant: {
    identity: string;
    publishTrack(
      track: MediaStreamTrack,
      opts: { name: string; source: string; simulcast: boolean },
    ): Promise<unknown>;
  };
  remoteParticipants: Map<
    string,
    { identity: string; trackPublications: Map<string, { source: string; isSubscribed: boolean }> }
  >;
}

/**
 * The stage grid (MEET layout) with 60 others in the room, on a real SFU in
 * real Chromium: 25 tiles a page, and the viewer receives the cameras of the
 * tiles on the page and no other. The others are light bots: LiveKit rooms
 * with tokens minted here, each publishing a 64 × 48 canvas at 5 frames a
 * second, all in one page of their own.
 */
describe('a grid of 60 participants', () => {
  let app: RunningApp;
  let browser: Browser;
  let context: BrowserContext;
  let botsContext: BrowserContext;
  let viewer: Page;
  let bots: Page;

  beforeAll(async () => {
    app = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      clientDir: stack.clientDir,
    });
    browser = await launchChromium();
    const org = await organiserClient(app);
    const summit = await org.post('/summits', summitInput());
    const delegation = await org.post(`/summits/${summit.body.id}/delegations`, {
      kind: 'state',
      code: 'KE',
      votingRights: true,
    });
    const session = await org.post(`/summits/${summit.body.id}/sessions`, sessionInput());
    const sessionId: string = session.body.id;
    await openSessions(app.baseUrl, org, sessionId);
    const delegate = await participantClient(org, summit.body.id, {
      name: 'Wanjiru Kamau',
      role: 'delegate',
      delegationId: delegation.body.id,
    });
    context = await signedInContext(browser, app.baseUrl, delegate.client.cookie);
    viewer = await joinMeeting(context, app.baseUrl, sessionId);

    // The bots' page: a second person's meeting page, whose probe lends livekit-client's Room.
    // (Another identity: LiveKit would end the viewer's connection for the same one.)
    const host = await participantClient(org, summit.body.id, {
      name: 'Host of the bots',
      role: 'observer',
    });
    botsContext = await signedInContext(browser, app.baseUrl, host.client.cookie);
    bots = await botsContext.newPage();
    await bots.goto(`${app.baseUrl}/sessions/${sessionId}`);
    await bots.getByTestId('join').click();
    await bots.waitForFunction(() => window.majlisMeeting?.state() === 'connected', undefined, {
      timeout: 20_000,
    });
    const tokens = Array.from({ length: BOTS }, (_, i) =>
      mintLiveKitToken(stack.livekit, {
        identity: `bot-${String(i).padStart(2, '0')}`,
        room: `session-${sessionId}`,
        video: { canPublish: true, canPublishSources: ['camera'] },
      }),
    );
    const connected = await bots.evaluate(
      async ([url, list]) => {
        const host = window.majlisMeeting?.room as unknown as ProbeRoom | undefined;
        if (!host) throw new Error('no meeting probe');
        const RoomClass = host.constructor as new (opts: object) => ProbeRoom;
        let n = 0;
        for (const [i, token] of list.entries()) {
          const room = new RoomClass({ adaptiveStream: false, dynacast: false });
          await room.connect(url, token, { autoSubscribe: false });
          const canvas = document.createElement('canvas');
          canvas.width = 64;
          canvas.height = 48;
          const g = canvas.getContext('2d');
          let frame = 0;
          setInterval(() => {
            if (!g) return;
            g.fillStyle = `hsl(${(i * 6 + frame++) % 360} 60% 50%)`;
            g.fillRect(0, 0, 64, 48);
          }, 200);
          const [track] = canvas.captureStream(5).getVideoTracks();
          if (!track) throw new Error('no canvas track');
          await room.localParticipant.publishTrack(track, {
            name: 'camera',
            source: 'camera',
            simulcast: false,
          });
          n++;
        }
        return n;
      },
      [stack.livekit.url, tokens] as const,
    );
    expect(connected).toBe(BOTS);
  }, 180_000);

  afterAll(async () => {
    await context.close();
    await botsContext.close();
    await browser.close();
    await app.close();
  });

  /** The tiles on the viewer's page, and the remote cameras its room is subscribed to. */
  async function seen(): Promise<{ tiles: string[]; remoteTiles: string[]; subscribed: string[] }> {
    const tiles = await viewer
      .locator('[data-testid="grid"] [data-testid="tile"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-identity') ?? ''));
    const { local, subscribed } = await viewer.evaluate(() => {
      const room = window.majlisMeeting?.room as unknown as ProbeRoom | undefined;
      if (!room) throw new Error('no meeting probe');
      const subs: string[] = [];
      for (const p of room.remoteParticipants.values())
        for (const pub of p.trackPublications.values())
          if (pub.source === 'camera' && pub.isSubscribed) subs.push(p.identity);
      return { local: room.localParticipant.identity, subscribed: subs.sort() };
    });
    return { tiles, remoteTiles: tiles.filter((t) => t !== local).sort(), subscribed };
  }

  it('shows 25 tiles a page and receives only the cameras of the tiles shown', async () => {
    // The viewer and 60 bots (the observer hosting them is not shown): three pages.
    const pager = viewer.getByTestId('grid-page');
    try {
      await pager.waitFor({ timeout: 30_000 });
    } catch (err) {
      const s = await seen();
      throw new Error(`no pager: ${s.tiles.length} tiles, ${s.subscribed.length} received`, {
        cause: err,
      });
    }
    expect(await pager.innerText()).toBe('Page 1 of 3');
    let last: Awaited<ReturnType<typeof seen>> | undefined;
    for (const pageNo of [1, 2]) {
      await expect
        .poll(
          async () => {
            const s = await seen();
            last = s;
            return s.tiles.length === 25 && s.subscribed.join() === s.remoteTiles.join();
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBe(true)
        .catch((err: unknown) => {
          const l = last;
          throw new Error(
            `page ${pageNo}: ${l?.tiles.length} tiles, remote ${l?.remoteTiles.slice(0, 5).join()}…, received ${l?.subscribed.length}: ${l?.subscribed.slice(0, 5).join()}…`,
            { cause: err },
          );
        });
      const s = await seen();
      console.log(
        `grid page ${pageNo}: ${s.tiles.length} tiles, ${s.subscribed.length} cameras received of ${BOTS} published`,
      );
      expect(s.subscribed.length).toBeLessThanOrEqual(25);
      expect(s.subscribed.length).toBeGreaterThan(0);
      if (pageNo === 1) await viewer.getByTestId('grid-next').click();
    }
    expect(await viewer.getByTestId('grid-page').innerText()).toBe('Page 2 of 3');
  }, 120_000);
});
