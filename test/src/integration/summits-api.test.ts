import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { organiserClient, sessionInput, summitInput, type ApiClient } from '../harness/api.ts';

const stack = inject('stack');
let app: RunningApp;
let org: ApiClient;

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  org = await organiserClient(app);
});
afterAll(async () => app.close());

describe('summits: create, read, update (real Redis)', () => {
  it('creates a draft summit with an ETag and reads it back', async () => {
    const created = await org.post('/summits', summitInput());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      version: 1,
      host: 'ET',
      timeZone: 'Africa/Addis_Ababa',
    });
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await org.get(`/summits/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    const list = await org.get('/summits?limit=200');
    expect(list.body.items.map((s: { id: string }) => s.id)).toContain(created.body.id);
  });

  it('updates with If-Match and refuses a stale If-Match with 412', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const first = await org.patch(
      `/summits/${s.id}`,
      { status: 'scheduled' },
      { 'if-match': '"1"' },
    );
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'scheduled', version: 2 });
    expect(first.headers.get('etag')).toBe('"2"');
    // A second organiser still holding version 1 must not overwrite silently.
    const stale = await org.patch(
      `/summits/${s.id}`,
      { title: { en: 'Other' } },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect((await org.get(`/summits/${s.id}`)).body.title.en).toBe('Summit on Water Security');
  });

  it('refuses an impossible status move', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const res = await org.patch(`/summits/${s.id}`, { status: 'live' });
    expect(res.status).toBe(409);
  });

  it.each([
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ host: 'ZZ' }, 'host'],
    [{ officialLanguages: ['de'] }, 'officialLanguages.0'],
    [{ endsAt: '2027-02-09T00:00:00.000Z' }, 'endsAt'],
    [{ title: {} }, 'title'],
    [{ startsAt: 'tomorrow' }, 'startsAt'],
  ])('answers bad input %o with 422 problem+json naming %s', async (override, field) => {
    const res = await org.post('/summits', summitInput(override));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('INVALID_PAYLOAD');
    expect(res.body.issues.map((i: { path: string }) => i.path)).toContain(field);
  });

  it('answers unknown ids with 404 and malformed ids with 422', async () => {
    expect((await org.get('/summits/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await org.get('/summits/not-an-id')).status).toBe(422);
    expect((await org.get('/sessions/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect(
      (await org.patch('/agenda-items/AAAAAAAAAAAAAAAAAAAAAA', { allottedMinutes: 5 })).status,
    ).toBe(404);
    expect((await org.post('/participants/AAAAAAAAAAAAAAAAAAAAAA/invitations', {})).status).toBe(
      404,
    );
  });
});

describe('sessions, agenda, delegations, participants', () => {
  let summitId: string;
  beforeAll(async () => {
    summitId = (await org.post('/summits', summitInput())).body.id;
  });

  it('creates sessions with a derived room name and lists them in start order', async () => {
    const late = await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ startsAt: '2027-02-11T07:00:00.000Z', endsAt: '2027-02-11T08:00:00.000Z' }),
    );
    const early = await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ roomName: 'chosen-by-user' }),
    );
    expect(early.status).toBe(201);
    expect(early.body.roomName).toBe(`session-${early.body.id}`);
    const list = await org.get(`/summits/${summitId}/sessions`);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([early.body.id, late.body.id]);
    expect((await org.get(`/sessions/${early.body.id}`)).body).toEqual(early.body);
  });

  it('requires exactly two delegations for a bilateral session', async () => {
    const res = await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ kind: 'bilateral', delegationIds: [] }),
    );
    expect(res.status).toBe(422);
    expect(res.body.issues[0].path).toBe('delegationIds');
  });

  it('keeps agenda order, moves an item by position, and paginates', async () => {
    const session = (await org.post(`/summits/${summitId}/sessions`, sessionInput())).body;
    const titles = ['Opening', 'General debate', 'Adoption', 'Closing'];
    const items = [];
    for (const t of titles) {
      const r = await org.post(`/sessions/${session.id}/agenda-items`, {
        title: { en: t },
        kind: 'debate',
        allottedMinutes: 30,
      });
      expect(r.status).toBe(201);
      items.push(r.body);
    }
    expect(items.map((i) => i.position)).toEqual([1, 2, 3, 4]);
    // Drag "Closing" between "Opening" and "General debate": one write.
    const moved = await org.patch(
      `/agenda-items/${items[3].id}`,
      { position: 1.5 },
      { 'if-match': '"1"' },
    );
    expect(moved.status).toBe(200);
    const page1 = await org.get(`/sessions/${session.id}/agenda-items?limit=2`);
    expect(page1.body.items.map((i: { title: { en: string } }) => i.title.en)).toEqual([
      'Opening',
      'Closing',
    ]);
    const page2 = await org.get(
      `/sessions/${session.id}/agenda-items?limit=2&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.items.map((i: { title: { en: string } }) => i.title.en)).toEqual([
      'General debate',
      'Adoption',
    ]);
    expect(page2.body.nextCursor).toBeNull();
    const stale = await org.patch(
      `/agenda-items/${items[3].id}`,
      { allottedMinutes: 5 },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
  });

  it('creates state and organisation delegations and refuses a duplicate without writing anything', async () => {
    const sa = await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'SA',
      votingRights: true,
    });
    expect(sa.status).toBe(201);
    const au = await org.post(`/summits/${summitId}/delegations`, {
      kind: 'organisation',
      code: 'AU',
      votingRights: false,
      name: { en: 'African Union', fr: 'Union africaine' },
    });
    expect(au.status).toBe(201);
    const before = await app.redis.client.keys('majlis:delegation:*');
    const dup = await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'SA',
      votingRights: true,
    });
    expect(dup.status).toBe(409);
    // Nothing half-written: no new delegation key, index unchanged.
    expect((await app.redis.client.keys('majlis:delegation:*')).length).toBe(before.length);
    const list = await org.get(`/summits/${summitId}/delegations`);
    expect(list.body.items.map((d: { code: string }) => d.code)).toEqual(['SA', 'AU']);
    const bad = await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'XX',
      votingRights: true,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0].path).toBe('code');
  });

  it('accredits participants; a delegate needs a delegation of this summit', async () => {
    const d = (
      await org.post(`/summits/${summitId}/delegations`, {
        kind: 'state',
        code: 'BR',
        votingRights: true,
      })
    ).body;
    const ok = await org.post(`/summits/${summitId}/participants`, {
      name: 'Ana Souza',
      email: 'ana@example.org',
      delegationId: d.id,
      role: 'head_of_delegation',
      rank: 'minister',
      languages: ['es', 'en'],
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'invited', role: 'head_of_delegation' });
    const missing = await org.post(`/summits/${summitId}/participants`, {
      name: 'No Delegation',
      role: 'delegate',
    });
    expect(missing.status).toBe(422);
    expect(missing.body.issues[0].path).toBe('delegationId');
    const foreign = await org.post(`/summits/${summitId}/participants`, {
      name: 'X',
      role: 'delegate',
      delegationId: 'AAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(foreign.status).toBe(422);
    const list = await org.get(`/summits/${summitId}/participants`);
    expect(list.body.items.some((p: { id: string }) => p.id === ok.body.id)).toBe(true);
  });
});

