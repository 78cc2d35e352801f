/**
 * Benchmark: a session's reach with 2,000 observers and 20,000 presence
 * events (each observer joins and leaves five times over four hours; one
 * return in five comes back within the 10 s reconnect grace; half of them
 * switch to a booth). The attendance stream is seeded in Redis in the
 * presence service's own format, through the store's commit, in batches.
 *
 * Measured, each over several runs in the same process:
 *   - baseline: the bare read, XRANGE of the whole stream and JSON.parse of
 *     every entry, the floor under any reach computed from presence;
 *   - the pure aggregation (`sessionReach` in shared) on parsed events;
 *   - GET /sessions/{id}/reach end to end: HTTP, the read, the 2,000
 *     participants' roles (MGET), the aggregation and the JSON reply.
 * Target (issue 17): under 1 s end to end.
 *
 *   npm run bench -- reach
 */
import { AttendanceEvent, sessionReach, type AudienceMember, type ChannelId } from '@majlis/shared';
import { ATTENDANCE_MAX_ENTRIES } from '@majlis/server';
import { startApp } from '../src/harness/app.ts';
import { organiserClient, sessionInput, summitInput } from '../src/harness/api.ts';
import { startTestLiveKit, startTestRedis } from '../src/harness/services.ts';
import { inBatches } from '../src/harness/votes.ts';
import { percentile } from './lib.ts';

const OBSERVERS = 2_000;
const VISITS = 5;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 10);
const T0 = Date.parse('2027-02-10T07:00:00.000Z');

interface Row {
  name: string;
  samples: number[];
}

function print(title: string, rows: Row[]): void {
  process.stdout.write(`\n${title}\n`);
  process.stdout.write(
    `${'measure'.padEnd(64)}${'runs'.padStart(6)}${'p50 ms'.padStart(9)}${'p95 ms'.padStart(9)}${'max ms'.padStart(9)}\n`,
  );
  for (const r of rows) {
    const s = [...r.samples].sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(2).padStart(9);
    process.stdout.write(
      `${r.name.padEnd(64)}${String(s.length).padStart(6)}${f(percentile(s, 50))}${f(percentile(s, 95))}${f(s.at(-1) ?? NaN)}\n`,
    );
  }
}

/** A small deterministic generator (mulberry32): the same script every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Joins and leaves of every observer, in time order, as presence writes them. */
function script(identities: readonly string[]): AttendanceEvent[] {
  const next = random(17);
  const events: (AttendanceEvent & { t: number })[] = [];
  const channels: ChannelId[] = ['fr', 'ar'];
  for (const identity of identities) {
    let t = T0 + Math.floor(next() * 600) * 1000;
    for (let v = 0; v < VISITS; v += 1) {
      events.push({ event: 'joined', identity, at: new Date(t).toISOString(), t });
      const stay = (60 + Math.floor(next() * 2_400)) * 1000;
      if (v === 0 && next() < 0.5) {
        const s = t + Math.floor(stay / 2);
        const channel = channels[Math.floor(next() * 2)] ?? 'fr';
        events.push({ event: 'listening', identity, channel, at: new Date(s).toISOString(), t: s });
      }
      t += stay;
      events.push({ event: 'left', identity, at: new Date(t).toISOString(), t });
      // One return in five within the grace: a reconnect, not a new viewer.
      t += (next() < 0.2 ? 1 + Math.floor(next() * 9) : 30 + Math.floor(next() * 600)) * 1000;
    }
  }
  events.sort((a, b) => a.t - b.t);
  return events.map(({ t: _t, ...e }) => e);
}

