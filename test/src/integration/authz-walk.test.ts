import { randomBytes } from 'node:crypto';
import { ACTIONS, Role, can, type Action } from '@majlis/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { communiqueFixture, type CommuniqueFixture } from '../harness/communiques.ts';
import { deliverPresence } from '../harness/presence.ts';
import {
  ApiClient,
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
} from '../harness/api.ts';
import { startTestMailpit } from '../harness/mail.ts';
import { openSessions } from '../harness/sessions.ts';

const stack = inject('stack');

interface Fixture {
  summitId: string;
  sessionId: string;
  agendaItemId: string;
  targetId: string;
  delegationId: string;
  delegateId: string;
  /** Votes: a draft to open, an open one to cast on and read, an open one to close. */
  draftMotionId: string;
  openMotionId: string;
  closeMotionId: string;
  /** Communiqués (COMM-2, COMM-3, COMM-5): drafts, approvals and a key per the role that acts. */
  comm: CommuniqueFixture;
  /** ACCT-3: one of each that nothing depends on, for the secretariat to delete. */
  /** ACCT-1: a participant with an address, for the invitation sent by mail. */
  mailTargetId: string;
  spare: {
    summitId: string;
    sessionId: string;
    agendaItemId: string;
    delegationId: string;
    participantId: string;
  };
}
type Call = { method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; body?: unknown };

const STATES = [
  'AR',
  'BD',
  'CL',
  'DK',
  'EG',
  'FI',
  'GH',
  'HU',
  'ID',
  'JO',
  'KZ',
  'LB',
  'MA',
  'NP',
  'OM',
  'PE',
  'QA',
  'RW',
  'SN',
  'TH',
];
let stateIndex = 0;

