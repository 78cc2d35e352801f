import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startTestLiveKit, startTestRedis, type LiveKitInfo } from './services.ts';

export interface StackInfo {
  redisUrl: string;
  livekit: LiveKitInfo;
  clientDir: string;
  repoRoot: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** One Redis and one LiveKit for the whole run; each test file starts its own app. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The test build: the production client plus the window probes the
  // end-to-end tests read (client/src/probes/). Rebuilt when its sources change.
  const clientDir = path.join(repoRoot, 'client/dist-test');
  const r = spawnSync(process.execPath, ['scripts/majlis.mjs', 'build-client', '--test'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('client test build failed');
  const redis = await startTestRedis();
  const livekit = await startTestLiveKit();
  project.provide('stack', {
    redisUrl: redis.url,
    livekit: { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret },
    clientDir,
    repoRoot,
  });
  return async () => {
    await Promise.all([redis.child.stop(), livekit.child.stop()]);
    fs.rmSync(redis.dir, { recursive: true, force: true });
    fs.rmSync(livekit.dir, { recursive: true, force: true });
  };
}
