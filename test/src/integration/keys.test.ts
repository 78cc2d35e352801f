import { createCipheriv, createECDH, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KeysChanged } from '@majlis/shared';
import type { RedisStore } from '@majlis/server';
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
import { ask, connectSocket, must, type TestSocket } from '../harness/sockets.ts';

/**
 * CONF-1, CONF-2 at the relay: device public keys and media keys wrapped per
 * device are all the server holds; keys from a non-member, for a device that
 * is not a member's, or for a stale key index are refused with typed errors;
 * a revoked member's devices go and the key must rotate. The wrapping here is
 * real (P-256 ECDH, AES-256-GCM) so the secrecy scan has real bytes to miss.
 */
const stack = inject('stack');

let app: RunningApp;
let org: ApiClient;
let sessionId: string;
const people: Record<string, { client: ApiClient; participant: { id: string } }> = {};
const sockets: Record<string, TestSocket> = {};
const devices: Record<string, { id: string; publicKey: string }> = {};

const b64 = (b: Buffer) => b.toString('base64url');
function device(who: string) {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  devices[who] = { id: b64(randomBytes(16)), publicKey: b64(ecdh.getPublicKey()) };
  return devices[who];
}
/** A media key sealed for one device (the key derivation is the device's business, not the server's). */
function wrapFor(to: string, mediaKey: Buffer) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', randomBytes(32), iv);
  const ciphertext = Buffer.concat([cipher.update(mediaKey), cipher.final(), cipher.getAuthTag()]);
  return { toDeviceId: devices[to]?.id ?? '', iv: b64(iv), ciphertext: b64(ciphertext) };
}
const act = (who: string, command: Parameters<typeof ask<'keys:act'>>[2]['command']) =>
  ask(sockets[who] as TestSocket, 'keys:act', { sessionId, command });
const register = (who: string) => {
  const d = device(who);
  return act(who, { type: 'register', deviceId: d.id, publicKey: d.publicKey });
};
const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error?.code);

/** Every unit of the database (string, hash field, member, entry) as text. */
async function dump(store: RedisStore): Promise<string> {
  const c = store.client;
  const out: string[] = [];
  for (const key of await store.scanKeys('*')) {
    const type = await c.type(key);
    if (type === 'string') out.push(key, (await c.get(key)) ?? '');
    else if (type === 'hash') out.push(key, JSON.stringify(await c.hGetAll(key)));
    else if (type === 'set') out.push(key, ...(await c.sMembers(key)));
    else if (type === 'zset') out.push(key, ...(await c.zRange(key, 0, -1)));
    else if (type === 'list') out.push(key, ...(await c.lRange(key, 0, -1)));
    else if (type === 'stream')
      for (const e of (await c.xRange(key, '-', '+')) ?? [])
        out.push(key, JSON.stringify(e.message));
  }
  return out.join('\n');
}
const encodings = (key: Buffer) => [key.toString('hex'), key.toString('base64'), b64(key)];

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  org = await organiserClient(app);
  const summitId = (await org.post('/summits', summitInput())).body.id as string;
  const d = async (code: string) =>
    (
      await org.post(`/summits/${summitId}/delegations`, {
        kind: 'state',
        code,
        votingRights: true,
      })
    ).body.id as string;
  const [a, b] = [await d('NA'), await d('BW')];
  const specs: Record<string, Record<string, unknown>> = {
    chair: { name: 'Chair', role: 'chair' },
    delegateA: { name: 'Delegate A', role: 'delegate', delegationId: a },
    delegateB: { name: 'Delegate B', role: 'delegate', delegationId: b },
    waiting: { name: 'Still waiting', role: 'delegate', delegationId: b },
  };
  for (const [who, input] of Object.entries(specs))
    people[who] = await participantClient(org, summitId, input);
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({
        kind: 'closed',
        chairId: people['chair']?.participant.id,
        delegationIds: [a, b],
      }),
    )
  ).body.id as string;
  await openSessions(app.baseUrl, org, sessionId);
  await admitFromLobby(
    app.baseUrl,
    org,
    sessionId,
    ['delegateA', 'delegateB'].map((who) => ({
      client: people[who]?.client as ApiClient,
      participantId: people[who]?.participant.id ?? '',
    })),
  );
  expect((await people['waiting']?.client.post(`/sessions/${sessionId}/join`))?.status).toBe(409);
  for (const who of Object.keys(specs))
    sockets[who] = await connectSocket(app.baseUrl, people[who]?.client.cookie);
});

afterAll(async () => {
  for (const s of Object.values(sockets)) s.close();
  await app.close();
});

const mediaKey = randomBytes(32);

