import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { FloorCommand, ListeningChoice, RecordEntry, SessionReach } from '@majlis/shared';
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
import { presenceAt } from '../harness/reach.ts';
import { tempDir } from '../harness/services.ts';

const stack = inject('stack');
const exec = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Whole minutes from now: invitations and tokens stay valid under the test clock. */
const T0 = Math.floor(Date.now() / 60_000) * 60_000;
let nowMs = T0;
const clock = { now: () => new Date(nowMs) };
const at = (s: number) => new Date(T0 + s * 1000).toISOString();

/** A signed webhook stamped `second` seconds after T0. */
const webhook = (
  app: RunningApp,
  sessionId: string,
  participantId: string,
  event: 'participant_joined' | 'participant_left',
  second: number,
) => presenceAt(app.baseUrl, stack.livekit, sessionId, participantId, event, T0 + second * 1000);

interface Person {
  client: ApiClient;
  id: string;
  name: string;
}

let app: RunningApp;
let org: ApiClient;
let summitId: string;
let sessionId: string;
let closedSessionId: string;
let agendaItemId: string;
let fr: string;
let eg: string;
/** A, C observers and B press (the audience), D and E of France, G of Egypt, two chairs. */
let people: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'G' | 'chair' | 'otherChair', Person>;
const sockets: TestSocket[] = [];
let motionId: string;

