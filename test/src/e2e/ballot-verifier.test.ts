import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  BOARD_FORMAT,
  aggregate,
  combineShares,
  combineTally,
  deal,
  encryptBallot,
  jointPublicKey,
  partialDecrypt,
  transportKeyPair,
  type Board,
} from '@majlis/shared/ballots';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startApp, type RunningApp } from '../harness/app.ts';
import { seriousAxeViolations } from '../harness/axe.ts';
import { launchChromium } from '../harness/browser.ts';

const stack = inject('stack');
const N = 193;
let app: RunningApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'majlis-ballot-page-'));

/** A closed verifiable ballot's board, made with the shared code the devices and trustees run. */
function honestBoard(): Board {
  const motionId = 'e2e-motion';
  const transport = [1, 2, 3].map(() => transportKeyPair());
  const keys = new Map(transport.map((k, i) => [i + 1, k.publicKey]));
  const dealings = [1, 2, 3].map((i) => deal(motionId, i, 2, keys));
  const shares = transport.map((k, i) => combineShares(motionId, i + 1, k.secret, 2, dealings));
  const publicKey = jointPublicKey(dealings);
  const ctx = { motionId, publicKey, options: 3 };
  const sealed = Array.from({ length: N }, (_, i) => encryptBallot(ctx, [0, 1, 0, 2][i % 4] ?? 0));
  const totals = aggregate(
    3,
    sealed.map((s) => s.ballot),
  );
  const partials = [2, 3].map((i) => partialDecrypt(motionId, i, shares[i - 1] ?? 0n, totals));
  return {
    format: BOARD_FORMAT,
    motionId,
    title: 'Draft resolution L.1',
    options: ['yes', 'no', 'abstain'],
    threshold: 2,
    trustees: transport.map((k, i) => ({ index: i + 1, transportKey: k.publicKey })),
    dealings,
    publicKey,
    ballots: sealed.map((s) => ({ receipt: s.receipt, ballot: s.ballot })),
    receipts: sealed.map((s) => s.receipt),
    voters: N,
    tally: { totals, partials, counts: combineTally(totals, partials, 2, N) },
  };
}

function writeFile(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

beforeAll(async () => {
  app = await startApp({
    redisUrl: stack.redisUrl,
    livekit: stack.livekit,
    clientDir: stack.clientDir,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  for (const c of contexts) await c.close();
  await browser.close();
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function verifierPage(opts: { bypassCSP?: boolean } = {}): Promise<Page> {
  // Only the accessibility check bypasses the CSP (axe is injected inline); the verdicts run under it.
  const context = await browser.newContext({ bypassCSP: opts.bypassCSP ?? false });
  contexts.push(context);
  const page = await context.newPage();
  // The verdict is worked out by the page's own script: any script error is a failure.
  page.on('pageerror', (err) => {
    throw err;
  });
  await page.goto(`${app.baseUrl}/verify-ballot`);
  await page.getByTestId('ballot-board-file').waitFor();
  return page;
}

const verdict = (page: Page) => page.getByTestId('ballot-verdict');

describe('VOTE-8 the verifier page checks an exported board in the browser', () => {
  it('verifies an honest board of 193 ballots, names a changed ballot, and refuses a non-board', async () => {
    const board = honestBoard();
    expect(await seriousAxeViolations(await verifierPage({ bypassCSP: true }))).toEqual([]);
    const page = await verifierPage();

    const started = Date.now();
    await page
      .getByTestId('ballot-board-file')
      .setInputFiles(writeFile('good.json', JSON.stringify(board)));
    await expect
      .poll(() => verdict(page).getAttribute('data-verdict'), { timeout: 60_000 })
      .toBe('verified');
    process.stdout.write(
      `verifier page: ${N} ballots checked in the browser in ${Date.now() - started} ms\n`,
    );
    expect(await page.getByTestId('ballot-counts').innerText()).toContain('97');

    const tampered = structuredClone(board);
    const victim = tampered.ballots[100];
    const donor = tampered.ballots[5];
    if (!victim || !donor) throw new Error('board too small');
    victim.ballot.ciphertexts[1] = { ...(donor.ballot.ciphertexts[1] ?? { a: '', b: '' }) };
    await page
      .getByTestId('ballot-board-file')
      .setInputFiles(writeFile('changed.json', JSON.stringify(tampered)));
    await expect
      .poll(() => verdict(page).getAttribute('data-verdict'), { timeout: 60_000 })
      .toBe('failed');
    expect(await page.getByTestId('ballot-problems').innerText()).toContain(victim.receipt);

    await page
      .getByTestId('ballot-board-file')
      .setInputFiles(writeFile('other.json', '{"format":"something else"}'));
    await expect.poll(() => verdict(page).getAttribute('data-verdict')).toBe('not_a_board');
  });
});
