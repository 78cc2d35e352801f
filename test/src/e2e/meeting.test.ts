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
import { admitFromLobby } from '../harness/lobby.ts';
import { openSessions } from '../harness/sessions.ts';
import {
  joinMeeting,
  launchChromium,
  signedInContext,
  type InboundCounters,
} from '../harness/browser.ts';
import { startTestLiveKit } from '../harness/services.ts';

const stack = inject('stack');

let livekit: Awaited<ReturnType<typeof startTestLiveKit>>;
let app: RunningApp;
let port: number;
let browser: Browser;
let org: ApiClient;
let summitId: string;
const people: Record<string, { client: ApiClient; participant: { id: string } }> = {};
const sessions: Record<string, string> = {};
const contexts: BrowserContext[] = [];

const identityOf = (who: string) => `p-${people[who]?.participant.id ?? ''}`;

async function openMeeting(who: string, session: string): Promise<Page> {
  const context = await signedInContext(browser, app.baseUrl, people[who]?.client.cookie);
  contexts.push(context);
  return joinMeeting(context, app.baseUrl, sessions[session] ?? '');
}

const countersFrom = (page: Page, identity: string): Promise<InboundCounters> =>
  page.evaluate(
    (id) => window.majlisMeeting?.countersFrom(id) as Promise<InboundCounters>,
    identity,
  );
const remoteIdentities = (page: Page): Promise<string[]> =>
  page.evaluate(() => window.majlisMeeting?.remoteIdentities() ?? []);

/** Media from `identity` is arriving now: both counters grow across a second. */
async function expectFlowing(
  page: Page,
  identity: string,
  kinds: ('video' | 'audio')[] = ['video', 'audio'],
): Promise<void> {
  await expect
    .poll(async () => countersFrom(page, identity), { timeout: 20_000, interval: 250 })
    .toSatisfy(
      (c: InboundCounters) =>
        (!kinds.includes('video') || c.video.framesDecoded > 0) &&
        (!kinds.includes('audio') || c.audio.totalSamplesDuration > 0),
    );
  const before = await countersFrom(page, identity);
  await page.waitForTimeout(1000);
  const after = await countersFrom(page, identity);
  if (kinds.includes('video'))
    expect(after.video.framesDecoded).toBeGreaterThan(before.video.framesDecoded);
  if (kinds.includes('audio'))
    expect(after.audio.totalSamplesDuration).toBeGreaterThan(before.audio.totalSamplesDuration);
}

/**
 * Publishes the microphone straight through livekit-client, as a tampered
 * client would: the client-side permission check is switched off first, so
 * only the SFU can refuse.
 */
async function forcePublish(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const room = window.majlisMeeting?.room;
    if (!room) return 'no room';
    const lp = room.localParticipant;
    if (lp.permissions) {
      lp.permissions.canPublish = true;
      lp.permissions.canPublishSources = [];
    }
    const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    const [track] = stream.getAudioTracks();
    if (!track) return 'no track';
    try {
      await Promise.race([
        lp.publishTrack(track, { name: 'forced' }),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error('no answer from the SFU')), 15_000),
        ),
      ]);
      return 'published';
    } catch (err) {
      return `refused: ${err instanceof Error ? err.message : String(err)}`;
    }
  });
}

beforeAll(async () => {
  port = await freeTcpPort();
  livekit = await startTestLiveKit(`http://127.0.0.1:${port}/livekit/webhook`);
  app = await startApp({ redisUrl: stack.redisUrl, livekit, clientDir: stack.clientDir, port });
  browser = await launchChromium();
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id;
  const d = async (code: string) =>
    (
      await org.post(`/summits/${summitId}/delegations`, {
        kind: 'state',
        code,
        votingRights: true,
      })
    ).body.id as string;
  const [a, b] = [await d('EG'), await d('GH')];
  const specs: Record<string, Record<string, unknown>> = {
    chair: { name: 'Amina Haddad', role: 'chair' },
    delegateA: { name: 'Karim Nasser', role: 'delegate', delegationId: a },
    delegateB: { name: 'Kofi Mensah', role: 'delegate', delegationId: b },
    headA: { name: 'Layla Fahmy', role: 'head_of_delegation', delegationId: a },
    headB: { name: 'Ama Owusu', role: 'head_of_delegation', delegationId: b },
    observer: { name: 'Observer', role: 'observer' },
  };
  for (const [who, input] of Object.entries(specs))
    people[who] = await participantClient(org, summitId, input);
  const chairId = people['chair']?.participant.id;
  sessions['plenary'] = (
    await org.post(`/summits/${summitId}/sessions`, sessionInput({ chairId }))
  ).body.id;
  sessions['bilateral'] = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ kind: 'bilateral', chairId, delegationIds: [a, b] }),
    )
  ).body.id;
  await openSessions(app.baseUrl, org, ...Object.values(sessions));
}, 180_000);

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser.close();
  await app.close();
  await livekit.child.stop();
});

