import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freeTcpPort } from '@majlis/server/launcher';
import { ApiClient, sessionInput, summitInput } from '../harness/api.ts';
import { runLauncher, type LauncherRun } from '../harness/launcher.ts';
import { tempDir } from '../harness/services.ts';

const { repoRoot } = inject('stack');
const runs: LauncherRun[] = [];
const dirs: string[] = [];

async function start(dataDir: string, env: Record<string, string> = {}, port?: number) {
  const p = port ?? (await freeTcpPort());
  const run = runLauncher(repoRoot, { PORT: String(p), MAJLIS_DATA_DIR: dataDir, ...env });
  runs.push(run);
  await run.waitFor(/Majlis ready: open http:\/\/127\.0\.0\.1:\d+\//);
  return { run, base: `http://127.0.0.1:${p}`, port: p };
}

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.proc.exitCode === null && run.proc.signalCode === null) {
      run.proc.kill('SIGKILL');
      await run.exit;
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const setupCodeIn = (output: string) => /one-time code (\S+) /.exec(output)?.[1];

describe('first start and the organiser account', () => {
  it('prints a one-time setup code that creates the first organiser, once; the admin CLI issues a new one', async () => {
    const dataDir = tempDir('setup');
    dirs.push(dataDir);
    const { run, base } = await start(dataDir);
    const code = setupCodeIn(run.output());
    expect(code).toBeDefined();
    const c = new ApiClient(base);
    const created = await c.post('/setup', {
      setupCode: code,
      email: 'sg@example.org',
      name: 'Secretary-General',
      password: 'a long enough password',
    });
    expect(created.status).toBe(201);
    expect((await c.get('/me')).body).toMatchObject({ kind: 'organiser', email: 'sg@example.org' });
    expect(
      (
        await new ApiClient(base).post('/setup', {
          setupCode: code,
          email: 'x@example.org',
          name: 'X',
          password: 'a long enough password',
        })
      ).status,
    ).toBe(403);

    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'server/src/cli.ts'), 'setup-code'],
      {
        cwd: repoRoot,
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '/root',
          MAJLIS_DATA_DIR: dataDir,
        },
        encoding: 'utf8',
      },
    );
    expect(cli.status, cli.stderr).toBe(0);
    const fresh = /setup code \(valid 24 hours\): (\S+)/.exec(cli.stdout)?.[1];
    expect(fresh).toBeDefined();
    const second = await new ApiClient(base).post('/setup', {
      setupCode: fresh,
      email: 'deputy@example.org',
      name: 'Deputy',
      password: 'another long password',
    });
    expect(second.status).toBe(201);
  });
});

describe('durability', () => {
  it('keeps every acknowledged write after the server is killed with SIGKILL', async () => {
    const dataDir = tempDir('durable');
    dirs.push(dataDir);
    const first = await start(dataDir);
    const org = new ApiClient(first.base);
    expect(
      (
        await org.post('/setup', {
          setupCode: setupCodeIn(first.run.output()),
          email: 'o@example.org',
          name: 'O',
          password: 'a long enough password',
        })
      ).status,
    ).toBe(201);
    const summit = (await org.post('/summits', summitInput())).body;
    const session = (await org.post(`/summits/${summit.id}/sessions`, sessionInput())).body;

    // A burst of concurrent writes; the kill lands while some are in flight.
    const acknowledged: string[] = [];
    const burst = Array.from({ length: 300 }, (_, i) =>
      org
        .post(`/sessions/${session.id}/agenda-items`, {
          title: { en: `Item ${i}` },
          kind: 'debate',
          allottedMinutes: 5,
        })
        .then((r) => {
          if (r.status === 201) acknowledged.push(r.body.id);
        })
        .catch(() => undefined),
    );
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (acknowledged.length >= 150) {
          clearInterval(timer);
          resolve();
        }
      }, 2);
    });
    first.run.proc.kill('SIGKILL');
    await first.run.exit;
    await Promise.all(burst);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);

    const second = await start(dataDir, {}, first.port);
    const again = new ApiClient(second.base);
    expect(
      (
        await again.post('/auth/login', {
          email: 'o@example.org',
          password: 'a long enough password',
        })
      ).status,
    ).toBe(200);
    const stored = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } =
        await again.get(
          `/sessions/${session.id}/agenda-items?limit=200${cursor ? `&cursor=${cursor}` : ''}`,
        );
      for (const item of page.body.items) stored.add(item.id);
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    const record = await again.get(`/summits/${summit.id}/record`);
    expect(record.body.chainValid).toBe(true);
  });
});

