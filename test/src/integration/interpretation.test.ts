import type { InterpretationView, LanguageCode } from '@majlis/shared';
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
import { ask, askMalformed, connectSocket, must, type TestSocket } from '../harness/sockets.ts';

/** INTERP-1 through the API and Socket.IO: who may hand over, what the token then allows, what is recorded. */
const stack = inject('stack');

const grantOf = (jwt: string) =>
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
const id = (who: string) => people[who]?.participant.id ?? '';
const socket = (who: string): TestSocket => {
  const s = sockets[who];
  if (!s) throw new Error(`no socket for ${who}`);
  return s;
};
const handOver = (who: string, language: LanguageCode, to: string) =>
  ask(socket(who), 'interpretation:handover', { sessionId, language, to });
const tokenOf = async (who: string) => {
  const r = await people[who]?.client.post(`/sessions/${sessionId}/join`);
  if (r?.status !== 200) throw new Error(`join failed: ${JSON.stringify(r?.body)}`);
  return grantOf(r.body.participantToken as string);
};

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id;
  const delegation = (
    await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code: 'PE',
      votingRights: true,
    })
  ).body.id as string;
  const specs: Record<string, Record<string, unknown>> = {
    chair: { name: 'Chair', role: 'chair' },
    delegate: { name: 'Delegate', role: 'delegate', delegationId: delegation },
    observer: { name: 'Observer', role: 'observer' },
    frA: { name: 'Interpreter A', role: 'interpreter', boothLanguage: 'fr' },
    frB: { name: 'Interpreter B', role: 'interpreter', boothLanguage: 'fr' },
    es: { name: 'Interpreter E', role: 'interpreter', boothLanguage: 'es' },
    ru: { name: 'Interpreter R', role: 'interpreter', boothLanguage: 'ru' },
  };
  for (const [who, input] of Object.entries(specs))
    people[who] = await participantClient(org, summitId, input);
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ chairId: id('chair'), interpretationLanguages: ['fr', 'es'] }),
    )
  ).body.id;
  await openSessions(app.baseUrl, org, sessionId);
  for (const who of ['chair', 'delegate', 'observer', 'frA', 'frB', 'es'])
    sockets[who] = await connectSocket(app.baseUrl, people[who]?.client.cookie);
  sockets['org'] = await connectSocket(app.baseUrl, org.cookie);
});

afterAll(async () => {
  for (const s of Object.values(sockets)) s.close();
  await app.close();
});

describe('booths and hand-over (INTERP-1)', () => {
  it('lists each booth with its interpreters; nobody is on air at first, so no interpreter may publish', async () => {
    const view = await must(ask(socket('observer'), 'interpretation:get', { sessionId }));
    expect(view.booths.map((b) => b.language)).toEqual(['fr', 'es']);
    const fr = view.booths.find((b) => b.language === 'fr');
    expect(fr?.interpreters.map((i) => i.participantId).sort()).toEqual(
      [id('frA'), id('frB')].sort(),
    );
    expect(fr?.active).toBeNull();
    // The ru interpreter has no booth in this session.
    expect(view.booths.flatMap((b) => b.interpreters).map((i) => i.name)).not.toContain(
      'Interpreter R',
    );
    for (const who of ['frA', 'frB', 'es']) expect((await tokenOf(who)).canPublish).toBe(false);
  });

  it('a booth interpreter takes the seat: their token carries the microphone only, the partner’s nothing; watchers are told', async () => {
    const told = new Promise<InterpretationView>((resolve) => {
      socket('delegate').once('interpretation:changed', resolve);
    });
    await must(ask(socket('delegate'), 'session:watch', { sessionId }));
    const view = await must(handOver('frA', 'fr', id('frA')));
    expect(view.booths.find((b) => b.language === 'fr')).toMatchObject({
      active: id('frA'),
      activeIdentity: `p-${id('frA')}`,
    });
    expect((await told).version).toBe(view.version);
    expect(await tokenOf('frA')).toMatchObject({
      canPublish: true,
      canPublishSources: ['microphone'],
    });
    expect((await tokenOf('frB')).canPublish).toBe(false);
  });

  it('hand-over swaps the grants in one act, and is recorded with who did it', async () => {
    await must(handOver('frA', 'fr', id('frB')));
    expect((await tokenOf('frA')).canPublish).toBe(false);
    expect(await tokenOf('frB')).toMatchObject({
      canPublish: true,
      canPublishSources: ['microphone'],
    });
    const record = await org.get(`/summits/${summitId}/record`);
    const acts = (
      record.body.entries as {
        act: string;
        actor: { id: string };
        changes: Record<string, unknown>;
      }[]
    ).filter((e) => e.act === 'interpretation.handed_over');
    expect(acts.map((a) => [a.actor.id, a.changes])).toEqual([
      [id('frA'), { language: 'fr', from: null, to: id('frA') }],
      [id('frA'), { language: 'fr', from: id('frA'), to: id('frB') }],
    ]);
    expect(record.body.chainValid).toBe(true);
  });

  it.each<[string, string, LanguageCode, string, string]>([
    ['by a delegate', 'delegate', 'fr', 'frA', 'FORBIDDEN'],
    ['by an observer', 'observer', 'fr', 'frA', 'FORBIDDEN'],
    ['by another booth’s interpreter', 'es', 'fr', 'es', 'FORBIDDEN'],
    ['to someone outside the booth', 'frB', 'fr', 'es', 'INVALID_PAYLOAD'],
    ['into a booth the session lacks', 'chair', 'ru', 'ru', 'NOT_FOUND'],
  ])('refuses a hand-over %s', async (_what, who, language, to, code) => {
    const r = await handOver(who, language, id(to));
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('refuses a malformed command at the edge', async () => {
    const r = await askMalformed(socket('frA'), 'interpretation:handover', {
      sessionId,
      language: 'xx',
      to: 1,
    });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_PAYLOAD');
  });

  it('the chair and the secretariat may assign the live seat; repeating it records nothing new', async () => {
    await must(handOver('chair', 'fr', id('frA')));
    await must(handOver('org', 'fr', id('frA')));
    const acts = (
      (await org.get(`/summits/${summitId}/record`)).body.entries as { act: string }[]
    ).filter((e) => e.act === 'interpretation.handed_over');
    expect(acts).toHaveLength(3);
  });

  it('two hand-overs at once both land, one after the other, each recorded once', async () => {
    const [a, b] = await Promise.all([
      handOver('frA', 'fr', id('frB')),
      handOver('es', 'es', id('es')),
    ]);
    expect(a.ok && b.ok).toBe(true);
    const view = await must(ask(socket('chair'), 'interpretation:get', { sessionId }));
    expect(Object.fromEntries(view.booths.map((x) => [x.language, x.active]))).toEqual({
      fr: id('frB'),
      es: id('es'),
    });
    const record = await org.get(`/summits/${summitId}/record`);
    expect(
      (record.body.entries as { act: string }[]).filter(
        (e) => e.act === 'interpretation.handed_over',
      ),
    ).toHaveLength(5);
    expect(record.body.chainValid).toBe(true);
  });

  it('a listener’s channel must be the floor or one of the session’s languages', async () => {
    expect(
      await must(ask(socket('observer'), 'interpretation:listen', { sessionId, channel: 'fr' })),
    ).toEqual({
      channel: 'fr',
    });
    const r = await ask(socket('observer'), 'interpretation:listen', { sessionId, channel: 'ru' });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_PAYLOAD');
  });
});
