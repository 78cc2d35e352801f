import { ordered, type FloorView } from '@majlis/shared';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import {
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
  type ApiClient,
} from '../harness/api.ts';
import { ask, askMalformed, connectSocket, must, type TestSocket } from '../harness/sockets.ts';

const stack = inject('stack');

// 50 state codes, one delegation each.
const CODES =
  'AR AT AU BE BR CA CH CL CN CO CZ DE DK EG ES ET FI FR GB GH GR HU ID IE IN IT JP KE KR MA MX MY NG NL NO NZ PE PH PK PL PT RO SA SE SG TH TR UA US ZA'.split(
    ' ',
  );

describe('FLOOR-2 across two server processes sharing Redis', () => {
  let a: RunningApp;
  let b: RunningApp;
  let org: ApiClient;
  let sessionId: string;
  let summitId: string;
  const sockets: TestSocket[] = [];
  const people: { client: ApiClient; participant: { id: string; delegationId: string } }[] = [];
  let chair: { client: ApiClient; participant: { id: string } };

  beforeAll(async () => {
    a = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit, cluster: true });
    b = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit, cluster: true });
    org = await organiserClient(a);
    summitId = (await org.post('/summits', summitInput())).body.id;
    chair = await participantClient(org, summitId, { name: 'Chair', role: 'chair' });
    sessionId = (
      await org.post(
        `/summits/${summitId}/sessions`,
        sessionInput({ chairId: chair.participant.id }),
      )
    ).body.id;
    for (const code of CODES) {
      const d = (
        await org.post(`/summits/${summitId}/delegations`, {
          kind: 'state',
          code,
          votingRights: true,
        })
      ).body;
      people.push(
        await participantClient(org, summitId, {
          name: `Head of ${code}`,
          role: 'head_of_delegation',
          delegationId: d.id,
        }),
      );
    }
  }, 120_000);
  afterAll(async () => {
    for (const s of sockets) s.close();
    await a.close();
    await b.close();
  });

  it('50 delegations request within 100 ms: exactly 50 entries, in arrival order, and every node sees it', async () => {
    // Half the delegations talk to process A, half to B.
    for (const [i, p] of people.entries())
      sockets.push(await connectSocket(i % 2 === 0 ? a.baseUrl : b.baseUrl, p.client.cookie));
    const watcherA = await connectSocket(a.baseUrl, chair.client.cookie);
    const watcherB = await connectSocket(b.baseUrl, org.cookie);
    sockets.push(watcherA, watcherB);
    for (const w of [watcherA, watcherB]) await must(ask(w, 'session:watch', { sessionId }));
    const lastSeen = (w: TestSocket) =>
      new Promise<FloorView>((resolve) => {
        const on = (v: FloorView) => {
          if (v.floor.queue.length === 50) {
            w.off('floor:changed', on);
            resolve(v);
          }
        };
        w.on('floor:changed', on);
      });
    const seenA = lastSeen(watcherA);
    const seenB = lastSeen(watcherB);

    const started = Date.now();
    const sentAt = new Map<string, number>();
    const replies = await Promise.all(
      people.map(
        (p, i) =>
          new Promise<FloorView>((resolve, reject) => {
            setTimeout(() => {
              sentAt.set(p.participant.delegationId, performance.now());
              must(
                ask(sockets[i] as TestSocket, 'floor:command', {
                  sessionId,
                  command: { type: 'request', kind: 'statement' },
                }),
              ).then(resolve, reject);
            }, i * 2);
          }),
      ),
    );
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(replies).toHaveLength(50);

    const final = await must(ask(watcherA, 'floor:get', { sessionId }));
    // The list as everyone sees it: points of order first, then by arrival.
    const queue = ordered(final.floor.queue, final.floor.policy.protocolOrder);
    expect(queue).toHaveLength(50);
    expect(new Set(queue.map((e) => e.delegationId)).size).toBe(50);
    // Arrival order: the list is ordered by the time each request reached a server.
    const arrivals = queue.map((e) => e.arrivedAt);
    expect([...arrivals].sort((x, y) => x - y)).toEqual(arrivals);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(1000);
    // Requests sent well apart (20 ms or more) keep the order they were sent in.
    const position = new Map(queue.map((e, i) => [e.delegationId, i]));
    for (const [x, xAt] of sentAt) {
      for (const [y, yAt] of sentAt) {
        if (yAt - xAt >= 20)
          expect(position.get(x) ?? -1, `${x} sent 20 ms before ${y}`).toBeLessThan(
            position.get(y) ?? -1,
          );
      }
    }
    // Both nodes' watchers saw the same final list.
    const [va, vb] = await Promise.all([seenA, seenB]);
    expect(ordered(va.floor.queue, false).map((e) => e.id)).toEqual(queue.map((e) => e.id));
    expect(ordered(vb.floor.queue, false).map((e) => e.id)).toEqual(queue.map((e) => e.id));
    // And each request is in the record once.
    const record = await org.get(`/summits/${summitId}/record`);
    expect(record.body.chainValid).toBe(true);
    expect(
      record.body.entries.filter((e: { act: string }) => e.act === 'floor.requested'),
    ).toHaveLength(50);
  });

  it('answers bad commands with typed errors and refuses the clock to clients', async () => {
    const s = sockets[0] as TestSocket;
    const bad = await askMalformed(s, 'floor:command', {
      sessionId,
      command: { type: 'request', kind: 'shouting' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    const tick = await ask(s, 'floor:command', { sessionId, command: { type: 'tick' } });
    expect(tick).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const notChair = await ask(s, 'floor:command', { sessionId, command: { type: 'grantNext' } });
    expect(notChair).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const noCommand = await askMalformed(s, 'floor:command', { sessionId });
    expect(noCommand).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'command' }] },
    });
    // An event no module binds is answered too, not left to time out.
    const wire: Socket = s;
    expect(await wire.timeout(5_000).emitWithAck('floor:grab', { sessionId })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD' },
    });
  });

  it('derives speaking time per delegation from the record', async () => {
    const c = await connectSocket(a.baseUrl, chair.client.cookie);
    sockets.push(c);
    await must(ask(c, 'floor:command', { sessionId, command: { type: 'grantNext' } }));
    await new Promise((r) => setTimeout(r, 300));
    await must(ask(c, 'floor:command', { sessionId, command: { type: 'yield' } }));
    const record = await org.get(`/summits/${summitId}/record`);
    const ended = record.body.entries.filter((e: { act: string }) => e.act === 'floor.ended');
    expect(ended).toHaveLength(1);
    expect(ended[0].changes.spokeMs).toBeGreaterThanOrEqual(250);
  });
});
