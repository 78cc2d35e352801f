/**
 * Benchmark: time from the last ballot to the published result, 193
 * delegations, through the real app (real Redis, Socket.IO): every head
 * casts at once over its own socket; when the last ballot is acknowledged
 * the chair closes the vote, and the clock stops when an observer's socket
 * receives the result. Beside it, a baseline measured in the same run: a
 * plain Redis path with one INCR per ballot, then MGET of the counters and
 * PUBLISH of the result to a subscriber. The difference is the cost of the
 * seal-then-count close, the hash-chained record and the Socket.IO fan-out.
 *
 *   npm run bench -- votes
 */
import { connectRedis } from '@majlis/server';
import { startApp } from '../src/harness/app.ts';
import { startTestLiveKit, startTestRedis } from '../src/harness/services.ts';
import { ask, connectSocket, must, type TestSocket } from '../src/harness/sockets.ts';
import {
  ballotKey,
  buildVoteWorld,
  connectHeads,
  createMotion,
  inBatches,
} from '../src/harness/votes.ts';
import type { Motion } from '@majlis/shared';
import { percentile } from './lib.ts';

const DELEGATIONS = 193;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 10);
const CHOICES = ['yes', 'no', 'abstain'] as const;

interface Row {
  name: string;
  samples: number[];
}

function print(title: string, rows: Row[]): void {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `${'measure'.padEnd(58)}${'runs'.padStart(6)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}\n`,
  );
  for (const r of rows) {
    const s = [...r.samples].sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(2).padStart(9);
    process.stdout.write(
      `${r.name.padEnd(58)}${String(s.length).padStart(6)}${f(percentile(s, 50))}${f(percentile(s, 95))}${f(s.at(-1) ?? NaN)}\n`,
    );
  }
}

async function main(): Promise<void> {
  const redis = await startTestRedis();
  const livekit = await startTestLiveKit();
  const app = await startApp({ redisUrl: redis.url, livekit });
  const world = await buildVoteWorld(app, DELEGATIONS);
  await connectHeads(app, livekit, world, world.delegations);
  const chair = await connectSocket(app.baseUrl, world.chair.client.cookie);
  const observer = await connectSocket(app.baseUrl, world.observer.client.cookie);
  await must(ask(observer, 'session:watch', { sessionId: world.sessionId }));
  const heads: TestSocket[] = await inBatches(world.delegations, 16, (d) =>
    connectSocket(app.baseUrl, d.head.client.cookie),
  );

  const toResult: Row = {
    name: `Majlis: last ballot ack → result at observer (${DELEGATIONS})`,
    samples: [],
  };
  const burst: Row = {
    name: `Majlis: ${DELEGATIONS} ballots cast at once, first send → last ack`,
    samples: [],
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    const motionId = await createMotion(world, { ballot: round % 2 === 0 ? 'secret' : 'recorded' });
    await must(ask(chair, 'vote:open', { motionId }));
    const published = new Promise<number>((resolve) => {
      const on = ({ motion }: { motion: Motion }) => {
        if (motion.id !== motionId || motion.status !== 'closed') return;
        observer.off('vote:changed', on);
        resolve(performance.now());
      };
      observer.on('vote:changed', on);
    });
    const t0 = performance.now();
    await Promise.all(
      heads.map((s, i) =>
        must(
          ask(s, 'vote:cast', {
            motionId,
            choice: CHOICES[i % 3] ?? 'yes',
            ballotKey: ballotKey(),
          }),
        ),
      ),
    );
    const lastAck = performance.now();
    const closed = await must(ask(chair, 'vote:close', { motionId }));
    if (closed.motion.result?.ballotsCast !== DELEGATIONS)
      throw new Error(`counted ${String(closed.motion.result?.ballotsCast)} ballots`);
    toResult.samples.push((await published) - lastAck);
    burst.samples.push(lastAck - t0);
  }

  // Baseline: the same Redis, one INCR per ballot, then MGET and PUBLISH to a subscriber.
  const raw = await connectRedis(redis.url);
  const subscriber = await raw.duplicate();
  const baseline: Row = {
    name: `baseline: last INCR → MGET + PUBLISH received (${DELEGATIONS})`,
    samples: [],
  };
  const baseBurst: Row = {
    name: `baseline: ${DELEGATIONS} INCRs at once, first → last reply`,
    samples: [],
  };
  for (let round = 0; round < ROUNDS; round += 1) {
    const channel = `bench:result:${round}`;
    let onMessage: (at: number) => void = () => undefined;
    const received = new Promise<number>((resolve) => {
      onMessage = resolve;
    });
    // Resolves once Redis confirms the subscription.
    await subscriber.subscribe(channel, () => onMessage(performance.now()));
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: DELEGATIONS }, (_, i) =>
        raw.client.incr(`bench:motion:${round}:${CHOICES[i % 3] ?? 'yes'}`),
      ),
    );
    const last = performance.now();
    const counts = await raw.client.mGet(CHOICES.map((c) => `bench:motion:${round}:${c}`));
    await raw.client.publish(channel, JSON.stringify(counts));
    baseline.samples.push((await received) - last);
    baseBurst.samples.push(last - t0);
    await subscriber.unsubscribe(channel);
  }

  print(
    `Votes on this machine: ${DELEGATIONS} delegations, ${ROUNDS} motions (secret and recorded)`,
    [burst, baseBurst, toResult, baseline],
  );
  const p50 = (r: Row) =>
    percentile(
      [...r.samples].sort((a, b) => a - b),
      50,
    );
  process.stdout.write(
    `\nLast ballot to published result: p50 ${p50(toResult).toFixed(1)} ms in Majlis, ${p50(baseline).toFixed(2)} ms for the bare INCR path.\n`,
  );

  for (const s of [...heads, chair, observer]) s.disconnect();
  await subscriber.close();
  await raw.close();
  await app.close();
  await Promise.all([redis.child.stop(), livekit.child.stop()]);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
