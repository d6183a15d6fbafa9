import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { KeyValueStore } from '../../src/kv/key-value-store.js';
import { safeError } from '../../src/observability/safe-logging.js';
import type { SubmissionDispatcher } from './dispatch-submission.js';
import type { SubmissionStore } from './submission-store.js';

export interface RecoveryOptions {
  readonly store: SubmissionStore;
  readonly dispatcher: SubmissionDispatcher;
  readonly kv: KeyValueStore;
  readonly intervalMs: number;
  readonly leaseSeconds: number;
  readonly logger: FastifyBaseLogger;
}

const LOCK_KEY = 'lock:dispatch-recovery';
const LOCK_SECONDS = 30;
const BATCH = 50;

/**
 * Finishes what a stopped or failing dispatch left: at start-up and then every `intervalMs`,
 * submissions with PENDING items or FAILED items due for a retry, whose dispatch lease has lapsed,
 * are dispatched again. The per-item idempotency keys make that safe; a Redis lock with expiry
 * (when Redis answers; each submission's lease in PostgreSQL suffices without it)
 * makes one gateway replica at a time do it.
 */
export class DispatchRecovery {
  readonly #instance = randomUUID();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(private readonly options: RecoveryOptions) {}

  start(): void {
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  /** One pass; returns how many submissions it dispatched (0 when another replica holds the lock). */
  runOnce(): Promise<number> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #pass(): Promise<number> {
    const { kv, store, dispatcher, logger } = this.options;
    try {
      if (!(await kv.set(LOCK_KEY, this.#instance, { ttlSeconds: LOCK_SECONDS, onlyIfAbsent: true }))) return 0;
    } catch (error) {
      // The lock only spares replicas duplicate work; each submission's lease in PostgreSQL is what
      // keeps two gateways from dispatching it at once. Without Redis, recovery goes on.
      logger.warn({ err: error }, 'dispatch recovery: lock store unreachable, relying on the leases in PostgreSQL');
    }
    let dispatched = 0;
    try {
      for (const id of await store.unfinishedSubmissionIds(BATCH)) {
        if (!(await store.takeLease(id, this.options.leaseSeconds))) continue;
        // One submission failing (its database briefly gone) does not hold up the others; its
        // lease is released, so the next pass takes it again.
        try {
          await dispatcher.dispatch(id);
          dispatched += 1;
        } catch (error) {
          logger.warn({ error: safeError(error), submissionId: id }, 'dispatch recovery: a submission could not be dispatched, it will be retried');
        } finally {
          await store
            .releaseLease(id)
            .catch((error: unknown) =>
              logger.warn({ error: safeError(error), submissionId: id }, 'dispatch recovery: lease not released, it lapses by itself'),
            );
        }
      }
    } catch (error) {
      // Kind, code and frames only: a database's message may repeat the values it was given.
      logger.error({ error: safeError(error) }, 'dispatch recovery pass failed');
    } finally {
      // Only our own lock: another replica's (after ours expired) stays.
      if ((await kv.get(LOCK_KEY).catch(() => null)) === this.#instance) await kv.del(LOCK_KEY).catch(() => undefined);
    }
    if (dispatched > 0) logger.info({ dispatched }, 'dispatch recovery resumed submissions');
    return dispatched;
  }
}