describe('atomic multi-key changes', () => {
  it('writes nothing when any check of a change fails', async () => {
    const before = await app.redis.client.dbSize();
    const result = await app.redis.commit({
      checks: [
        { key: 'majlis:test:absent-check', absent: true },
        { key: 'majlis:summit:AAAAAAAAAAAAAAAAAAAAAA', version: 1 },
      ],
      writes: [
        { op: 'set', key: 'majlis:test:a', value: '{}' },
        { op: 'zadd', key: 'majlis:test:z', score: 1, member: 'm' },
      ],
    });
    expect(result.status).toBe('not_found');
    expect(await app.redis.client.exists(['majlis:test:a', 'majlis:test:z'])).toBe(0);
    expect(await app.redis.client.dbSize()).toBe(before);
  });

  it('appends every change to the summit record, hash-chained', async () => {
    const s = (await org.post('/summits', summitInput())).body;
    await org.patch(`/summits/${s.id}`, { status: 'scheduled' });
    await org.post(`/summits/${s.id}/delegations`, {
      kind: 'state',
      code: 'JP',
      votingRights: true,
    });
    const record = await org.get(`/summits/${s.id}/record`);
    expect(record.status).toBe(200);
    expect(record.body.chainValid).toBe(true);
    expect(record.body.entries.map((e: { act: string }) => e.act)).toEqual([
      'summit.created',
      'summit.updated',
      'delegation.created',
    ]);
    expect(record.body.entries[1].changes.status).toEqual({ from: 'draft', to: 'scheduled' });
    expect(record.body.entries[1].prev).toBe(record.body.entries[0].hash);
    // Editing the last stored entry breaks the chain…
    const stream = `majlis:record:${s.id}`;
    const [last] = (await app.redis.client.xRevRange(stream, '+', '-', { COUNT: 1 })) ?? [];
    const entry = JSON.parse(String(last?.message['entry']));
    entry.changes.code = 'FR';
    await app.redis.client.xDel(stream, last?.id ?? '');
    await app.redis.client.xAdd(stream, '*', { entry: JSON.stringify(entry) });
    expect((await org.get(`/summits/${s.id}/record`)).body.chainValid).toBe(false);
    // …and so does removing an entry.
    const s2 = (await org.post('/summits', summitInput())).body;
    await org.patch(`/summits/${s2.id}`, { status: 'scheduled' });
    const [firstOf2] =
      (await app.redis.client.xRange(`majlis:record:${s2.id}`, '-', '+', { COUNT: 1 })) ?? [];
    await app.redis.client.xDel(`majlis:record:${s2.id}`, firstOf2?.id ?? '');
    expect((await org.get(`/summits/${s2.id}/record`)).body.chainValid).toBe(false);
  });
});
