import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { tempDir } from '../harness/services.ts';
import {
  SIX_LANGUAGES,
  buildDeskWorld,
  publishCommunique,
  type DeskWorld,
} from '../harness/communiques.ts';

const stack = inject('stack');
const VERIFIER = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../tools/verify_communique.py',
);
let app: RunningApp;
let w: DeskWorld;
let dir: string;

beforeAll(async () => {
  app = await startApp({ redisUrl: stack.redisUrl, livekit: stack.livekit });
  w = await buildDeskWorld(app);
  dir = tempDir('verify');
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Python's `cryptography`, fed only keys.json (as served) and the signed document. */
async function pythonVerifies(signed: unknown): Promise<{ valid: boolean; reason: string }> {
  const keys = await (await fetch(`${app.baseUrl}/.well-known/majlis/keys.json`)).text();
  const keysFile = path.join(dir, 'keys.json');
  const signedFile = path.join(dir, 'signed.json');
  fs.writeFileSync(keysFile, keys);
  fs.writeFileSync(signedFile, JSON.stringify(signed));
  const run = spawnSync('python3', [VERIFIER, keysFile, signedFile], { encoding: 'utf8' });
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`the verifier failed to run: ${run.stderr}`);
  const verdict = JSON.parse(run.stdout) as { valid: boolean; reason: string };
  expect(run.status).toBe(verdict.valid ? 0 : 1);
  return verdict;
}

/** One character changed, in place. */
const oneChar = (s: string, at = Math.floor(s.length / 2)) =>
  `${s.slice(0, at)}${s[at] === 'x' ? 'y' : 'x'}${s.slice(at + 1)}`;

describe('COMM-1 independent verification (Python cryptography, keys.json only)', () => {
  it('verifies every language version of a published communiqué', async () => {
    const c = await publishCommunique(w.secretariat, w.org, w.summitId, {
      versions: SIX_LANGUAGES,
    });
    expect(c.published).toHaveLength(6);
    for (const p of c.published)
      expect(await pythonVerifies(p.signed), p.language).toEqual({
        valid: true,
        reason: 'ok',
        issuer: 'Summit on Water Security',
      });
  });

  it('fails when one character of the title, body, releaseAt or issuer changes', async () => {
    const [ethiopia, kenya] = w.delegations;
    if (ethiopia === undefined || kenya === undefined) throw new Error('no delegations');
    const c = await publishCommunique(ethiopia.spokesperson, ethiopia.head, w.summitId, {
      versions: { ar: { title: 'بيان وفد إثيوبيا', body: 'يرحب الوفد بالاتفاق حول حوض النيل.' } },
    });
    const signed = c.published[0]?.signed;
    if (signed === undefined) throw new Error('nothing published');
    const doc = signed.document as {
      title: string;
      body: string;
      releaseAt: string;
      issuer: { kind: string; id: string };
    };
    expect(await pythonVerifies(signed)).toMatchObject({ valid: true });
    const tampered = {
      title: { ...doc, title: oneChar(doc.title) },
      body: { ...doc, body: oneChar(doc.body) },
      // 2027-… → one digit of the seconds or minutes changes.
      releaseAt: {
        ...doc,
        releaseAt: doc.releaseAt.replace(
          /(\d)(\.\d{3}Z)$/,
          (_m, d: string, r: string) => `${(Number(d) + 1) % 10}${r}`,
        ),
      },
      issuer: { ...doc, issuer: { kind: 'delegation', id: oneChar(doc.issuer.id, 0) } },
      'issuer as another delegation': { ...doc, issuer: { kind: 'delegation', id: kenya.id } },
    };
    for (const [what, document] of Object.entries(tampered)) {
      expect(document, what).not.toEqual(doc);
      expect(await pythonVerifies({ document, signature: signed.signature }), what).toMatchObject({
        valid: false,
        reason: 'bad_signature',
      });
    }
  });
});
