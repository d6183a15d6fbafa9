import type { FastifyInstance } from 'fastify';
import { SUBGRAPH_NAMES, type Config } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import type { KeyValueStore } from '../src/kv/key-value-store.js';
import type { GatewayMetrics } from '../src/observability/metrics.js';
import type { SubgraphFetcher } from './subgraph-fetcher.js';

/**
 * `/healthz` (the process is up), `/readyz`, `/metrics`. `/readyz` is `ready` (200) when every
 * subgraph, the database and Redis answer; `degraded` (200) when only Redis does not — the gateway
 * serves everything from PostgreSQL then, with its breaker's state in `keyValueStore`; and
 * `unavailable` (503) when a subgraph or the database does not answer.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  deps: { config: Config; fetcher: SubgraphFetcher; metrics: GatewayMetrics; db: Database; kv: KeyValueStore },
): void {
  app.get('/healthz', async () => ({ status: 'ok', service: 'gateway' }));
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', deps.metrics.registry.contentType);
    return deps.metrics.registry.metrics();
  });
  app.get('/readyz', async (_request, reply) => {
    const checks: Record<string, string> = {};
    const check = async (name: string, probe: () => Promise<unknown>) => {
      try {
        await probe();
        checks[name] = 'ok';
      } catch (error) {
        checks[name] = error instanceof Error ? error.message : String(error);
      }
    };
    await Promise.all([
      ...SUBGRAPH_NAMES.map((name) => check(name, () => deps.fetcher.graphql(name, deps.config.subgraphs[name].url, '{ __typename }'))),
      check('database', () => deps.db.ping()),
      check('keyValueStore', () => deps.kv.ping()),
    ]);
    const failing = Object.keys(checks).filter((name) => checks[name] !== 'ok');
    const status = failing.length === 0 ? 'ready' : failing.every((name) => name === 'keyValueStore') ? 'degraded' : 'unavailable';
    const { breaker } = deps.kv.health();
    return reply.code(status === 'unavailable' ? 503 : 200).send({
      status,
      checks,
      keyValueStore: { kind: deps.kv.kind, breaker: breaker.phase, ...(breaker.phase === 'closed' ? {} : { reason: breaker.reason }) },
    });
  });
}
