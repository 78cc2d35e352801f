import type { FloorCommand, SessionProgress, Turnout } from '@majlis/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import {
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
  type ApiClient,
} from '../harness/api.ts';
import { ask, connectSocket, must, type TestSocket } from '../harness/sockets.ts';
import { openSessions } from '../harness/sessions.ts';
import { ballotKey, buildVoteWorld, connectHeads, createMotion } from '../harness/votes.ts';

const stack = inject('stack');

const videoGrantOf = (jwt: string) =>
  (
    JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as {
      video: { canPublish?: boolean; canPublishSources?: string[] };
    }
  ).video;

let app: RunningApp;
let org: ApiClient;
let summitId: string;
let sessionId: string;
const people: Record<string, { client: ApiClient; participant: { id: string } }> = {};
const sockets: Record<string, TestSocket> = {};

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id;
  const a = (
    await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'SN',
      votingRights: true,
    })
  ).body.id as string;
  const specs: Record<string, Record<string, unknown>> = {
    chair: { name: 'Chair', role: 'chair' },
    otherChair: { name: 'Another chair', role: 'chair' },
    headA: { name: 'Head A', role: 'head_of_delegation', delegationId: a },
    observer: { name: 'Observer', role: 'observer' },
  };
  for (const [who, input] of Object.entries(specs))
    people[who] = await participantClient(org, summitId, input);
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ chairId: people['chair']?.participant.id }),
    )
  ).body.id;
  for (const who of Object.keys(specs))
    sockets[who] = await connectSocket(app.baseUrl, people[who]?.client.cookie);
  sockets['org'] = await connectSocket(app.baseUrl, org.cookie);
  for (const s of Object.values(sockets)) await must(ask(s, 'session:watch', { sessionId }));
}, 60_000);

afterAll(async () => {
  for (const s of Object.values(sockets)) s.close();
  await app.close();
});

const socketOf = (who: string): TestSocket => {
  const s = sockets[who];
  if (s === undefined) throw new Error(`no socket for ${who}`);
  return s;
};
const act = (who: string, a: 'open' | 'suspend' | 'close') =>
  ask(socketOf(who), 'lifecycle:act', { sessionId, act: a });
const join = (who: string) => people[who]?.client.post(`/sessions/${sessionId}/join`);
const LIFECYCLE_ACTS = ['session.opened', 'session.suspended', 'session.resumed', 'session.closed'];
const nextChange = (who: string) =>
  new Promise<SessionProgress>((resolve) => socketOf(who).once('lifecycle:changed', resolve));