describe('the meeting room on a real SFU (FLOOR-1, ACCESS-3)', () => {
  let chair: Page;
  let delegateA: Page;
  let delegateB: Page;
  let observer: Page;

  it('chair and two delegates join a plenary; each delegate decodes the chair’s video and audio', async () => {
    [chair, delegateA, delegateB] = await Promise.all([
      openMeeting('chair', 'plenary'),
      openMeeting('delegateA', 'plenary'),
      openMeeting('delegateB', 'plenary'),
    ]);
    await expectFlowing(delegateA, identityOf('chair'));
    await expectFlowing(delegateB, identityOf('chair'));
    // Every tile carries the server-set badge.
    await expect
      .poll(async () => (await delegateA.getByTestId('badge').allInnerTexts()).join(' | '), {
        timeout: 10_000,
      })
      .toContain('Amina Haddad');
  });

  it('an observer receives the chair, is invisible to everyone, and the SFU refuses its publishing', async () => {
    observer = await openMeeting('observer', 'plenary');
    await expectFlowing(observer, identityOf('chair'));
    for (const page of [chair, delegateA, delegateB])
      expect(await remoteIdentities(page)).not.toContain(identityOf('observer'));
    const outcome = await forcePublish(observer);
    expect(outcome).toMatch(/^refused/);
    await observer.waitForTimeout(1000);
    for (const page of [chair, delegateA, delegateB]) {
      expect(await remoteIdentities(page)).not.toContain(identityOf('observer'));
      const c = await countersFrom(page, identityOf('observer'));
      expect(c.audio.tracks + c.video.tracks).toBe(0);
    }
    expect(await observer.getByTestId('stage').count()).toBe(1);
  });

  it('a delegate without the floor is refused by the SFU when it publishes directly; nobody receives it', async () => {
    const outcome = await forcePublish(delegateA);
    expect(outcome).toMatch(/^refused/);
    await delegateA.waitForTimeout(1000);
    for (const page of [chair, delegateB]) {
      const c = await countersFrom(page, identityOf('delegateA'));
      expect(c.audio.tracks).toBe(0);
      expect(c.audio.bytesReceived).toBe(0);
    }
  });

  it('presence matches who is connected within 2 s of a join and a leave, and again after a server restart', async () => {
    const presence = async () =>
      (
        (await org.get(`/sessions/${sessions['plenary']}/presence`)).body.present as {
          identity: string;
        }[]
      )
        .map((p) => p.identity)
        .sort();
    const everyone = ['chair', 'delegateA', 'delegateB', 'observer'].map(identityOf).sort();
    await expect.poll(presence, { timeout: 2000, interval: 100 }).toEqual(everyone);

    const t0 = Date.now();
    await delegateB.getByTestId('leave').click();
    await expect
      .poll(presence, { timeout: 2000, interval: 100 })
      .toEqual(everyone.filter((i) => i !== identityOf('delegateB')));
    expect(Date.now() - t0).toBeLessThan(2500);

    // Down: a leave happens while no server hears the webhook…
    await app.close();
    await observer.context().close();
    await expect
      .poll(async () => (await fetch(`${livekit.url.replace(/^ws/, 'http')}/`)).ok)
      .toBe(true);
    await new Promise((r) => setTimeout(r, 1500));
    // …and the restarted server reconciles with LiveKit.
    app = await startApp({ redisUrl: stack.redisUrl, livekit, clientDir: stack.clientDir, port });
    // Same Redis: the organiser’s session cookie still works after the restart.
    await expect
      .poll(presence, { timeout: 5000, interval: 200 })
      .toEqual(['chair', 'delegateA'].map(identityOf).sort());
  });
});

describe('revocation mid-meeting (ACCESS-1)', () => {
  it('stops the revoked participant’s media reaching the others within 2 s, and they cannot rejoin', async () => {
    // CONF-5: both heads are let in from the bilateral's lobby first.
    await admitFromLobby(
      app.baseUrl,
      org,
      sessions['bilateral'] ?? '',
      ['headA', 'headB'].map((who) => ({
        client: people[who]?.client as ApiClient,
        participantId: people[who]?.participant.id ?? '',
      })),
    );
    const [a, b] = await Promise.all([
      openMeeting('headA', 'bilateral'),
      openMeeting('headB', 'bilateral'),
    ]);
    await expectFlowing(b, identityOf('headA'));
    const t0 = Date.now();
    expect((await org.post(`/participants/${people['headA']?.participant.id}/revoke`)).status).toBe(
      200,
    );
    await expect
      .poll(async () => remoteIdentities(b), { timeout: 2000, interval: 50 })
      .not.toContain(identityOf('headA'));
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeLessThan(2000);
    const c = await countersFrom(b, identityOf('headA'));
    expect(c.video.tracks + c.audio.tracks).toBe(0);
    await expect
      .poll(() => a.evaluate(() => window.majlisMeeting?.state()), { timeout: 5000 })
      .toBe('disconnected');
    // Rejoining is refused by the API: no token for a revoked participant.
    await a.reload();
    expect(await a.getByTestId('join').count()).toBe(0);
    const rejoin = await people['headA']?.client.post(`/sessions/${sessions['bilateral']}/join`);
    expect(rejoin?.status).toBe(401);
  });
});
