import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, parseConfig } from './config.ts';
import { connectRedis } from './store/redis.ts';
import { SummitService } from './summits/service.ts';
import { AccountService } from './auth/accounts.ts';
import { systemClock } from './clock.ts';

/**
 * `npm run admin -- <command>`: administration for the secretariat's
 * operator. It talks to the Redis that Majlis uses (REDIS_URL, or the private
 * one of a running `npm start` found through the data folder).
 */
const USAGE = 'usage: npm run admin -- setup-code';

function privateRedisUrl(dataDir: string): string {
  const secretsFile = path.join(dataDir, 'secrets.json');
  const confFile = path.join(dataDir, 'redis', 'redis.conf');
  if (!fs.existsSync(secretsFile) || !fs.existsSync(confFile)) {
    throw new Error(
      `no private Redis in ${dataDir}; start Majlis with \`npm start\` first, or set REDIS_URL`,
    );
  }
  const { redisPassword } = JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as {
    redisPassword: string;
  };
  const port = /^port (\d+)$/m.exec(fs.readFileSync(confFile, 'utf8'))?.[1];
  return `redis://:${encodeURIComponent(redisPassword)}@127.0.0.1:${port ?? '6379'}`;
}

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command !== 'setup-code') {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = parseConfig(process.env);
  const redis = await connectRedis(config.redisUrl ?? privateRedisUrl(config.dataDir));
  try {
    const accounts = new AccountService(redis, new SummitService(redis, systemClock), systemClock);
    const code = await accounts.issueSetupCode();
    process.stdout.write(
      `One-time setup code (valid 24 hours): ${code}\nOpen /setup in Majlis and enter it to create an organiser account.\n`,
    );
    return 0;
  } finally {
    await redis.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(
      `${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  },
);
