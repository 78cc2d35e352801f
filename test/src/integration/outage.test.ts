import fs from 'node:fs';
import type { Result } from '@majlis/shared';
import { startPrivateRedis } from '@majlis/server/launcher';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import {
  ApiClient,
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
} from '../harness/api.ts';
import { startTestRedis } from '../harness/services.ts';
import { ask, connectSocket, type TestSocket } from '../harness/sockets.ts';

/**
 * Store failures are never hidden: while Redis is stopped every service
 * family answers 503 problem+json SERVICE_UNAVAILABLE over HTTP, or a typed
 * SERVICE_UNAVAILABLE ack over Socket.IO, never a 4xx and never a 500; once
 * Redis is back the same call succeeds. The app has a Redis of its own here,
 * so stopping it touches no other test file.
 */
const stack = inject('stack');

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let app: RunningApp;
let org: ApiClient;
let chair: ApiClient;
let summitId: string;
let sessionId: string;
let participantId: string;
let orgSocket: TestSocket;
let organiserLogin: { email: string; password: string };

type Reply = { status: number; body: unknown; headers: Headers };

/** Stops this file's Redis, runs `away`, starts it again on the same port and data folder. */
async function whileRedisIsAway(away: () => Promise<void>): Promise<void> {
  await redis.child.stop();
  try {
    await away();
  } finally {
    const restarted = await startPrivateRedis({
      dir: redis.dir,
      password: decodeURIComponent(new URL(redis.url).password),
      port: redis.port,
    });
    redis = { ...restarted, dir: redis.dir };
  }
}

/** Retries `call` until `done` holds: the store's client reconnects on its own back-off (≤ 2 s). */
async function eventually<T>(call: () => Promise<T>, done: (r: T) => boolean): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const r = await call();
    if (done(r) || Date.now() > deadline) return r;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function expectUnavailable(r: Reply): void {
  expect(r.status, JSON.stringify(r.body)).toBe(503);
  expect(r.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
}

function expectUnavailableAck(r: Result<unknown>): void {
  expect(r).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE' } });
}

/** One HTTP call per family: 503 while Redis is away, 2xx once it is back. */
async function httpFamily(call: () => Promise<Reply>, okStatus: number): Promise<void> {
  await whileRedisIsAway(async () => {
    expectUnavailable(await call());
  });
  const r = await eventually(call, (x) => x.status !== 503);
  expect(r.status, JSON.stringify(r.body)).toBe(okStatus);
}

/** One Socket.IO command per family: a typed SERVICE_UNAVAILABLE ack, then a result. */
async function socketFamily(
  event: 'floor:get' | 'interpretation:get' | 'vote:list',
): Promise<void> {
  const call = () => ask(orgSocket, event, { sessionId });
  await whileRedisIsAway(async () => {
    expectUnavailableAck(await call());
  });
  const r = await eventually(call, (x) => x.ok || x.error.code !== 'SERVICE_UNAVAILABLE');
  expect(r.ok, JSON.stringify(r)).toBe(true);
}

beforeAll(async () => {
  redis = await startTestRedis();
  app = await startApp({ redisUrl: redis.url, livekit: stack.livekit });
  organiserLogin = { email: 'outage-org@example.org', password: 'correct horse battery' };
  await app.application.accounts.createOrganiser(
    organiserLogin.email,
    'Secretariat',
    organiserLogin.password,
  );
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id;
  const chairP = await participantClient(org, summitId, { name: 'Chair', role: 'chair' });
  chair = chairP.client;
  participantId = chairP.participant.id;
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ chairId: participantId, interpretationLanguages: ['fr'] }),
    )
  ).body.id;
  orgSocket = await connectSocket(app.baseUrl, org.cookie);
}, 60_000);

afterAll(async () => {
  orgSocket.close();
  await app.close();
  await redis.child.stop();
  fs.rmSync(redis.dir, { recursive: true, force: true });
});

describe('a Redis outage answers 503 SERVICE_UNAVAILABLE, and the call works again once Redis is back', () => {
  it('summits, sessions and agenda', async () => {
    await httpFamily(
      () =>
        org.post(`/sessions/${sessionId}/agenda-items`, {
          title: { en: 'Adoption of the agenda' },
          kind: 'opening',
          allottedMinutes: 10,
        }),
      201,
    );
    await httpFamily(() => org.get(`/summits/${summitId}`), 200);
  });

  it('delegations, participants and invitations', async () => {
    await httpFamily(() => org.post(`/participants/${participantId}/invitations`, {}), 201);
    await httpFamily(
      () =>
        org.post(`/summits/${summitId}/delegations`, {
          kind: 'state',
          code: 'KE',
          votingRights: true,
        }),
      201,
    );
  });

  it('accounts: signing in, and a signed-in request (never read as "signed out")', async () => {
    const fresh = new ApiClient(app.baseUrl);
    await httpFamily(() => fresh.post('/auth/login', organiserLogin), 200);
    await httpFamily(() => chair.get('/me'), 200);
  });

  it('votes', async () => {
    await httpFamily(() => org.get(`/sessions/${sessionId}/motions`), 200);
    await socketFamily('vote:list');
  });

  it('floor', async () => {
    await socketFamily('floor:get');
  });

  it('interpretation', async () => {
    await socketFamily('interpretation:get');
  });

  it('presence and joining: the presence list, and a socket signing in (a retryable refusal, not a hang)', async () => {
    await httpFamily(() => org.get(`/sessions/${sessionId}/presence`), 200);
    await whileRedisIsAway(async () => {
      await expect(connectSocket(app.baseUrl, chair.cookie)).rejects.toThrow('SERVICE_UNAVAILABLE');
    });
    const socket = await eventually(
      () =>
        connectSocket(app.baseUrl, chair.cookie).catch((err: unknown) =>
          err instanceof Error ? err : new Error(String(err)),
        ),
      (s) => !(s instanceof Error),
    );
    expect(socket).not.toBeInstanceOf(Error);
    if (!(socket instanceof Error)) socket.close();
  });
});
