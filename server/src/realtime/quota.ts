/**
 * Command quotas for the Socket.IO edge (issue 19, item 1: a 10,000-command
 * burst from one observer took the chair's `floor:get` from 3–8 ms to over a
 * second, and 150 sockets on one cookie were all accepted). Decided in
 * memory, before any await and before any Redis work, so a refused command
 * costs next to nothing. Per node: with N nodes behind a balancer a
 * principal gets at most N times these figures.
 */
export interface CommandQuotaLimits {
  /** Sustained commands per second from one socket. */
  socketPerSecond: number;
  /** Commands one socket may send at once before the sustained rate applies. */
  socketBurst: number;
  /** Sustained commands per second from one principal, all their sockets together. */
  principalPerSecond: number;
  principalBurst: number;
  /** Open sockets per principal (their devices and tabs) on one node. */
  socketsPerPrincipal: number;
}

export const DEFAULT_COMMAND_QUOTA: CommandQuotaLimits = {
  socketPerSecond: 20,
  socketBurst: 60,
  principalPerSecond: 50,
  principalBurst: 150,
  socketsPerPrincipal: 10,
};

/** `burst` tokens at most, refilled at `perSecond`; each command takes one. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

interface PrincipalQuota {
  bucket: TokenBucket;
  sockets: number;
}

/** One node's quotas: a bucket per socket, a bucket and a socket count per principal. */
export class CommandQuota {
  private readonly principals = new Map<string, PrincipalQuota>();

  constructor(private readonly limits: CommandQuotaLimits) {}

  /**
   * Counts a new socket for the principal, or refuses it over the cap. The
   * returned gate answers, per command, whether it may run; `release` must
   * be called when the socket goes.
   */
  open(
    principalKey: string,
    now: number,
  ): { gate: (now: number) => boolean; release: () => void } | undefined {
    let principal = this.principals.get(principalKey);
    if (principal === undefined) {
      principal = {
        bucket: new TokenBucket(this.limits.principalPerSecond, this.limits.principalBurst, now),
        sockets: 0,
      };
      this.principals.set(principalKey, principal);
    }
    if (principal.sockets >= this.limits.socketsPerPrincipal) return undefined;
    principal.sockets += 1;
    const own = principal;
    const socket = new TokenBucket(this.limits.socketPerSecond, this.limits.socketBurst, now);
    let released = false;
    return {
      // The socket's own bucket first: a flooding socket spends its tokens, not its owner's.
      gate: (at) => socket.take(at) && own.bucket.take(at),
      release: () => {
        if (released) return;
        released = true;
        own.sockets -= 1;
        // Forgotten once the last socket is gone and the bucket would be full again, so
        // memory follows the people connected and reconnecting does not refill it sooner.
        if (own.sockets === 0) {
          const refillMs = (this.limits.principalBurst / this.limits.principalPerSecond) * 1000;
          setTimeout(() => {
            if (own.sockets === 0 && this.principals.get(principalKey) === own)
              this.principals.delete(principalKey);
          }, refillMs).unref();
        }
      },
    };
  }
}
