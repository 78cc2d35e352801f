import type { BallotChoice, Motion, MotionView } from '@majlis/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { participantClient, type ApiClient } from '../harness/api.ts';
import { ask, connectSocket, must, type TestSocket } from '../harness/sockets.ts';
import {
  ballotKey,
  buildVoteWorld,
  connectHeads,
  createMotion,
  type Person,
  type VoteWorld,
} from '../harness/votes.ts';

const stack = inject('stack');

let app: RunningApp;
let world: VoteWorld;
let delegate: Person;
let adviser: Person;
let nonVoter: Person;
const sockets: TestSocket[] = [];

const socketOf = async (client: ApiClient): Promise<TestSocket> => {
  const s = await connectSocket(app.baseUrl, client.cookie);
  sockets.push(s);
  return s;
};

/** Resolves with the first `vote:changed` for `motionId` that satisfies `done`. */
function nextChange(
  socket: TestSocket,
  motionId: string,
  done: (m: Motion) => boolean,
  timeoutMs = 15_000,
): Promise<Motion> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off('vote:changed', on);
      reject(new Error(`no matching vote:changed for ${motionId} within ${timeoutMs} ms`));
    }, timeoutMs);
    const on = ({ motion }: { motion: Motion }) => {
      if (motion.id !== motionId || !done(motion)) return;
      clearTimeout(timer);
      socket.off('vote:changed', on);
      resolve(motion);
    };
    socket.on('vote:changed', on);
  });
}

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  world = await buildVoteWorld(app, 4);
  const [first] = world.delegations;
  if (!first) throw new Error('no delegation');
  const person = async (input: Record<string, unknown>): Promise<Person> => {
    const { client, participant } = await participantClient(world.org, world.summitId, input);
    return { client, id: participant.id as string };
  };
  delegate = await person({ name: 'Delegate', role: 'delegate', delegationId: first.id });
  adviser = await person({ name: 'Adviser', role: 'adviser', delegationId: first.id });
  const observerState = await world.org.post(`/summits/${world.summitId}/delegations`, {
    kind: 'organisation',
    code: 'AU',
    name: { en: 'African Union', fr: 'Union africaine' },
    votingRights: false,
  });
  nonVoter = await person({
    name: 'AU head',
    role: 'head_of_delegation',
    delegationId: observerState.body.id,
  });
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await app.close();
});

describe('VOTE-4 quorum from live presence', () => {
  it('refuses to open below a majority of voting delegations connected, with the figures, and opens at the majority', async () => {
    const chair = await socketOf(world.chair.client);
    const motionId = await createMotion(world);
    const refused = await ask(chair, 'vote:open', { motionId });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'PRECONDITION_FAILED',
        message: 'No quorum: 0 of 4 delegations with voting rights are connected; 3 are needed',
      },
    });
    // Two of four, the observer and a delegation without voting rights: still no quorum.
    const [a, b, c] = world.delegations;
    if (!a || !b || !c) throw new Error('fixture');
    await connectHeads(app, stack.livekit, world, [a, b]);
    await connectHeads(app, stack.livekit, world, [
      { id: 'x', code: 'AU', head: nonVoter },
      { id: 'y', code: '--', head: world.observer },
    ]);
    const http = await world.chair.client.post(`/motions/${motionId}/open`);
    expect(http.status).toBe(412);
    expect(http.body).toMatchObject({
      code: 'PRECONDITION_FAILED',
      detail: 'No quorum: 2 of 4 delegations with voting rights are connected; 3 are needed',
      issues: expect.arrayContaining([
        { path: 'quorum.present', message: '2' },
        { path: 'quorum.required', message: '3' },
      ]),
    });
    // A delegation is present through any member: the third comes in with its delegate only.
    const { client } = await participantClient(world.org, world.summitId, {
      name: 'Delegate C',
      role: 'delegate',
      delegationId: c.id,
    });
    const me = (await client.get('/me')).body as { participantId: string };
    await connectHeads(app, stack.livekit, world, [
      { ...c, head: { client, id: me.participantId } },
    ]);
    const opened = await must(ask(chair, 'vote:open', { motionId }));
    expect(opened.motion).toMatchObject({
      status: 'open',
      quorum: { votingDelegations: 4, present: 3, required: 3 },
    });
    // Quorum is checked at opening only: a delegation leaving does not close the vote.
    await connectHeads(app, stack.livekit, world, [a], 'participant_left');
    expect((await world.org.get(`/motions/${motionId}`)).body.motion.status).toBe('open');
    await connectHeads(app, stack.livekit, world, [a]);
  });
});

