import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createLogger, connectRedis, type RedisStore } from '@majlis/server';
import {
  Board,
  EncryptedBallot,
  TrusteeSetupView,
  aggregate,
  combineShares,
  deal,
  decodeKey,
  encodeScalar,
  encryptBallot,
  mod,
  partialDecrypt,
  sealValues,
  transportKeyPair,
  type BallotContext,
  type SealedBallot,
  type TransportKeyPair,
} from '@majlis/shared/ballots';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { participantClient, type ApiClient } from '../harness/api.ts';
import { startApp, type RunningApp } from '../harness/app.ts';
import { aofBlocks, dumpUnits } from '../harness/scan.ts';
import { startTestRedis } from '../harness/services.ts';
import {
  buildVoteWorld,
  connectHeads,
  createMotion,
  inBatches,
  type VoteWorld,
} from '../harness/votes.ts';

const stack = inject('stack');
const N = 193;
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const run = promisify(execFile);
// A choice standing alone (a value, a JSON string), never inside an id: ids are base64url.
const CHOICE_TOKEN = /(^|[\s"':=])(yes|no|abstain|object)([\s"',}]|$)/;

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let app: RunningApp;
let raw: RedisStore;
let world: VoteWorld;
let logOutput = '';

interface TrusteeDevice {
  client: ApiClient;
  id: string;
  transport: TransportKeyPair;
  /** The key share, only ever on this "device" (the test process). */
  share: bigint;
  index: number;
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
    logger: createLogger({ level: 'trace', format: 'json', destination: sink }),
  });
  raw = await connectRedis(redis.url);
  world = await buildVoteWorld(app, N);
  await connectHeads(app, stack.livekit, world, world.delegations);
}, 300_000);
afterAll(async () => {
  await app.close();
  await raw.close();
  await redis.child.stop();
  fs.rmSync(redis.dir, { recursive: true, force: true });
});

async function setupOf(client: ApiClient, motionId: string): Promise<TrusteeSetupView> {
  const r = await client.get(`/motions/${motionId}/trustees`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return TrusteeSetupView.parse(r.body);
}

async function ok<T extends { status: number; body: unknown }>(
  p: Promise<T>,
  status = 200,
): Promise<T> {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r;
}

async function verifyCli(board: unknown): Promise<{ code: number; stdout: string }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'majlis-board-')), 'board.json');
  fs.writeFileSync(file, JSON.stringify(board));
  try {
    const { stdout } = await run('npm', ['run', '--silent', 'verify-ballot', '--', file], {
      cwd: ROOT,
    });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { code?: number; stdout?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '' };
  }
}

