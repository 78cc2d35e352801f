import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  resolveLiveKitBin,
  startPrivateLiveKit,
  startPrivateRedis,
  type PrivateLiveKit,
  type PrivateRedis,
} from '@majlis/server/launcher';

/**
 * Real Redis and real LiveKit for tests, each in its own temporary folder on
 * free loopback ports. The same launcher code as `npm start` starts them.
 */
export interface LiveKitInfo {
  url: string;
  apiKey: string;
  apiSecret: string;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `majlis-${prefix}-`));
}

export async function startTestRedis(): Promise<PrivateRedis & { dir: string }> {
  const dir = tempDir('redis');
  const redis = await startPrivateRedis({ dir, password: randomBytes(24).toString('base64url') });
  return { ...redis, dir };
}

export async function startTestLiveKit(
  webhookUrl?: string,
): Promise<PrivateLiveKit & LiveKitInfo & { dir: string }> {
  const dir = tempDir('livekit');
  const apiKey = `APItest${randomBytes(4).toString('hex')}`;
  const apiSecret = randomBytes(32).toString('base64url');
  const lk = await startPrivateLiveKit({
    bin: resolveLiveKitBin(process.env['LIVEKIT_BIN']),
    dir,
    apiKey,
    apiSecret,
    ...(webhookUrl === undefined ? {} : { webhookUrl }),
  });
  return { ...lk, apiKey, apiSecret, dir };
}
