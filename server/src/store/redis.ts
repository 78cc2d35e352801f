import { createClient } from 'redis';

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

export interface RedisStore {
  readonly client: RedisClient;
  /** Resolves true when Redis answers PING within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export async function connectRedis(url: string): Promise<RedisStore> {
  const client = makeClient(url);
  // Connection errors surface through ping() and failed commands; without a
  // listener node-redis would throw them as uncaught 'error' events.
  client.on('error', () => undefined);
  await client.connect();
  return {
    client,
    async ping(timeoutMs = 1000) {
      if (!client.isReady) return false;
      try {
        const reply = await withTimeout(client.ping(), timeoutMs);
        return reply === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      if (client.isOpen) {
        try {
          await client.close();
        } catch {
          client.destroy();
        }
      }
    },
  };
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
