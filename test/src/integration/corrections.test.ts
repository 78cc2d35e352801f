import { Problem } from '@majlis/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import {
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
  type ApiClient,
} from '../harness/api.ts';
import { openSessions } from '../harness/sessions.ts';

/**
 * ACCT-3 against real Redis: every correction honours If-Match (412 on a
 * stale ETag, nothing written), and a deletion that would orphan something
 * answers 409 with typed dependants; once they are gone it succeeds.
 */
const stack = inject('stack');
let app: RunningApp;
let org: ApiClient;

const del = (path: string, etag?: string) =>
  org.call('DELETE', path, undefined, etag === undefined ? {} : { 'if-match': etag });

/** The 409's dependants, read through the shared Problem schema. */
function dependantsOf(res: { status: number; body: unknown }) {
  expect(res.status).toBe(409);
  const problem = Problem.parse(res.body);
  expect(problem.code).toBe('CONFLICT');
  return Object.fromEntries((problem.dependants ?? []).map((d) => [d.kind, d.count]));
}

async function recordActs(summitId: string): Promise<string[]> {
  const r = await org.get(`/summits/${summitId}/record`);
  return (r.body.entries as { act: string }[]).map((e) => e.act);
}

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  org = await organiserClient(app);
});
afterAll(async () => app.close());

describe('ACCT-3 summits', () => {
  it('deletes an empty summit with its ETag; a stale ETag is 412 and it stays', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    await org.patch(`/summits/${s.id}`, { title: { fr: 'Sommet' } }, { 'if-match': '"1"' });
    const stale = await del(`/summits/${s.id}`, '"1"');
    expect(stale.status).toBe(412);
    expect((await org.get(`/summits/${s.id}`)).status).toBe(200);
    const gone = await del(`/summits/${s.id}`, '"2"');
    expect(gone.status).toBe(204);
    expect((await org.get(`/summits/${s.id}`)).status).toBe(404);
    const list = await org.get('/summits?limit=200');
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(s.id);
  });

  it('moves draft → scheduled → live → closed and refuses to delete a summit holding things (409)', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const { body: d } = await org.post(`/summits/${s.id}/delegations`, {
      kind: 'state',
      code: 'KE',
      votingRights: true,
    });
    await org.post(`/summits/${s.id}/sessions`, sessionInput());
    await org.post(`/summits/${s.id}/participants`, { name: 'A', role: 'observer' });
    await org.post(`/summits/${s.id}/participants`, {
      name: 'B',
      role: 'delegate',
      delegationId: d.id,
    });
    expect(dependantsOf(await del(`/summits/${s.id}`))).toEqual({
      session: 1,
      delegation: 1,
      participant: 2,
    });
    let version = 1;
    for (const status of ['scheduled', 'live', 'closed']) {
      const r = await org.patch(`/summits/${s.id}`, { status }, { 'if-match': `"${version}"` });
      expect(r.status, status).toBe(200);
      version = r.body.version;
    }
    expect((await org.patch(`/summits/${s.id}`, { status: 'live' })).status).toBe(409);
  });
});

