import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
  createClient,
} from 'redis';
import { AppError } from '../errors.ts';
import { COMMIT_LUA, encodeTx, type CommitResult, type Tx } from './tx.ts';
import {
  CAST_LUA,
  decodeCastReply,
  encodeBallot,
  type BallotWrite,
  type CastOutcome,
} from './ballot.ts';

/**
 * The one place that imports the Redis client. Everything else talks to the
 * `RedisStore` it returns, so key layout and connection handling stay here.
 */
const makeClient = (url: string) =>
  createClient({
    url,
    // Fail commands at once while disconnected instead of queueing them
    // forever: a write the caller cannot see land must not be acknowledged.
    disableOfflineQueue: true,
    socket: {
      reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000),
      connectTimeout: 5000,
    },
  });
export type RedisClient = ReturnType<typeof makeClient>;

/** A reply as Redis gives it to a raw command. */
export type RawReply = boolean | number | string | (boolean | number | string)[];

export interface RedisStore {
  readonly client: RedisClient;
  /**
   * One raw command, for code that speaks Redis itself (the shared HTTP
   * rate-limit counters of rate-limit-redis); an outage is StoreUnavailable.
   */
  rawCommand(args: string[]): Promise<RawReply>;
  /** Resolves true when Redis answers PING within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  mget(keys: string[]): Promise<(string | null)[]>;
  /** Members of a sorted set by rank, `offset` to `offset + count - 1`, and the set's size. */
  rangeByRank(
    key: string,
    offset: number,
    count: number,
  ): Promise<{ members: string[]; total: number }>;
  /** Members of a sorted set whose score lies in [min, max]. */
  rangeByScore(key: string, min: number, max: number): Promise<string[]>;
  members(key: string): Promise<string[]>;
  /** Entries of a stream, oldest first. */
  streamEntries(key: string, count: number): Promise<string[]>;
  /** All fields of a hash. */
  hashAll(key: string): Promise<Record<string, string>>;
  /** Keys matching a pattern (SCAN, never KEYS). */
  scanKeys(pattern: string): Promise<string[]>;
  /** True the first time it is called for `key` within `ttlSeconds` (SET NX). */
  claimOnce(key: string, ttlSeconds: number): Promise<boolean>;
  /** A second connection, for consumers that hold one open (the Socket.IO adapter). */
  duplicate(): Promise<RedisClient>;
  /** Applies `tx` atomically (one Lua script). */
  commit(tx: Tx): Promise<CommitResult>;
  /** Casts one delegation's ballot atomically (one Lua script; see ballot.ts). */
  castBallot(ballot: BallotWrite): Promise<CastOutcome>;
  isMember(key: string, member: string): Promise<boolean>;
  hashGet(key: string, field: string): Promise<string | null>;
  /**
   * Asks Redis to rewrite its append-only file from the current data, so the
   * file no longer holds the order of past writes (a secret ballot's casts).
   * Resolves false when Redis refuses (e.g. a rewrite already running).
   */
  compactLog(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Redis is away (refused, closed, timed out, still loading its data): the
 * one error every caller sees for it. It is an AppError with the code
 * SERVICE_UNAVAILABLE, so HTTP answers 503 problem+json and Socket.IO a
 * typed error ack without either edge knowing about Redis; it is never a
 * "not found" and never a 4xx.
 */
export class StoreUnavailable extends AppError {
  override name = 'StoreUnavailable';
  constructor(cause: unknown) {
    super('SERVICE_UNAVAILABLE', 'The data store is unavailable; try again shortly');
    this.cause = cause;
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN']);
/** Replies Redis gives while it cannot serve yet: loading the AOF after a restart, and the like. */
const NOT_SERVING = /^(LOADING|MASTERDOWN|BUSY|TRYAGAIN)\b/;

/** True for the errors that mean "Redis cannot be reached now", as opposed to a bad command. */
export function isStoreOutage(err: unknown): boolean {
  if (
    err instanceof ClientOfflineError ||
    err instanceof ClientClosedError ||
    err instanceof SocketClosedUnexpectedlyError ||
    err instanceof DisconnectsClientError ||
    err instanceof ConnectionTimeoutError ||
    err instanceof SocketTimeoutError ||
    err instanceof ReconnectStrategyError ||
    err instanceof TimeoutError
  )
    return true;
  if (err instanceof ErrorReply) return NOT_SERVING.test(err.message);
  const code = err instanceof Error && 'code' in err ? String(err.code) : '';
  return UNREACHABLE.has(code);
}

/** Runs one store operation, turning an outage into StoreUnavailable; every other error as it was. */
async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    throw isStoreOutage(err) ? new StoreUnavailable(err) : err;
  }
}

/** The store with every operation guarded: the one place Redis errors are classified. */
function guard(store: RedisStore): RedisStore {
  return {
    client: store.client,
    rawCommand: (args) => guarded(() => store.rawCommand(args)),
    ping: (timeoutMs) => store.ping(timeoutMs),
    get: (key) => guarded(() => store.get(key)),
    mget: (keys) => guarded(() => store.mget(keys)),
    rangeByRank: (key, offset, count) => guarded(() => store.rangeByRank(key, offset, count)),
    rangeByScore: (key, min, max) => guarded(() => store.rangeByScore(key, min, max)),
    members: (key) => guarded(() => store.members(key)),
    streamEntries: (key, count) => guarded(() => store.streamEntries(key, count)),
    hashAll: (key) => guarded(() => store.hashAll(key)),
    scanKeys: (pattern) => guarded(() => store.scanKeys(pattern)),
    claimOnce: (key, ttl) => guarded(() => store.claimOnce(key, ttl)),
    duplicate: () => guarded(() => store.duplicate()),
    commit: (tx) => guarded(() => store.commit(tx)),
    castBallot: (ballot) => guarded(() => store.castBallot(ballot)),
    isMember: (key, member) => guarded(() => store.isMember(key, member)),
    hashGet: (key, field) => guarded(() => store.hashGet(key, field)),
    compactLog: () => store.compactLog(),
    close: () => store.close(),
  };
}

export async function connectRedis(url: string): Promise<RedisStore> {
  const client = makeClient(url);
  // Connection errors surface through ping() and failed commands; without a
  // listener node-redis would throw them as uncaught 'error' events.
  client.on('error', () => undefined);
  await client.connect();
  const commitSha = await client.scriptLoad(COMMIT_LUA);
  const castSha = await client.scriptLoad(CAST_LUA);
  return guard({
    client,
    rawCommand: (args) => client.sendCommand<RawReply>(args),
    async ping(timeoutMs = 1000) {
      if (!client.isReady) return false;
      try {
        const reply = await withTimeout(client.ping(), timeoutMs);
        return reply === 'PONG';
      } catch {
        return false;
      }
    },
    get: (key) => client.get(key),
    mget: (keys) => (keys.length === 0 ? Promise.resolve([]) : client.mGet(keys)),
    async rangeByRank(key, offset, count) {
      const [members, total] = await Promise.all([
        client.zRange(key, offset, offset + count - 1),
        client.zCard(key),
      ]);
      return { members, total };
    },
    rangeByScore: (key, min, max) => client.zRangeByScore(key, min, max),
    members: (key) => client.sMembers(key),
    hashAll: (key) => client.hGetAll(key),
    async scanKeys(pattern) {
      const out: string[] = [];
      for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 500 }))
        out.push(...batch);
      return out;
    },
    async claimOnce(key, ttlSeconds) {
      return (
        (await client.set(key, '1', {
          condition: 'NX',
          expiration: { type: 'EX', value: ttlSeconds },
        })) === 'OK'
      );
    },
    async streamEntries(key, count) {
      const entries = await client.xRange(key, '-', '+', { COUNT: count });
      return (entries ?? []).map((e) => String((e.message as Record<string, string>)['entry']));
    },
    async duplicate() {
      // Unlike the store's own client, this one queues commands while Redis
      // is away. Socket.IO's streams adapter polls again the moment a read
      // fails; a client that fails at once turns that into a microtask loop
      // that starves the event loop (nothing is served, no child exit is
      // seen) until the process is killed. Queued, the read simply waits.
      const dup = client.duplicate({ disableOfflineQueue: false });
      dup.on('error', () => undefined);
      await dup.connect();
      return dup;
    },
    async commit(tx) {
      const { keys, arg } = encodeTx(tx);
      // EVALSHA keeps the script off the wire; after a Redis restart the
      // script cache is empty, so fall back to EVAL once.
      let reply: string[];
      try {
        reply = (await client.evalSha(commitSha, { keys, arguments: [arg] })) as string[];
      } catch (err) {
        if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
        reply = (await client.eval(COMMIT_LUA, { keys, arguments: [arg] })) as string[];
      }
      switch (reply[0]) {
        case 'OK':
          return { status: 'ok' };
        case 'CONFLICT':
          return { status: 'conflict', key: reply[1] ?? '' };
        case 'NOT_FOUND':
          return { status: 'not_found', key: reply[1] ?? '' };
        case 'RETRY':
          return { status: 'retry' };
        default:
          throw new Error(`unexpected commit reply ${JSON.stringify(reply)}`);
      }
    },
    async castBallot(ballot) {
      const { keys, args } = encodeBallot(ballot);
      try {
        return decodeCastReply(await client.evalSha(castSha, { keys, arguments: args }));
      } catch (err) {
        if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
        return decodeCastReply(await client.eval(CAST_LUA, { keys, arguments: args }));
      }
    },
    isMember: async (key, member) => (await client.sIsMember(key, member)) === 1,
    hashGet: async (key, field) => (await client.hGet(key, field)) ?? null,
    async compactLog() {
      try {
        await client.bgRewriteAof();
        return true;
      } catch {
        return false;
      }
    },
    close: () => closeClient(client),
  });
}

/**
 * Closes a client gracefully when Redis answers, and drops it when it does
 * not: `close()` waits for every pending reply, and a blocking read queued on
 * a connection whose server has died never gets one, so shutting down after
 * Redis went away would otherwise hang for ever.
 */
export async function closeClient(client: RedisClient, graceMs = 2000): Promise<void> {
  if (!client.isOpen) return;
  try {
    await withTimeout(client.close(), graceMs);
  } catch {
    client.destroy();
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