describe('MEET-2 a session’s life on the server', () => {
  it('before opening, a join gets a waiting answer and no LiveKit token', async () => {
    expect(await must(ask(socketOf('headA'), 'lifecycle:get', { sessionId }))).toMatchObject({
      state: 'scheduled',
      version: 0,
    });
    for (const who of ['headA', 'observer', 'chair']) {
      const r = await join(who);
      expect(r?.status, who).toBe(409);
      expect(r?.body).toMatchObject({ code: 'CONFLICT', detail: 'The session has not opened yet' });
      expect(JSON.stringify(r?.body)).not.toContain('participantToken');
    }
  });

  it('only this session’s chair or the secretariat may open it', async () => {
    for (const who of ['headA', 'otherChair', 'observer'])
      expect(await act(who, 'open'), who).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    // Not even the session's existence leaks through an act to an outsider.
    const bad = await ask(socketOf('headA'), 'lifecycle:act', { sessionId: 'x', act: 'open' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('the chair opens it: every watcher is told and joins get a token', async () => {
    const told = nextChange('observer');
    const opened = await must(act('chair', 'open'));
    expect(opened).toMatchObject({ state: 'open', version: 1 });
    expect(await told).toEqual(opened);
    const r = await join('headA');
    expect(r?.status).toBe(200);
    expect(typeof r?.body.participantToken).toBe('string');
    // A second open is a conflict with the state, not a second record entry.
    expect(await act('chair', 'open')).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('suspended: nobody holds a voice but the chair; resumed: the floor holder speaks again', async () => {
    const head = socketOf('headA');
    await must(
      ask(head, 'floor:command', {
        sessionId,
        command: { type: 'request', kind: 'statement' },
      }),
    );
    await must(
      ask(socketOf('chair'), 'floor:command', {
        sessionId,
        command: { type: 'grantNext' },
      }),
    );
    expect(videoGrantOf((await join('headA'))?.body.participantToken).canPublish).toBe(true);
    await must(act('org', 'suspend'));
    expect(videoGrantOf((await join('headA'))?.body.participantToken).canPublish).toBe(false);
    expect(videoGrantOf((await join('chair'))?.body.participantToken).canPublish).toBe(true);
    await must(act('chair', 'open'));
    expect(videoGrantOf((await join('headA'))?.body.participantToken)).toMatchObject({
      canPublish: true,
      canPublishSources: ['camera', 'microphone'],
    });
  });

  it('closed: every join is refused with 403, nobody may stay in the room, and closed is final', async () => {
    const identity = `p-${people['headA']?.participant.id ?? ''}`;
    // The room guard checks every join webhook and sweeps the rooms: while open, people stay.
    expect(await app.application.roomGuard.mayStay(sessionId, identity)).toBe(true);
    const told = nextChange('headA');
    await must(act('chair', 'close'));
    expect((await told).state).toBe('closed');
    for (const who of ['headA', 'observer', 'chair']) {
      const r = await join(who);
      expect(r?.status, who).toBe(403);
      expect(r?.body.code).toBe('FORBIDDEN');
    }
    // A client reconnecting with a token it still holds is removed again.
    expect(await app.application.roomGuard.mayStay(sessionId, identity)).toBe('session closed');
    const again = await org.post(`/sessions/${sessionId}/join`);
    expect(again.status).toBe(403);
    for (const a of ['open', 'suspend', 'close'] as const)
      expect(await act('org', a)).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('each change is in the hash-chained record, in order, with who made it', async () => {
    const record = await org.get(`/summits/${summitId}/record`);
    expect(record.body.chainValid).toBe(true);
    const acts = (
      record.body.entries as {
        act: string;
        actor: { kind: string; id: string };
        subject: { id: string };
        changes: Record<string, unknown>;
      }[]
    ).filter((e) => LIFECYCLE_ACTS.includes(e.act) && e.subject.id === sessionId);
    expect(acts.map((e) => [e.act, e.changes['from'], e.changes['to'], e.actor.kind])).toEqual([
      ['session.opened', 'scheduled', 'open', 'participant'],
      ['session.suspended', 'open', 'suspended', 'organiser'],
      ['session.resumed', 'suspended', 'open', 'participant'],
      ['session.closed', 'open', 'closed', 'participant'],
    ]);
    expect(acts[0]?.actor.id).toBe(people['chair']?.participant.id);
  });
});

describe('MEET-3 the chair’s tools on the server', () => {
  it('mute: refused to anyone but the chair; a person publishing nothing is a conflict', async () => {
    const other = (
      await org.post(
        `/summits/${summitId}/sessions`,
        sessionInput({ chairId: people['chair']?.participant.id }),
      )
    ).body.id as string;
    await openSessions(app.baseUrl, org, other);
    const target = people['headA']?.participant.id ?? '';
    expect(
      await ask(socketOf('headA'), 'chair:mute', { sessionId: other, participantId: target }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(
      await ask(socketOf('chair'), 'chair:mute', { sessionId: other, participantId: target }),
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('FLOOR-4 with MEET-3: the chair sets the current agenda item, one of this session’s; the reply count starts again', async () => {
    const session = (
      await org.post(
        `/summits/${summitId}/sessions`,
        sessionInput({ chairId: people['chair']?.participant.id }),
      )
    ).body.id as string;
    await openSessions(app.baseUrl, org, session);
    const item = async (sid: string, title: string) =>
      (
        await org.post(`/sessions/${sid}/agenda-items`, {
          title: { en: title },
          kind: 'debate',
          allottedMinutes: 30,
        })
      ).body.id as string;
    const [first, second, elsewhere] = [
      await item(session, 'General debate'),
      await item(session, 'Draft declaration'),
      await item(sessionId, 'Another session’s item'),
    ];
    const chair = socketOf('chair');
    const head = socketOf('headA');
    const floor = (s: TestSocket, command: FloorCommand) =>
      ask(s, 'floor:command', { sessionId: session, command });
    await must(floor(chair, { type: 'setAgendaItem', agendaItemId: first }));
    for (let i = 0; i < 2; i += 1) {
      await must(floor(head, { type: 'request', kind: 'right_of_reply' }));
      await must(floor(chair, { type: 'grantNext' }));
      await must(floor(head, { type: 'yield' }));
    }
    expect(await floor(head, { type: 'request', kind: 'right_of_reply' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await floor(chair, { type: 'setAgendaItem', agendaItemId: elsewhere })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await floor(head, { type: 'setAgendaItem', agendaItemId: second })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const moved = await must(floor(chair, { type: 'setAgendaItem', agendaItemId: second }));
    expect(moved.floor.agendaItemId).toBe(second);
    expect(await floor(head, { type: 'request', kind: 'right_of_reply' })).toMatchObject({
      ok: true,
    });
  });

  it('VOTE-6 within MEET-3: the chair sees how many voted while the vote is open, and nothing else', async () => {
    const world = await buildVoteWorld(app, 4);
    await openSessions(app.baseUrl, world.org, world.sessionId);
    await connectHeads(app, stack.livekit, world, world.delegations);
    const chair = await connectSocket(app.baseUrl, world.chair.client.cookie);
    const head = await connectSocket(app.baseUrl, world.delegations[0]?.head.client.cookie);
    try {
      const motionId = await createMotion(world, { ballot: 'secret' });
      const counts: Turnout[] = [];
      chair.on('turnout:changed', (t) => counts.push(t));
      let headHeard = 0;
      head.on('turnout:changed', () => (headHeard += 1));
      expect((await world.chair.client.post(`/motions/${motionId}/open`)).status).toBe(200);
      await expect.poll(() => counts.at(-1)?.voted).toBe(0);
      for (const d of world.delegations.slice(0, 3)) {
        const r = await d.head.client.post(`/motions/${motionId}/ballots`, {
          choice: 'yes',
          ballotKey: ballotKey(),
        });
        expect(r.status).toBe(200);
      }
      await expect
        .poll(() => counts.at(-1))
        .toEqual({
          sessionId: world.sessionId,
          motionId,
          voted: 3,
          eligible: 4,
        });
      expect(await must(ask(chair, 'turnout:get', { motionId }))).toMatchObject({
        voted: 3,
        eligible: 4,
      });
      // Counts only, for the presiding officer only.
      expect(Object.keys(counts[0] ?? {}).sort()).toEqual([
        'eligible',
        'motionId',
        'sessionId',
        'voted',
      ]);
      expect(await ask(head, 'turnout:get', { motionId })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(headHeard).toBe(0);
      expect((await world.chair.client.post(`/motions/${motionId}/close`)).status).toBe(200);
      expect(await ask(chair, 'turnout:get', { motionId })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
      // A consensus motion's count is its result: sealed like it.
      const consensus = await createMotion(world, {
        majority: 'consensus',
        silenceSeconds: 600,
      });
      await world.chair.client.post(`/motions/${consensus}/open`);
      expect(await ask(chair, 'turnout:get', { motionId: consensus })).toMatchObject({
        ok: false,
        error: { code: 'CONFLICT' },
      });
    } finally {
      chair.close();
      head.close();
    }
  });
});
