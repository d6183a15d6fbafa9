import { createClient } from 'redis';

/**
 * The shared fast store: Redis when `REDIS_URL` is set, otherwise an in-process map with the
 * same behaviour (expiry included) whose contents are lost on restart.
 */
export interface KeyValueStore {
  readonly kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  /** Returns false when `onlyIfAbsent` is set and the key already exists. */
  set(key: string, value: string, options?: { ttlSeconds?: number; onlyIfAbsent?: boolean }): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Increments a counter, starting its expiry when it is created. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Every key is stored under `keyPrefix`, so several deployments (or test runs) can share one Redis. */
export async function openKeyValueStore(redisUrl: string | undefined, keyPrefix = ''): Promise<KeyValueStore> {
  const store = redisUrl ? await openRedis(redisUrl) : new MemoryStore();
  return keyPrefix ? prefixed(store, keyPrefix) : store;
}

function prefixed(store: KeyValueStore, prefix: string): KeyValueStore {
  return {
    kind: store.kind,
    get: (key) => store.get(prefix + key),
    set: (key, value, options) => store.set(prefix + key, value, options),
    del: (key) => store.del(prefix + key),
    incr: (key, ttlSeconds) => store.incr(prefix + key, ttlSeconds),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}

async function openRedis(url: string): Promise<KeyValueStore> {
  const client = createClient({
    url,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(retries * 100, 2_000) },
    // Fail fast while disconnected instead of queueing requests forever.
    disableOfflineQueue: true,
  });
  // Reconnection is automatic; errors surface on the commands that hit them and in /readyz.
  client.on('error', () => undefined);
  await client.connect();
  return {
    kind: 'redis',
    get: (key) => client.get(key),
    async set(key, value, options = {}) {
      const reply = await client.set(key, value, {
        ...(options.ttlSeconds ? { expiration: { type: 'EX', value: options.ttlSeconds } } : {}),
        ...(options.onlyIfAbsent ? { condition: 'NX' } : {}),
      });
      return reply === 'OK';
    },
    async del(key) {
      await client.del(key);
    },
    async incr(key, ttlSeconds) {
      const [count] = await client.multi().incr(key).expire(key, ttlSeconds, 'NX').exec();
      return Number(count);
    },
    async ping() {
      await client.ping();
    },
    async close() {
      if (client.isOpen) await client.close();
    },
  };
}

class MemoryStore implements KeyValueStore {
  readonly kind = 'memory';
  readonly #entries = new Map<string, { value: string; expiresAt: number }>();

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
    this.#entries.set(key, { value, expiresAt: options.ttlSeconds ? Date.now() + options.ttlSeconds * 1000 : Infinity });
    return true;
  }

  async del(key: string) {
    this.#entries.delete(key);
  }

  async incr(key: string, ttlSeconds: number) {
    const entry = this.#live(key);
    const next = Number(entry?.value ?? 0) + 1;
    this.#entries.set(key, { value: String(next), expiresAt: entry?.expiresAt ?? Date.now() + ttlSeconds * 1000 });
    return next;
  }

  async ping() {}

  async close() {
    this.#entries.clear();
  }
}
