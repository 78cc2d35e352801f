import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { ApiClient, organiserClient, participantClient, summitInput } from '../harness/api.ts';

const stack = inject('stack');

/** A clock the test moves by hand. */
function manualClock(start = Date.now()) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

const clock = manualClock();
let app: RunningApp;
let org: ApiClient;
let summitId: string;
let delegationId: string;

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit, clock });
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id;
  delegationId = (
    await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'KE',
      votingRights: true,
    })
  ).body.id;
});
afterAll(async () => app.close());

async function invite(name = 'Wanjiru Kamau') {
  const p = (
    await org.post(`/summits/${summitId}/participants`, { name, role: 'delegate', delegationId })
  ).body;
  const inv = await org.post(`/participants/${p.id}/invitations`, { expiresInHours: 1 });
  expect(inv.status).toBe(201);
  const token = new URL(inv.body.url).hash.replace('#token=', '');
  return { participant: p, token, url: inv.body.url as string };
}

describe('ACCESS-1 invitations: single use, expiring, hashed at rest', () => {
  it('stores only a hash of the token', async () => {
    const { token } = await invite();
    const values: string[] = [];
    for await (const keys of app.redis.client.scanIterator({ MATCH: 'majlis:*', COUNT: 500 })) {
      for (const key of keys) {
        const type = await app.redis.client.type(key);
        if (type === 'string') values.push(key, String(await app.redis.client.get(key)));
        else values.push(key);
      }
    }
    expect(values.join('\n')).not.toContain(token);
  });

  it('20 concurrent redemptions of one invitation: exactly one succeeds', async () => {
    const { token } = await invite();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        new ApiClient(app.baseUrl).post('/invitations/redeem', { token }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401)).toHaveLength(19);
    for (const r of results.filter((x) => x.status !== 200))
      expect(r.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired invitation', async () => {
    const { token } = await invite();
    clock.advance(61 * 60_000);
    const r = await new ApiClient(app.baseUrl).post('/invitations/redeem', { token });
    expect(r.status).toBe(401);
  });

  it('refuses the invitation of a revoked participant', async () => {
    const { participant, token } = await invite();
    expect((await org.post(`/participants/${participant.id}/revoke`)).status).toBe(200);
    const r = await new ApiClient(app.baseUrl).post('/invitations/redeem', { token });
    expect(r.status).toBe(401);
  });

  it('answers a malformed token with 422 naming the field', async () => {
    const r = await new ApiClient(app.baseUrl).post('/invitations/redeem', { token: 'short' });
    expect(r.status).toBe(422);
    expect(r.body.issues[0].path).toBe('token');
  });
});

describe('ACCESS-1 revocation cuts a participant off at once', () => {
  it('disconnects the open socket within 1 s and ends the HTTP session', async () => {
    const { client, participant } = await participantClient(org, summitId, {
      name: 'Omar',
      role: 'delegate',
      delegationId,
    });
    expect((await client.get('/me')).status).toBe(200);
    const socket: Socket = connect(app.baseUrl, {
      transports: ['websocket'],
      extraHeaders: { cookie: client.cookie ?? '', origin: app.baseUrl },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connection:accepted', () => resolve());
      socket.once('connect_error', reject);
    });
    const notified = new Promise<void>((resolve) => socket.once('access:revoked', () => resolve()));
    const gone = new Promise<number>((resolve) =>
      socket.once('disconnect', () => resolve(performance.now())),
    );
    const t0 = performance.now();
    expect((await org.post(`/participants/${participant.id}/revoke`)).status).toBe(200);
    await notified;
    const elapsed = (await gone) - t0;
    expect(elapsed).toBeLessThan(1000);
    expect((await client.get('/me')).status).toBe(401);
    expect((await client.get(`/summits/${summitId}`)).status).toBe(401);
    socket.close();
  });

  it('refuses a socket without a valid session', async () => {
    const socket = connect(app.baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { origin: app.baseUrl },
    });
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    expect(err.message).toBe('UNAUTHENTICATED');
    socket.close();
  });
});

describe('accounts', () => {
  it('signs in and out; a wrong password gets 401 problem+json', async () => {
    const email = 'sec-general@example.org';
    await app.application.accounts.createOrganiser(
      email,
      'Secretary-General',
      'correct horse battery staple',
    );
    const c = new ApiClient(app.baseUrl);
    const bad = await c.post('/auth/login', { email, password: 'wrong password!' });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('UNAUTHENTICATED');
    const good = await c.post('/auth/login', { email, password: 'correct horse battery staple' });
    expect(good.status).toBe(200);
    expect(good.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(good.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
    expect((await c.get('/me')).body).toMatchObject({ kind: 'organiser', email });
    expect((await c.post('/auth/logout')).status).toBe(204);
    expect((await c.get('/me')).status).toBe(401);
  });

  it('creates the first organiser only with the one-time setup code', async () => {
    const code = await app.application.accounts.issueSetupCode();
    const c = new ApiClient(app.baseUrl);
    const wrong = await c.post('/setup', {
      setupCode: 'not-the-code',
      email: 'first@example.org',
      name: 'First',
      password: 'a long enough password',
    });
    expect(wrong.status).toBe(403);
    const ok = await c.post('/setup', {
      setupCode: code,
      email: 'first@example.org',
      name: 'First',
      password: 'a long enough password',
    });
    expect(ok.status).toBe(201);
    const again = await new ApiClient(app.baseUrl).post('/setup', {
      setupCode: code,
      email: 'second@example.org',
      name: 'Second',
      password: 'a long enough password',
    });
    expect(again.status).toBe(403);
  });

  it('refuses a cross-site write', async () => {
    const r = await org.post(`/summits`, summitInput(), { 'sec-fetch-site': 'cross-site' });
    expect(r.status).toBe(403);
  });

  it('rate-limits sign-in attempts with 429 problem+json', async () => {
    const limited = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      rateLimits: { authPer15Minutes: 3 },
    });
    try {
      const c = new ApiClient(limited.baseUrl);
      const statuses = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push(
          (await c.post('/auth/login', { email: 'x@example.org', password: 'whatever' })).status,
        );
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});