// Distinctive names, so a scan for them cannot miss or misfire.
const OBSERVER_NAMES = {
  A: 'Zephyrine Quillfeather',
  B: 'Ottoline Marchbanks',
  C: 'Barnaby Thistlewood',
};

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit, clock });
  org = await organiserClient(app);
  summitId = (await org.post('/summits', summitInput())).body.id;
  const delegation = async (code: string) =>
    (
      await org.post(`/summits/${summitId}/delegations`, {
        kind: 'state',
        code,
        votingRights: true,
      })
    ).body.id as string;
  fr = await delegation('FR');
  eg = await delegation('EG');
  const person = async (input: Record<string, unknown>): Promise<Person> => {
    const { client, participant } = await participantClient(org, summitId, input);
    return { client, id: participant.id as string, name: input['name'] as string };
  };
  people = {
    A: await person({ name: OBSERVER_NAMES.A, role: 'observer' }),
    B: await person({ name: OBSERVER_NAMES.B, role: 'press' }),
    C: await person({ name: OBSERVER_NAMES.C, role: 'observer' }),
    D: await person({ name: 'Delphine Arnaud', role: 'delegate', delegationId: fr }),
    E: await person({
      name: 'Étienne Roux',
      role: 'head_of_delegation',
      delegationId: fr,
      rank: 'minister',
    }),
    G: await person({
      name: 'Gamal Hassan',
      role: 'head_of_delegation',
      delegationId: eg,
      rank: 'minister',
    }),
    chair: await person({ name: 'Chair Person', role: 'chair' }),
    otherChair: await person({ name: 'Other Chair', role: 'chair' }),
  };
  sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ chairId: people.chair.id, interpretationLanguages: ['fr', 'ar'] }),
    )
  ).body.id;
  closedSessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ kind: 'closed', chairId: people.chair.id, delegationIds: [fr] }),
    )
  ).body.id;
  agendaItemId = (
    await org.post(`/sessions/${sessionId}/agenda-items`, {
      title: { en: 'Water charter', fr: 'Charte de l’eau', ar: 'ميثاق المياه' },
      kind: 'debate',
      allottedMinutes: 30,
    })
  ).body.id;
  motionId = (
    await org.post(`/sessions/${sessionId}/motions`, {
      agendaItemId,
      text: {
        en: 'The Assembly adopts the water charter.',
        fr: 'L’Assemblée adopte la charte de l’eau.',
      },
      majority: 'simple',
      ballot: 'recorded',
    })
  ).body.id;

  const socket = async (p: Person) => {
    const s = await connectSocket(app.baseUrl, p.client.cookie);
    sockets.push(s);
    return s;
  };
  const [sa, sc, sg, sd, schair] = [
    await socket(people.A),
    await socket(people.C),
    await socket(people.G),
    await socket(people.D),
    await socket(people.chair),
  ];
  const floor = (s: TestSocket, command: FloorCommand) =>
    must(ask(s, 'floor:command', { sessionId, command }));
  const listen = (s: TestSocket, channel: ListeningChoice) =>
    must(ask(s, 'interpretation:listen', { sessionId, channel }));
  const join = (p: Person, s: number) => webhook(app, sessionId, p.id, 'participant_joined', s);
  const leave = (p: Person, s: number) => webhook(app, sessionId, p.id, 'participant_left', s);
  const tick = (s: number) => {
    nowMs = T0 + s * 1000;
  };

  // The script, in time order: presence from signed webhooks, channel choices
  // and the floor through Socket.IO, the vote through REST, each at its second.
  await join(people.A, 0);
  await join(people.D, 0);
  await join(people.G, 20);
  await join(people.B, 30);
  tick(60);
  await listen(sa, 'fr');
  await leave(people.B, 90);
  await join(people.B, 95); // back within 10 s: the same visit
  await join(people.C, 100);
  tick(105);
  await floor(schair, { type: 'setAgendaItem', agendaItemId });
  tick(110);
  await floor(sg, { type: 'request', kind: 'statement' });
  tick(120);
  await floor(schair, { type: 'grantNext' });
  await leave(people.C, 150);
  tick(185);
  await floor(sg, { type: 'yield' }); // Egypt spoke 65 s
  tick(190);
  await floor(sd, { type: 'request', kind: 'statement' });
  await join(people.C, 200); // back after 50 s: a new visit, the same viewer
  tick(200);
  await floor(schair, { type: 'grantNext' });
  tick(250);
  await listen(sc, 'ar');
  tick(290);
  await floor(schair, { type: 'revoke' }); // France spoke 90 s
  await leave(people.A, 300);
  await leave(people.B, 400);
  await join(people.E, 400);
  tick(450);
  const opened = await people.chair.client.post(`/motions/${motionId}/open`);
  if (opened.status !== 200) throw new Error(`open: ${JSON.stringify(opened.body)}`);
  for (const head of [people.E, people.G]) {
    const cast = await head.client.post(`/motions/${motionId}/ballots`, {
      choice: 'yes',
      ballotKey: randomBytes(18).toString('base64url'),
    });
    if (cast.status !== 200) throw new Error(`cast: ${JSON.stringify(cast.body)}`);
  }
  tick(460);
  const closed = await people.chair.client.post(`/motions/${motionId}/close`);
  if (closed.status !== 200) throw new Error(`close: ${JSON.stringify(closed.body)}`);
  await leave(people.D, 500);
  await leave(people.G, 580);
  tick(600);
}, 120_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await app.close();
});

