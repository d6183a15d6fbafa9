import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

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
      help: "People whose shared identity was resolved, by where it came from (cache or subgraph).",
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
  };
}
export type GatewayMetrics = ReturnType<typeof createGatewayMetrics>;
