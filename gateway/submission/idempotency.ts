import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { KeyValueStore } from '../../src/kv/key-value-store.js';

/** Redis keeps the fast-path entry this long; PostgreSQL keeps the key with its submission for good. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/**
 * A claim covers the time before the submission is stored (validation, the applicant's record);
 * from then on PostgreSQL answers (the submission and its dispatch lease). A claim left by a
 * gateway that died before storing lapses after this time, and the key can be used again.
 */
const CLAIM_TTL_SECONDS = 30;
const POLL_MS = 100;

/** A stable fingerprint of a request: same input, same hash, whatever the key order. */
export function requestHash(input: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([k, v]) => [k, canonical(v)]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(input)))
    .digest('hex');
}

interface Entry {
  readonly hash: string;
  readonly submissionId: string | null;
}

/** What PostgreSQL holds for a key: the truth (see SubmissionStore). */
export interface StoredKey {
  readonly id: string;
  readonly request_hash: string;
  /** Set while a gateway dispatches the submission; lapses if that gateway died. */
  readonly dispatch_lease_until: Date | null;
}

export interface KeyTruth {
  byIdempotencyKey(key: string): Promise<StoredKey | undefined>;
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The fast path of idempotency (after the IETF Idempotency-Key draft), in Redis so that it holds
 * across gateway replicas: a key is claimed with its request hash before any work; a repeat with
 * the same hash waits for or returns the first; a different hash is refused.
 *
 * PostgreSQL's unique key on the submission is the truth: whenever Redis has no finished answer
 * (an open claim, possibly left by a gateway that died, or Redis unreachable), the stored
 * submission decides — a different hash is refused, a submission nobody is dispatching any more
 * is returned, one still being dispatched is waited for. With Redis unreachable and nothing
 * stored, the request goes on: the unique key lets only one submission be created.
 */
export class IdempotencyKeys {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly truth: KeyTruth,
  ) {}

  async claim(key: string, hash: string, waitMs: number): Promise<Claim> {
    const entryKey = `idempotency:v1:${key}`;
    const deadline = Date.now() + waitMs;
    for (;;) {
      let entry: Entry | null | 'unreachable';
      try {
        if (await this.kv.set(entryKey, JSON.stringify({ hash, submissionId: null } satisfies Entry), { ttlSeconds: CLAIM_TTL_SECONDS, onlyIfAbsent: true })) {
          return { kind: 'new' };
        }
        const raw = await this.kv.get(entryKey);
        entry = raw ? (JSON.parse(raw) as Entry) : null;
      } catch {
        entry = 'unreachable';
      }
      if (entry && entry !== 'unreachable') {
        if (entry.hash !== hash) throw idempotencyReused();
        if (entry.submissionId) return { kind: 'existing', submissionId: entry.submissionId };
      }
      const truth = await this.fromTruth(key, hash);
      if (typeof truth === 'object') return truth;
      // Redis cannot coordinate and PostgreSQL does not know the key: its unique key will.
      if (entry === 'unreachable' && truth === 'absent') return { kind: 'new' };
      if (Date.now() >= deadline) return { kind: 'in-progress' };
      await sleep(POLL_MS);
    }
  }

  /**
   * PostgreSQL's answer for a key another request has stored: waits while a live gateway
   * dispatches it (up to `waitMs`), then returns it; IDEMPOTENCY_KEY_REUSED for a different input.
   */
  async stored(key: string, hash: string, waitMs: number): Promise<Claim> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const truth = await this.fromTruth(key, hash);
      if (typeof truth === 'object') return truth;
      if (Date.now() >= deadline) return { kind: 'in-progress' };
      await sleep(POLL_MS);
    }
  }

  /** The stored submission if no gateway is dispatching it now; throws on a different input. */
  private async fromTruth(key: string, hash: string): Promise<Claim | 'absent' | 'dispatching'> {
    const stored = await this.truth.byIdempotencyKey(key);
    if (!stored) return 'absent';
    if (stored.request_hash !== hash) throw idempotencyReused();
    if (stored.dispatch_lease_until && stored.dispatch_lease_until.getTime() > Date.now()) return 'dispatching';
    // Finished, or its gateway died (recovery takes it over): the submission is the answer.
    await this.complete(key, hash, stored.id);
    return { kind: 'existing', submissionId: stored.id };
  }

  /** Best effort: the entry only saves later repeats a PostgreSQL read. */
  async complete(key: string, hash: string, submissionId: string): Promise<void> {
    await this.kv
      .set(`idempotency:v1:${key}`, JSON.stringify({ hash, submissionId } satisfies Entry), { ttlSeconds: IDEMPOTENCY_TTL_SECONDS })
      .catch(() => false);
  }

  /** The first attempt failed before storing anything: let the key be used again (best effort; the claim lapses anyway). */
  async release(key: string): Promise<void> {
    await this.kv.del(`idempotency:v1:${key}`).catch(() => undefined);
  }
}