describe('VOTE-1 one ballot per delegation, by its head or designated alternate', () => {
  it('lets only the head or the designated delegate cast, once, and only for delegations with a vote', async () => {
    const motionId = await createMotion(world);
    await must(ask(await socketOf(world.chair.client), 'vote:open', { motionId }));
    const [a] = world.delegations;
    if (!a) throw new Error('fixture');
    const cast = (who: Person, choice = 'yes', key = ballotKey()) =>
      who.client.post(`/motions/${motionId}/ballots`, { choice, ballotKey: key });
    expect((await cast(delegate)).status).toBe(403);
    expect((await cast(adviser)).status).toBe(403);
    expect((await cast(world.observer)).status).toBe(403);
    expect((await cast(world.chair)).status).toBe(403);
    expect((await cast(nonVoter)).body).toMatchObject({
      code: 'FORBIDDEN',
      detail: 'Your delegation has no vote on this motion',
    });
    // Only the head designates, and only a delegate of the same delegation.
    expect(
      (await delegate.client.post(`/delegations/${a.id}/alternate`, { participantId: delegate.id }))
        .status,
    ).toBe(403);
    expect(
      (await a.head.client.post(`/delegations/${a.id}/alternate`, { participantId: adviser.id }))
        .status,
    ).toBe(422);
    expect(
      (await a.head.client.post(`/delegations/${a.id}/alternate`, { participantId: delegate.id }))
        .body,
    ).toEqual({ delegationId: a.id, participantId: delegate.id });
    const key = ballotKey();
    expect((await cast(delegate, 'no', key)).body).toEqual({
      motionId,
      status: 'cast',
      receipt: null,
    });
    // The delegation's ballot is in: a retry repeats it, the head's second device is refused.
    expect((await cast(delegate, 'no', key)).body.status).toBe('unchanged');
    const second = await cast(a.head, 'yes');
    expect(second.status).toBe(409);
    expect(second.body.detail).toBe('Your delegation has already voted');
    const view = (await a.head.client.get(`/motions/${motionId}`)).body as MotionView;
    expect(view.mine).toEqual({
      delegationId: a.id,
      mayCast: true,
      hasVoted: true,
      eligible: true,
    });
    expect((await delegate.client.get(`/motions/${motionId}`)).body.mine.mayCast).toBe(true);
    expect((await adviser.client.get(`/motions/${motionId}`)).body.mine).toMatchObject({
      mayCast: false,
      hasVoted: true,
    });
  });

  it('changes a ballot before closing only when the motion allows it', async () => {
    const fixed = await createMotion(world);
    const changeable = await createMotion(world, { changeable: true });
    const chair = await socketOf(world.chair.client);
    const [, b] = world.delegations;
    if (!b) throw new Error('fixture');
    const head = await socketOf(b.head.client);
    for (const motionId of [fixed, changeable]) {
      await must(ask(chair, 'vote:open', { motionId }));
      expect(
        await must(ask(head, 'vote:cast', { motionId, choice: 'yes', ballotKey: ballotKey() })),
      ).toMatchObject({ status: 'cast' });
    }
    const again = await ask(head, 'vote:cast', {
      motionId: fixed,
      choice: 'no',
      ballotKey: ballotKey(),
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(
      await must(
        ask(head, 'vote:cast', { motionId: changeable, choice: 'no', ballotKey: ballotKey() }),
      ),
    ).toMatchObject({ status: 'changed' });
    const closed = await must(ask(chair, 'vote:close', { motionId: changeable }));
    expect(closed.motion.result?.tally).toEqual({ yes: 0, no: 1, abstain: 0, objections: 0 });
    const late = await ask(head, 'vote:cast', {
      motionId: changeable,
      choice: 'yes',
      ballotKey: ballotKey(),
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
  });
});

describe('VOTE-6 sealed results; VOTE-5 the roll call on closing', () => {
  it('reveals no count through any endpoint, command or event before closing; then publishes tally, rule, outcome and each choice, in the record too', async () => {
    // A summit of its own: nothing closed in it yet, so any count seen is a leak.
    const world = await buildVoteWorld(app, 4);
    await connectHeads(app, stack.livekit, world, world.delegations);
    const motionId = await createMotion(world, { majority: 'two_thirds' });
    const watchers = [world.chair, world.observer, ...world.delegations.map((d) => d.head)];
    const events: { who: string; event: string; payload: unknown }[] = [];
    const byPerson = new Map<string, TestSocket>();
    for (const p of watchers) {
      const s = await socketOf(p.client);
      await must(ask(s, 'session:watch', { sessionId: world.sessionId }));
      s.onAny((event: string, payload: unknown) => events.push({ who: p.id, event, payload }));
      byPerson.set(p.id, s);
    }
    const chair = byPerson.get(world.chair.id) as TestSocket;
    const opened = await must(ask(chair, 'vote:open', { motionId }));
    const [a, b, c] = world.delegations;
    if (!a || !b || !c) throw new Error('fixture');
    const casts: [Person, BallotChoice][] = [
      [a.head, 'yes'],
      [b.head, 'yes'],
      [c.head, 'no'],
    ];
    for (const [who, choice] of casts) {
      const s = byPerson.get(who.id) ?? (await socketOf(who.client));
      await must(ask(s, 'vote:cast', { motionId, choice, ballotKey: ballotKey() }));
    }

    // Every read there is, by everyone who may read, while the vote is open.
    const doc = (await world.org.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    const ids: Record<string, string> = {
      summitId: world.summitId,
      sessionId: world.sessionId,
      motionId,
      delegationId: a.id,
      agendaItemId: world.agendaItemId,
      participantId: a.head.id,
      receipt: '0000-0000-0000-0000-0000',
    };
    const reads: unknown[] = [];
    const gets = Object.entries(doc.paths).filter(([, ops]) => 'get' in ops);
    expect(gets.map(([p]) => p)).toEqual(
      expect.arrayContaining([
        '/api/v1/motions/{motionId}',
        '/api/v1/sessions/{sessionId}/motions',
      ]),
    );
    for (const [path] of gets) {
      const url = path.replace(/\{(\w+)\}/g, (_m, k: string) => ids[k] ?? k);
      for (const p of [world.org, ...watchers.map((w) => w.client)]) {
        const r = await p.get(url.replace(/^\/api\/v1/, ''));
        reads.push({ url, status: r.status, body: r.body });
      }
    }
    for (const s of byPerson.values()) {
      reads.push(await ask(s, 'vote:list', { sessionId: world.sessionId }));
      reads.push(await ask(s, 'vote:get', { motionId }));
    }
    const sealedText = JSON.stringify({ reads, events });
    for (const leak of ['"tally"', '"ballotsCast"', '"presentAndVoting"', '"roll"', '"choice"'])
      expect(sealedText, leak).not.toContain(leak);
    expect(sealedText).not.toMatch(/"result":\{/);
    // Casting touched no version a client can see.
    const now = (await world.org.get(`/motions/${motionId}`)).body as MotionView;
    expect(now.motion.version).toBe(opened.motion.version);
    // A delegation heard that it voted, and only its own members heard it.
    const recorded = events.filter((e) => e.event === 'vote:recorded');
    expect(new Set(recorded.map((e) => e.who))).toEqual(new Set([a.head.id, b.head.id, c.head.id]));

    const observerSocket = byPerson.get(world.observer.id) as TestSocket;
    const published = nextChange(observerSocket, motionId, (m) => m.status === 'closed');
    const closed = await must(ask(chair, 'vote:close', { motionId }));
    const seen = await published;
    expect(seen.result).toEqual(closed.motion.result);
    expect(seen.result).toMatchObject({
      rule: 'two_thirds',
      tally: { yes: 2, no: 1, abstain: 0, objections: 0 },
      presentAndVoting: 3,
      required: 2,
      outcome: 'adopted',
      reason: 'majority_reached',
      ballotsCast: 3,
      eligible: 4,
      receipts: null,
    });
    const roll = new Map(seen.result?.roll?.map((e) => [e.delegationId, e.choice]));
    expect(Object.fromEntries(roll)).toEqual({
      [a.id]: 'yes',
      [b.id]: 'yes',
      [c.id]: 'no',
      [world.delegations[3]?.id ?? '']: 'not_voting',
    });
    const record = (await world.org.get(`/summits/${world.summitId}/record`)).body as {
      entries: { act: string; subject: { id: string }; changes: Record<string, unknown> }[];
      chainValid: boolean;
    };
    expect(record.chainValid).toBe(true);
    const acts = record.entries.filter((e) => e.subject.id === motionId).map((e) => e.act);
    expect(acts).toEqual(['motion.created', 'motion.opened', 'motion.sealed', 'motion.closed']);
    const closing = record.entries.find(
      (e) => e.act === 'motion.closed' && e.subject.id === motionId,
    );
    expect(closing?.changes['result']).toEqual(seen.result);
  });
});

describe('VOTE-3 consensus: the silence procedure', () => {
  it('adopts when nobody objects before the deadline, and the chair cannot cut it short', async () => {
    const observer = await socketOf(world.observer.client);
    await must(ask(observer, 'session:watch', { sessionId: world.sessionId }));
    const chair = await socketOf(world.chair.client);
    const motionId = await createMotion(world, { majority: 'consensus', silenceSeconds: 2 });
    const closed = nextChange(observer, motionId, (m) => m.status === 'closed');
    const opened = await must(ask(chair, 'vote:open', { motionId }));
    expect(opened.motion.silenceDeadline).not.toBeNull();
    expect(await ask(chair, 'vote:close', { motionId })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const [a] = world.delegations;
    if (!a) throw new Error('fixture');
    // Consensus takes objections only.
    expect(
      await ask(await socketOf(a.head.client), 'vote:cast', {
        motionId,
        choice: 'yes',
        ballotKey: ballotKey(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    const result = (await closed).result;
    expect(result).toMatchObject({ outcome: 'adopted', reason: 'no_objection', rule: 'consensus' });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(opened.motion.silenceDeadline ?? ''));
  });

  it('is broken by one objection in time; an objection after the deadline is refused', async () => {
    const observer = await socketOf(world.observer.client);
    await must(ask(observer, 'session:watch', { sessionId: world.sessionId }));
    const chair = await socketOf(world.chair.client);
    const motionId = await createMotion(world, {
      majority: 'consensus',
      silenceSeconds: 2,
      ballot: 'secret',
    });
    const closed = nextChange(observer, motionId, (m) => m.status === 'closed');
    await must(ask(chair, 'vote:open', { motionId }));
    const [, b, c] = world.delegations;
    if (!b || !c) throw new Error('fixture');
    const objection = await must(
      ask(await socketOf(b.head.client), 'vote:cast', {
        motionId,
        choice: 'object',
        ballotKey: ballotKey(),
      }),
    );
    const result = (await closed).result;
    expect(result).toMatchObject({
      outcome: 'rejected',
      reason: 'objection',
      tally: { objections: 1 },
      receipts: [objection.receipt],
      roll: null,
    });
    expect(
      (await b.head.client.get(`/motions/${motionId}/receipts/${objection.receipt}`)).body,
    ).toMatchObject({ counted: true, closed: true });
    const late = await ask(await socketOf(c.head.client), 'vote:cast', {
      motionId,
      choice: 'object',
      ballotKey: ballotKey(),
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });
  });
});

describe('VOTE-6 a crash between sealing and counting', () => {
  it('counts the sealed box when the next server starts, once', async () => {
    const motionId = await createMotion(world);
    const chair = await socketOf(world.chair.client);
    await must(ask(chair, 'vote:open', { motionId }));
    const [, b, c] = world.delegations;
    if (!b || !c) throw new Error('fixture');
    for (const [d, choice] of [
      [b, 'yes'],
      [c, 'no'],
    ] as const)
      await must(
        ask(await socketOf(d.head.client), 'vote:cast', {
          motionId,
          choice,
          ballotKey: ballotKey(),
        }),
      );
    // What the first half of a close leaves behind when the process dies right after it.
    const key = `majlis:motion:${motionId}`;
    const stored = JSON.parse((await app.redis.get(key)) ?? '{}') as Motion;
    await app.redis.commit({
      checks: [{ key, version: stored.version }],
      writes: [
        {
          op: 'set',
          key,
          value: JSON.stringify({ ...stored, status: 'counting', version: stored.version + 1 }),
        },
      ],
    });
    const late = await ask(await socketOf(b.head.client), 'vote:cast', {
      motionId,
      choice: 'no',
      ballotKey: ballotKey(),
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } });

    const next = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
    try {
      await expect
        .poll(async () => ((await world.org.get(`/motions/${motionId}`)).body as MotionView).motion)
        .toMatchObject({ status: 'closed', result: { tally: { yes: 1, no: 1 }, reason: 'tie' } });
      const record = (await world.org.get(`/summits/${world.summitId}/record`)).body as {
        entries: { act: string; subject: { id: string } }[];
      };
      expect(
        record.entries.filter((e) => e.subject.id === motionId && e.act === 'motion.closed'),
      ).toHaveLength(1);
    } finally {
      await next.close();
    }
  });
});
