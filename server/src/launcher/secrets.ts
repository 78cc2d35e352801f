import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Credentials for the private Redis and LiveKit, generated on first start and
 * kept in the data folder with mode 0600. They never leave this machine and
 * are never logged.
 */
const LocalSecrets = z.object({
  redisPassword: z.string().min(32),
  livekitApiKey: z.string().min(3),
  livekitApiSecret: z.string().min(32),
});
export type LocalSecrets = z.infer<typeof LocalSecrets>;

export function loadOrCreateSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o600);
    return LocalSecrets.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  const secrets: LocalSecrets = {
    redisPassword: randomBytes(32).toString('base64url'),
    livekitApiKey: `API${randomBytes(8).toString('hex')}`,
    livekitApiSecret: randomBytes(32).toString('base64url'),
  };
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}
