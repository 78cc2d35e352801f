import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import {
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
  type ApiClient,
} from '../harness/api.ts';
import { admitFromLobby } from '../harness/lobby.ts';
import { openSessions } from '../harness/sessions.ts';
import { ask, connectSocket, must } from '../harness/sockets.ts';

const stack = inject('stack');

const decode = (jwt: string) =>
  JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as {
    exp: number;
    nbf?: number;
    iat?: number;
    sub: string;
    metadata?: string;
    video: Record<string, unknown>;
  };

/** Re-signs a token's claims with another secret: what a forger without our key could make. */
function forge(jwt: string, secret: string): string {
  const [header, payload] = jwt.split('.');
  const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

const validate = (token: string) =>
  fetch(
    `${stack.livekit.url.replace(/^ws/, 'http')}/rtc/validate?access_token=${encodeURIComponent(token)}`,
  );

let app: RunningApp;
let org: ApiClient;
let summitId: string;
const clients: Record<string, ApiClient> = {};
const sessions: Record<string, string> = {};
let interpreterId: string;

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id;
  const d = async (code: string) =>
    (
      await org.post(`/summits/${summitId}/delegations`, {
        kind: 'state',
        code,
        votingRights: true,
      })
    ).body.id as string;
  const [a, b, c] = [await d('PK'), await d('IN'), await d('CN')];
  const people: Record<string, Record<string, unknown>> = {
    chair: { name: 'Chair', role: 'chair' },
    headA: { name: 'Head A', role: 'head_of_delegation', delegationId: a, rank: 'head_of_state' },
    delegateA: { name: 'Delegate A', role: 'delegate', delegationId: a },
    adviserA: { name: 'Adviser A', role: 'adviser', delegationId: a },
    delegateB: { name: 'Delegate B', role: 'delegate', delegationId: b },
    delegateC: { name: 'Delegate C', role: 'delegate', delegationId: c },
    interpreter: { name: 'Interpreter', role: 'interpreter', boothLanguage: 'fr' },
    observer: { name: 'Observer', role: 'observer' },
    press: { name: 'Press', role: 'press' },
  };
  const ids: Record<string, string> = {};
  for (const [key, input] of Object.entries(people)) {
    const { client, participant } = await participantClient(org, summitId, input);
    clients[key] = client;
    ids[key] = participant.id;
  }
  interpreterId = ids['interpreter'] ?? '';
  const make = async (kind: string, extra: Record<string, unknown> = {}) =>
    (
      await org.post(
        `/summits/${summitId}/sessions`,
        sessionInput({ kind, chairId: ids['chair'], interpretationLanguages: ['fr'], ...extra }),
      )
    ).body.id as string;
  sessions['plenary'] = await make('plenary');
  sessions['closed'] = await make('closed', { delegationIds: [a, b] });
  sessions['bilateral'] = await make('bilateral', { delegationIds: [a, b] });
  // MEET-2: what a role may do inside a session is asked of an open one.
  await openSessions(app.baseUrl, org, ...Object.values(sessions));
  // CONF-5: the members these tests send into the confidential sessions are let in from the lobby.
  const member = (who: string) => ({
    client: clients[who] as ApiClient,
    participantId: ids[who] ?? '',
  });
  await admitFromLobby(app.baseUrl, org, sessions['closed'] ?? '', [member('delegateB')]);
  await admitFromLobby(
    app.baseUrl,
    org,
    sessions['bilateral'] ?? '',
    ['headA', 'delegateB', 'adviserA'].map(member),
  );
});
afterAll(async () => app.close());

const join = (who: string, kind: string) =>
  (clients[who] as ApiClient).post(`/sessions/${sessions[kind]}/join`);

