import type { BallotChoice, BallotReceipt, Result } from '@majlis/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { ask, connectSocket, must, type TestSocket } from '../harness/sockets.ts';
import {
  ballotKey,
  buildVoteWorld,
  connectHeads,
  createMotion,
  inBatches,
  type VoteWorld,
} from '../harness/votes.ts';

const stack = inject('stack');
const N = 193;
const RETRIES = 5;
const CHOICES = ['yes', 'no', 'abstain'] as const;

let app: RunningApp;
let world: VoteWorld;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  world = await buildVoteWorld(app, N);
}, 300_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app.close();
});

describe('193 delegations at once (VOTE-4, VOTE-7)', () => {
  it('opens at 97 of 193 connected and not at 96', async () => {
    const motionId = await createMotion(world);
    await connectHeads(app, stack.livekit, world, world.delegations.slice(0, 96));
    const refused = await world.chair.client.post(`/motions/${motionId}/open`);
    expect(refused.body.detail).toBe(
      'No quorum: 96 of 193 delegations with voting rights are connected; 97 are needed',
    );
    await connectHeads(app, stack.livekit, world, world.delegations.slice(96, 97));
    expect((await world.chair.client.post(`/motions/${motionId}/open`)).status).toBe(200);
  });

  it('each casting 1 + 5 retries and a second device with another choice: exactly 193 ballots, the tally of the ballots that landed', async () => {
    await connectHeads(app, stack.livekit, world, world.delegations.slice(97));
    const motionId = await createMotion(world, { ballot: 'secret' });
    const chair = await connectSocket(app.baseUrl, world.chair.client.cookie);
    sockets.push(chair);
    await must(ask(chair, 'vote:open', { motionId }));

    // Two connections per delegation, as a second device would have.
    const devices = await inBatches(world.delegations, 16, async (d) => {
      const first = await connectSocket(app.baseUrl, d.head.client.cookie);
      const second = await connectSocket(app.baseUrl, d.head.client.cookie);
      sockets.push(first, second);
      return { d, first, second };
    });

    // All at once: every delegation's ballot with its retries, and the other device's.
    const plans = devices.map(({ d, first, second }, i) => {
      const mine = { key: ballotKey(), choice: CHOICES[i % 3] ?? 'yes' };
      const other = { key: ballotKey(), choice: CHOICES[(i + 1) % 3] ?? 'yes' };
      const send = (s: TestSocket, b: { key: string; choice: BallotChoice }) =>
        ask(s, 'vote:cast', { motionId, choice: b.choice, ballotKey: b.key });
      return {
        d,
        first,
        mine,
        other,
        replies: Promise.all([
          Promise.all(Array.from({ length: 1 + RETRIES }, () => send(first, mine))),
          send(second, other),
        ]),
      };
    });
    const expected = { yes: 0, no: 0, abstain: 0 };
    const receipts: string[] = [];
    for (const plan of plans) {
      const [retries, second] = await plan.replies;
      const all: Result<BallotReceipt>[] = [...retries, second];
      const accepted = all.filter((r) => r.ok);
      const refused = all.filter((r) => !r.ok);
      // Exactly one of the two ballots landed: all its sends succeeded, once as `cast`.
      expect(accepted.filter((r) => r.data.status === 'cast')).toHaveLength(1);
      const firstWon = retries.every((r) => r.ok);
      expect(firstWon || second.ok, plan.d.code).toBe(true);
      expect(firstWon && second.ok, plan.d.code).toBe(false);
      expect(
        refused.every((r) => r.error.code === 'CONFLICT'),
        plan.d.code,
      ).toBe(true);
      const landed = firstWon ? plan.mine : plan.other;
      expected[landed.choice] += 1;
      const receipt = new Set(accepted.map((r) => r.data.receipt));
      expect(receipt.size).toBe(1);
      receipts.push(...(receipt as Set<string>));
      // A reconnect resends the first device's ballot: it is that ballot again, or refused.
      plan.first.disconnect();
      const again = await connectSocket(app.baseUrl, plan.d.head.client.cookie);
      sockets.push(again);
      const resent = await ask(again, 'vote:cast', {
        motionId,
        choice: plan.mine.choice,
        ballotKey: plan.mine.key,
      });
      expect(resent.ok ? resent.data.status : resent.error.code).toBe(
        firstWon ? 'unchanged' : 'CONFLICT',
      );
    }

    const closed = await must(ask(chair, 'vote:close', { motionId }));
    expect(closed.motion.result).toMatchObject({
      ballotsCast: N,
      eligible: N,
      tally: { ...expected, objections: 0 },
    });
    expect(closed.motion.result?.receipts).toEqual([...receipts].sort());
  }, 180_000);
});