describe('demo mode', () => {
  it('seeds a summit with every session kind and people in every role, and a manifest that works', async () => {
    const dataDir = tempDir('demo');
    dirs.push(dataDir);
    const { run, base } = await start(dataDir, { MAJLIS_DEMO: '1' });
    const file = path.join(dataDir, 'demo.json');
    expect(run.output()).toContain(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const kind of ['plenary', 'closed', 'bilateral', 'press_briefing'])
      expect(manifest.sessions[kind]).toHaveLength(2);
    const roles = new Set(manifest.invitations.map((i: { role: string }) => i.role));
    expect(roles).toEqual(
      new Set([
        'chair',
        'head_of_delegation',
        'delegate',
        'adviser',
        'interpreter',
        'observer',
        'press',
        'spokesperson',
      ]),
    );
    expect(
      manifest.invitations.filter((i: { role: string }) => i.role === 'head_of_delegation'),
    ).toHaveLength(5);

    const org = new ApiClient(base);
    expect((await org.post('/auth/login', manifest.organiser)).status).toBe(200);
    expect((await org.get(`/summits/${manifest.summitId}/delegations`)).body.items).toHaveLength(6);
    const agenda = await org.get(`/sessions/${manifest.sessions.plenary[0]}/agenda-items`);
    expect(agenda.body.items.length).toBeGreaterThanOrEqual(3);
    // REACH-1: the opening plenary has an audience to show on the reach page.
    const reach = await org.get(`/sessions/${manifest.sessions.plenary[0]}/reach`);
    expect(reach.body.audience.uniqueViewers).toBe(30);

    const press = manifest.invitations.find((i: { role: string }) => i.role === 'press');
    const p = new ApiClient(base);
    const token = new URL(press.url).hash.replace('#token=', '');
    const me = await p.post('/invitations/redeem', { token });
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('press');
    // COMM-1: the summit's communiqué in three languages and Ethiopia's, signed and public;
    // the key that seals the signing keys sits in the data folder, mode 0600.
    expect(fs.statSync(path.join(dataDir, 'signing-kek')).mode & 0o777).toBe(0o600);
    expect(manifest.communiques).toEqual([
      { id: expect.any(String), issuer: 'summit', languages: ['ar', 'en', 'fr'] },
      { id: expect.any(String), issuer: 'delegation', languages: ['en'] },
    ]);
    for (const c of manifest.communiques as { id: string }[]) {
      const view = await new ApiClient(base).get(`/public/communiques/${c.id}`);
      expect(view.status).toBe(200);
      for (const v of view.body.versions as { signed: unknown }[])
        expect((await p.post('/public/verify', v.signed)).body.reason).toBe('ok');
    }
    // Press sees public sessions only.
    const visible = (await p.get(`/summits/${manifest.summitId}/sessions`)).body.items.map(
      (s: { kind: string }) => s.kind,
    );
    expect(new Set(visible)).toEqual(new Set(['plenary', 'press_briefing']));
    // MEET-2: the opening plenary is open so a new user can walk in; the closing one waits.
    expect((await p.post(`/sessions/${manifest.sessions.plenary[0]}/join`)).status).toBe(200);
    expect((await p.post(`/sessions/${manifest.sessions.plenary[1]}/join`)).status).toBe(409);
  });
});
