import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, parseConfig } from './config.ts';
import { connectRedis, type RedisStore } from './store/redis.ts';
import { SummitService } from './summits/service.ts';
import { AccountService } from './auth/accounts.ts';
import { systemClock } from './clock.ts';
import { verifySummitRecord } from './reach/service.ts';
import { keys } from './store/keys.ts';

/**
 * `npm run admin -- <command>`: administration for the secretariat's
 * operator. It talks to the Redis that Majlis uses (REDIS_URL, or the private
 * one of a running `npm start` found through the data folder).
 */
const USAGE = 'usage: npm run admin -- setup-code | verify-record <summitId>';

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
  const [command, summitId] = argv;
  const verify = command === 'verify-record' && summitId !== undefined;
  if (command !== 'setup-code' && !verify) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = parseConfig(process.env);
  const redis = await connectRedis(config.redisUrl ?? privateRedisUrl(config.dataDir));
  try {
    if (verify) return await verifyRecord(redis, summitId);
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

/** ACCESS-5: walks the summit's hash chain; non-zero naming the first broken entry. */
async function verifyRecord(redis: RedisStore, summitId: string): Promise<number> {
  if ((await redis.get(keys.summit(summitId))) === null) {
    process.stderr.write(`No summit ${summitId} in this Redis\n`);
    return 1;
  }
  const verdict = await verifySummitRecord(redis, summitId);
  if (verdict.ok) {
    process.stdout.write(
      verdict.entries === 0
        ? `Record of summit ${summitId}: no entries.\n`
        : `Record of summit ${summitId}: ${verdict.entries} entries, chain intact; last entry ${verdict.lastSeq ?? ''} has hash ${verdict.lastHash ?? ''}\n`,
    );
    return 0;
  }
  const { seq, act, at } = verdict.brokenAt;
  process.stderr.write(
    `Record of summit ${summitId}: chain broken at entry ${seq} (${act}${at === '' ? '' : ` at ${at}`}) of ${verdict.entries}\n`,
  );
  return 1;
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
