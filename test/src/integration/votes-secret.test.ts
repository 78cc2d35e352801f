import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, connectRedis, type RedisStore } from '@majlis/server';
import type { BallotChoice } from '@majlis/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { dumpUnits } from '../harness/scan.ts';
import { startTestRedis } from '../harness/services.ts';
import { ask, connectSocket, must, type TestSocket } from '../harness/sockets.ts';
import {
  ballotKey,
  buildVoteWorld,
  connectHeads,
  createMotion,
  type VoteWorld,
} from '../harness/votes.ts';

const stack = inject('stack');
// A choice standing alone (a value, a JSON string), never inside an id: ids are base64url.
const CHOICE_TOKEN = /(^|[\s"':=])(yes|no|abstain|object)([\s"',}]|$)/;

let redis: Awaited<ReturnType<typeof startTestRedis>>;
let app: RunningApp;
let raw: RedisStore;
let world: VoteWorld;
let logOutput = '';
const sockets: TestSocket[] = [];

/** The append-only file's commands, grouped by MULTI … EXEC (a script's effects land as one block). */
function aofBlocks(dir: string): string[] {
  const aofDir = path.join(dir, 'appendonlydir');
  const blocks: string[] = [];
  for (const file of fs.readdirSync(aofDir).filter((f) => f.endsWith('.incr.aof'))) {
    const text = fs.readFileSync(path.join(aofDir, file), 'latin1');
    let current: string[] = [];
    let inMulti = false;
    for (const command of text.split(/\r\n\*\d+\r\n|^\*\d+\r\n/)) {
      const args = command
        .split('\r\n')
        .filter((_, i) => i % 2 === 1)
        .join(' ');
      if (/^MULTI/i.test(args)) {
        inMulti = true;
        current = [];
      } else if (/^EXEC/i.test(args)) {
        inMulti = false;
        blocks.push(current.join(' | '));
      } else if (inMulti) current.push(args);
      else blocks.push(args);
    }
  }
  return blocks;
}

interface Ballot {
  delegationId: string;
  choice: string;
  receipt: string;
}

/** Units that hold a delegation together with its receipt or a choice. */
function pairings(units: string[], ballots: Ballot[]): string[] {
  return units.filter((u) =>
    ballots.some(
      (b) =>
        u.includes(b.delegationId) &&
        (ballots.some((x) => u.includes(x.receipt)) || CHOICE_TOKEN.test(u)),
    ),
  );
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
    // Through the Redis streams adapter: its stream is scanned too.
    cluster: true,
    logger: createLogger({ level: 'trace', format: 'json', destination: sink }),
  });
  raw = await connectRedis(redis.url);
  world = await buildVoteWorld(app, 7);
  await connectHeads(app, stack.livekit, world, world.delegations);
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app.close();
  await raw.close();
  await redis.child.stop();
  fs.rmSync(redis.dir, { recursive: true, force: true });
});

describe('VOTE-5 a secret ballot keeps no link between a delegation and its choice', () => {
  it('leaves no pairing in any Redis key or value, the append-only file, the record, events or the log', async () => {
    const motionId = await createMotion(world, { ballot: 'secret', changeable: true });
    const chair = await connectSocket(app.baseUrl, world.chair.client.cookie);
    const observer = await connectSocket(app.baseUrl, world.observer.client.cookie);
    sockets.push(chair, observer);
    await must(ask(observer, 'session:watch', { sessionId: world.sessionId }));
    const events: string[] = [];
    observer.onAny((event: string, payload: unknown) =>
      events.push(`${event} ${JSON.stringify(payload)}`),
    );
    await must(ask(chair, 'vote:open', { motionId }));

    const choices: BallotChoice[] = ['yes', 'yes', 'no', 'abstain', 'yes', 'no', 'yes'];
    const ballots: Ballot[] = [];
    for (const [i, d] of world.delegations.entries()) {
      const s = await connectSocket(app.baseUrl, d.head.client.cookie);
      sockets.push(s);
      s.onAny((event: string, payload: unknown) =>
        events.push(`${event} ${JSON.stringify(payload)}`),
      );
      const key = ballotKey();
      const cast = (choice: BallotChoice) =>
        must(ask(s, 'vote:cast', { motionId, choice, ballotKey: key }));
      let receipt = (await cast(choices[i] === 'no' ? 'yes' : (choices[i] ?? 'yes'))).receipt;
      // Two delegations change their minds, with the key that cast the ballot.
      if (choices[i] === 'no') receipt = (await cast('no')).receipt;
      await cast(choices[i] ?? 'yes');
      ballots.push({ delegationId: d.id, choice: choices[i] ?? '', receipt: receipt ?? '' });
    }
    expect(new Set(ballots.map((b) => b.receipt)).size).toBe(7);

    // The scanner can see a pairing: Redis's append-only file holds each cast as one block.
    await expect
      .poll(() => pairings(aofBlocks(redis.dir), ballots).length, { timeout: 5000 })
      .toBeGreaterThan(0);
    expect(pairings(await dumpUnits(raw), ballots)).toEqual([]);

    const closed = await must(ask(chair, 'vote:close', { motionId }));
    expect(closed.motion.result).toMatchObject({
      tally: { yes: 4, no: 2, abstain: 1, objections: 0 },
      roll: null,
      receipts: ballots.map((b) => b.receipt).sort(),
    });

    // After closing: the data, the rewritten append-only file, the record, the events, the log.
    const units = await dumpUnits(raw);
    expect(pairings(units, ballots)).toEqual([]);
    expect(units.filter((u) => u.startsWith(`majlis:motion:${motionId}:box:`))).toEqual([]);
    await expect
      .poll(() => pairings(aofBlocks(redis.dir), ballots), { timeout: 15_000, interval: 200 })
      .toEqual([]);
    const record = (await world.org.get(`/summits/${world.summitId}/record`)).body as {
      entries: unknown[];
    };
    expect(
      pairings(
        record.entries.map((e) => JSON.stringify(e)),
        ballots,
      ),
    ).toEqual([]);
    expect(pairings(events, ballots)).toEqual([]);
    const logLines = logOutput.split('\n').filter((l) => l !== '');
    expect(logLines.length).toBeGreaterThan(0);
    expect(pairings(logLines, ballots)).toEqual([]);
    expect(logLines.filter((l) => ballots.some((b) => l.includes(b.receipt)))).toEqual([]);
  });
});