/** How to call each protected operation with valid input; only the role varies. */
const CALLS: Record<string, (f: Fixture, role: Role) => Call> = {
  listSummits: () => ({ method: 'GET', path: '/summits' }),
  createSummit: () => ({ method: 'POST', path: '/summits', body: summitInput() }),
  getSummit: (f) => ({ method: 'GET', path: `/summits/${f.summitId}` }),
  updateSummit: (f) => ({
    method: 'PATCH',
    path: `/summits/${f.summitId}`,
    body: { title: { en: 'Renamed' } },
  }),
  createSession: (f) => ({
    method: 'POST',
    path: `/summits/${f.summitId}/sessions`,
    body: sessionInput(),
  }),
  listSessions: (f) => ({ method: 'GET', path: `/summits/${f.summitId}/sessions` }),
  getSession: (f) => ({ method: 'GET', path: `/sessions/${f.sessionId}` }),
  createAgendaItem: (f) => ({
    method: 'POST',
    path: `/sessions/${f.sessionId}/agenda-items`,
    body: { title: { en: 'Item' }, kind: 'debate', allottedMinutes: 10 },
  }),
  listAgendaItems: (f) => ({ method: 'GET', path: `/sessions/${f.sessionId}/agenda-items` }),
  updateAgendaItem: (f) => ({
    method: 'PATCH',
    path: `/agenda-items/${f.agendaItemId}`,
    body: { allottedMinutes: 20 },
  }),
  createDelegation: (f) => ({
    method: 'POST',
    path: `/summits/${f.summitId}/delegations`,
    body: { kind: 'state', code: STATES[stateIndex++ % STATES.length], votingRights: true },
  }),
  listDelegations: (f) => ({ method: 'GET', path: `/summits/${f.summitId}/delegations` }),
  createParticipant: (f) => ({
    method: 'POST',
    path: `/summits/${f.summitId}/participants`,
    body: { name: 'Guest', role: 'observer' },
  }),
  listParticipants: (f) => ({ method: 'GET', path: `/summits/${f.summitId}/participants` }),
  createInvitation: (f) => ({
    method: 'POST',
    path: `/participants/${f.targetId}/invitations`,
    body: {},
  }),
  revokeParticipant: (f) => ({ method: 'POST', path: `/participants/${f.targetId}/revoke` }),
  exportSchedule: (f) => ({ method: 'GET', path: `/summits/${f.summitId}/schedule.ics` }),
  getRecord: (f) => ({ method: 'GET', path: `/summits/${f.summitId}/record` }),
  joinSession: (f) => ({ method: 'POST', path: `/sessions/${f.sessionId}/join` }),
  getPresence: (f) => ({ method: 'GET', path: `/sessions/${f.sessionId}/presence` }),
  createMotion: (f) => ({
    method: 'POST',
    path: `/sessions/${f.sessionId}/motions`,
    body: {
      agendaItemId: f.agendaItemId,
      text: { en: 'Motion' },
      majority: 'simple',
      ballot: 'recorded',
    },
  }),
  listMotions: (f) => ({ method: 'GET', path: `/sessions/${f.sessionId}/motions` }),
  getMotion: (f) => ({ method: 'GET', path: `/motions/${f.openMotionId}` }),
  openMotion: (f) => ({ method: 'POST', path: `/motions/${f.draftMotionId}/open` }),
  closeMotion: (f) => ({ method: 'POST', path: `/motions/${f.closeMotionId}/close` }),
  // Head and designated alternate send the same recorded ballot: the second is its retry.
  castBallot: (f) => ({
    method: 'POST',
    path: `/motions/${f.openMotionId}/ballots`,
    body: { choice: 'yes', ballotKey: 'authz-walk-ballot-key-000' },
  }),
  checkReceipt: (f) => ({
    method: 'GET',
    path: `/motions/${f.openMotionId}/receipts/0000-0000-0000-0000-0000`,
  }),
  getAlternate: (f) => ({ method: 'GET', path: `/delegations/${f.delegationId}/alternate` }),
  designateAlternate: (f) => ({
    method: 'POST',
    path: `/delegations/${f.delegationId}/alternate`,
    body: { participantId: f.delegateId },
  }),
  getSessionReach: (f) => ({ method: 'GET', path: `/sessions/${f.sessionId}/reach` }),
  getSummitReach: (f) => ({ method: 'GET', path: `/summits/${f.summitId}/reach` }),
  exportReachCsv: (f) => ({
    method: 'GET',
    path: `/sessions/${f.sessionId}/reach.csv?table=channels`,
  }),
  getAttendance: (f) => ({ method: 'GET', path: `/sessions/${f.sessionId}/attendance` }),
  getSpeakingTime: (f) => ({ method: 'GET', path: `/sessions/${f.sessionId}/speaking-time` }),
  getSummaryRecord: (f) => ({
    method: 'GET',
    path: `/sessions/${f.sessionId}/summary-record?language=en`,
  }),
  verifyRecord: (f) => ({ method: 'GET', path: `/summits/${f.summitId}/record/verification` }),
  createCommunique: (f) => ({
    method: 'POST',
    path: `/summits/${f.summitId}/communiques`,
    body: { versions: { en: { title: 'Walk', body: 'Walk text' } } },
  }),
  listCommuniques: (f) => ({ method: 'GET', path: `/summits/${f.summitId}/communiques` }),
  getCommunique: (f) => ({ method: 'GET', path: `/communiques/${f.comm.publishedId}` }),
  updateCommunique: (f) => ({
    method: 'PATCH',
    path: `/communiques/${f.comm.summitDraftId}`,
    body: { releaseAt: null },
  }),
  // The head approves and publishes their delegation's; the secretariat the summit's.
  approveCommunique: (f, role) => ({
    method: 'POST',
    path: `/communiques/${role === 'head_of_delegation' ? f.comm.delegationToApproveId : f.comm.summitToApproveId}/approve`,
  }),
  publishCommunique: (f, role) => ({
    method: 'POST',
    path: `/communiques/${role === 'head_of_delegation' ? f.comm.delegationApprovedId : f.comm.summitApprovedId}/publish`,
  }),
  logClaim: (f) => ({
    method: 'POST',
    path: `/summits/${f.summitId}/claims`,
    body: {
      text: 'A rumour',
      seenAt: 'https://example.org/rumour',
      firstSeenAt: '2027-02-10T06:00:00.000Z',
      language: 'en',
    },
  }),
  listClaims: (f) => ({ method: 'GET', path: `/summits/${f.summitId}/claims` }),
  rotateIssuerKey: (f) => ({
    method: 'POST',
    path: `/summits/${f.summitId}/signing-keys/rotate`,
    body: { issuer: { kind: 'summit', id: f.summitId } },
  }),
  revokeIssuerKey: (f) => ({ method: 'POST', path: `/signing-keys/${f.comm.keyId}/revoke` }),
  // ACCT-3 corrections.
  deleteSummit: (f) => ({ method: 'DELETE', path: `/summits/${f.spare.summitId}` }),
  updateSession: (f) => ({
    method: 'PATCH',
    path: `/sessions/${f.sessionId}`,
    body: { interpretationLanguages: ['fr', 'ar'] },
  }),
  deleteSession: (f) => ({ method: 'DELETE', path: `/sessions/${f.spare.sessionId}` }),
  deleteAgendaItem: (f) => ({ method: 'DELETE', path: `/agenda-items/${f.spare.agendaItemId}` }),
  updateDelegation: (f) => ({
    method: 'PATCH',
    path: `/delegations/${f.delegationId}`,
    body: { votingRights: true },
  }),
  deleteDelegation: (f) => ({ method: 'DELETE', path: `/delegations/${f.spare.delegationId}` }),
  updateParticipant: (f) => ({
    method: 'PATCH',
    path: `/participants/${f.targetId}`,
    body: { languages: ['en'] },
  }),
  deleteParticipant: (f) => ({ method: 'DELETE', path: `/participants/${f.spare.participantId}` }),
  mailInvitation: (f) => ({
    method: 'POST',
    path: `/participants/${f.mailTargetId}/invitations/mail`,
    body: { expiresInHours: 24 },
  }),
};