describe('REACH-1 session reach from scripted presence (signed webhooks, injected clock)', () => {
  let reach: SessionReach;
  beforeAll(async () => {
    const r = await org.get(`/sessions/${sessionId}/reach`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    reach = r.body as SessionReach;
  });

  it('gives the exact unique, peak and watch figures, to the second', () => {
    expect(reach.window).toEqual({ from: at(0), until: at(600), reconnectGraceSeconds: 10 });
    expect(reach.audience).toEqual({
      uniqueViewers: 6,
      peakConcurrent: 5,
      peakAt: at(100),
      totalWatchMs: 2_380_000,
      medianWatchMs: 410_000,
    });
    expect(reach.uniqueObserversAndPress).toBe(3);
    expect(reach.byChannel).toEqual([
      {
        channel: 'floor',
        uniqueViewers: 6,
        peakConcurrent: 4,
        peakAt: at(30),
        totalWatchMs: 1_790_000,
        medianWatchMs: 285_000,
      },
      {
        channel: 'ar',
        uniqueViewers: 1,
        peakConcurrent: 1,
        peakAt: at(250),
        totalWatchMs: 350_000,
        medianWatchMs: 350_000,
      },
      {
        channel: 'fr',
        uniqueViewers: 1,
        peakConcurrent: 1,
        peakAt: at(60),
        totalWatchMs: 240_000,
        medianWatchMs: 240_000,
      },
    ]);
    expect(reach.byRole).toEqual([
      {
        role: 'observer',
        uniqueViewers: 2,
        peakConcurrent: 2,
        peakAt: at(100),
        totalWatchMs: 750_000,
        medianWatchMs: 375_000,
      },
      {
        role: 'press',
        uniqueViewers: 1,
        peakConcurrent: 1,
        peakAt: at(30),
        totalWatchMs: 370_000,
        medianWatchMs: 370_000,
      },
      {
        role: 'head_of_delegation',
        uniqueViewers: 2,
        peakConcurrent: 2,
        peakAt: at(400),
        totalWatchMs: 760_000,
        medianWatchMs: 380_000,
      },
      {
        role: 'delegate',
        uniqueViewers: 1,
        peakConcurrent: 1,
        peakAt: at(0),
        totalWatchMs: 500_000,
        medianWatchMs: 500_000,
      },
    ]);
    expect(reach.nowWatching).toEqual({
      total: 2,
      byChannel: [
        { channel: 'floor', viewers: 1 },
        { channel: 'ar', viewers: 1 },
      ],
    });
  });

  it('does not count a reconnect within 10 s as a new viewer', () => {
    expect(reach.byRole.find((r) => r.role === 'press')).toMatchObject({
      uniqueViewers: 1,
      totalWatchMs: 370_000,
    });
    expect(reach.sources).toContainEqual({
      source: 'presence',
      metric: 'reconnects',
      channel: null,
      value: 1,
    });
  });

  it('gives the summit figures across its sessions', async () => {
    const r = await org.get(`/summits/${summitId}/reach`);
    expect(r.status).toBe(200);
    expect(r.body.audience).toEqual(reach.audience);
    expect(r.body.sessions).toContainEqual({ sessionId, ...reach.audience });
  });

  it('names no observer anywhere in any reach response (scan)', async () => {
    const needles = [...Object.values(OBSERVER_NAMES), people.A.id, people.B.id, people.C.id];
    const scan = (text: string) => needles.filter((n) => text.includes(n));
    // The detector first: the participant list does name them.
    const list = await org.get(`/summits/${summitId}/participants?limit=200`);
    expect(scan(JSON.stringify(list.body))).toEqual(needles);
    const paths = [
      `/sessions/${sessionId}/reach`,
      `/summits/${summitId}/reach`,
      `/sessions/${sessionId}/attendance`,
      `/sessions/${sessionId}/speaking-time`,
      ...[
        'channels',
        'roles',
        'timeline',
        'speaking-time',
        'speaking-time-by-item',
        'attendance',
        'sources',
      ].map((t) => `/sessions/${sessionId}/reach.csv?table=${t}`),
    ];
    for (const who of [org, people.chair.client]) {
      for (const p of paths) {
        const r = await who.get(p);
        expect(r.status, p).toBe(200);
        const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        expect(scan(text), p).toEqual([]);
      }
    }
  });

  it('exports each table as CSV', async () => {
    const r = await org.get(`/sessions/${sessionId}/reach.csv?table=channels`);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toContain(`reach-${sessionId}-channels.csv`);
    expect(String(r.body).split('\r\n').slice(0, 2)).toEqual([
      'channel,unique_viewers,peak_concurrent,peak_at,total_watch_seconds,median_watch_seconds',
      `floor,6,4,${at(30)},1790,285`,
    ]);
    const byItem = await org.get(`/sessions/${sessionId}/reach.csv?table=speaking-time-by-item`);
    expect(String(byItem.body).split('\r\n').slice(0, 3)).toEqual([
      'agenda_item,delegation,seconds',
      'Water charter,FR,90',
      'Water charter,EG,65',
    ]);
    const bad = await org.get(`/sessions/${sessionId}/reach.csv?table=everything`);
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('INVALID_PAYLOAD');
  });

  it('is for the secretariat and this session’s chair only', async () => {
    expect((await people.chair.client.get(`/sessions/${sessionId}/reach`)).status).toBe(200);
    const other = await people.otherChair.client.get(`/sessions/${sessionId}/reach`);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe('FORBIDDEN');
    for (const p of [people.A, people.B, people.E, people.D])
      expect((await p.client.get(`/sessions/${sessionId}/reach`)).status).toBe(403);
    // The other chair chairs nothing: their summit figures cover no session.
    const summit = await people.otherChair.client.get(`/summits/${summitId}/reach`);
    expect(summit.body.sessions).toEqual([]);
  });
});

describe('REACH-3 attendance and speaking time', () => {
  it('gives each delegation’s arrival, departure and time present as scripted', async () => {
    const r = await org.get(`/sessions/${sessionId}/attendance`);
    expect(r.status).toBe(200);
    expect(r.body.delegations).toEqual([
      { delegationId: fr, firstArrivalAt: at(0), lastDepartureAt: null, presentMs: 600_000 },
      { delegationId: eg, firstArrivalAt: at(20), lastDepartureAt: at(580), presentMs: 560_000 },
    ]);
  });

  it('equals the sum of the floor’s ended events in the record', async () => {
    const record = (await org.get(`/summits/${summitId}/record`)).body.entries as RecordEntry[];
    const ended = record.filter((e) => e.act === 'floor.ended' && e.subject.id === sessionId);
    expect(ended).toHaveLength(2);
    const fromRecord: Record<string, number> = {};
    for (const e of ended) {
      const d = e.changes['delegationId'] as string;
      fromRecord[d] = (fromRecord[d] ?? 0) + (e.changes['spokeMs'] as number);
    }
    expect(fromRecord).toEqual({ [eg]: 65_000, [fr]: 90_000 });
    const r = await org.get(`/sessions/${sessionId}/speaking-time`);
    expect(r.status).toBe(200);
    expect(r.body.totalMs).toBe(155_000);
    expect(
      Object.fromEntries(
        r.body.byDelegation.map((d: { delegationId: string; totalMs: number }) => [
          d.delegationId,
          d.totalMs,
        ]),
      ),
    ).toEqual(fromRecord);
    expect(r.body.byAgendaItem).toEqual([
      {
        agendaItemId,
        totalMs: 155_000,
        byKind: { statement: 155_000 },
        byDelegation: [
          { delegationId: fr, totalMs: 90_000 },
          { delegationId: eg, totalMs: 65_000 },
        ],
      },
    ]);
    expect(
      r.body.interventions.map((i: { startedAt: string; spokeMs: number }) => [
        i.startedAt,
        i.spokeMs,
      ]),
    ).toEqual([
      [at(120), 65_000],
      [at(200), 90_000],
    ]);
  });
});

describe('REC-1 summary record', () => {
  it('renders in Arabic, right to left, and carries the hash of the last entry it covers', async () => {
    const r = await people.E.client.get(`/sessions/${sessionId}/summary-record?language=ar`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    const html = String(r.body);
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('المحضر الموجز');
    expect(html).toContain('مصر'); // Egypt, by CLDR in Arabic
    expect(html).toContain('اعتُمد'); // adopted
    const record = (await org.get(`/summits/${summitId}/record`)).body.entries as RecordEntry[];
    const last = record[record.length - 1];
    expect(r.headers.get('x-majlis-record-hash')).toBe(last?.hash);
    expect(html).toContain(last?.hash);
    for (const name of Object.values(OBSERVER_NAMES)) expect(html).not.toContain(name);
  });

  it('renders in French with every intervention, the vote result and attendance', async () => {
    const r = await people.G.client.get(
      `/sessions/${sessionId}/summary-record?language=fr&format=html`,
    );
    expect(r.status).toBe(200);
    const html = String(r.body);
    expect(html).toContain('<html lang="fr" dir="ltr">');
    for (const s of [
      'Gamal Hassan',
      'Égypte',
      '1:05',
      'Delphine Arnaud',
      'France',
      '1:30',
      'Adoptée',
      'Pour 2, contre 0',
      'Charte de l’eau',
      'encore présente',
    ])
      expect(html, s).toContain(s);
  });

  it('refuses a language that is not official in the summit', async () => {
    const r = await org.get(`/sessions/${sessionId}/summary-record?language=zh`);
    expect(r.status).toBe(422);
    expect(r.body.code).toBe('INVALID_PAYLOAD');
  });

  it('prints a PDF whose text holds every intervention and the vote result (pdftotext)', async () => {
    const res = await fetch(
      `${app.baseUrl}/api/v1/sessions/${sessionId}/summary-record?language=fr&format=pdf`,
      { headers: { cookie: people.E.client.cookie ?? '' } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = tempDir('summary-');
    const file = path.join(dir, 'summary.pdf');
    fs.writeFileSync(file, pdf);
    // Reading order; table cells wrap, so the text is compared without whitespace.
    const { stdout } = await exec('pdftotext', [file, '-']);
    const flat = stdout.replace(/\s+/g, '');
    for (const s of [
      'Gamal Hassan',
      'Égypte',
      '1:05',
      'Delphine Arnaud',
      'France',
      '1:30',
      'Adoptée',
      'Pour 2, contre 0',
    ])
      expect(flat, s).toContain(s.replace(/\s+/g, ''));
    expect(flat).toContain(res.headers.get('x-majlis-record-hash'));
    for (const name of Object.values(OBSERVER_NAMES))
      expect(flat).not.toContain(name.replace(/\s+/g, ''));
  }, 90_000);

  it('is refused to an observer for a closed session, and to a delegation not admitted', async () => {
    const asObserver = await people.A.client.get(
      `/sessions/${closedSessionId}/summary-record?language=en`,
    );
    expect(asObserver.status).toBe(404);
    expect(asObserver.body.code).toBe('NOT_FOUND');
    const notAdmitted = await people.G.client.get(
      `/sessions/${closedSessionId}/summary-record?language=en`,
    );
    expect(notAdmitted.status).toBe(404);
    const admitted = await people.E.client.get(
      `/sessions/${closedSessionId}/summary-record?language=en`,
    );
    expect(admitted.status).toBe(200);
    // The public session's record is open to the observer.
    expect(
      (await people.A.client.get(`/sessions/${sessionId}/summary-record?language=en`)).status,
    ).toBe(200);
  });
});

describe('ACCESS-5 record verification', () => {
  /** `npm run admin -- verify-record` against the test Redis: its exit code and output. */
  const admin = (summit: string) => {
    const r = spawnSync('node', ['--import', 'tsx', 'server/src/cli.ts', 'verify-record', summit], {
      cwd: repoRoot,
      env: { ...process.env, REDIS_URL: stack.redisUrl, MAJLIS_DATA_DIR: tempDir('cli-') },
      encoding: 'utf8',
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('passes untouched, and names the one changed entry (route and admin CLI, non-zero)', async () => {
    const ok = await org.get(`/summits/${summitId}/record/verification`);
    expect(ok.status).toBe(200);
    expect(ok.body.ok).toBe(true);
    const clean = admin(summitId);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('chain intact');

    // Change one entry in Redis: France's speaking time, in place in the stream.
    const key = `majlis:record:${summitId}`;
    const stream = (await app.redis.client.xRange(key, '-', '+')) ?? [];
    const index = stream.findIndex((s) => {
      const e = JSON.parse(String(s.message['entry'])) as RecordEntry;
      return e.act === 'floor.ended' && e.changes['delegationId'] === fr;
    });
    const target = JSON.parse(String(stream[index]?.message['entry'])) as RecordEntry;
    target.changes['spokeMs'] = 9_000;
    await app.redis.client.del(key);
    for (const [i, s] of stream.entries())
      await app.redis.client.xAdd(key, s.id, {
        entry: i === index ? JSON.stringify(target) : String(s.message['entry']),
      });

    const broken = await org.get(`/summits/${summitId}/record/verification`);
    expect(broken.body).toMatchObject({
      ok: false,
      brokenAt: { seq: target.seq, act: 'floor.ended', at: target.at },
    });
    const cli = admin(summitId);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(
      `chain broken at entry ${target.seq} (floor.ended at ${target.at})`,
    );
  }, 90_000);
});
