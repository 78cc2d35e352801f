import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { startTestLiveKit, startTestRedis } from '../harness/services.ts';

const stack = inject('stack');

describe('health and readiness against real Redis and LiveKit', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  });
  afterAll(async () => app.close());

  it('GET /healthz answers 200 while the process runs', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.status).toBe(200);
  });

  it('GET /readyz answers 200 with both parts ok', async () => {
    const res = await fetch(`${app.baseUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ redis: 'ok', livekit: 'ok' });
  });

  it('sends security headers on every response (helmet)', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('answers bad input with problem+json naming the field', async () => {
    const res = await fetch(`${app.baseUrl}/api/v1/media-check/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.baseUrl },
      body: JSON.stringify({ room: 'UPPER CASE!', displayName: '' }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { code: string; issues: { path: string }[] };
    expect(body.code).toBe('INVALID_PAYLOAD');
    expect(body.issues.map((i) => i.path).sort()).toEqual(['displayName', 'room']);
  });

  it('answers malformed JSON and unknown routes with problem+json', async () => {
    const bad = await fetch(`${app.baseUrl}/api/v1/media-check/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.baseUrl },
      body: '{"room":',
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { code: string }).code).toBe('INVALID_PAYLOAD');
    const missing = await fetch(`${app.baseUrl}/api/v1/nothing-here`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { code: string }).code).toBe('NOT_FOUND');
  });

  it('mints a short-lived media-check token confined to its own room namespace', async () => {
    const res = await fetch(`${app.baseUrl}/api/v1/media-check/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: app.baseUrl },
      body: JSON.stringify({ room: 'abc-123', displayName: 'Amina' }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as {
      roomName: string;
      participantToken: string;
      expiresAt: string;
    };
    expect(body.roomName).toBe('check-abc-123');
    const payload = JSON.parse(
      Buffer.from(body.participantToken.split('.')[1] ?? '', 'base64url').toString(),
    ) as {
      exp: number;
      nbf?: number;
      video: Record<string, unknown>;
    };
    expect(payload.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(600);
    expect(payload.video).toMatchObject({
      room: 'check-abc-123',
      roomJoin: true,
      canPublishData: false,
    });
    expect(payload.video['roomAdmin']).toBeFalsy();
  });
});

describe('readiness names the part that is down', () => {
  it('turns 503 with redis down when Redis stops', async () => {
    const redis = await startTestRedis();
    const app = await startApp({ redisUrl: redis.url, livekit: stack.livekit });
    try {
      expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
      await redis.child.stop();
      const res = await fetch(`${app.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ redis: 'down', livekit: 'ok' });
    } finally {
      await app.close();
      await redis.child.stop();
    }
  });

  it('turns 503 with livekit down when LiveKit stops', async () => {
    const livekit = await startTestLiveKit();
    const app = await startApp({ redisUrl: stack.redisUrl, livekit });
    try {
      expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
      await livekit.child.stop();
      const res = await fetch(`${app.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ redis: 'ok', livekit: 'down' });
    } finally {
      await app.close();
      await livekit.child.stop();
    }
  });
});