describe('ACCT-3 sessions', () => {
  it('sets a chair on a session created without one, with If-Match; stale is 412', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const { body: session } = await org.post(`/summits/${s.id}/sessions`, sessionInput());
    expect(session.chairId).toBeNull();
    const { body: chair } = await org.post(`/summits/${s.id}/participants`, {
      name: 'Chair',
      role: 'chair',
    });
    const set = await org.patch(
      `/sessions/${session.id}`,
      { chairId: chair.id, interpretationLanguages: ['fr', 'ar'], endsAt: '2027-02-10T10:00:00Z' },
      { 'if-match': '"1"' },
    );
    expect(set.status).toBe(200);
    expect(set.headers.get('etag')).toBe('"2"');
    expect(set.body).toMatchObject({
      chairId: chair.id,
      interpretationLanguages: ['fr', 'ar'],
      kind: 'plenary',
      version: 2,
    });
    const stale = await org.patch(
      `/sessions/${session.id}`,
      { chairId: null },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);
    expect((await org.get(`/sessions/${session.id}`)).body.chairId).toBe(chair.id);
    expect(await recordActs(s.id)).toContain('session.updated');
  });

  it('checks a correction as strictly as a creation: not a chair, ends before it starts, a bilateral of one', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const { body: observer } = await org.post(`/summits/${s.id}/participants`, {
      name: 'O',
      role: 'observer',
    });
    const { body: session } = await org.post(`/summits/${s.id}/sessions`, sessionInput());
    const notChair = await org.patch(`/sessions/${session.id}`, { chairId: observer.id });
    expect(notChair.status).toBe(422);
    expect(notChair.body.issues[0].path).toBe('chairId');
    const backwards = await org.patch(`/sessions/${session.id}`, {
      endsAt: '2027-02-10T06:00:00Z',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.issues[0].path).toBe('endsAt');
    const { body: ke } = await org.post(`/summits/${s.id}/delegations`, {
      kind: 'state',
      code: 'KE',
      votingRights: true,
    });
    const { body: bilateral } = await org.post(
      `/summits/${s.id}/sessions`,
      sessionInput({ kind: 'bilateral', delegationIds: [ke.id, ke.id] }),
    );
    expect(bilateral.code ?? 'none').toBe('INVALID_PAYLOAD');
    const { body: closed } = await org.post(
      `/summits/${s.id}/sessions`,
      sessionInput({ kind: 'closed', delegationIds: [ke.id] }),
    );
    const { body: tz } = await org.post(`/summits/${s.id}/delegations`, {
      kind: 'state',
      code: 'TZ',
      votingRights: true,
    });
    const admitted = await org.patch(`/sessions/${closed.id}`, { delegationIds: [ke.id, tz.id] });
    expect(admitted.status).toBe(200);
    expect(admitted.body.delegationIds).toEqual([ke.id, tz.id]);
    // Once a closed session admits Tanzania, Tanzania cannot be deleted from under it.
    expect(dependantsOf(await del(`/delegations/${tz.id}`))).toEqual({ admitted_session: 1 });
  });

  it('refuses to delete a session with an agenda, motions or a past opening, then deletes an empty one', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const { body: session } = await org.post(`/summits/${s.id}/sessions`, sessionInput());
    const { body: item } = await org.post(`/sessions/${session.id}/agenda-items`, {
      title: { en: 'Vote' },
      kind: 'vote',
      allottedMinutes: 10,
    });
    await openSessions(app.baseUrl, org, session.id);
    const motion = await org.post(`/sessions/${session.id}/motions`, {
      agendaItemId: item.id,
      text: { en: 'Motion' },
      majority: 'simple',
      ballot: 'recorded',
    });
    expect(motion.status).toBe(201);
    expect(dependantsOf(await del(`/sessions/${session.id}`))).toEqual({
      agenda_item: 1,
      motion: 1,
      activity: 1,
    });
    expect(dependantsOf(await del(`/agenda-items/${item.id}`))).toEqual({ motion: 1 });

    const { body: spare } = await org.post(`/summits/${s.id}/sessions`, sessionInput());
    expect((await del(`/sessions/${spare.id}`, '"7"')).status).toBe(412);
    expect((await del(`/sessions/${spare.id}`, '"1"')).status).toBe(204);
    expect((await org.get(`/sessions/${spare.id}`)).status).toBe(404);
    const listed = await org.get(`/summits/${s.id}/sessions`);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual([session.id]);
    expect(await recordActs(s.id)).toContain('session.deleted');
  });
});

describe('ACCT-3 agenda items', () => {
  it('deletes a pending item with If-Match; refuses one taken up (activity)', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const { body: session } = await org.post(`/summits/${s.id}/sessions`, sessionInput());
    const add = (title: string) =>
      org.post(`/sessions/${session.id}/agenda-items`, {
        title: { en: title },
        kind: 'debate',
        allottedMinutes: 10,
      });
    const { body: first } = await add('First');
    const { body: second } = await add('Second');
    await org.patch(`/agenda-items/${first.id}`, { status: 'current' });
    expect(dependantsOf(await del(`/agenda-items/${first.id}`))).toEqual({ activity: 1 });
    await org.patch(`/agenda-items/${second.id}`, { allottedMinutes: 5 }, { 'if-match': '"1"' });
    expect((await del(`/agenda-items/${second.id}`, '"1"')).status).toBe(412);
    expect((await del(`/agenda-items/${second.id}`, '"2"')).status).toBe(204);
    const agenda = await org.get(`/sessions/${session.id}/agenda-items`);
    expect(agenda.body.items.map((x: { id: string }) => x.id)).toEqual([first.id]);
  });
});

