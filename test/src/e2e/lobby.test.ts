import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LobbyDecided, LobbyState } from '@majlis/shared';
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
  tokenState,
} from '../harness/token-client.ts';

/**
 * CONF-5 (the lobby) and ACCESS-8 (the secretariat in confidential
 * sessions): no token before admission, admissions and denials recorded,
 * typed refusals for anyone but the chair or the secretariat, and the
 * secretariat visible wherever it is let in, on a real SFU.
 */
const stack = inject('stack');

let app: RunningApp;
let browser: Browser;
let tokenPage: Awaited<ReturnType<typeof startTokenPage>>;
let org: ApiClient;
let summitId: string;
let delegations: Record<'A' | 'B', string>;
const people: Record<string, { client: ApiClient; participant: { id: string } }> = {};
const sessions: Record<'closed' | 'bilateral', string> = { closed: '', bilateral: '' };
const sockets: TestSocket[] = [];
const pages: Page[] = [];

const idOf = (who: string): string => people[who]?.participant.id ?? '';
const join = (who: string, session: 'closed' | 'bilateral') =>
  (who === 'org' ? org : (people[who]?.client as ApiClient)).post(
    `/sessions/${sessions[session]}/join`,
  );
async function socketOf(who: string): Promise<TestSocket> {
  const s = await connectSocket(
    app.baseUrl,
    who === 'org' ? org.cookie : people[who]?.client.cookie,
  );
  sockets.push(s);
  return s;
}
const decode = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as {
    name?: string;
    video: Record<string, unknown>;
  };
const statusIn = (state: LobbyState, who: string) =>
  state.entries.find((e) => e.participantId === idOf(who))?.status ?? null;
function nextNotice<T>(socket: TestSocket, event: 'lobby:changed' | 'lobby:decided'): Promise<T> {
  return new Promise((resolve) => {
    socket.once(event, (payload: unknown) => resolve(payload as T));
  });
}
async function tokenClientWith(token: string): Promise<Page> {
  const page = await openTokenClient(browser, tokenPage.url);
  pages.push(page);
  expect(await tokenConnect(page, stack.livekit.url, token)).toBe('connected');
  return page;
}

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  browser = await launchChromium();
  tokenPage = await startTokenPage();
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id as string;
  const d = async (code: string) =>
    (
      await org.post(`/summits/${summitId}/delegations`, {
        kind: 'state',
        code,
        votingRights: true,
      })
    ).body.id as string;
  delegations = { A: await d('KE'), B: await d('TZ') };
  const specs: Record<string, Record<string, unknown>> = {
    chair: { name: 'Chair', role: 'chair' },
    headA: { name: 'Head A', role: 'head_of_delegation', delegationId: delegations.A },
    delegateA: { name: 'Delegate A', role: 'delegate', delegationId: delegations.A },
    adviserA: { name: 'Adviser A', role: 'adviser', delegationId: delegations.A },
    headB: { name: 'Head B', role: 'head_of_delegation', delegationId: delegations.B },
    delegateB: { name: 'Delegate B', role: 'delegate', delegationId: delegations.B },
  };
  for (const [who, input] of Object.entries(specs))
    people[who] = await participantClient(org, summitId, input);
  for (const kind of ['closed', 'bilateral'] as const)
    sessions[kind] = (
      await org.post(
        `/summits/${summitId}/sessions`,
        sessionInput({
          kind,
          chairId: idOf('chair'),
          delegationIds: [delegations.A, delegations.B],
        }),
      )
    ).body.id as string;
  await openSessions(app.baseUrl, org, sessions.closed, sessions.bilateral);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const p of pages) await p.context().close();
  await browser.close();
  await tokenPage.close();
  await app.close();
});