async function main(): Promise<void> {
  const redis = await startTestRedis();
  const livekit = await startTestLiveKit();
  let nowMs = T0 + 5 * 3_600_000;
  const app = await startApp({
    redisUrl: redis.url,
    livekit,
    clock: { now: () => new Date(nowMs) },
  });
  const org = await organiserClient(app);
  const summitId = (await org.post('/summits', summitInput())).body.id as string;
  const sessionId = (
    await org.post(
      `/summits/${summitId}/sessions`,
      sessionInput({ interpretationLanguages: ['fr', 'ar'] }),
    )
  ).body.id as string;
  process.stdout.write(`accrediting ${OBSERVERS} observers…\n`);
  const ids = await inBatches(
    Array.from({ length: OBSERVERS }, (_, i) => i),
    16,
    async (i) =>
      (
        await org.post(`/summits/${summitId}/participants`, {
          name: `Observer ${i}`,
          role: i % 4 === 0 ? 'press' : 'observer',
        })
      ).body.id as string,
  );
  const identities = ids.map((id) => `p-${id}`);
  const events = script(identities);
  const presenceEvents = events.filter((e) => e.event !== 'listening').length;
  process.stdout.write(
    `seeding ${events.length} attendance entries (${presenceEvents} joins and leaves, ${events.length - presenceEvents} channel switches)…\n`,
  );
  const key = `majlis:session:${sessionId}:attendance`;
  for (let i = 0; i < events.length; i += 1_000) {
    await app.redis.commit({
      checks: [],
      writes: events.slice(i, i + 1_000).map((e) => ({
        op: 'xadd' as const,
        key,
        value: JSON.stringify(e),
        maxLen: ATTENDANCE_MAX_ENTRIES,
      })),
    });
  }

  const bareRead: Row = {
    name: 'baseline: XRANGE the stream + JSON.parse each entry',
    samples: [],
  };
  const pure: Row = { name: 'sessionReach() on parsed events (pure, in memory)', samples: [] };
  const route: Row = {
    name: 'GET /sessions/{id}/reach end to end (HTTP, Redis, roles, JSON)',
    samples: [],
  };
  const roles = new Map<string, AudienceMember>(
    identities.map((identity, i) => [
      identity,
      { role: i % 4 === 0 ? 'press' : 'observer', delegationId: null },
    ]),
  );
  let parsed: AttendanceEvent[] = [];
  let figures = '';
  // One untimed request first: the runs measure a warm process, as a chair's page refresh is.
  const cold = performance.now();
  await org.get(`/sessions/${sessionId}/reach`);
  process.stdout.write(`first request (cold): ${(performance.now() - cold).toFixed(0)} ms\n`);
  for (let round = 0; round < ROUNDS; round += 1) {
    let t = performance.now();
    const raw = await app.redis.streamEntries(key, 10_000_000);
    parsed = raw.map((r) => AttendanceEvent.parse(JSON.parse(r)));
    bareRead.samples.push(performance.now() - t);

    t = performance.now();
    const r = sessionReach({
      sessionId,
      events: parsed,
      memberOf: (identity) => roles.get(identity) ?? null,
      now: nowMs,
    });
    pure.samples.push(performance.now() - t);

    t = performance.now();
    const reply = await org.get(`/sessions/${sessionId}/reach`);
    route.samples.push(performance.now() - t);
    if (reply.status !== 200) throw new Error(`reach: HTTP ${reply.status}`);
    const a = reply.body.audience as typeof r.audience;
    if (JSON.stringify(a) !== JSON.stringify(r.audience))
      throw new Error('the route and the pure aggregation disagree');
    figures = `unique ${a.uniqueViewers}, peak ${a.peakConcurrent}, total watch ${(a.totalWatchMs / 3_600_000).toFixed(1)} h, reconnects ${r.sources.find((s) => s.metric === 'reconnects')?.value ?? 0}`;
    nowMs += 1000;
  }
  process.stdout.write(`stream: ${parsed.length} entries; figures: ${figures}\n`);
  print(
    `Reach of one session: ${OBSERVERS} observers, ${presenceEvents} presence events (${ROUNDS} runs)`,
    [bareRead, pure, route],
  );
  await app.close();
  await Promise.all([redis.child.stop(), livekit.child.stop()]);
  const p50 = percentile(
    [...route.samples].sort((a, b) => a - b),
    50,
  );
  if (p50 >= 1000) {
    process.stderr.write(`over target: end-to-end p50 ${p50.toFixed(0)} ms ≥ 1000 ms\n`);
    process.exit(1);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
