import path from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_RATE_LIMITS, RATE_LIMIT_VARS, type RateLimits } from './limits.ts';

/**
 * Configuration is read once, here, from the environment. A wrong or missing
 * value stops start-up with one line naming the variable; secret values are
 * never echoed back.
 */
// SMTP_URL may carry a password.
const SECRET_VARS = new Set(['LIVEKIT_API_SECRET', 'REDIS_URL', 'MAJLIS_SIGNING_KEK', 'SMTP_URL']);

const port = z
  .number()
  .int('must be an integer from 0 to 65535')
  .min(0, 'must be an integer from 0 to 65535')
  .max(65535, 'must be an integer from 0 to 65535');

const onOff = z
  .enum(['0', '1', 'true', 'false', 'on', 'off'])
  .transform((v) => ['1', 'true', 'on'].includes(v));

/** 127.0.0.0/8, ::1 and localhost: a machine talking to itself. */
export const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);

/** A positive whole number, for a RATE_LIMIT_* figure. */
const limit = z
  .string()
  .regex(/^\d+$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be at least 1'))
  .optional();
const rateLimitVars = Object.fromEntries(
  Object.values(RATE_LIMIT_VARS).map((name) => [name, limit]),
) as Record<(typeof RATE_LIMIT_VARS)[keyof RateLimits], typeof limit>;

/** Names Express itself knows for address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyRange = (entry: string): boolean => {
  const [address, bits, ...rest] = entry.split('/');
  if (address === undefined || rest.length > 0) return false;
  if (bits === undefined) return PROXY_RANGE_NAMES.has(address) || isIP(address) !== 0;
  const family = isIP(address);
  const n = Number(bits);
  return family !== 0 && /^\d+$/.test(bits) && n <= (family === 4 ? 32 : 128);
};

/**
 * Which proxies may speak for the client (X-Forwarded-For, -Proto): none by
 * default; a hop count; or addresses and CIDRs. Never "all": then anyone
 * could claim any address and escape the per-address limits.
 */
const TrustProxy = z.string().transform((v, ctx): false | number | string[] => {
  if (v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim());
  if (entries.every(isProxyRange)) return entries;
  ctx.addIssue({
    code: 'custom',
    message:
      'must be a hop count (e.g. 1) or addresses and CIDRs (e.g. 10.0.0.0/8,loopback), not "true"',
  });
  return z.NEVER;
});

const EnvSchema = z
  .object({
    ...rateLimitVars,
    TRUST_PROXY: TrustProxy.default(false),
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
    /** ACCT-1: where mail goes; unset: `npm start` runs a private mailpit. */
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/\S+$/, 'must be an smtp:// or smtps:// URL')
      .optional(),
    MAIL_FROM: z.string().min(3).max(200).default('Majlis <no-reply@majlis.invalid>'),
    MAILPIT_BIN: z.string().min(1).optional(),
    NODE_ENV: z.string().optional(),
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
    // Links and the origin check need the address people really use; only on a
    // loopback development machine can it be guessed from HOST and PORT.
    if (
      env.MAJLIS_PUBLIC_URL === undefined &&
      (env.NODE_ENV === 'production' || !isLoopback(env.HOST))
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAJLIS_PUBLIC_URL'],
        message:
          'is required when NODE_ENV=production or HOST is not a loopback address (e.g. https://summit.example.org)',
      });
    }
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
  /**
   * The only origin in absolute links and the only one writes and sockets
   * are accepted from: MAJLIS_PUBLIC_URL, else http://HOST:PORT (undefined
   * for PORT=0: the app takes the port it is given).
   */
  publicUrl: string | undefined;
  clientDir: string | undefined;
  tokenTtlSeconds: number;
  /** Express's `trust proxy`: false, a hop count, or trusted addresses and CIDRs. */
  trustProxy: false | number | string[];
  rateLimits: RateLimits;
  /** Key-encryption key for signing keys; undefined: kept in the data folder. */
  signingKek: Buffer | undefined;
  /** ACCT-1: SMTP, or a private mailpit (`bin` when MAILPIT_BIN names one). */
  mail:
    | { mode: 'smtp'; url: string; from: string }
    | { mode: 'mailpit'; bin: string | undefined; from: string };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const toWs = (url: string): string => url.replace(/^http/, 'ws');

function rateLimitsOf(e: z.infer<typeof EnvSchema>): RateLimits {
  const limits = { ...DEFAULT_RATE_LIMITS };
  // The table's own keys: every field of RateLimits has its variable.
  const fields = Object.keys(RATE_LIMIT_VARS) as (keyof RateLimits)[];
  for (const field of fields) limits[field] = e[RATE_LIMIT_VARS[field]] ?? limits[field];
  return limits;
}

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
    publicUrl:
      e.MAJLIS_PUBLIC_URL ??
      (e.PORT === 0
        ? undefined
        : `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`),
    clientDir: e.MAJLIS_CLIENT_DIR,
    tokenTtlSeconds: e.MAJLIS_TOKEN_TTL_SECONDS,
    trustProxy: e.TRUST_PROXY,
    rateLimits: rateLimitsOf(e),
    signingKek:
      e.MAJLIS_SIGNING_KEK === undefined
        ? undefined
        : Buffer.from(e.MAJLIS_SIGNING_KEK.replace(/=$/, ''), 'base64url'),
    mail:
      e.SMTP_URL === undefined
        ? { mode: 'mailpit', bin: e.MAILPIT_BIN, from: e.MAIL_FROM }
        : { mode: 'smtp', url: e.SMTP_URL, from: e.MAIL_FROM },
  };
}
