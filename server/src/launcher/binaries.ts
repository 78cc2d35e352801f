import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The LiveKit release every part of Majlis is built and tested against. */
export const LIVEKIT_VERSION = 'v1.13.5';

/** The per-user cache where `npm start`/`npm test` build livekit-server. */
export function livekitCachePath(): string {
  const cacheHome = process.env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'majlis', `livekit-${LIVEKIT_VERSION}`, 'livekit-server');
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

/** LIVEKIT_BIN, else the cached build, else `livekit-server` on PATH. */
export function resolveLiveKitBin(configured: string | undefined): string {
  if (configured !== undefined) return configured;
  const cached = livekitCachePath();
  if (fs.existsSync(cached)) return cached;
  const found = onPath('livekit-server');
  if (found !== undefined) return found;
  throw new Error(
    `livekit-server not found: build it with \`npm start\` (it runs go install) or set LIVEKIT_BIN or LIVEKIT_URL`,
  );
}