describe('joinSession: role-scoped LiveKit grants (FLOOR-1, ACCESS-2, ACCESS-3)', () => {
  it('gives observers and press subscribe-only, hidden tokens with no data publishing', async () => {
    for (const who of ['observer', 'press']) {
      const r = await join(who, 'plenary');
      expect(r.status).toBe(200);
      const { video } = decode(r.body.participantToken);
      expect(video).toMatchObject({
        roomJoin: true,
        room: `session-${sessions['plenary']}`,
        canSubscribe: true,
        canPublish: false,
        canPublishData: false,
        hidden: true,
      });
      expect(video['roomAdmin']).toBeFalsy();
    }
  });

  it('gives delegates and advisers no publishing in a plenary, but lets both delegations speak in a bilateral', async () => {
    for (const who of ['delegateA', 'adviserA', 'headA']) {
      expect(decode((await join(who, 'plenary')).body.participantToken).video).toMatchObject({
        canPublish: false,
        canSubscribe: true,
        hidden: false,
      });
    }
    for (const who of ['headA', 'delegateB']) {
      const v = decode((await join(who, 'bilateral')).body.participantToken).video;
      expect(v).toMatchObject({ canPublish: true, canPublishSources: ['camera', 'microphone'] });
    }
    // Advisers are never on the floor, bilateral or not.
    expect(decode((await join('adviserA', 'bilateral')).body.participantToken).video).toMatchObject(
      { canPublish: false },
    );
  });

  it('lets the chair publish with roomAdmin, and interpreters publish the microphone only, while on air (INTERP-1)', async () => {
    expect(decode((await join('chair', 'plenary')).body.participantToken).video).toMatchObject({
      canPublish: true,
      roomAdmin: true,
    });
    expect(
      decode((await join('interpreter', 'plenary')).body.participantToken).video,
    ).toMatchObject({ canPublish: false });
    const socket = await connectSocket(app.baseUrl, clients['interpreter']?.cookie);
    await must(
      ask(socket, 'interpretation:handover', {
        sessionId: sessions['plenary'] ?? '',
        language: 'fr',
        to: interpreterId,
      }),
    );
    socket.close();
    expect(
      decode((await join('interpreter', 'plenary')).body.participantToken).video,
    ).toMatchObject({ canPublish: true, canPublishSources: ['microphone'], canPublishData: false });
  });

  it('sets identity and metadata on the server, and tokens live at most 60 s (ACCESS-6)', async () => {
    const r = await join('headA', 'plenary');
    const claims = decode(r.body.participantToken);
    expect(claims.sub).toBe(r.body.participantIdentity);
    expect(r.body.participantIdentity).toMatch(/^p-/);
    expect(JSON.parse(claims.metadata ?? '{}')).toMatchObject({
      name: 'Head A',
      role: 'head_of_delegation',
      rank: 'head_of_state',
      delegation: { code: 'PK', kind: 'state' },
    });
    expect(claims.video['canUpdateOwnMetadata']).toBeFalsy();
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeLessThanOrEqual(60);
    expect(Date.parse(r.body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it('refuses a closed or bilateral session to observers, press and a third delegation with 404 and no token', async () => {
    for (const kind of ['closed', 'bilateral']) {
      for (const who of ['observer', 'press', 'delegateC']) {
        const r = await join(who, kind);
        // Answered as getSession answers (issue 19, item 8): joining cannot probe existence.
        expect(r.status, `${who} → ${kind}`).toBe(404);
        expect(r.body.code).toBe('NOT_FOUND');
        expect(JSON.stringify(r.body)).not.toMatch(/participantToken|eyJ/);
      }
    }
    expect((await join('delegateB', 'closed')).status).toBe(200);
  });

  it('LiveKit itself accepts our token and refuses one signed with a wrong key', async () => {
    const good = (await join('delegateA', 'plenary')).body.participantToken as string;
    expect((await validate(good)).status).toBe(200);
    const forged = forge(good, 'not-the-secret-not-the-secret-not-the-secret');
    const refused = await validate(forged);
    expect(refused.status).toBe(401);
  });

  it('refuses a revoked participant a new token', async () => {
    const { client, participant } = await participantClient(org, summitId, {
      name: 'Soon revoked',
      role: 'observer',
    });
    expect((await client.post(`/sessions/${sessions['plenary']}/join`)).status).toBe(200);
    await org.post(`/participants/${participant.id}/revoke`);
    expect((await client.post(`/sessions/${sessions['plenary']}/join`)).status).toBe(401);
  });
});
