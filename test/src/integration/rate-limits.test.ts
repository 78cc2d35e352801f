import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_RATE_LIMITS } from '@majlis/server';
import { startApp, type RunningApp } from '../harness/app.ts';
import { organiserClient, summitInput, type ApiClient } from '../harness/api.ts';

/**
 * Issue 19, item 7, as the attack: limits were per process and per address,
 * so a second loopback address got a fresh 30 sign-in attempts, each node
 * counted alone, and one venue behind a NAT could not redeem 30 invitations
 * in 15 minutes. Two nodes here share one Redis and one deployment's
 * counters, with the shipped default figures.
 */
const stack = inject('stack');
const prefix = `majlis:ratelimit:${randomBytes(6).toString('hex')}:`;
let nodeA: RunningApp;
let nodeB: RunningApp;
let org: ApiClient;

beforeAll(async () => {
  const shared = { redisUrl: stack.redisUrl, livekit: stack.livekit, rateLimitPrefix: prefix };
  nodeA = await startApp({ ...shared, rateLimits: DEFAULT_RATE_LIMITS });
  nodeB = await startApp({ ...shared, rateLimits: DEFAULT_RATE_LIMITS });
  org = await organiserClient(nodeA);
}, 60_000);
afterAll(async () => {
  await nodeA.close();
  await nodeB.close();
});

/** A POST from a chosen loopback address (127.0.0.2 is "a second machine" on the same network). */
function post(
  node: RunningApp,
  path: string,
  body: unknown,
  localAddress = '127.0.0.1',
): Promise<{ status: number; retryAfter: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(`/api/v1${path}`, node.baseUrl),
      {
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json', origin: node.baseUrl },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'],
            body: text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('item 7: limits in Redis, by credential, shared by every node', () => {
  it('redeems 200 invitations from one address within a minute while 40 wrong passwords lock one account', async () => {
    const summit = (await org.post('/summits', summitInput())).body;
    const delegation = (
      await org.post(`/summits/${summit.id}/delegations`, {
        kind: 'state',
        code: 'ZA',
        votingRights: true,
      })
    ).body;
    const tokens: string[] = [];
    for (let i = 0; i < 200; i += 1) {
      const p = (
        await org.post(`/summits/${summit.id}/participants`, {
          name: `Delegate ${i}`,
          role: 'delegate',
          delegationId: delegation.id,
        })
      ).body;
      const inv = await org.post(`/participants/${p.id}/invitations`, {});
      tokens.push(new URL(inv.body.url as string).hash.replace('#token=', ''));
    }
    const victim = `victim-${randomBytes(4).toString('hex')}@example.org`;
    const password = randomBytes(12).toString('base64url');
    await nodeA.application.accounts.createOrganiser(victim, 'Secretariat', password);

    const started = performance.now();
    const [redeemed, guesses] = await Promise.all([
      // The whole venue through one NAT address, alternating between the nodes.
      Promise.all(
        tokens.map((token, i) =>
          post(i % 2 === 0 ? nodeA : nodeB, '/invitations/redeem', { token }),
        ),
      ),
      // Meanwhile someone guesses the victim's password, from two addresses and both nodes.
      (async () => {
        const out = [];
        for (let i = 0; i < 40; i += 1)
          out.push(
            await post(
              i % 2 === 0 ? nodeA : nodeB,
              '/auth/login',
              { email: victim, password: `guess-${i}` },
              i % 4 < 2 ? '127.0.0.1' : '127.0.0.2',
            ),
          );
        return out;
      })(),
    ]);
    const elapsed = performance.now() - started;
    console.log(
      `[rate-limits] 200 redemptions and 40 guesses in ${Math.round(elapsed)} ms; guesses: ${guesses.map((g) => g.status).join(',')}`,
    );
    expect(elapsed).toBeLessThan(60_000);
    expect(redeemed.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    // Five wrong passwords are answered as wrong; from the sixth on the account is locked,
    // whichever node and whichever address the guess comes from.
    const lockAfter = DEFAULT_RATE_LIMITS.lockoutAfterFailures;
    expect(guesses.slice(0, lockAfter).map((g) => g.status)).toEqual(Array(lockAfter).fill(401));
    expect(guesses.slice(lockAfter).every((g) => g.status === 429)).toBe(true);
    // Locked means locked: the right password waits too, and is told for how long.
    const right = await post(nodeB, '/auth/login', { email: victim, password }, '127.0.0.2');
    expect(right.status).toBe(429);
    expect(Number(right.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(right.body)).toMatchObject({ code: 'RATE_LIMITED' });
    // The address is not punished for it: another account signs in from it at once.
    const other = `other-${randomBytes(4).toString('hex')}@example.org`;
    await nodeA.application.accounts.createOrganiser(other, 'Secretariat', password);
    expect((await post(nodeB, '/auth/login', { email: other, password })).status).toBe(200);
  }, 120_000);

  it('locks an account after five wrong passwords on either node, with backoff', async () => {
    const email = `locked-${randomBytes(4).toString('hex')}@example.org`;
    const password = randomBytes(12).toString('base64url');
    await nodeA.application.accounts.createOrganiser(email, 'Secretariat', password);
    for (let i = 0; i < DEFAULT_RATE_LIMITS.lockoutAfterFailures; i += 1)
      expect(
        (await post(i % 2 === 0 ? nodeA : nodeB, '/auth/login', { email, password: 'wrong' }))
          .status,
      ).toBe(401);
    // Six attempts: well under the per-credential limit, so this is the lockout speaking.
    const locked = await post(nodeB, '/auth/login', { email, password });
    expect(locked.status).toBe(429);
    expect(JSON.parse(locked.body).detail).toMatch(/locked after repeated wrong passwords/);
    expect(Number(locked.retryAfter)).toBeLessThanOrEqual(DEFAULT_RATE_LIMITS.lockoutSeconds);
    expect(Number(locked.retryAfter)).toBeGreaterThan(DEFAULT_RATE_LIMITS.lockoutSeconds - 5);
  });

  it('counts one invitation’s attempts across both nodes', async () => {
    const token = randomBytes(32).toString('base64url');
    const statuses = [];
    for (let i = 0; i < DEFAULT_RATE_LIMITS.authPerCredential + 2; i += 1)
      statuses.push(
        (await post(i % 2 === 0 ? nodeA : nodeB, '/invitations/redeem', { token })).status,
      );
    const limit = DEFAULT_RATE_LIMITS.authPerCredential;
    expect(statuses.slice(0, limit).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(limit)).toEqual([429, 429]);
  });

  it('shares the per-address API counter between nodes', async () => {
    const sharedPrefix = `majlis:ratelimit:${randomBytes(6).toString('hex')}:`;
    const small = { apiPerMinute: 10 };
    const a = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      rateLimits: small,
      rateLimitPrefix: sharedPrefix,
    });
    const b = await startApp({
      redisUrl: stack.redisUrl,
      livekit: stack.livekit,
      rateLimits: small,
      rateLimitPrefix: sharedPrefix,
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 12; i += 1)
        statuses.push((await fetch(`${(i % 2 === 0 ? a : b).baseUrl}/api/v1/me`)).status);
      // Ten between them, not ten each.
      expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
