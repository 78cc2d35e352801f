import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read once, here, from the environment. A wrong or missing
 * value stops start-up with one line naming the variable; secret values are
 * never echoed back.
 */
const SECRET_VARS = new Set(['LIVEKIT_API_SECRET', 'REDIS_URL', 'MAJLIS_SIGNING_KEK']);

const port = z
  .number()
  .int('must be an integer from 0 to 65535')
  .min(0, 'must be an integer from 0 to 65535')
  .max(65535, 'must be an integer from 0 to 65535');

const onOff = z
  .enum(['0', '1', 'true', 'false', 'on', 'off'])
  .transform((v) => ['1', 'true', 'on'].includes(v));

const EnvSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z
      .string()
      .regex(/^\d+$/, 'must be an integer from 0 to 65535')
      .default('8080')
      .transform(Number)
      .pipe(port),
    MAJLIS_DATA_DIR: z.string().min(1).default('./data'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
      .optional(),
    LIVEKIT_URL: z
      .string()
      .regex(/^(wss?|https?):\/\/\S+$/, 'must be a ws://, wss://, http:// or https:// URL')
      .optional(),
    LIVEKIT_PUBLIC_URL: z
      .string()
      .regex(/^wss?:\/\/\S+$/, 'must be a ws:// or wss:// URL')
      .optional(),
    LIVEKIT_API_KEY: z.string().min(3, 'must be at least 3 characters').optional(),
    LIVEKIT_API_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    LIVEKIT_BIN: z.string().min(1).optional(),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    LOG_FORMAT: z.enum(['json', 'pretty', 'auto']).default('auto'),
    MAJLIS_MEDIA_CHECK: onOff.default(true),
    MAJLIS_DEMO: onOff.default(false),
    MAJLIS_PUBLIC_URL: z
      .string()
      .regex(/^https?:\/\/[^/\s]+$/, 'must be an http:// or https:// origin without a path')
      .optional(),
    MAJLIS_CLIENT_DIR: z.string().min(1).optional(),
    /** COMM-2: seals issuers' private signing keys; unset: a 0600 file in the data folder. */
    MAJLIS_SIGNING_KEK: z
      .string()
      .regex(/^[A-Za-z0-9_+/-]{43}=?$/, 'must be 32 random bytes in base64url (43 characters)')
      .optional(),
    MAJLIS_TOKEN_TTL_SECONDS: z
      .string()
      .regex(/^\d+$/, 'must be a whole number of seconds')
      // ACCESS-6: a token is only good for connecting within a minute of issue; LiveKit
      // refreshes a connected client's token itself, and the room guard removes the revoked.
      .default('60')
      .transform(Number)
      .pipe(
        z.number().int().min(30, 'must be at least 30').max(60, 'must be at most 60 (ACCESS-6)'),
      ),
  })
  .superRefine((env, ctx) => {
    if (env.LIVEKIT_URL !== undefined) {
      for (const name of ['LIVEKIT_API_KEY', 'LIVEKIT_API_SECRET'] as const) {
        if (env[name] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: 'is required when LIVEKIT_URL is set',
          });
        }
      }
    }
  });

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** Undefined: the launcher starts a private redis-server. */
  redisUrl: string | undefined;
  livekit:
    | { mode: 'external'; url: string; publicUrl: string; apiKey: string; apiSecret: string }
    | { mode: 'embedded'; bin: string | undefined };
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  logFormat: 'json' | 'pretty';
  mediaCheck: boolean;
  demo: boolean;
  /** Origin used in invitation links; defaults to http://HOST:PORT. */
  publicUrl: string | undefined;
  clientDir: string | undefined;
  tokenTtlSeconds: number;
  /** Key-encryption key for signing keys; undefined: kept in the data folder. */
  signingKek: Buffer | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const toWs = (url: string): string => url.replace(/^http/, 'ws');

export function parseConfig(env: NodeJS.ProcessEnv, isTty = false): Config {
  // Empty strings count as unset, as in most shells' `VAR= cmd` habit.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const raw = present[name];
    const shown = raw === undefined || SECRET_VARS.has(name) ? '' : ` (got ${JSON.stringify(raw)})`;
    throw new ConfigError(
      `Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}${shown}`,
    );
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir: path.resolve(e.MAJLIS_DATA_DIR),
    redisUrl: e.REDIS_URL,
    livekit:
      e.LIVEKIT_URL !== undefined &&
      e.LIVEKIT_API_KEY !== undefined &&
      e.LIVEKIT_API_SECRET !== undefined
        ? {
            mode: 'external',
            url: e.LIVEKIT_URL,
            publicUrl: e.LIVEKIT_PUBLIC_URL ?? toWs(e.LIVEKIT_URL),
            apiKey: e.LIVEKIT_API_KEY,
            apiSecret: e.LIVEKIT_API_SECRET,
          }
        : { mode: 'embedded', bin: e.LIVEKIT_BIN },
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT === 'auto' ? (isTty ? 'pretty' : 'json') : e.LOG_FORMAT,
    mediaCheck: e.MAJLIS_MEDIA_CHECK,
    demo: e.MAJLIS_DEMO,
    publicUrl: e.MAJLIS_PUBLIC_URL,
    clientDir: e.MAJLIS_CLIENT_DIR,
    tokenTtlSeconds: e.MAJLIS_TOKEN_TTL_SECONDS,
    signingKek:
      e.MAJLIS_SIGNING_KEK === undefined
        ? undefined
        : Buffer.from(e.MAJLIS_SIGNING_KEK.replace(/=$/, ''), 'base64url'),
  };
}
