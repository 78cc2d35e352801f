import http from 'node:http';
import { Writable } from 'node:stream';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLogger, DEFAULT_RATE_LIMITS } from '@majlis/server';
import { startApp, type RunningApp } from '../harness/app.ts';
import {
  ApiClient,
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
} from '../harness/api.ts';
import { ask, connectSocket } from '../harness/sockets.ts';

/**
 * Issue 19, written as the attacks that found each flaw: the exact request
 * or event sequence, now refused or harmless.
 */
const stack = inject('stack');
let app: RunningApp;
let org: ApiClient;
let logLines: { level: number; msg: string; cookieName?: string }[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        logLines.push(JSON.parse(line) as { level: number; msg: string });
      done();
    },
  });
  app = await startApp({
    redisUrl: stack.redisUrl,
    livekit: stack.livekit,
    logger: createLogger({ level: 'debug', format: 'json', destination: sink }),
  });
  org = await organiserClient(app);
});
afterAll(async () => app.close());

/** A request with exactly the headers given (fetch would not let a test set Host). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  const url = new URL(`/api/v1${path}`, app.baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const MALFORMED = 'majlis_session=%E0%A4%A';
const ERROR = 50;

describe('item 3: a malformed session cookie reads as no cookie', () => {
  it('answers every /api/v1 route as for a stranger, never 500, and logs at debug level only', async () => {
    logLines = [];
    const concrete = (p: string) => p.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
    const statuses = new Map<string, number>();
    for (const r of app.application.routes) {
      const res = await raw(
        r.method.toUpperCase(),
        concrete(r.path),
        { cookie: MALFORMED, origin: app.baseUrl },
        r.method === 'get' ? undefined : {},
      );
      statuses.set(`${r.method} ${r.path}`, res.status);
    }
    const fiveHundreds = [...statuses].filter(([, s]) => s >= 500);
    expect(fiveHundreds).toEqual([]);
    // Login and redeem get on with their own work: a wrong password is 401, a bad token 422.
    expect(
      (
        await raw(
          'POST',
          '/auth/login',
          { cookie: MALFORMED, origin: app.baseUrl },
          { email: 'nobody@example.org', password: 'wrong-password' },
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await raw(
          'POST',
          '/invitations/redeem',
          { cookie: MALFORMED, origin: app.baseUrl },
          { token: 'x'.repeat(43) },
        )
      ).status,
    ).toBeLessThan(500);
    expect((await raw('GET', '/me', { cookie: MALFORMED })).status).toBe(401);
    expect(logLines.filter((l) => l.level >= ERROR)).toEqual([]);
    const debug = logLines.filter((l) => l.msg === 'malformed cookie ignored');
    expect(debug.length).toBeGreaterThan(0);
    expect(debug.every((l) => l.level === 20 && l.cookieName === 'majlis_session')).toBe(true);
    // The value itself is not logged.
    expect(JSON.stringify(logLines)).not.toContain('%E0%A4%A');
  });

  it('refuses the Socket.IO handshake at once (UNAUTHENTICATED), no hang, no rejection', async () => {
    logLines = [];
    const started = performance.now();
    const socket = connect(app.baseUrl, {
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { cookie: MALFORMED, origin: app.baseUrl },
    });
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    socket.close();
    expect(err.message).toBe('UNAUTHENTICATED');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(logLines.filter((l) => l.level >= ERROR)).toEqual([]);
  });
});

describe('item 4: writes and sockets only from the public origin', () => {
  it('refuses POST /summits with an organiser cookie from http://evil.example, with no Sec-Fetch-Site', async () => {
    const before = (await org.get('/summits?limit=200')).body.items.length as number;
    const res = await raw(
      'POST',
      '/summits',
      { cookie: org.cookie ?? '', origin: 'http://evil.example' },
      summitInput(),
    );
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'FORBIDDEN' });
    expect((await org.get('/summits?limit=200')).body.items.length).toBe(before);
  });

  it('refuses a write that names no origin, a foreign Referer and Origin: null', async () => {
    const cookie = org.cookie ?? '';
    const attempts: Record<string, string>[] = [
      { cookie },
      { cookie, referer: 'http://evil.example/page' },
      { cookie, origin: 'null' },
      // Same host, other scheme or port: another origin.
      { cookie, origin: app.baseUrl.replace('http:', 'https:') },
    ];
    for (const headers of attempts) {
      expect((await raw('POST', '/summits', headers, summitInput())).status).toBe(403);
    }
  });

  it('accepts the same write from the public origin, by Origin or by Referer', async () => {
    const cookie = org.cookie ?? '';
    expect(
      (await raw('POST', '/summits', { cookie, origin: app.baseUrl }, summitInput())).status,
    ).toBe(201);
    expect(
      (
        await raw(
          'POST',
          '/summits',
          { cookie, referer: `${app.baseUrl}/organiser` },
          summitInput(),
        )
      ).status,
    ).toBe(201);
    // Reads are not writes: a link from elsewhere still opens.
    expect((await raw('GET', '/summits', { cookie, origin: 'http://evil.example' })).status).toBe(
      200,
    );
  });

  it('refuses a Socket.IO handshake from a foreign Origin, cookie or not', async () => {
    for (const origin of ['http://evil.example', undefined]) {
      const socket = connect(app.baseUrl, {
        transports: ['websocket'],
        reconnection: false,
        extraHeaders: { cookie: org.cookie ?? '', ...(origin ? { origin } : {}) },
      });
      const outcome = await new Promise<string>((resolve) => {
        socket.once('connect_error', (e) => resolve(`refused: ${e.message}`));
        socket.once('connection:accepted', () => resolve('accepted'));
      });
      socket.close();
      expect(outcome).toMatch(/^refused/);
    }
  });
});

describe('item 5: the Host header never reaches a link', () => {
  it('createInvitation with Host: evil.example links to the public origin', async () => {
    const summit = (await org.post('/summits', summitInput())).body;
    const delegation = (
      await org.post(`/summits/${summit.id}/delegations`, {
        kind: 'state',
        code: 'GH',
        votingRights: true,
      })
    ).body;
    const person = (
      await org.post(`/summits/${summit.id}/participants`, {
        name: 'Ama Mensah',
        role: 'delegate',
        delegationId: delegation.id,
      })
    ).body;
    const res = await raw(
      'POST',
      `/participants/${person.id}/invitations`,
      {
        cookie: org.cookie ?? '',
        origin: app.baseUrl,
        host: 'evil.example',
        'x-forwarded-host': 'evil.example',
      },
      {},
    );
    expect(res.status).toBe(201);
    const url = (JSON.parse(res.body) as { url: string }).url;
    expect(url.startsWith(`${app.baseUrl}/invite#token=`)).toBe(true);
    expect(url).not.toContain('evil.example');
  });
});

describe('item 2: signing out closes that browser’s sockets at once', () => {
  it('tells the socket signed_out and disconnects it within 1 s; another browser stays', async () => {
    const email = `org-${Date.now()}@example.org`;
    await app.application.accounts.createOrganiser(email, 'Secretariat', 'a long enough password');
    const browser = new ApiClient(app.baseUrl);
    const other = new ApiClient(app.baseUrl);
    for (const c of [browser, other])
      expect(
        (await c.post('/auth/login', { email, password: 'a long enough password' })).status,
      ).toBe(200);
    const socket = await connectSocket(app.baseUrl, browser.cookie);
    const otherSocket = await connectSocket(app.baseUrl, other.cookie);
    const told = new Promise<string>((resolve) =>
      socket.once('access:revoked', (n) => resolve(n.reason)),
    );
    const gone = new Promise<number>((resolve) =>
      socket.once('disconnect', () => resolve(performance.now())),
    );
    const t0 = performance.now();
    expect((await browser.post('/auth/logout')).status).toBe(204);
    expect(await told).toBe('signed_out');
    expect((await gone) - t0).toBeLessThan(1000);
    // The same person's other browser has its own login and keeps it.
    expect(otherSocket.connected).toBe(true);
    expect((await ask(otherSocket, 'clock:sync', {})).ok).toBe(true);
    otherSocket.close();
  });
});

describe('item 9: names and titles refuse control and bidi-override characters', () => {
  it('answers 422 naming the field for NUL, escape, U+202E and a zero-width space; stores NFC', async () => {
    const summit = (await org.post('/summits', summitInput())).body;
    for (const title of ['Water\u0000 Summit', 'Water \u001B[2J Summit']) {
      const res = await org.post('/summits', summitInput({ title: { en: title } }));
      expect(res.status).toBe(422);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(['title.en']);
    }
    for (const name of ['Omar \u202Eredro', 'Ke\u200Bnya Delegate']) {
      const res = await org.post(`/summits/${summit.id}/participants`, {
        name,
        role: 'observer',
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'INVALID_PAYLOAD' });
      expect(res.body.issues).toEqual([
        { path: 'name', message: expect.stringMatching(/bidirectional-override/) },
      ]);
    }
    const created = await org.post(`/summits/${summit.id}/participants`, {
      name: 'Jose\u0301 Martí',
      role: 'observer',
    });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('José Martí');
  });
});

describe('item 10: the anonymous media-check token', () => {
  it('lives 120 s at most, opens one check- room, and is rate-limited in Redis across nodes', async () => {
    const prefix = `majlis:ratelimit:mc-${Date.now()}:`;
    const nodes = [
      await startApp({
        redisUrl: stack.redisUrl,
        livekit: stack.livekit,
        rateLimits: { mediaCheckPerMinute: DEFAULT_RATE_LIMITS.mediaCheckPerMinute },
        rateLimitPrefix: prefix,
      }),
      await startApp({
        redisUrl: stack.redisUrl,
        livekit: stack.livekit,
        rateLimits: { mediaCheckPerMinute: DEFAULT_RATE_LIMITS.mediaCheckPerMinute },
        rateLimitPrefix: prefix,
      }),
    ];
    try {
      const statuses: number[] = [];
      let first: { participantToken: string; roomName: string } | undefined;
      for (let i = 0; i < DEFAULT_RATE_LIMITS.mediaCheckPerMinute + 2; i += 1) {
        const node = nodes[i % 2] as RunningApp;
        const res = await fetch(`${node.baseUrl}/api/v1/media-check/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: node.baseUrl },
          body: JSON.stringify({ room: 'abc-123', displayName: 'Amina' }),
        });
        statuses.push(res.status);
        if (res.status === 201) first ??= (await res.json()) as typeof first;
      }
      const limit = DEFAULT_RATE_LIMITS.mediaCheckPerMinute;
      expect(statuses.slice(0, limit).every((s) => s === 201)).toBe(true);
      expect(statuses.slice(limit)).toEqual([429, 429]);
      const claims = JSON.parse(
        Buffer.from(first?.participantToken.split('.')[1] ?? '', 'base64url').toString(),
      ) as { exp: number; nbf: number; video: Record<string, unknown> };
      expect(claims.exp - claims.nbf).toBeLessThanOrEqual(120);
      expect(claims.video).toMatchObject({
        room: 'check-abc-123',
        roomJoin: true,
        canPublishData: false,
      });
      for (const wide of ['roomList', 'roomAdmin', 'roomCreate', 'roomRecord'])
        expect(claims.video[wide]).toBeFalsy();
    } finally {
      for (const node of nodes) await node.close();
    }
  });
});

describe('item 6: behind a TLS proxy', () => {
  it('uses a Secure __Host- cookie for an https public URL, HSTS only over https, and a Permissions-Policy', async () => {
    const publicUrl = 'https://summit.example.org';
    const proxied = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      publicUrl,
      trustProxy: ['loopback'],
    });
    try {
      const email = `org-${Date.now()}@example.org`;
      await proxied.application.accounts.createOrganiser(
        email,
        'Secretariat',
        'long enough password',
      );
      const login = await fetch(`${proxied.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: publicUrl,
          'x-forwarded-proto': 'https',
        },
        body: JSON.stringify({ email, password: 'long enough password' }),
      });
      expect(login.status).toBe(200);
      const setCookie = login.headers.get('set-cookie') ?? '';
      expect(setCookie).toMatch(/^__Host-majlis_session=[A-Za-z0-9_-]{43};/);
      expect(setCookie).toMatch(/; Path=\//);
      expect(setCookie).toMatch(/; Secure/);
      expect(setCookie).toMatch(/; HttpOnly/);
      expect(setCookie).toMatch(/; SameSite=Strict/);
      expect(setCookie).not.toMatch(/Domain=/i);
      const cookie = setCookie.split(';')[0] ?? '';
      // The plain name no longer signs anyone in here.
      const me = await fetch(`${proxied.baseUrl}/api/v1/me`, { headers: { cookie } });
      expect(me.status).toBe(200);
      const plain = cookie.replace('__Host-', '');
      expect(
        (await fetch(`${proxied.baseUrl}/api/v1/me`, { headers: { cookie: plain } })).status,
      ).toBe(401);

      const overHttps = await fetch(`${proxied.baseUrl}/healthz`, {
        headers: { 'x-forwarded-proto': 'https' },
      });
      expect(overHttps.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
      expect(overHttps.headers.get('content-security-policy')).toContain(
        'upgrade-insecure-requests',
      );
      const overHttp = await fetch(`${proxied.baseUrl}/healthz`);
      expect(overHttp.headers.get('strict-transport-security')).toBeNull();
      expect(overHttp.headers.get('content-security-policy')).not.toContain(
        'upgrade-insecure-requests',
      );
      expect(overHttp.headers.get('permissions-policy')).toMatch(
        /camera=\(self\).*geolocation=\(\)/,
      );
    } finally {
      await proxied.close();
    }
  });

  it('believes X-Forwarded-For only from a trusted proxy', async () => {
    // Without TRUST_PROXY a forged address does not buy fresh attempts.
    const limited = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      rateLimits: { apiPerMinute: 3 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1)
        statuses.push(
          (
            await fetch(`${limited.baseUrl}/api/v1/me`, {
              headers: { 'x-forwarded-for': `203.0.113.${i}` },
            })
          ).status,
        );
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('item 8: who sees whom', () => {
  it('lists observers and press to the secretariat only, shows an alternate to its delegation and the chair, and answers join like getSession', async () => {
    const summit = (await org.post('/summits', summitInput())).body;
    const delegation = async (code: string) =>
      (
        await org.post(`/summits/${summit.id}/delegations`, {
          kind: 'state',
          code,
          votingRights: true,
        })
      ).body.id as string;
    const [ke, gh] = [await delegation('KE'), await delegation('GH')];
    const person = (input: Record<string, unknown>) => participantClient(org, summit.id, input);
    const head = await person({ name: 'Head KE', role: 'head_of_delegation', delegationId: ke });
    const delegate = await person({ name: 'Delegate KE', role: 'delegate', delegationId: ke });
    const otherHead = await person({
      name: 'Head GH',
      role: 'head_of_delegation',
      delegationId: gh,
    });
    const chair = await person({ name: 'Chair', role: 'chair' });
    const observer = await person({ name: 'Quiet Observer', role: 'observer' });
    const press = await person({ name: 'Quiet Reporter', role: 'press' });

    const names = async (client: ApiClient) =>
      (
        (await client.get(`/summits/${summit.id}/participants?limit=200`)).body.items as {
          name: string;
        }[]
      ).map((p) => p.name);
    for (const insider of [delegate.client, chair.client, otherHead.client]) {
      const seen = await names(insider);
      expect(seen).toContain('Head KE');
      expect(seen).not.toContain('Quiet Observer');
      expect(seen).not.toContain('Quiet Reporter');
    }
    expect(await names(org)).toEqual(expect.arrayContaining(['Quiet Observer', 'Quiet Reporter']));

    expect(
      (
        await head.client.post(`/delegations/${ke}/alternate`, {
          participantId: delegate.participant.id,
        })
      ).status,
    ).toBe(200);
    const alternate = (client: ApiClient) => client.get(`/delegations/${ke}/alternate`);
    for (const allowed of [head.client, delegate.client, chair.client, org])
      expect((await alternate(allowed)).body.participantId).toBe(delegate.participant.id);
    for (const refused of [observer.client, press.client, otherHead.client])
      expect((await alternate(refused)).status).toBe(403);

    const closed = (
      await org.post(
        `/summits/${summit.id}/sessions`,
        sessionInput({ kind: 'closed', delegationIds: [ke] }),
      )
    ).body.id as string;
    const read = await observer.client.get(`/sessions/${closed}`);
    const join = await observer.client.post(`/sessions/${closed}/join`);
    const missing = await observer.client.post('/sessions/AAAAAAAAAAAAAAAAAAAAAA/join');
    expect(read.status).toBe(404);
    expect(join.status).toBe(read.status);
    expect(join.body.code).toBe(read.body.code);
    expect(missing.status).toBe(join.status);
    expect(missing.body.detail).toBe(join.body.detail);
  });
});
