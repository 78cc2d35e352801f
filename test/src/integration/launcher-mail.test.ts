import fs from 'node:fs';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freeTcpPort } from '@majlis/server/launcher';
import { isRunning, runLauncher, type LauncherRun } from '../harness/launcher.ts';
import { tempDir } from '../harness/services.ts';

/**
 * ACCT-1: `npm start` with no SMTP_URL on a fresh data folder starts a
 * private mailpit, prints its address, and takes it down on Ctrl-C.
 */
const { repoRoot } = inject('stack');
const runs: LauncherRun[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.proc.exitCode === null && run.proc.signalCode === null) {
      run.proc.kill('SIGKILL');
      await run.exit;
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('npm start and mail', { timeout: 120_000 }, () => {
  it('prints the private mailpit’s address, whose API answers, and stops it on Ctrl-C', async () => {
    const dataDir = tempDir('mail');
    dirs.push(dataDir);
    const port = await freeTcpPort();
    const run = runLauncher(repoRoot, { PORT: String(port), MAJLIS_DATA_DIR: dataDir });
    runs.push(run);
    await run.waitFor(/Majlis ready: open http:\/\/127\.0\.0\.1:\d+\//);
    const shown = /read them at (http:\/\/127\.0\.0\.1:\d+)\//.exec(run.output())?.[1];
    expect(shown).toBeDefined();
    const res = await fetch(`${shown}/api/v1/messages`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { total: number }).total).toBe(0);
    // Its database is in the data folder, so mail survives a restart.
    expect(fs.existsSync(`${dataDir}/mailpit/mailpit.db`)).toBe(true);

    const logged = run.logs().find((l) => l['msg'] === 'private mailpit started');
    const pid = typeof logged?.['pid'] === 'number' ? logged['pid'] : -1;
    expect(isRunning(pid)).toBe(true);
    run.proc.kill('SIGINT');
    expect((await run.exit).code).toBe(0);
    await expect.poll(() => isRunning(pid), { timeout: 5000 }).toBe(false);
  });
});
