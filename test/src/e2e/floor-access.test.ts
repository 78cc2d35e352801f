import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
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
import { ask, connectSocket, must, type TestSocket } from '../harness/sockets.ts';
import {
  mintLiveKitToken,
  openTokenClient,
  startTokenPage,
  tokenConnect,
  tokenCounters,
  tokenPublish,
} from '../harness/token-client.ts';

/**
 * ACCESS-7, the invisible-publisher attack: the chair's `add` names any
 * participant and any delegation. Whoever is not a head or delegate of the
 * named delegation is refused on the list, on the floor, and at the SFU.
 */
const stack = inject('stack');

let app: RunningApp;
let browser: Browser;
let tokenPage: Awaited<ReturnType<typeof startTokenPage>>;
let org: ApiClient;
let chair: TestSocket;
let sessionId: string;
let delegationA: string;
const people: Record<string, { client: ApiClient; participant: { id: string } }> = {};
const pages: Page[] = [];

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  browser = await launchChromium();
  tokenPage = await startTokenPage();
  org = await organiserClient(app);
  const summitId = (await org.post('/summits', summitInput())).body.id as string;
  delegationA = (
    await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'SN',
      votingRights: true,
    })
  ).body.id as string;
  // A second delegation: the list takes one entry per delegation.
  const delegationB = (
    await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'ML',
      votingRights: true,
    })
  ).body.id as string;
  const specs: Record<string, Record<string, unknown>> = {
    chair: { name: 'Chair', role: 'chair' },
    delegate: { name: 'Delegate', role: 'delegate', delegationId: delegationA },
    later: { name: 'Soon revoked', role: 'delegate', delegationId: delegationB },
    adviser: { name: 'Adviser', role: 'adviser', delegationId: delegationA },
    observer: { name: 'Observer', role: 'observer' },
  };
  for (const [who, input] of Object.entries(specs))
    people[who] = await participantClient(org, summitId, input);
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ chairId: people['chair']?.participant.id }),
    )
  ).body.id as string;
  await openSessions(app.baseUrl, org, sessionId);
  chair = await connectSocket(app.baseUrl, people['chair']?.client.cookie);
}, 120_000);

afterAll(async () => {
  chair.close();
  for (const p of pages) await p.context().close();
  await browser.close();
  await tokenPage.close();
  await app.close();
});

const idOf = (who: string): string => people[who]?.participant.id ?? '';
const add = (participantId: string, delegationId: string) =>
  ask(chair, 'floor:command', {
    sessionId,
    command: { type: 'add', participantId, delegationId, rank: 'official', kind: 'statement' },
  });

describe('ACCESS-7: no invisible publisher', () => {
  it('ACCESS-7: the chair’s add refuses an observer, an adviser and a made-up delegation; the list stays empty', async () => {
    for (const [participantId, delegationId] of [
      [idOf('observer'), delegationA],
      [idOf('adviser'), delegationA],
      [idOf('delegate'), 'made-up-delegation'],
      ['made-up-participant', delegationA],
    ] as const) {
      const r = await add(participantId, delegationId);
      expect(r.ok, `${participantId} for ${delegationId}`).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    }
    const view = await must(ask(chair, 'floor:get', { sessionId }));
    expect(view.floor.queue).toEqual([]);
    expect(view.floor.current).toBeNull();
    // The detector works: the delegation's own delegate is taken.
    const taken = await must(add(idOf('delegate'), delegationA));
    expect(taken.floor.queue.map((e) => e.participantId)).toEqual([idOf('delegate')]);
  });

  it('ACCESS-7: the floor is not given to an entry whose participant was revoked after inscribing', async () => {
    const later = await connectSocket(app.baseUrl, people['later']?.client.cookie);
    const asked = await must(
      ask(later, 'floor:command', { sessionId, command: { type: 'request', kind: 'statement' } }),
    );
    later.close();
    const entry = asked.floor.queue.find((e) => e.participantId === idOf('later'));
    expect(entry).toBeDefined();
    expect((await org.post(`/participants/${idOf('later')}/revoke`)).status).toBe(200);
    const r = await ask(chair, 'floor:command', {
      sessionId,
      command: { type: 'grant', entryId: entry?.id ?? '' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    expect((await must(ask(chair, 'floor:get', { sessionId }))).floor.current).toBeNull();
  });

  it('ACCESS-7: an observer and an adviser forcing a publish with their own tokens are refused by the SFU; nobody receives anything', async () => {
    const room = `session-${sessionId}`;
    const listener = await openTokenClient(browser, tokenPage.url);
    pages.push(listener);
    const listenerToken = mintLiveKitToken(stack.livekit, { identity: 'listener', room });
    expect(await tokenConnect(listener, stack.livekit.url, listenerToken)).toBe('connected');
    for (const who of ['observer', 'adviser']) {
      const join = await people[who]?.client.post(`/sessions/${sessionId}/join`);
      expect(join?.status).toBe(200);
      const page = await openTokenClient(browser, tokenPage.url);
      pages.push(page);
      expect(
        await tokenConnect(page, stack.livekit.url, join?.body.participantToken as string),
      ).toBe('connected');
      expect(await tokenPublish(page, 440, true)).toMatch(/^refused/);
    }
    await listener.waitForTimeout(1000);
    const seen = await tokenCounters(listener);
    expect(seen.tracks).toBe(0);
    expect(seen.bytesReceived).toBe(0);
    expect(
      seen.remote.filter((p) => p.identity === `p-${idOf('adviser')}`).map((p) => p.publications),
    ).toEqual([0]);
    // The observer is hidden: not even listed.
    expect(seen.remote.map((p) => p.identity)).not.toContain(`p-${idOf('observer')}`);
  });
});