describe('CONF-5: the lobby of a closed session', () => {
  let chair: TestSocket;

  it('CONF-5: joining puts a member in the lobby with no token; the chair’s console sees it live', async () => {
    chair = await socketOf('chair');
    const before = await must(ask(chair, 'lobby:get', { sessionId: sessions.closed }));
    expect(before.entries).toEqual([]);
    const changed = nextNotice<LobbyState>(chair, 'lobby:changed');
    const r = await join('delegateA', 'closed');
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('CONFLICT');
    expect(JSON.stringify(r.body)).not.toMatch(/participantToken|eyJ/);
    expect(statusIn(await changed, 'delegateA')).toBe('waiting');
    // Asking again while waiting: still no token, still one entry.
    expect((await join('delegateA', 'closed')).status).toBe(409);
    const now = await must(ask(chair, 'lobby:get', { sessionId: sessions.closed }));
    expect(now.entries.filter((e) => e.participantId === idOf('delegateA'))).toHaveLength(1);
  });

  it('CONF-5: the chair passes without waiting', async () => {
    expect((await join('chair', 'closed')).status).toBe(200);
  });

  it('CONF-5: admitted, the member is told on their own socket and gets a token', async () => {
    const member = await socketOf('delegateA');
    const decided = nextNotice<LobbyDecided>(member, 'lobby:decided');
    const state = await must(
      ask(chair, 'lobby:act', {
        sessionId: sessions.closed,
        command: { type: 'admit', participantId: idOf('delegateA') },
      }),
    );
    expect(statusIn(state, 'delegateA')).toBe('admitted');
    expect(await decided).toEqual({ sessionId: sessions.closed, status: 'admitted' });
    expect((await join('delegateA', 'closed')).status).toBe(200);
  });

  it('CONF-5: denied, the member gets no token (403)', async () => {
    expect((await join('delegateB', 'closed')).status).toBe(409);
    await must(
      ask(await socketOf('org'), 'lobby:act', {
        sessionId: sessions.closed,
        command: { type: 'deny', participantId: idOf('delegateB') },
      }),
    );
    const r = await join('delegateB', 'closed');
    expect(r.status).toBe(403);
    expect(JSON.stringify(r.body)).not.toMatch(/participantToken|eyJ/);
  });

  it('CONF-5: admitting a delegation admits its waiting members', async () => {
    for (const who of ['headA', 'adviserA']) expect((await join(who, 'closed')).status).toBe(409);
    const state = await must(
      ask(chair, 'lobby:act', {
        sessionId: sessions.closed,
        command: { type: 'admitDelegation', delegationId: delegations.A },
      }),
    );
    expect(['headA', 'adviserA'].map((w) => statusIn(state, w))).toEqual(['admitted', 'admitted']);
    // B's denied member stays denied.
    expect(statusIn(state, 'delegateB')).toBe('denied');
    for (const who of ['headA', 'adviserA']) expect((await join(who, 'closed')).status).toBe(200);
  });

  it('CONF-5: anyone but the chair or the secretariat is refused with a typed error', async () => {
    const delegate = await socketOf('delegateA');
    const admit = await ask(delegate, 'lobby:act', {
      sessionId: sessions.closed,
      command: { type: 'admit', participantId: idOf('delegateB') },
    });
    expect(admit.ok ? null : admit.error.code).toBe('FORBIDDEN');
    const view = await ask(delegate, 'lobby:get', { sessionId: sessions.closed });
    expect(view.ok ? null : view.error.code).toBe('FORBIDDEN');
    const unknown = await ask(chair, 'lobby:act', {
      sessionId: sessions.closed,
      command: { type: 'admit', participantId: 'nobodynobodynobodynobo' },
    });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    const outsider = await ask(delegate, 'lobby:act', {
      sessionId: 'nosessionnosessionnose',
      command: { type: 'knock' },
    });
    expect(outsider.ok ? null : outsider.error.code).toBe('NOT_FOUND');
  });

  it('CONF-5: a token minted outside Majlis for a member not admitted is removed from the room within 2 s', async () => {
    const page = await openTokenClient(browser, tokenPage.url);
    pages.push(page);
    const token = mintLiveKitToken(stack.livekit, {
      identity: `p-${idOf('headB')}`,
      room: `session-${sessions.closed}`,
    });
    const outcome = await tokenConnect(page, stack.livekit.url, token);
    const t0 = Date.now();
    if (outcome === 'connected')
      await expect
        .poll(() => tokenState(page), { timeout: 2000, interval: 50 })
        .toBe('disconnected');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('CONF-5: admissions and denials are in the summit’s record', async () => {
    const record = await org.get(`/summits/${summitId}/record`);
    const acts = (record.body.entries as { act: string; changes: { participantId?: string } }[])
      .filter((e) => e.act.startsWith('lobby.'))
      .map((e) => `${e.act} ${e.changes.participantId ?? ''}`);
    expect(acts).toEqual([
      `lobby.admitted ${idOf('delegateA')}`,
      `lobby.denied ${idOf('delegateB')}`,
      `lobby.admitted ${idOf('headA')}`,
      `lobby.admitted ${idOf('adviserA')}`,
    ]);
    expect(record.body.chainValid).toBe(true);
  });

  it('CONF-5: a member denied after being admitted is removed from the room at once', async () => {
    const member = await tokenClientWith(
      (await join('delegateA', 'closed')).body.participantToken as string,
    );
    const t0 = Date.now();
    await must(
      ask(chair, 'lobby:act', {
        sessionId: sessions.closed,
        command: { type: 'deny', participantId: idOf('delegateA') },
      }),
    );
    await expect
      .poll(() => tokenState(member), { timeout: 2000, interval: 50 })
      .toBe('disconnected');
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});

describe('ACCESS-8: the secretariat in bilaterals and closed sessions', () => {
  it('ACCESS-8: in a closed session the secretariat gets a visible token named Secretariat', async () => {
    const r = await join('org', 'closed');
    expect(r.status).toBe(200);
    const claims = decode(r.body.participantToken as string);
    expect(claims.name).toBe('Secretariat');
    expect(claims.video).toMatchObject({ hidden: false, canPublish: false });
  });

  it('ACCESS-8: the bilateral refuses the secretariat until both heads of delegation invite it', async () => {
    expect((await join('org', 'bilateral')).status).toBe(403);
    const delegate = await ask(await socketOf('delegateA'), 'lobby:act', {
      sessionId: sessions.bilateral,
      command: { type: 'inviteSecretariat' },
    });
    expect(delegate.ok ? null : delegate.error.code).toBe('FORBIDDEN');
    await must(
      ask(await socketOf('headA'), 'lobby:act', {
        sessionId: sessions.bilateral,
        command: { type: 'inviteSecretariat' },
      }),
    );
    expect((await join('org', 'bilateral')).status).toBe(403);
    const both = await must(
      ask(await socketOf('headB'), 'lobby:act', {
        sessionId: sessions.bilateral,
        command: { type: 'inviteSecretariat' },
      }),
    );
    expect(both.secretariatInvites.map((i) => i.delegationId).sort()).toEqual(
      [delegations.A, delegations.B].sort(),
    );
    const r = await join('org', 'bilateral');
    expect(r.status).toBe(200);
    expect(decode(r.body.participantToken as string).video).toMatchObject({ hidden: false });
    const acts = (
      (await org.get(`/summits/${summitId}/record`)).body.entries as {
        act: string;
        changes: { delegationId?: string };
      }[]
    ).filter((e) => e.act === 'lobby.secretariat_invited');
    expect(acts.map((e) => e.changes.delegationId)).toEqual([delegations.A, delegations.B]);
  });

  it('ACCESS-8: once invited, the secretariat is listed in the room for the delegations', async () => {
    // The chair passes the lobby; the secretariat joins with its own token.
    const chairPage = await tokenClientWith(
      (await join('chair', 'bilateral')).body.participantToken as string,
    );
    await tokenClientWith((await join('org', 'bilateral')).body.participantToken as string);
    await expect
      .poll(async () => (await tokenCounters(chairPage)).remote.map((p) => p.identity), {
        timeout: 5000,
      })
      .toContainEqual(expect.stringMatching(/^org-/));
  });
});
