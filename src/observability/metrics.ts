import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { KeyValueStore } from '../kv/key-value-store.js';

/**
 * One registry per service instance (not the global one), so several services in one process,
 * as in `npm start` and the tests, keep their own figures.
 */
export function createGatewayMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    identityResolutions: new Counter({
      name: 'gateway_identity_resolutions_total',
      help: 'People whose shared identity was resolved, by where it came from (cache or subgraph).',
      labelNames: ['source'] as const,
      registers: [registry],
    }),
    subgraphFetches: new Counter({
      name: 'gateway_subgraph_fetches_total',
      help: 'HTTP requests sent to subgraphs, by subgraph and outcome.',
      labelNames: ['subgraph', 'outcome'] as const,
      registers: [registry],
    }),
    subgraphFetchSeconds: new Histogram({
      name: 'gateway_subgraph_fetch_seconds',
      help: 'Time of each subgraph request.',
      labelNames: ['subgraph'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    itemDispatches: new Counter({
      name: 'gateway_item_dispatches_total',
      help: 'Items of submissions sent to their subgraphs, by subgraph and resulting status.',
      labelNames: ['subgraph', 'outcome'] as const,
      registers: [registry],
    }),
    submissions: new Counter({
      name: 'gateway_submissions_total',
      help: 'submitBundle calls that stored a new submission, by bundle.',
      labelNames: ['bundle'] as const,
      registers: [registry],
    }),
    operations: new Counter({
      name: 'gateway_operations_total',
      help: 'GraphQL operations handled, by type and outcome.',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    }),
    operationSeconds: new Histogram({
      name: 'gateway_operation_seconds',
      help: 'Time from receiving a GraphQL operation to answering it, by type and outcome.',
      labelNames: ['type', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    subgraphUp: new Gauge({
      name: 'gateway_subgraph_up',
      help: 'Whether the last request to each subgraph got an answer (1) or not (0: unreachable, timed out or 5xx).',
      labelNames: ['subgraph'] as const,
      registers: [registry],
    }),
  };
}
export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;

const BREAKER_PHASES = ['closed', 'half-open', 'open'] as const;

/**
 * The key-value store's circuit breaker on /metrics, read when scraped:
 * `gateway_kv_breaker_state{state}` is 1 for the current phase, and the counters say how often it
 * opened, how many calls failed (timeouts among them) and how many were skipped while it was open.
 */
export function observeKeyValueStore(registry: Registry, kv: KeyValueStore): void {
  new Gauge({
    name: 'gateway_kv_breaker_state',
    help: 'Circuit breaker of the key-value store (Redis): 1 for its current state (closed: calls go to Redis; open: skipped; half-open: probing).',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const phase = kv.health().breaker.phase;
      for (const state of BREAKER_PHASES) this.set({ state: state.replace('-', '_') }, state === phase ? 1 : 0);
    },
  });
  const counts = {
    opened: ['gateway_kv_breaker_opened_total', 'Times the key-value store breaker opened.'],
    failures: ['gateway_kv_failures_total', 'Key-value store calls that failed or timed out.'],
    timeouts: ['gateway_kv_timeouts_total', 'Key-value store calls without an answer within REDIS_COMMAND_TIMEOUT_MS.'],
    refused: ['gateway_kv_skipped_total', 'Key-value store calls skipped because the breaker was open.'],
  } as const;
  for (const [field, [name, help]] of Object.entries(counts) as [keyof typeof counts, readonly [string, string]][]) {
    let seen = 0;
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const now = kv.health().counts[field];
        if (now > seen) this.inc(now - seen);
        seen = now;
      },
    });
  }
}

/**
 * A subgraph's own `/metrics`: the process (memory, event loop, CPU), its GraphQL requests by
 * outcome with their time, and the errors it answered by code.
 */
export function createSubgraphMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestSeconds: new Histogram({
      name: 'subgraph_graphql_request_seconds',
      help: 'Time of each GraphQL request this subgraph answered, by outcome (ok, or the HTTP error class).',
      labelNames: ['outcome'] as const,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'subgraph_graphql_errors_total',
      help: 'GraphQL errors this subgraph answered, by extensions.code.',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
  };
}
export type SubgraphMetrics = ReturnType<typeof createSubgraphMetrics>;