let app: RunningApp;
let stopMailpit: () => Promise<void>;
let fixture: Fixture;
const clients = new Map<Role, ApiClient>();
let protectedOps: { operationId: string; action: Action }[] = [];

beforeAll(async () => {
  const { mailpit, mailer } = await startTestMailpit();
  stopMailpit = () => mailpit.child.stop();
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit, mailer });
  const org = await organiserClient(app);
  clients.set('organiser', org);
  const summitId = (await org.post('/summits', summitInput())).body.id as string;
  const delegationId = (
    await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'NG',
      votingRights: true,
    })
  ).body.id as string;
  const people: Record<Exclude<Role, 'organiser'>, Record<string, unknown>> = {
    chair: { name: 'Chair', role: 'chair' },
    head_of_delegation: {
      name: 'Head',
      role: 'head_of_delegation',
      delegationId,
      rank: 'head_of_state',
    },
    delegate: { name: 'Delegate', role: 'delegate', delegationId },
    adviser: { name: 'Adviser', role: 'adviser', delegationId },
    interpreter: { name: 'Interpreter', role: 'interpreter', boothLanguage: 'fr' },
    observer: { name: 'Observer', role: 'observer' },
    press: { name: 'Press', role: 'press' },
    spokesperson: { name: 'Spokesperson', role: 'spokesperson' },
  };
  const ids = new Map<Role, string>();
  for (const [role, input] of Object.entries(people) as [
    Exclude<Role, 'organiser'>,
    Record<string, unknown>,
  ][]) {
    const { client, participant } = await participantClient(org, summitId, input);
    clients.set(role, client);
    ids.set(role, participant.id);
  }
  const sessionId = (
    await org.post(`/summits/${summitId}/sessions`, sessionInput({ chairId: ids.get('chair') }))
  ).body.id as string;
  const agendaItemId = (
    await org.post(`/sessions/${sessionId}/agenda-items`, {
      title: { en: 'Opening' },
      kind: 'opening',
      allottedMinutes: 15,
    })
  ).body.id as string;
  const targetId = (
    await org.post(`/summits/${summitId}/participants`, { name: 'Target', role: 'observer' })
  ).body.id as string;
  // Delegations the walk creates also vote in the plenary; the draft to open sits in a
  // closed session of this delegation alone, so its quorum stays one connected delegation.
  const voteSessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ kind: 'closed', chairId: ids.get('chair'), delegationIds: [delegationId] }),
    )
  ).body.id as string;
  // MEET-2: joining is asked of open sessions.
  await openSessions(app.baseUrl, org, sessionId, voteSessionId);
  const voteItemId = (
    await org.post(`/sessions/${voteSessionId}/agenda-items`, {
      title: { en: 'Vote' },
      kind: 'vote',
      allottedMinutes: 15,
    })
  ).body.id as string;
  const motion = async (who: ApiClient, inSession = sessionId, item = agendaItemId) =>
    (
      await who.post(`/sessions/${inSession}/motions`, {
        agendaItemId: item,
        text: { en: 'Walk motion' },
        majority: 'simple',
        ballot: 'recorded',
        changeable: true,
      })
    ).body.id as string;
  const chair = clients.get('chair') as ApiClient;
  const [draftMotionId, openMotionId, closeMotionId] = [
    await motion(org, voteSessionId, voteItemId),
    await motion(org),
    await motion(org),
  ];
  // VOTE-4: the one voting delegation is connected (a signed LiveKit webhook), so votes open.
  for (const s of [sessionId, voteSessionId])
    await deliverPresence(app.baseUrl, stack.livekit, s, [ids.get('head_of_delegation') ?? '']);
  for (const id of [openMotionId, closeMotionId]) {
    const opened = await chair.post(`/motions/${id}/open`);
    if (opened.status !== 200) throw new Error(`open failed: ${JSON.stringify(opened.body)}`);
  }
  const delegateId = ids.get('delegate') ?? '';
  await (clients.get('head_of_delegation') as ApiClient).post(
    `/delegations/${delegationId}/alternate`,
    { participantId: delegateId },
  );
  const comm = await communiqueFixture(
    org,
    clients.get('spokesperson') as ApiClient,
    clients.get('head_of_delegation') as ApiClient,
    summitId,
    delegationId,
  );
  const spare = {
    summitId: (await org.post('/summits', summitInput())).body.id as string,
    sessionId: (await org.post(`/summits/${summitId}/sessions`, sessionInput())).body.id as string,
    agendaItemId: (
      await org.post(`/sessions/${sessionId}/agenda-items`, {
        title: { en: 'Spare' },
        kind: 'debate',
        allottedMinutes: 5,
      })
    ).body.id as string,
    delegationId: (
      await org.post(`/summits/${summitId}/delegations`, {
        kind: 'state',
        code: 'ZM',
        votingRights: false,
      })
    ).body.id as string,
    participantId: (
      await org.post(`/summits/${summitId}/participants`, { name: 'Spare', role: 'observer' })
    ).body.id as string,
  };
  const mailTargetId = (
    await org.post(`/summits/${summitId}/participants`, {
      name: 'Mail target',
      email: 'mail-target@example.org',
      role: 'observer',
    })
  ).body.id as string;
  fixture = {
    mailTargetId,
    spare,
    comm,
    summitId,
    sessionId,
    agendaItemId,
    targetId,
    delegationId,
    delegateId,
    draftMotionId,
    openMotionId,
    closeMotionId,
  };

  const doc = (await org.get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, { operationId: string; 'x-majlis-action': string }>>;
  };
  protectedOps = Object.values(doc.paths)
    .flatMap((ops) => Object.values(ops))
    .filter((op) => op['x-majlis-action'] !== 'public')
    .map((op) => ({ operationId: op.operationId, action: op['x-majlis-action'] as Action }));
});
afterAll(async () => {
  await app.close();
  await stopMailpit();
});

