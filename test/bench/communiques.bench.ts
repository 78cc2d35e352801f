/**
 * Benchmark: signing and publishing a communiqué in all six languages, and
 * verification throughput on one core, through the real app (real Redis).
 *
 * - publish: `publishCommunique` over HTTP for an approved six-language
 *   communiqué (JCS, six Ed25519 signatures, one atomic commit with the
 *   record entry), beside the bare cost measured in the same run: six raw
 *   node:crypto signatures over the same canonical bytes.
 * - verify: the shared `verifySigned` (JCS, key lookup, Ed25519, the verdict
 *   rule) in this one thread, and `verifyCommunique` over HTTP against the
 *   one server process (one core for its JavaScript), beside raw
 *   node:crypto verification of the same bytes.
 *
 *   npm run bench -- communiques
 */
import { generateKeyPairSync, sign, verify } from 'node:crypto';
import {
  KeySet,
  canonicalDocument,
  verifySigned,
  type CommuniqueDocument,
  type SignedCommunique,
} from '@majlis/shared';
import { nodeEd25519Verify } from '@majlis/server/signing';
import { startApp } from '../src/harness/app.ts';
import { SIX_LANGUAGES, buildDeskWorld } from '../src/harness/communiques.ts';
import { startTestLiveKit, startTestRedis } from '../src/harness/services.ts';
import { measure, printTable, type Figures } from './lib.ts';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 200);
const VERIFICATIONS = Number(process.env['BENCH_VERIFICATIONS'] ?? 5000);

/** Synchronous loops timed as a whole: throughput of one thread. */
function loop(name: string, total: number, op: (i: number) => void): Figures {
  const latencies: number[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const t0 = performance.now();
    op(i);
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(total - 1, Math.ceil((p / 100) * total) - 1)] ?? NaN;
  return {
    name,
    requests: total,
    seconds,
    throughput: total / seconds,
    p50: at(50),
    p95: at(95),
    p99: at(99),
  };
}

async function main(): Promise<void> {
  const redis = await startTestRedis();
  const livekit = await startTestLiveKit();
  const app = await startApp({ redisUrl: redis.url, livekit });
  const w = await buildDeskWorld(app);

  // Approved six-language communiqués, ready to publish (drafting and approval are not timed).
  const ready: string[] = [];
  for (let i = 0; i < ROUNDS; i += 1) {
    const versions = Object.fromEntries(
      Object.entries(SIX_LANGUAGES).map(([l, v]) => [l, { ...v, body: `${v.body} (${i})` }]),
    );
    const draft = await w.secretariat.post(`/summits/${w.summitId}/communiques`, { versions });
    if (draft.status !== 201) throw new Error(`draft: ${JSON.stringify(draft.body)}`);
    const approved = await w.org.post(`/communiques/${draft.body.id}/approve`);
    if (approved.status !== 200) throw new Error(`approve: ${JSON.stringify(approved.body)}`);
    ready.push(draft.body.id as string);
  }
  // Warm-up: the issuer's key opened, the JIT warm.
  const published: SignedCommunique[] = [];
  const publishOne = async (i: number) => {
    const r = await w.secretariat.post(`/communiques/${ready[i] ?? ''}/publish`);
    if (r.status !== 200) throw new Error(`publish: ${JSON.stringify(r.body)}`);
    for (const p of (r.body as { published: { signed: SignedCommunique }[] }).published)
      published.push(p.signed);
  };
  await publishOne(0);
  const publish = await measure('publishCommunique, 6 languages (HTTP)', ROUNDS - 1, 1, (i) =>
    publishOne(i + 1),
  );

  // Baseline: six raw signatures over the same canonical bytes, with a fresh key.
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const six = published.slice(0, 6).map((s) => Buffer.from(canonicalDocument(s.document)));
  const rawSign = loop('6 raw Ed25519 signatures (node:crypto)', ROUNDS, () => {
    for (const bytes of six) sign(null, bytes, privateKey);
  });

  printTable(`Publishing on this machine (${ROUNDS} communiqués, one at a time)`, [
    publish,
    rawSign,
  ]);

  // ── verification ────────────────────────────────────────────────────
  const { keys } = KeySet.parse(
    await (await fetch(`${app.baseUrl}/.well-known/majlis/keys.json`)).json(),
  );
  const now = new Date();
  const docs = published.slice(0, 600);
  const pick = (i: number) => docs[i % docs.length] ?? published[0];
  const first = pick(0);
  if (first === undefined) throw new Error('nothing published');
  for (let i = 0; i < 200; i += 1) await verifySigned(first, keys, nodeEd25519Verify, { now });
  const inThread = await measure(
    'verifySigned (JCS, Ed25519, rule), 1 thread',
    VERIFICATIONS,
    1,
    async (i) => {
      const s = pick(i);
      if (s === undefined) return;
      const v = await verifySigned(s, keys, nodeEd25519Verify, { now });
      if (!v.valid) throw new Error(`not valid: ${v.reason}`);
    },
  );
  const rawMessages = docs.map((s) => Buffer.from(canonicalDocument(s.document)));
  const rawSignatures = rawMessages.map((m) => sign(null, m, privateKey));
  const rawVerify = loop('raw Ed25519 verify (node:crypto), 1 thread', VERIFICATIONS, (i) => {
    const m = rawMessages[i % rawMessages.length];
    const sig = rawSignatures[i % rawSignatures.length];
    if (m === undefined || sig === undefined || !verify(null, m, publicKey, sig))
      throw new Error('raw verify failed');
  });
  const overHttp = await measure(
    'verifyCommunique (HTTP, one server process)',
    Math.min(VERIFICATIONS, 2000),
    16,
    async (i) => {
      const s = pick(i);
      const r = await fetch(`${app.baseUrl}/api/v1/public/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(s),
      });
      const v = (await r.json()) as { valid: boolean };
      if (!v.valid) throw new Error('not valid over HTTP');
    },
  );
  printTable('Verification on this machine (one core each)', [inThread, rawVerify, overHttp]);

  const byDoc: CommuniqueDocument = first.document;
  process.stdout.write(
    `\nSign and publish 6 languages: p50 ${publish.p50.toFixed(1)} ms, p99 ${publish.p99.toFixed(1)} ms (6 raw signatures: p50 ${rawSign.p50.toFixed(2)} ms).\n` +
      `Verify per core: ${inThread.throughput.toFixed(0)}/s in one thread (raw Ed25519 ${rawVerify.throughput.toFixed(0)}/s), ${overHttp.throughput.toFixed(0)}/s over HTTP; ${byDoc.language} document of ${canonicalDocument(byDoc).length} bytes.\n`,
  );
  await app.close();
  await Promise.all([redis.child.stop(), livekit.child.stop()]);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