describe('ACCT-3 delegations', () => {
  it('corrects a code (the old one is free again, a taken one is 409), with If-Match', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const mk = (code: string) =>
      org.post(`/summits/${s.id}/delegations`, { kind: 'state', code, votingRights: true });
    const { body: wrong } = await mk('AT');
    await mk('AU');
    const fixed = await org.patch(
      `/delegations/${wrong.id}`,
      { code: 'AM', votingRights: false },
      { 'if-match': '"1"' },
    );
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ code: 'AM', votingRights: false, version: 2 });
    expect((await org.patch(`/delegations/${wrong.id}`, { code: 'AU' })).status).toBe(409);
    expect(
      (await org.patch(`/delegations/${wrong.id}`, { votingRights: true }, { 'if-match': '"1"' }))
        .status,
    ).toBe(412);
    expect((await mk('AT')).status).toBe(201);
    expect((await mk('AM')).status).toBe(409);
    expect((await org.patch(`/delegations/${wrong.id}`, { code: 'SU' })).status).toBe(422);
  });

  it('refuses to delete a delegation with members (409 participant), deletes it once empty', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const { body: d } = await org.post(`/summits/${s.id}/delegations`, {
      kind: 'state',
      code: 'GH',
      votingRights: true,
    });
    const { body: p } = await org.post(`/summits/${s.id}/participants`, {
      name: 'Delegate',
      role: 'delegate',
      delegationId: d.id,
    });
    expect(dependantsOf(await del(`/delegations/${d.id}`))).toEqual({ participant: 1 });
    expect((await del(`/participants/${p.id}`)).status).toBe(204);
    expect((await del(`/delegations/${d.id}`, '"1"')).status).toBe(204);
    // The code is free again.
    const again = await org.post(`/summits/${s.id}/delegations`, {
      kind: 'state',
      code: 'GH',
      votingRights: true,
    });
    expect(again.status).toBe(201);
  });
});

describe('ACCT-3 participants', () => {
  it('corrects an accreditation with If-Match, keeping the address out of the record', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const { body: p } = await org.post(`/summits/${s.id}/participants`, {
      name: 'Amina Wako',
      email: 'amina@example.org',
      role: 'observer',
    });
    const r = await org.patch(
      `/participants/${p.id}`,
      { name: 'Amina Wako Dida', email: 'amina.dida@example.org', role: 'press' },
      { 'if-match': '"1"' },
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: 'Amina Wako Dida',
      email: 'amina.dida@example.org',
      role: 'press',
      version: 2,
    });
    expect(
      (await org.patch(`/participants/${p.id}`, { name: 'X' }, { 'if-match': '"1"' })).status,
    ).toBe(412);
    const record = JSON.stringify((await org.get(`/summits/${s.id}/record`)).body);
    expect(record).toContain('participant.updated');
    expect(record).not.toContain('amina.dida@example.org');
    // A delegate needs a delegation, as on creation.
    const bad = await org.patch(`/participants/${p.id}`, { role: 'delegate' });
    expect(bad.status).toBe(422);
    expect(bad.body.issues[0].path).toBe('delegationId');
  });

  it('refuses to delete a chair of a session or anyone who signed in (activity); revoked stays revoked', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const { body: chair } = await org.post(`/summits/${s.id}/participants`, {
      name: 'Chair',
      role: 'chair',
    });
    await org.post(`/summits/${s.id}/sessions`, sessionInput({ chairId: chair.id }));
    expect(dependantsOf(await del(`/participants/${chair.id}`))).toEqual({ chaired_session: 1 });
    // Nor may the chair stop being one while chairing.
    expect((await org.patch(`/participants/${chair.id}`, { role: 'observer' })).status).toBe(409);

    const { participant: active } = await participantClient(org, s.id, {
      name: 'Signed in',
      role: 'observer',
    });
    expect(dependantsOf(await del(`/participants/${active.id}`))).toEqual({ activity: 1 });
    await org.post(`/participants/${active.id}/revoke`);
    expect((await org.patch(`/participants/${active.id}`, { name: 'Back' })).status).toBe(409);

    const { body: unused } = await org.post(`/summits/${s.id}/participants`, {
      name: 'Unused',
      role: 'observer',
    });
    const inv = await org.post(`/participants/${unused.id}/invitations`, {});
    const token = new URL(inv.body.url as string).hash.replace('#token=', '');
    expect((await del(`/participants/${unused.id}`, '"1"')).status).toBe(204);
    // Its invitation went with it.
    const redeem = await org.post('/invitations/redeem', { token });
    expect(redeem.status).toBe(401);
  });
});

describe('ACCT-3 authorization', () => {
  it('lets no participant correct or delete', async () => {
    const { body: s } = await org.post('/summits', summitInput());
    const { client: chair, participant } = await participantClient(org, s.id, {
      name: 'Chair',
      role: 'chair',
    });
    expect((await chair.patch(`/participants/${participant.id}`, { name: 'Me' })).status).toBe(403);
    expect((await chair.call('DELETE', `/summits/${s.id}`)).status).toBe(403);
  });
});
