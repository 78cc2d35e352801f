import fs from 'node:fs';
import path from 'node:path';
import { createClient } from 'redis';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { freeTcpPort, startPrivateRedis } from '@majlis/server/launcher';
import { isRunning, runLauncher, type LauncherRun } from '../harness/launcher.ts';
import { startTestRedis, tempDir } from '../harness/services.ts';

const { repoRoot } = inject('stack');
const runs: LauncherRun[] = [];
const dirs: string[] = [];

async function start(dataDir: string): Promise<{ run: LauncherRun; base: string }> {
  const port = await freeTcpPort();
  const run = runLauncher(repoRoot, { PORT: String(port), MAJLIS_DATA_DIR: dataDir });
  runs.push(run);
  await run.waitFor(/Majlis ready: open http:\/\/127\.0\.0\.1:\d+\//);
  return { run, base: `http://127.0.0.1:${port}` };
}

function privateRedisUrl(dataDir: string): string {
  const secrets = JSON.parse(fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8')) as {
    redisPassword: string;
  };
  const conf = fs.readFileSync(path.join(dataDir, 'redis/redis.conf'), 'utf8');
  const port = /^port (\d+)$/m.exec(conf)?.[1];
  return `redis://:${encodeURIComponent(secrets.redisPassword)}@127.0.0.1:${port}`;
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;

afterEach(async () => {
  for (const run of runs.splice(0)) {
    if (run.proc.exitCode === null && run.proc.signalCode === null) {
      run.proc.kill('SIGKILL');
      await run.exit;
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

// Each test starts real processes; on a busy two-core machine that takes a while.
describe('npm start launcher', { timeout: 120_000 }, () => {
  it('starts private Redis and LiveKit, becomes ready, and Ctrl-C leaves no process behind', async () => {
    const dataDir = tempDir('launch');
    dirs.push(dataDir);
    const { run, base } = await start(dataDir);
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ redis: 'ok', livekit: 'ok' });

    // Generated credentials and configs are readable by the owner only.
    for (const f of ['secrets.json', 'redis/redis.conf', 'livekit/livekit.yaml'])
      expect(mode(path.join(dataDir, f))).toBe(0o600);
    // No secret reaches the log.
    const secrets = JSON.parse(
      fs.readFileSync(path.join(dataDir, 'secrets.json'), 'utf8'),
    ) as Record<string, string>;
    for (const value of [secrets['redisPassword'], secrets['livekitApiSecret']])
      expect(run.output()).not.toContain(value);

    const pids = [run.proc.pid ?? -1, run.childPid('redis-server'), run.childPid('livekit-server')];
    expect(pids.every(isRunning)).toBe(true);
    run.proc.kill('SIGINT');
    expect((await run.exit).code).toBe(0);
    await expect.poll(() => pids.filter(isRunning), { timeout: 5000 }).toEqual([]);
  });

  it('keeps a key written to its private Redis across a restart (AOF in the data folder)', async () => {
    const dataDir = tempDir('aof');
    dirs.push(dataDir);
    const first = await start(dataDir);
    const writer = createClient({ url: privateRedisUrl(dataDir) });
    await writer.connect();
    await writer.set('majlis:test:durable', 'still here');
    await writer.close();
    first.run.proc.kill('SIGTERM');
    expect((await first.run.exit).code).toBe(0);
    expect(
      fs.readdirSync(path.join(dataDir, 'redis')).some((f) => f.startsWith('appendonlydir')),
    ).toBe(true);

    await start(dataDir);
    const reader = createClient({ url: privateRedisUrl(dataDir) });
    await reader.connect();
    expect(await reader.get('majlis:test:durable')).toBe('still here');
    await reader.close();
  });

  it.each(['redis-server', 'livekit-server'] as const)(
    'exits non-zero naming %s when it dies, and leaves no process behind',
    async (name) => {
      const dataDir = tempDir('die');
      dirs.push(dataDir);
      const { run } = await start(dataDir);
      const pids = [
        run.proc.pid ?? -1,
        run.childPid('redis-server'),
        run.childPid('livekit-server'),
      ];
      process.kill(run.childPid(name), 'SIGKILL');
      const exit = await run.exit;
      expect(exit.code).not.toBe(0);
      expect(exit.code).not.toBeNull();
      expect(run.output()).toContain(`${name} exited unexpectedly`);
      await expect.poll(() => pids.filter(isRunning), { timeout: 5000 }).toEqual([]);
    },
  );

  it('takes its children with it even when killed outright (SIGKILL)', async () => {
    const dataDir = tempDir('kill');
    dirs.push(dataDir);
    const { run } = await start(dataDir);
    const children = [run.childPid('redis-server'), run.childPid('livekit-server')];
    run.proc.kill('SIGKILL');
    await run.exit;
    await expect.poll(() => children.filter(isRunning), { timeout: 5000 }).toEqual([]);
  });

  it.each([
    [
      { PORT: 'abc' },
      /^Invalid configuration: PORT must be an integer from 0 to 65535 \(got "abc"\)$/,
    ],
    [
      { LIVEKIT_URL: 'ws://127.0.0.1:1' },
      /^Invalid configuration: LIVEKIT_API_KEY is required when LIVEKIT_URL is set$/,
    ],
  ])(
    'stops start-up on a bad setting (%o) with one clear line and a non-zero exit',
    async (env, line) => {
      const dataDir = tempDir('cfg');
      dirs.push(dataDir);
      const run = runLauncher(repoRoot, { MAJLIS_DATA_DIR: dataDir, ...env });
      runs.push(run);
      const exit = await run.exit;
      expect(exit.code).not.toBe(0);
      expect(run.output().trim()).toMatch(line);
      expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
    },
  );

  it('uses an external Redis and LiveKit when configured, starting neither', async () => {
    const stack = inject('stack');
    const dataDir = tempDir('ext');
    dirs.push(dataDir);
    const port = await freeTcpPort();
    const run = runLauncher(repoRoot, {
      PORT: String(port),
      MAJLIS_DATA_DIR: dataDir,
      REDIS_URL: stack.redisUrl,
      LIVEKIT_URL: stack.livekit.url,
      LIVEKIT_API_KEY: stack.livekit.apiKey,
      LIVEKIT_API_SECRET: stack.livekit.apiSecret,
    });
    runs.push(run);
    await run.waitFor(/Majlis ready/);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(run.output()).not.toContain('private redis-server');
    expect(run.output()).not.toContain('private livekit-server');
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
    expect(run.output()).not.toContain(stack.livekit.apiSecret);
    run.proc.kill('SIGTERM');
    expect((await run.exit).code).toBe(0);
  });

  // A Redis that goes away for a while must not freeze the server: the
  // Socket.IO adapter re-polls at once after a failed read, and a client that
  // failed at once made that a microtask loop that starved the event loop.
  it('keeps answering while its Redis is away and is ready again once it returns', async () => {
    const stack = inject('stack');
    const dataDir = tempDir('blip');
    dirs.push(dataDir);
    const redis = await startTestRedis();
    dirs.push(redis.dir);
    let restarted: Awaited<ReturnType<typeof startPrivateRedis>> | undefined;
    try {
      const port = await freeTcpPort();
      const run = runLauncher(repoRoot, {
        PORT: String(port),
        MAJLIS_DATA_DIR: dataDir,
        REDIS_URL: redis.url,
        LIVEKIT_URL: stack.livekit.url,
        LIVEKIT_API_KEY: stack.livekit.apiKey,
        LIVEKIT_API_SECRET: stack.livekit.apiSecret,
      });
      runs.push(run);
      await run.waitFor(/Majlis ready/);
      const readyz = () =>
        fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(5000) }).then(
          (r) => r.status,
        );
      expect(await readyz()).toBe(200);
      await redis.child.stop();
      // Long enough for every connection to notice and retry a few times.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await readyz()).toBe(503);
      restarted = await startPrivateRedis({
        dir: redis.dir,
        password: decodeURIComponent(new URL(redis.url).password),
        port: redis.port,
      });
      await expect.poll(readyz, { timeout: 15_000, interval: 250 }).toBe(200);
      run.proc.kill('SIGTERM');
      expect((await run.exit).code).toBe(0);
    } finally {
      await restarted?.child.stop();
      await redis.child.stop();
    }
  });
});