describe('VOTE-8 verifiable secret ballot, 193 delegations, three trustees (2 of 3)', () => {
  it('generates the key, takes encrypted ballots, refuses forgeries, tallies exactly and verifies from the export', async () => {
    const motionId = await createMotion(world, { ballot: 'secret' });
    const tellers = await Promise.all(
      ['Teller A', 'Teller B'].map((name) =>
        participantClient(world.org, world.summitId, { name, role: 'observer' }),
      ),
    );
    const people = [
      { client: world.chair.client, id: world.chair.id },
      ...tellers.map((t) => ({ client: t.client, id: t.participant.id as string })),
    ];
    // The secretariat names the chair and two tellers.
    await ok(
      world.org.post(`/motions/${motionId}/trustees`, { trusteeIds: people.map((p) => p.id) }),
      201,
    );
    // A delegation is not a trustee.
    const outsider = world.delegations[0]?.head.client;
    if (!outsider) throw new Error('no delegations');
    expect(
      (
        await outsider.post(`/motions/${motionId}/trustees/transport-key`, {
          transportKey: transportKeyPair().publicKey,
        })
      ).status,
    ).toBe(403);
    // No joint key yet: the motion does not open.
    const early = await world.chair.client.post(`/motions/${motionId}/open`);
    expect(early.status).toBe(412);

    // Key generation, each trustee's device in turn (shared code, as in the browser).
    const devices: TrusteeDevice[] = [];
    for (const [i, p] of people.entries()) {
      const transport = transportKeyPair();
      await ok(
        p.client.post(`/motions/${motionId}/trustees/transport-key`, {
          transportKey: transport.publicKey,
        }),
      );
      devices.push({ ...p, transport, share: 0n, index: i + 1 });
    }
    let setup = await setupOf(world.org, motionId);
    expect(setup.stage).toBe('dealing');
    const transportKeys = new Map(setup.trustees.map((t) => [t.index, t.transportKey ?? '']));
    for (const d of devices) {
      const dealing = deal(motionId, d.index, setup.threshold, transportKeys);
      await ok(d.client.post(`/motions/${motionId}/trustees/dealing`, { dealing }));
    }
    setup = await setupOf(world.org, motionId);
    const dealings = setup.trustees.flatMap((t) => (t.dealing ? [t.dealing] : []));
    for (const d of devices) {
      d.share = combineShares(motionId, d.index, d.transport.secret, setup.threshold, dealings);
      await ok(d.client.post(`/motions/${motionId}/trustees/acknowledgement`));
    }
    setup = await setupOf(world.org, motionId);
    expect(setup.stage).toBe('ready');
    const publicKey = setup.publicKey ?? '';
    const ctx: BallotContext = { motionId, publicKey, options: 3 };

    await ok(world.chair.client.post(`/motions/${motionId}/open`));

    // Forged ballots are refused at cast (VOTE-8), before anything is stored.
    const h = decodeKey(publicKey);
    const first = world.delegations[0];
    if (!first) throw new Error('no delegations');
    const twoYes = sealValues(ctx, h, [1n, 1n, 0n]);
    const valueTwo = sealValues(ctx, h, [2n, 0n, mod(-1n)]);
    for (const forged of [twoYes, valueTwo]) {
      const r = await first.head.client.post(`/motions/${motionId}/encrypted-ballots`, {
        ballot: forged.ballot,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(422);
    }
    // A plaintext ballot is not accepted on a verifiable motion.
    const plain = await first.head.client.post(`/motions/${motionId}/ballots`, {
      choice: 'yes',
      ballotKey: 'verifiable-plaintext-ballot-key',
    });
    expect(plain.status).toBe(412);

    // 193 delegations cast; choices are known only to this test (the devices).
    const choices = world.delegations.map((_, i) => [0, 0, 1, 0, 2, 1, 0][i % 7] ?? 0);
    // Each device encrypts just before it casts (a long synchronous batch would
    // stall this process's event loop and race the server's keep-alive timer).
    const sealed: SealedBallot[] = [];
    const receipts = await inBatches(world.delegations, 8, async (d, i) => {
      const mineSealed = encryptBallot(ctx, choices[i] ?? 0);
      sealed[i] = mineSealed;
      const r = await d.head.client.post(`/motions/${motionId}/encrypted-ballots`, {
        ballot: mineSealed.ballot,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject({ status: 'cast', receipt: mineSealed.receipt });
      return r.body.receipt as string;
    });
    // VOTE-7: a retry lands once; another ballot, or someone else's, is refused.
    const retry = await first.head.client.post(`/motions/${motionId}/encrypted-ballots`, {
      ballot: sealed[0]?.ballot,
    });
    expect(retry.body).toMatchObject({ status: 'unchanged' });
    const second = await first.head.client.post(`/motions/${motionId}/encrypted-ballots`, {
      ballot: encryptBallot(ctx, 1).ballot,
    });
    expect(second.status).toBe(409);
    // The voter finds their own ballot on the board during the vote, by receipt.
    const mine = await first.head.client.get(`/motions/${motionId}/board/${receipts[0] ?? ''}`);
    expect(mine.body).toMatchObject({ receipt: receipts[0] });

    // The scan can see a share: plant one and find it in Redis and the AOF.
    const planted = encodeScalar(devices[0]?.share ?? 0n);
    await raw.client.set('majlis:plant:share', planted);
    expect((await dumpUnits(raw)).some((u) => u.includes(planted))).toBe(true);
    await expect
      .poll(() => aofBlocks(redis.dir).some((b) => b.includes(planted)), { timeout: 5000 })
      .toBe(true);
    await raw.client.del('majlis:plant:share');

    // Close: sealed, but nobody can count yet.
    const closed = await ok(world.chair.client.post(`/motions/${motionId}/close`));
    expect(closed.body.motion).toMatchObject({ status: 'counting', result: null });
    setup = await setupOf(world.org, motionId);
    const totals = setup.totals ?? [];
    expect(totals).toEqual(
      aggregate(
        3,
        sealed.map((s) => s.ballot),
      ),
    );

    // Trustee 1 posts a wrong partial decryption: refused.
    const [t1, t2, t3] = devices;
    if (!t1 || !t2 || !t3) throw new Error('three trustees');
    const wrong = partialDecrypt(motionId, 1, mod(t1.share + 1n), totals);
    expect(
      (await t1.client.post(`/motions/${motionId}/trustees/partial-decryption`, { partial: wrong }))
        .status,
    ).toBe(422);
    // One trustee alone cannot decrypt: still counting after trustee 2.
    await ok(
      t2.client.post(`/motions/${motionId}/trustees/partial-decryption`, {
        partial: partialDecrypt(motionId, 2, t2.share, totals),
      }),
    );
    expect((await world.chair.client.get(`/motions/${motionId}`)).body.motion.status).toBe(
      'counting',
    );
    // Trustee 3 completes the tally without trustee 1.
    await ok(
      t3.client.post(`/motions/${motionId}/trustees/partial-decryption`, {
        partial: partialDecrypt(motionId, 3, t3.share, totals),
      }),
    );
    const result = (await world.chair.client.get(`/motions/${motionId}`)).body.motion;
    const expected = [0, 1, 2].map((o) => choices.filter((c) => c === o).length);
    expect(result).toMatchObject({
      status: 'closed',
      result: {
        tally: { yes: expected[0], no: expected[1], abstain: expected[2], objections: 0 },
        ballotsCast: N,
        receipts: [...receipts].sort(),
      },
    });

    // The export verifies with the CLI alone.
    const exported = await ok(world.observer.client.get(`/motions/${motionId}/board`));
    const board = Board.parse(exported.body);
    expect(board.ballots).toHaveLength(N);
    const good = await verifyCli(board);
    expect(good.stdout).toContain('VERIFIED');
    expect(good.stdout).toContain(`yes ${expected[0]}, no ${expected[1]}, abstain ${expected[2]}`);
    expect(good.code).toBe(0);

    // A ciphertext changed in Redis: the verifier names that ballot.
    const victim = board.ballots[42];
    const donor = board.ballots[7];
    if (!victim || !donor) throw new Error('board too small');
    const changed = EncryptedBallot.parse({
      ...victim.ballot,
      ciphertexts: [donor.ballot.ciphertexts[0], ...victim.ballot.ciphertexts.slice(1)],
    });
    await raw.client.hSet(
      `majlis:motion:${motionId}:board`,
      victim.receipt,
      JSON.stringify(changed),
    );
    const tampered = Board.parse(
      (await world.observer.client.get(`/motions/${motionId}/board`)).body,
    );
    const bad = await verifyCli(tampered);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAILED');
    expect(bad.stdout).toContain(`ballot ${victim.receipt}`);

    // Nothing links a delegation to a choice, and no trustee secret is stored or logged.
    const secrets = devices.flatMap((d) => [
      encodeScalar(d.share),
      encodeScalar(d.transport.secret),
    ]);
    const leaks = (lines: string[]) =>
      lines.filter(
        (u) =>
          secrets.some((s) => u.includes(s)) ||
          world.delegations.some(
            (d) =>
              u.includes(d.id) && (receipts.some((r) => u.includes(r)) || CHOICE_TOKEN.test(u)),
          ),
      );
    // The detector finds a planted log line before it is trusted on the real log.
    expect(leaks([`{"msg":"share ${secrets[0] ?? ''}"}`])).toHaveLength(1);
    expect(leaks(await dumpUnits(raw))).toEqual([]);
    await expect
      .poll(() => leaks(aofBlocks(redis.dir)), { timeout: 15_000, interval: 200 })
      .toEqual([]);
    const logLines = logOutput.split('\n').filter((l) => l !== '');
    expect(logLines.length).toBeGreaterThan(0);
    expect(leaks(logLines)).toEqual([]);
  }, 300_000);
});
