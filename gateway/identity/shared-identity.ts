import DataLoader from 'dataloader';
import type { KeyValueStore } from '../../src/kv/key-value-store.js';
import type { GatewayMetrics } from '../../src/observability/metrics.js';

/**
 * What every item of a submission needs to know about its applicant, resolved once per
 * request: the opaque key and the facts the card subgraph holds from the ID document.
 * Deliberately small: it is cached in Redis, keyed by the person key, never by the ID number.
 */
export interface SharedIdentity {
  readonly id: string;
  readonly gender: 'MALE' | 'FEMALE';
  readonly birthDate: string;
}

export interface IdentitySource {
  /** One call for many people; `null` for a key that no card record has. */
  fetch(personKeys: readonly string[]): Promise<(SharedIdentity | null)[]>;
}

export interface IdentityLoaderOptions {
  readonly source: IdentitySource;
  readonly cache: KeyValueStore;
  readonly ttlSeconds: number;
  readonly metrics: GatewayMetrics;
}

const cacheKey = (personKey: string) => `identity:v1:${personKey}`;

/**
 * A fresh loader per request: the `person` lookups of one operation become one batch, served
 * from Redis where possible and otherwise from one subgraph call. Unknown people are not cached,
 * so someone registered a moment ago is found at once.
 */
export function createIdentityLoader(options: IdentityLoaderOptions): DataLoader<string, SharedIdentity | null> {
  return new DataLoader(async (keys) => {
    const cached = await Promise.all(keys.map((key) => options.cache.get(cacheKey(key)).catch(() => null)));
    const missing = keys.filter((_, index) => cached[index] === null);
    const fetched = new Map<string, SharedIdentity | null>();
    if (missing.length > 0) {
      const identities = await options.source.fetch(missing);
      missing.forEach((key, index) => fetched.set(key, identities[index] ?? null));
      await Promise.all(
        [...fetched.values()].map((identity) =>
          identity
            ? options.cache.set(cacheKey(identity.id), JSON.stringify(identity), { ttlSeconds: options.ttlSeconds }).catch(() => false)
            : Promise.resolve(false),
        ),
      );
    }
    return keys.map((key, index) => {
      const hit = cached[index];
      if (hit !== null && hit !== undefined) {
        options.metrics.identityResolutions.inc({ source: 'cache' });
        return JSON.parse(hit) as SharedIdentity;
      }
      const identity = fetched.get(key) ?? null;
      if (identity) options.metrics.identityResolutions.inc({ source: 'subgraph' });
      return identity;
    });
  });
}
