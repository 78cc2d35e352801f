import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild, type OwnedChild } from './child.ts';
import { freeTcpPort } from './ports.ts';

/** The mailpit release `npm start` builds (go install) when no SMTP server is configured. */
export const MAILPIT_VERSION = 'v1.33.1';

/** The per-user cache where `npm start`/`npm test` build mailpit, beside livekit-server. */
export function mailpitCachePath(): string {
  const cacheHome = process.env['XDG_CACHE_HOME'] ?? path.join(os.homedir(), '.cache');
  return path.join(cacheHome, 'majlis', `mailpit-${MAILPIT_VERSION}`, 'mailpit');
}

export interface PrivateMailpit {
  child: OwnedChild;
  /** Where the server sends: plain SMTP on loopback. */
  smtpUrl: string;
  /** Mailpit's web page and HTTP API (`/api/v1/messages`), where a new user reads the mails. */
  webUrl: string;
}

/**
 * A private mailpit on loopback for a machine with no SMTP server: mails
 * are kept (not delivered) and read on its web page. Its database lives in
 * the data folder, so mails survive a restart.
 */
export async function startPrivateMailpit(opts: {
  bin: string;
  dir: string;
}): Promise<PrivateMailpit> {
  fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const [smtpPort, webPort] = [await freeTcpPort(), await freeTcpPort()];
  const child = startChild(
    'mailpit',
    opts.bin,
    [
      '--smtp',
      `127.0.0.1:${smtpPort}`,
      '--listen',
      `127.0.0.1:${webPort}`,
      '--database',
      path.join(opts.dir, 'mailpit.db'),
      '--smtp-auth-accept-any',
      '--smtp-auth-allow-insecure',
      // No network beyond loopback: it must not look for new releases.
      '--disable-version-check',
    ],
    path.join(opts.dir, 'mailpit.log'),
  );
  const webUrl = `http://127.0.0.1:${webPort}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (!child.isAlive()) throw new Error(`mailpit exited before it was ready\n${child.tail()}`);
    try {
      const res = await fetch(`${webUrl}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`mailpit did not answer within 30 s\n${child.tail()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { child, smtpUrl: `smtp://127.0.0.1:${smtpPort}`, webUrl };
}
