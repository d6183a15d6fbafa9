import { createClient } from 'redis';
import { CircuitBreaker, type BreakerCounts, type BreakerState } from './circuit-breaker.js';

/**
 * The shared fast store: Redis when `REDIS_URL` is set, otherwise an in-process map with the
 * same behaviour (expiry included) whose contents are lost on restart.
 *
 * Redis is never the truth, only a fast path: every call has a short timeout and goes through a
 * circuit breaker, so a Redis that is down or stops answering costs a caller at most one timeout,
 * and then nothing while the breaker is open. Callers handle a failed call (PostgreSQL decides,
 * a cache misses, a limiter counts in-process).
 */
export interface KeyValueStore {
  readonly kind: 'redis' | 'memory';
  /** Whether calls reach the store now: the breaker's state and what it has seen. */
  health(): KeyValueHealth;
  get(key: string): Promise<string | null>;
  /** Returns false when `onlyIfAbsent` is set and the key already exists. */
  set(key: string, value: string, options?: { ttlSeconds?: number; onlyIfAbsent?: boolean }): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Increments a counter, starting its expiry when it is created. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface KeyValueHealth {
  readonly breaker: BreakerState;
  readonly counts: BreakerCounts & { readonly timeouts: number };
}

export interface KeyValueStoreOptions {
  /** Each Redis call fails after this long without an answer. */
  readonly commandTimeoutMs: number;
  /** Failures in a row that open the breaker. */
  readonly breakerFailures: number;
  /** How long the open breaker skips Redis before one call probes it again. */
  readonly breakerOpenMs: number;
}

export const DEFAULT_KEY_VALUE_OPTIONS: KeyValueStoreOptions = Object.freeze({ commandTimeoutMs: 200, breakerFailures: 3, breakerOpenMs: 5_000 });

/** The store did not answer within the command timeout. */
export class KeyValueTimeoutError extends Error {
  constructor(ms: number) {
    super(`key-value store: no answer within ${ms} ms`);
    this.name = 'KeyValueTimeoutError';
  }
}

/** Every key is stored under `keyPrefix`, so several deployments (or test runs) can share one Redis. */
export async function openKeyValueStore(
  redisUrl: string | undefined,
  keyPrefix = '',
  options: KeyValueStoreOptions = DEFAULT_KEY_VALUE_OPTIONS,
): Promise<KeyValueStore> {
  const store = redisUrl ? await openRedis(redisUrl, options) : new MemoryStore();
  return keyPrefix ? prefixed(store, keyPrefix) : store;
}

function prefixed(store: KeyValueStore, prefix: string): KeyValueStore {
  return {
    kind: store.kind,
    health: () => store.health(),
    get: (key) => store.get(prefix + key),
    set: (key, value, options) => store.set(prefix + key, value, options),
    del: (key) => store.del(prefix + key),
    incr: (key, ttlSeconds) => store.incr(prefix + key, ttlSeconds),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

async function openRedis(url: string, options: KeyValueStoreOptions): Promise<KeyValueStore> {
  const client = createClient({
    url,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(retries * 100, 2_000) },
    // Fail fast while disconnected instead of queueing requests forever.
    disableOfflineQueue: true,
    // A command Redis does not answer (a paused server keeps the connection open) leaves the queue.
    commandOptions: { timeout: options.commandTimeoutMs },
  });
  // Reconnection is automatic; errors surface on the commands that hit them and in /readyz.
  client.on('error', () => undefined);
  // A Redis that is down or paused at start-up does not stop the gateway: it starts degraded and
  // the client keeps connecting in the background.
  const connecting = client.connect().then(
    () => true,
    () => false,
  );
  await Promise.race([connecting, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);

  const breaker = new CircuitBreaker({ failureThreshold: options.breakerFailures, openMs: options.breakerOpenMs });
  let timeouts = 0;
  const call = <T>(work: () => Promise<T>): Promise<T> =>
    breaker.run(() => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timeouts += 1;
          reject(new KeyValueTimeoutError(options.commandTimeoutMs));
        }, options.commandTimeoutMs);
      });
      return Promise.race([work(), timeout]).finally(() => clearTimeout(timer));
    });
  return {
    kind: 'redis',
    health: () => ({ breaker: breaker.state, counts: { ...breaker.counts, timeouts } }),
    get: (key) => call(() => client.get(key)),
    set: (key, value, setOptions = {}) =>
      call(async () => {
        const reply = await client.set(key, value, {
          ...(setOptions.ttlSeconds ? { expiration: { type: 'EX', value: setOptions.ttlSeconds } } : {}),
          ...(setOptions.onlyIfAbsent ? { condition: 'NX' } : {}),
        });
        return reply === 'OK';
      }),
    del: (key) =>
      call(async () => {
        await client.del(key);
      }),
    incr: (key, ttlSeconds) =>
      call(async () => {
        const [count] = await client.multi().incr(key).expire(key, ttlSeconds, 'NX').exec();
        return Number(count);
      }),
    ping: () =>
      call(async () => {
        await client.ping();
      }),
    async close() {
      // Gracefully when Redis answers; a paused or absent Redis must not hold the shutdown.
      if (client.isReady) await Promise.race([client.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
      try {
        if (client.isOpen) client.destroy();
      } catch {
        // already closed
      }
    },
  };
}

/** The in-process store; also the rate limiter's stand-in while Redis is unavailable. */
export class MemoryStore implements KeyValueStore {
  readonly kind = 'memory';
  readonly #entries = new Map<string, { value: string; expiresAt: number }>();
  #writes = 0;

  health(): KeyValueHealth {
    return { breaker: { phase: 'closed', failures: 0 }, counts: { opened: 0, failures: 0, refused: 0, timeouts: 0 } };
  }

  /** Expired entries are dropped when read, and all of them every 1000 writes (keys never read again). */
  #sweep() {
    this.#writes += 1;
    if (this.#writes % 1000 !== 0) return;
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
  }

  #live(key: string) {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async get(key: string) {
    return this.#live(key)?.value ?? null;
  }

  async set(key: string, value: string, options: { ttlSeconds?: number; onlyIfAbsent?: boolean } = {}) {
    if (options.onlyIfAbsent && this.#live(key)) return false;
    this.#sweep();
    this.#entries.set(key, { value, expiresAt: options.ttlSeconds ? Date.now() + options.ttlSeconds * 1000 : Infinity });
    return true;
  }

  async del(key: string) {
    this.#entries.delete(key);
  }

  async incr(key: string, ttlSeconds: number) {
    const entry = this.#live(key);
    const next = Number(entry?.value ?? 0) + 1;
    if (!entry) this.#sweep();
    this.#entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? Date.now() + ttlSeconds * 1000 });
    return next;
  }

  async ping() {}

  async close() {
    this.#entries.clear();
  }
}
