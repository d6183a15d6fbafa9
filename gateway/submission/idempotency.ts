import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { KeyValueStore } from '../../src/kv/key-value-store.js';

/** Redis keeps the fast-path entry this long; PostgreSQL keeps the key with its submission for good. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** A claim not completed within this time (the gateway died) lapses, so the key can be retried. */
const CLAIM_TTL_SECONDS = 120;

/** A stable fingerprint of a request: same input, same hash, whatever the key order. */
export function requestHash(input: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, canonical(v)]));
    }
    return value;
  };
  return createHash('sha256').update(JSON.stringify(canonical(input))).digest('hex');
}

interface Entry {
  readonly hash: string;
  readonly submissionId: string | null;
}

export type Claim =
  /** First use of the key: go on and create the submission. */
  | { readonly kind: 'new' }
  /** The key is done (or known to PostgreSQL): answer with this submission. */
  | { readonly kind: 'existing'; readonly submissionId: string }
  /** Another request with this key is still being handled. */
  | { readonly kind: 'in-progress' };

export const idempotencyReused = () =>
  new GraphQLError('idempotencyKey: this key was already used with a different input', {
    extensions: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' },
  });

export const idempotencyInProgress = () =>
  new GraphQLError('idempotencyKey: a submission with this key is still being handled; retry shortly', {
    extensions: { code: 'IDEMPOTENCY_KEY_IN_PROGRESS', field: 'idempotencyKey' },
  });

/**
 * The fast path of idempotency (after the IETF Idempotency-Key draft), in Redis so that it holds
 * across gateway replicas: a key is claimed with its request hash before any work; a repeat with
 * the same hash waits for or returns the first; a different hash is refused. PostgreSQL's unique
 * key on the submission stays the truth when Redis has forgotten.
 */
export class IdempotencyKeys {
  constructor(private readonly kv: KeyValueStore) {}

  async claim(key: string, hash: string, waitMs: number): Promise<Claim> {
    const entryKey = `idempotency:v1:${key}`;
    const deadline = Date.now() + waitMs;
    for (;;) {
      if (await this.kv.set(entryKey, JSON.stringify({ hash, submissionId: null } satisfies Entry), { ttlSeconds: CLAIM_TTL_SECONDS, onlyIfAbsent: true })) {
        return { kind: 'new' };
      }
      const raw = await this.kv.get(entryKey);
      if (raw) {
        const entry = JSON.parse(raw) as Entry;
        if (entry.hash !== hash) throw idempotencyReused();
        if (entry.submissionId) return { kind: 'existing', submissionId: entry.submissionId };
      }
      if (Date.now() >= deadline) return { kind: 'in-progress' };
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async complete(key: string, hash: string, submissionId: string): Promise<void> {
    await this.kv.set(`idempotency:v1:${key}`, JSON.stringify({ hash, submissionId } satisfies Entry), { ttlSeconds: IDEMPOTENCY_TTL_SECONDS });
  }

  /** The first attempt failed before storing anything: let the key be used again. */
  async release(key: string): Promise<void> {
    await this.kv.del(`idempotency:v1:${key}`);
  }
}
