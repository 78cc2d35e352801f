import fs from 'node:fs';
import path from 'node:path';
import { startChild, type OwnedChild } from './child.ts';
import { freeTcpPort, waitForTcp } from './ports.ts';

export interface PrivateRedis {
  child: OwnedChild;
  url: string;
  port: number;
}

/**
 * A private redis-server on loopback with AOF persistence in `dir`. The
 * password sits in a 0600 config file, never on a command line where `ps`
 * would show it.
 */
export async function startPrivateRedis(opts: {
  dir: string;
  password: string;
  bin?: string;
  port?: number;
}): Promise<PrivateRedis> {
  fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const port = opts.port ?? (await freeTcpPort());
  const conf = path.join(opts.dir, 'redis.conf');
  fs.writeFileSync(
    conf,
    [
      'bind 127.0.0.1',
      `port ${port}`,
      'protected-mode yes',
      `dir ${JSON.stringify(opts.dir)}`,
      'appendonly yes',
      'appendfsync everysec',
      'save ""',
      'daemonize no',
      `requirepass ${opts.password}`,
      'loglevel notice',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  fs.chmodSync(conf, 0o600);
  const child = startChild(
    'redis-server',
    opts.bin ?? 'redis-server',
    [conf],
    path.join(opts.dir, 'redis.log'),
  );
  try {
    await waitForTcp('127.0.0.1', port, 15_000, () => child.isAlive());
  } catch (err) {
    await child.stop();
    throw new Error(`redis-server did not start: ${(err as Error).message}\n${child.tail()}`, {
      cause: err,
    });
  }
  return { child, port, url: `redis://:${encodeURIComponent(opts.password)}@127.0.0.1:${port}` };
}
