import fs from 'node:fs';
import {
  CommandUnanswered,
  type CommandInput,
  type CommandReply,
  type MotionView,
} from '@majlis/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freeTcpPort } from '@majlis/server/launcher';
import { startApp } from '../harness/app.ts';
import { ApiClient } from '../harness/api.ts';
import { runLauncher, type LauncherRun } from '../harness/launcher.ts';
import { deliverPresence } from '../harness/presence.ts';
import { tempDir } from '../harness/services.ts';
import { ask, connectSocket, type TestSocket } from '../harness/sockets.ts';
import { ballotKey, buildVoteWorld, createMotion, type VoteWorld } from '../harness/votes.ts';

const stack = inject('stack');
const N = 12;
const CHOICES = ['yes', 'no', 'abstain'] as const;

let world: VoteWorld;
let port: number;
let dataDir: string;
const runs: LauncherRun[] = [];
const sockets: TestSocket[] = [];

async function startServer(): Promise<string> {
  const run = runLauncher(stack.repoRoot, {
    PORT: String(port),
    MAJLIS_DATA_DIR: dataDir,
    REDIS_URL: stack.redisUrl,
    LIVEKIT_URL: stack.livekit.url,
    LIVEKIT_API_KEY: stack.livekit.apiKey,
    LIVEKIT_API_SECRET: stack.livekit.apiSecret,
  });
  runs.push(run);
  await run.waitFor(/Majlis ready: open http:\/\/127\.0\.0\.1:\d+\//);
  return `http://127.0.0.1:${port}`;
}

/** The same signed-in person, talking to the server at `base`. */
const at = (base: string, client: ApiClient): ApiClient => {
  const c = new ApiClient(base);
  c.cookie = client.cookie;
  return c;
};

/** A cast whose answer may never come: the server can die first. */
async function castOrDrop(
  socket: TestSocket,
  ballot: CommandInput<'vote:cast'>,
): Promise<CommandReply<'vote:cast'> | 'dropped'> {
  try {
    return await ask(socket, 'vote:cast', ballot);
  } catch (err) {
    // The connection dropped before the answer came (the server died).
    if (err instanceof CommandUnanswered && err.reason === 'no_answer') return 'dropped';
    throw err;
  }
}

beforeAll(async () => {
  // The world is built through an in-process app on the same Redis; the launcher takes over.
  const app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  world = await buildVoteWorld(app, N);
  await app.close();
  port = await freeTcpPort();
  dataDir = tempDir('votes-restart');
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  for (const run of runs) {
    if (run.proc.exitCode === null && run.proc.signalCode === null) {
      run.proc.kill('SIGKILL');
      await run.exit;
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a vote survives the server being killed (VOTE-7)', () => {
  it('counts every ballot acknowledged before SIGKILL exactly once after the restart, and voting goes on', async () => {
    let base = await startServer();
    await deliverPresence(
      base,
      stack.livekit,
      world.sessionId,
      world.delegations.map((d) => d.head.id),
    );
    const motionId = await createMotion(
      { ...world, chair: { ...world.chair, client: at(base, world.chair.client) } },
      { ballot: 'secret' },
    );
    const chair = at(base, world.chair.client);
    expect((await chair.post(`/motions/${motionId}/open`)).status).toBe(200);

    const ballots = world.delegations.map((d, i) => ({
      d,
      key: ballotKey(),
      choice: CHOICES[i % 3] ?? 'yes',
    }));
    const first = await Promise.all(
      ballots.map(async (b) => {
        const s = await connectSocket(base, b.d.head.client.cookie);
        sockets.push(s);
        return s;
      }),
    );
    const send = (i: number) => {
      const b = ballots[i];
      if (b === undefined) throw new Error('fixture');
      return castOrDrop(first[i] as TestSocket, {
        motionId,
        choice: b.choice,
        ballotKey: b.key,
      });
    };
    // Half the delegations have voted; the other half's ballots are on the wire when it dies.
    const half = N / 2;
    const early = await Promise.all(Array.from({ length: half }, (_, i) => send(i)));
    expect(early.every((r) => r !== 'dropped' && r.ok)).toBe(true);
    const late = Array.from({ length: N - half }, (_, i) => send(half + i));
    const victim = runs.at(-1) as LauncherRun;
    victim.proc.kill('SIGKILL');
    await victim.exit;
    const replies = [...early, ...(await Promise.all(late))];
    const acked = ballots.filter((_, i) => {
      const r = replies[i];
      return r !== undefined && r !== 'dropped' && r.ok;
    });
    expect(acked.length).toBeGreaterThanOrEqual(half);
    expect(acked.length).toBeLessThan(N);

    base = await startServer();
    // Every device resends its ballot with its key: the acknowledged ones are already in.
    const after = await Promise.all(
      ballots.map(async (b) => {
        const s = await connectSocket(base, b.d.head.client.cookie);
        sockets.push(s);
        const r = await castOrDrop(s, { motionId, choice: b.choice, ballotKey: b.key });
        if (r === 'dropped' || !r.ok) throw new Error(`resend failed: ${JSON.stringify(r)}`);
        return r.data;
      }),
    );
    for (const b of acked) expect(after[ballots.indexOf(b)]?.status).toBe('unchanged');
    const view = (await at(base, world.observer.client).get(`/motions/${motionId}`))
      .body as MotionView;
    expect(view.motion).toMatchObject({ status: 'open', result: null });

    const closed = (await at(base, world.chair.client).post(`/motions/${motionId}/close`))
      .body as MotionView;
    expect(closed.motion.result).toMatchObject({
      ballotsCast: N,
      tally: { yes: 4, no: 4, abstain: 4, objections: 0 },
      receipts: after.map((r) => r.receipt).sort(),
    });
  });
});
