import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { RedisStore as RedisLimitStore } from 'rate-limit-redis';
import { AppError } from '../errors.ts';
import type { RateLimits } from '../limits.ts';
import type { RedisStore } from '../store/redis.ts';
import { sha256 } from '../summits/common.ts';
import { sendProblem } from './problem.ts';

/**
 * HTTP rate limits (issue 19, item 7). Counters live in Redis, so every
 * node counts the same requests; they are keyed by what is attacked (an
 * account, an invitation, a setup code) with a far higher ceiling per
 * address, because a ministry or a venue brings a whole delegation through
 * one NAT address.
 */
/** Where the counters live; every node of one deployment must use the same. */
export const RATE_LIMIT_PREFIX = 'majlis:ratelimit:';
const FIFTEEN_MINUTES = 15 * 60_000;
const MAX_LOCKOUT_SECONDS = 3600;

/** The client's address as a key: an IPv6 client counts by its /56, as it can pick within it. */
const addressOf = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');

const bodyField = (req: Request, field: string): string | undefined => {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || !(field in body)) return undefined;
  const value: unknown = Reflect.get(body, field);
  return typeof value === 'string' ? value : undefined;
};

/**
 * The credential an attempt is made on: the e-mail signed in with, the
 * invitation or setup code presented (hashed; the key never holds it).
 * Without one the attempt counts against its address.
 */
export function credentialOf(req: Request): string {
  // Mounted on the routes themselves, so the route is in baseUrl, not path.
  const route = `${req.baseUrl}${req.path}`.replace(/\/$/, '');
  if (route.endsWith('/auth/login')) {
    const email = bodyField(req, 'email');
    if (email !== undefined) return `account:${sha256(email.trim().toLowerCase())}`;
  }
  if (route.endsWith('/invitations/redeem')) {
    const token = bodyField(req, 'token');
    if (token !== undefined) return `invitation:${sha256(token)}`;
  }
  if (route.endsWith('/setup')) return 'setup';
  return `address:${addressOf(req)}`;
}

export interface HttpLimiters {
  /** Every API request, per address. */
  api: RequestHandler;
  /** Sign-in, setup and redemption: the per-address ceiling. */
  authPerAddress: RequestHandler;
  /** Sign-in, setup and redemption: per credential (after the JSON body is parsed). */
  authPerCredential: RequestHandler;
  /** Anonymous media-check tokens, per address. */
  mediaCheck: RequestHandler;
}

export function httpLimiters(
  store: RedisStore,
  limits: RateLimits,
  prefix = RATE_LIMIT_PREFIX,
): HttpLimiters {
  const limiter = (
    name: string,
    limit: number,
    windowMs: number,
    message: string,
    keyGenerator: (req: Request) => string = addressOf,
  ): RequestHandler =>
    rateLimit({
      windowMs,
      limit,
      keyGenerator,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      // Redis away: answered 503 like every other store outage, never waved through.
      passOnStoreError: false,
      store: new RedisLimitStore({
        prefix: `${prefix}${name}:`,
        sendCommand: (...args: string[]) => store.rawCommand(args),
      }),
      handler: (_req, res) => sendProblem(res, 'RATE_LIMITED', message),
    });
  return {
    api: limiter('api', limits.apiPerMinute, 60_000, 'Too many requests; slow down'),
    authPerAddress: limiter(
      'auth-address',
      limits.authPer15Minutes,
      FIFTEEN_MINUTES,
      'Too many sign-in attempts from this network; wait a few minutes',
    ),
    authPerCredential: limiter(
      'auth-credential',
      limits.authPerCredential,
      FIFTEEN_MINUTES,
      'Too many attempts with this credential; wait a few minutes',
      credentialOf,
    ),
    mediaCheck: limiter(
      'media-check',
      limits.mediaCheckPerMinute,
      60_000,
      'Too many media-check tokens; wait a minute',
    ),
  };
}

/**
 * Per-account lockout with backoff: after `lockoutAfterFailures` wrong
 * passwords in a row the account (by the e-mail tried, so an unknown
 * address behaves the same and reveals nothing) is locked for
 * `lockoutSeconds`, doubled for every further failure, up to an hour. A
 * success clears the count. Kept in Redis: every node sees the same lock.
 */
export class LoginLockout {
  constructor(
    private readonly store: RedisStore,
    private readonly limits: Pick<RateLimits, 'lockoutAfterFailures' | 'lockoutSeconds'>,
    private readonly prefix = RATE_LIMIT_PREFIX,
  ) {}

  private keysOf(email: string): { failures: string; lock: string } {
    const account = sha256(email.trim().toLowerCase());
    return {
      failures: `${this.prefix}login-failures:${account}`,
      lock: `${this.prefix}login-lock:${account}`,
    };
  }

  /** Throws RATE_LIMITED (with Retry-After on `res`) while the account is locked. */
  async refuseWhileLocked(email: string, res: Response): Promise<void> {
    const ttl = Number(await this.store.rawCommand(['PTTL', this.keysOf(email).lock]));
    if (ttl > 0) {
      const seconds = Math.ceil(ttl / 1000);
      res.setHeader('Retry-After', String(seconds));
      throw new AppError(
        'RATE_LIMITED',
        `This account is locked after repeated wrong passwords; try again in ${seconds} s`,
      );
    }
  }

  async failed(email: string): Promise<void> {
    const { failures, lock } = this.keysOf(email);
    const count = Number(await this.store.rawCommand(['INCR', failures]));
    await this.store.rawCommand(['EXPIRE', failures, String(24 * 3600)]);
    const over = count - this.limits.lockoutAfterFailures;
    if (over < 0) return;
    const seconds = Math.min(
      MAX_LOCKOUT_SECONDS,
      this.limits.lockoutSeconds * 2 ** Math.min(over, 16),
    );
    await this.store.rawCommand(['SET', lock, '1', 'EX', String(seconds)]);
  }

  async succeeded(email: string): Promise<void> {
    await this.store.rawCommand(['DEL', this.keysOf(email).failures]);
  }
}