describe('CONF-1 the media-key relay', () => {
  it('CONF-1: members register their devices; someone still in the lobby is FORBIDDEN', async () => {
    expect(code(await register('waiting'))).toBe('FORBIDDEN');
    for (const who of ['delegateA', 'chair', 'delegateB'])
      expect(code(await register(who))).toBe('ok');
    const view = await must(ask(sockets['delegateA'] as TestSocket, 'keys:get', { sessionId }));
    // The chair's device holds the key though it registered second.
    expect(view.keyholder).toBe(devices['chair']?.id);
    expect(view.devices).toHaveLength(3);
  });

  it('CONF-1: keys from a member who is not the keyholder, from another’s device, or for a device that is not a member’s are FORBIDDEN', async () => {
    const all = ['chair', 'delegateA', 'delegateB'].map((w) => wrapFor(w, mediaKey));
    const from = (who: string) => devices[who]?.id ?? '';
    expect(
      code(
        await act('delegateA', {
          type: 'distribute',
          fromDeviceId: from('delegateA'),
          keyIndex: 1,
          wrapped: all,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(
      code(
        await act('delegateA', {
          type: 'distribute',
          fromDeviceId: from('chair'),
          keyIndex: 1,
          wrapped: all,
        }),
      ),
    ).toBe('FORBIDDEN');
    device('stranger');
    expect(
      code(
        await act('chair', {
          type: 'distribute',
          fromDeviceId: from('chair'),
          keyIndex: 1,
          wrapped: [...all, wrapFor('stranger', mediaKey)],
        }),
      ),
    ).toBe('FORBIDDEN');
  });

  it('CONF-1: the keyholder hands out the key; each device reads only its own wrapped copy', async () => {
    const wrapped = ['chair', 'delegateA', 'delegateB'].map((w) => wrapFor(w, mediaKey));
    await must(
      act('chair', {
        type: 'distribute',
        fromDeviceId: devices['chair']?.id ?? '',
        keyIndex: 1,
        wrapped,
      }),
    );
    const mine = await must(
      ask(sockets['delegateB'] as TestSocket, 'keys:get', {
        sessionId,
        deviceId: devices['delegateB']?.id,
      }),
    );
    expect(mine.keyIndex).toBe(1);
    expect(mine.mine?.ciphertext).toBe(wrapped[2]?.ciphertext);
    // Asking for someone else's device gives nothing wrapped.
    const other = await must(
      ask(sockets['delegateB'] as TestSocket, 'keys:get', {
        sessionId,
        deviceId: devices['delegateA']?.id,
      }),
    );
    expect(other.mine).toBeNull();
    const outsider = await ask(sockets['waiting'] as TestSocket, 'keys:get', { sessionId });
    expect(code(outsider)).toBe('FORBIDDEN');
  });

  it('CONF-1: the server holds no media key bytes: a scan of every Redis key and value finds none (the scan proven on a planted copy first)', async () => {
    const planted = 'majlis:test:planted-media-key';
    await app.redis.client.set(planted, JSON.stringify({ key: b64(mediaKey) }));
    const withPlant = await dump(app.redis);
    expect(encodings(mediaKey).some((e) => withPlant.includes(e))).toBe(true);
    await app.redis.client.del(planted);
    const clean = await dump(app.redis);
    expect(clean).toContain(devices['chair']?.publicKey);
    for (const e of encodings(mediaKey)) expect(clean).not.toContain(e);
  });

  it('CONF-2: revoking a member drops their devices and makes the key rotate; the old index is then a CONFLICT', async () => {
    const changed = new Promise<KeysChanged>((resolve) => {
      sockets['chair']?.on('keys:changed', (c: KeysChanged) => {
        if (c.rotationDue) resolve(c);
      });
    });
    expect(
      (await org.post(`/participants/${people['delegateB']?.participant.id}/revoke`)).status,
    ).toBe(200);
    expect(await changed).toMatchObject({ sessionId, keyIndex: 1, rotationDue: true });
    const view = await must(ask(sockets['chair'] as TestSocket, 'keys:get', { sessionId }));
    expect(view.devices.map((d) => d.deviceId)).not.toContain(devices['delegateB']?.id);
    const fresh = randomBytes(32);
    const wrapped = ['chair', 'delegateA'].map((w) => wrapFor(w, fresh));
    const stale = await act('chair', {
      type: 'distribute',
      fromDeviceId: devices['chair']?.id ?? '',
      keyIndex: 1,
      wrapped,
    });
    expect(code(stale)).toBe('CONFLICT');
    const rotated = await must(
      act('chair', {
        type: 'distribute',
        fromDeviceId: devices['chair']?.id ?? '',
        keyIndex: 2,
        wrapped,
      }),
    );
    expect(rotated.keyIndex).toBe(2);
    expect(rotated.rotationDue).toBe(false);
  });
});
