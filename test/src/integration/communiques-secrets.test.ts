import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, connectRedis, type RedisStore } from '@majlis/server';
import { openPrivateKey } from '@majlis/server/signing';
import { KeySet } from '@majlis/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { startTestRedis } from '../harness/services.ts';
import {
  SIX_LANGUAGES,
  buildDeskWorld,
  publishCommunique,
  type DeskWorld,
} from '../harness/communiques.ts';

const stack = inject('stack');
const kek = randomBytes(32);
let redis: Awaited<ReturnType<typeof startTestRedis>>;
let app: RunningApp;
let raw: RedisStore;
let w: DeskWorld;
let logOutput = '';

/** Every way a private key could be written down: raw seed, JWK `d`, PKCS#8 DER and PEM. */
function forms(key: KeyObject): string[] {
  const d = key.export({ format: 'jwk' }).d ?? '';
  const der = key.export({ format: 'der', type: 'pkcs8' });
  const seed = Buffer.from(d, 'base64url');
  const pem = String(key.export({ format: 'pem', type: 'pkcs8' }));
  const pemBody = pem.split('\n').slice(1, -2).join('');
  return [
    d,
    seed.toString('base64'),
    seed.toString('hex'),
    seed.toString('latin1'),
    der.toString('base64url'),
    pemBody,
    der.toString('hex'),
    der.toString('latin1'),
  ].filter((f) => f.length >= 16);
}

/** Places (Redis units, AOF text, log lines) that contain any form of any of the keys. */
function leaks(places: string[], keys: KeyObject[]): string[] {
  const all = keys.flatMap(forms);
  return places.filter((p) => all.some((f) => p.includes(f)));
}

/** Every key of the database, as `key value` texts, each member or field on its own. */
async function dumpUnits(store: RedisStore): Promise<string[]> {
  const c = store.client;
  const units: string[] = [];
  for (const key of await store.scanKeys('*')) {
    const type = await c.type(key);
    if (type === 'string') units.push(`${key} ${(await c.get(key)) ?? ''}`);
    else if (type === 'hash')
      for (const [f, v] of Object.entries(await c.hGetAll(key))) units.push(`${key} ${f} ${v}`);
    else if (type === 'set') for (const m of await c.sMembers(key)) units.push(`${key} ${m}`);
    else if (type === 'zset') for (const m of await c.zRange(key, 0, -1)) units.push(`${key} ${m}`);
    else if (type === 'list') for (const m of await c.lRange(key, 0, -1)) units.push(`${key} ${m}`);
    else if (type === 'stream')
      for (const e of (await c.xRange(key, '-', '+')) ?? [])
        units.push(`${key} ${JSON.stringify(e.message)}`);
    else throw new Error(`unexpected type ${type} for ${key}`);
  }
  return units;
}

/** The append-only files as text, byte for byte (latin1 keeps raw bytes searchable). */
function aofFiles(dir: string): string[] {
  const aofDir = path.join(dir, 'appendonlydir');
  return fs
    .readdirSync(aofDir)
    .filter((f) => f.includes('.aof'))
    .map((f) => fs.readFileSync(path.join(aofDir, f), 'latin1'));
}

beforeAll(async () => {
  redis = await startTestRedis();
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logOutput += chunk.toString();
      done();
    },
  });
  app = await startApp({
    redisUrl: redis.url,
    livekit: stack.livekit,
    signingKek: kek,
    logger: createLogger({ level: 'trace', format: 'json', destination: sink }),
  });
  raw = await connectRedis(redis.url);
  w = await buildDeskWorld(app);
});
afterAll(async () => {
  await app.close();
  await raw.close();
  await redis.child.stop();
  fs.rmSync(redis.dir, { recursive: true, force: true });
});

describe('COMM-2 private keys never in plaintext in Redis, the AOF or the logs', () => {
  it('the scan finds a planted key, then finds none of the issuers’ keys', async () => {
    // Keys for the summit and both delegations, one of them rotated and one revoked.
    await publishCommunique(w.secretariat, w.org, w.summitId, { versions: SIX_LANGUAGES });
    for (const d of w.delegations)
      await publishCommunique(d.spokesperson, d.head, w.summitId, {
        versions: { en: { title: 'Statement', body: `From ${d.id}` } },
      });
    const first = w.delegations[0];
    if (first === undefined) throw new Error('no delegation');
    expect(
      (
        await w.org.post(`/summits/${w.summitId}/signing-keys/rotate`, {
          issuer: { kind: 'delegation', id: first.id },
        })
      ).status,
    ).toBe(201);

    // The issuers' private keys, as only the KEK holder can see them. Retired
    // and revoked keys lose their private part, so they are taken before that.
    const { keys } = KeySet.parse(
      await (await fetch(`${app.baseUrl}/.well-known/majlis/keys.json`)).json(),
    );
    const current = keys.filter((k) => k.validUntil === null && k.revokedAt === null);
    expect(current.length).toBe(3);
    const secrets: KeyObject[] = [];
    for (const k of current) {
      const stored = await app.application.communiques.storedKey(k.keyId);
      if (stored.sealed === null) throw new Error('a current key has its sealed part');
      secrets.push(openPrivateKey(kek, k.keyId, stored.sealed));
    }
    const victim = current.find((k) => k.issuer.kind === 'delegation');
    if (victim === undefined) throw new Error('no delegation key');
    expect((await w.org.post(`/signing-keys/${victim.keyId}/revoke`)).status).toBe(200);
    // Keys made after the revocation and rotation: current ones again.
    const after = KeySet.parse(
      await (await fetch(`${app.baseUrl}/.well-known/majlis/keys.json`)).json(),
    ).keys.filter((k) => k.validUntil === null && k.revokedAt === null);
    for (const k of after.filter((a) => !current.some((c) => c.keyId === a.keyId))) {
      const stored = await app.application.communiques.storedKey(k.keyId);
      if (stored.sealed === null) throw new Error('a current key has its sealed part');
      secrets.push(openPrivateKey(kek, k.keyId, stored.sealed));
    }
    expect(secrets.length).toBe(4);

    // The detector works: a key written in plain text is found in Redis, the AOF and the log.
    const planted = generateKeyPairSync('ed25519').privateKey;
    await raw.client.set('test:planted-key', JSON.stringify(planted.export({ format: 'jwk' })));
    await raw.client.set(
      'test:planted-der',
      planted.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
    );
    app.logger.info({ pem: planted.export({ format: 'pem', type: 'pkcs8' }) }, 'planted');
    expect(leaks(await dumpUnits(raw), [planted]).length).toBeGreaterThanOrEqual(2);
    await expect.poll(() => leaks(aofFiles(redis.dir), [planted]).length).toBeGreaterThan(0);
    await expect
      .poll(() => leaks(logOutput.split('\n'), [planted]).length, { timeout: 5000 })
      .toBe(1);

    // None of the real keys, anywhere.
    const units = await dumpUnits(raw);
    expect(units.some((u) => u.startsWith('majlis:signing-key:'))).toBe(true);
    expect(leaks(units, secrets)).toEqual([]);
    expect(leaks(aofFiles(redis.dir), secrets)).toEqual([]);
    const lines = logOutput.split('\n').filter((l) => l !== '');
    expect(lines.some((l) => l.includes('communiqué published'))).toBe(true);
    expect(leaks(lines, secrets)).toEqual([]);
    const record = await w.org.get(`/summits/${w.summitId}/record`);
    expect(leaks([JSON.stringify(record.body)], secrets)).toEqual([]);
  });
});