describe('the role × action table, walked through the HTTP API', () => {
  it('covers every protected operation and every action', () => {
    expect(protectedOps.map((o) => o.operationId).sort()).toEqual(Object.keys(CALLS).sort());
    expect(new Set(protectedOps.map((o) => o.action))).toEqual(new Set(ACTIONS));
  });

  it('refuses every protected operation without a session (401)', async () => {
    const anonymous = new ApiClient(app.baseUrl);
    for (const op of protectedOps) {
      const call: Call = (CALLS[op.operationId] ?? ((): Call => ({ method: 'GET', path: '/' })))(
        fixture,
        'organiser',
      );
      const r = await anonymous.call(call.method, call.path, call.body);
      expect(r.status, `${op.operationId} anonymous`).toBe(401);
    }
  });

  // Revocation last: it changes the target, not the actors.
  for (const role of Role.options) {
    it(`${role}: every allow succeeds and every deny is 403`, async () => {
      const client = clients.get(role);
      if (client === undefined) throw new Error(`no client for ${role}`);
      const ordered = [...protectedOps].sort(
        (a, b) =>
          Number(a.operationId === 'revokeParticipant') -
          Number(b.operationId === 'revokeParticipant'),
      );
      for (const op of ordered) {
        const make = CALLS[op.operationId];
        if (make === undefined) throw new Error(`no call for ${op.operationId}`);
        const call = make(fixture, role);
        const r = await client.call(call.method, call.path, call.body);
        if (can(role, op.action)) {
          expect(
            r.status,
            `${role} ${op.operationId}: ${JSON.stringify(r.body)}`,
          ).toBeGreaterThanOrEqual(200);
          expect(r.status, `${role} ${op.operationId}: ${JSON.stringify(r.body)}`).toBeLessThan(
            300,
          );
        } else {
          expect(r.status, `${role} ${op.operationId}`).toBe(403);
          expect(r.body.code).toBe('FORBIDDEN');
        }
      }
      if (can(role, 'participant:revoke')) {
        // Fresh target for the next role that may revoke.
        fixture.targetId = (
          await client.post(`/summits/${fixture.summitId}/participants`, {
            name: `T-${randomBytes(2).toString('hex')}`,
            role: 'observer',
          })
        ).body.id;
      }
    });
  }
});

