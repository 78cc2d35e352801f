import { DEFAULT_COMMAND_QUOTA, type CommandQuotaLimits } from './realtime/quota.ts';

/**
 * Every rate limit in one place, with its default (docs/SECURITY.md lists
 * them; RATE_LIMIT_* set them, parsed once in config.ts). HTTP counters live
 * in Redis, shared by every node; Socket.IO quotas are per node, in memory.
 */
export interface RateLimits extends CommandQuotaLimits {
  /** Requests per minute per client address across the API. */
  apiPerMinute: number;
  /**
   * Sign-in, setup and invitation attempts per 15 minutes per client
   * address: a ceiling for a whole venue or ministry behind one NAT address,
   * so it is high; the per-credential limit below is the tight one.
   */
  authPer15Minutes: number;
  /** Attempts per 15 minutes on one credential: one e-mail, one invitation, one setup code. */
  authPerCredential: number;
  /** Wrong passwords in a row before an account locks. */
  lockoutAfterFailures: number;
  /** The first lockout; each further wrong password doubles it, up to an hour. */
  lockoutSeconds: number;
  /** Anonymous media-check tokens per minute per client address. */
  mediaCheckPerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  apiPerMinute: 1200,
  authPer15Minutes: 1000,
  authPerCredential: 10,
  lockoutAfterFailures: 5,
  lockoutSeconds: 60,
  mediaCheckPerMinute: 10,
  ...DEFAULT_COMMAND_QUOTA,
};

/** The environment variable that sets each limit. */
export const RATE_LIMIT_VARS = {
  apiPerMinute: 'RATE_LIMIT_API_PER_MINUTE',
  authPer15Minutes: 'RATE_LIMIT_AUTH_PER_ADDRESS',
  authPerCredential: 'RATE_LIMIT_AUTH_PER_CREDENTIAL',
  lockoutAfterFailures: 'RATE_LIMIT_LOCKOUT_AFTER',
  lockoutSeconds: 'RATE_LIMIT_LOCKOUT_SECONDS',
  mediaCheckPerMinute: 'RATE_LIMIT_MEDIA_CHECK_PER_MINUTE',
  socketPerSecond: 'RATE_LIMIT_SOCKET_COMMANDS_PER_SECOND',
  socketBurst: 'RATE_LIMIT_SOCKET_BURST',
  principalPerSecond: 'RATE_LIMIT_PRINCIPAL_COMMANDS_PER_SECOND',
  principalBurst: 'RATE_LIMIT_PRINCIPAL_BURST',
  socketsPerPrincipal: 'RATE_LIMIT_SOCKETS_PER_PRINCIPAL',
} as const satisfies Record<keyof RateLimits, `RATE_LIMIT_${string}`>;