describe('visibility inside the summit', () => {
  it('hides closed sessions from observers and press, and contact details from participants', async () => {
    const org = clients.get('organiser') as ApiClient;
    const closed = (
      await org.post(
        `/summits/${fixture.summitId}/sessions`,
        sessionInput({ kind: 'closed', title: { en: 'Closed consultations' } }),
      )
    ).body;
    for (const role of ['observer', 'press'] as const) {
      const c = clients.get(role) as ApiClient;
      expect((await c.get(`/sessions/${closed.id}`)).status).toBe(404);
      const list = await c.get(`/summits/${fixture.summitId}/sessions`);
      expect(list.body.items.map((s: { id: string }) => s.id)).not.toContain(closed.id);
    }
    expect(
      (await (clients.get('delegate') as ApiClient).get(`/sessions/${closed.id}`)).status,
    ).toBe(200);
    const withEmail = await org.post(`/summits/${fixture.summitId}/participants`, {
      name: 'Has Email',
      email: 'private@example.org',
      role: 'observer',
    });
    const seen = await (clients.get('delegate') as ApiClient).get(
      `/summits/${fixture.summitId}/participants?limit=200`,
    );
    expect(JSON.stringify(seen.body)).not.toContain('private@example.org');
    expect(withEmail.status).toBe(201);
  });

  it('keeps a participant inside their own summit', async () => {
    const org = clients.get('organiser') as ApiClient;
    const other = (await org.post('/summits', summitInput())).body;
    const delegate = clients.get('delegate') as ApiClient;
    expect((await delegate.get(`/summits/${other.id}`)).status).toBe(404);
    const mine = await delegate.get('/summits');
    expect(mine.body.items.map((s: { id: string }) => s.id)).toEqual([fixture.summitId]);
  });
});
