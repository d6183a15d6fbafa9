import type { FastifyInstance } from 'fastify';
import { SUBGRAPH_NAMES, type Config } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import type { KeyValueStore } from '../src/kv/key-value-store.js';
import type { GatewayMetrics } from '../src/observability/metrics.js';
import type { SubgraphFetcher } from './subgraph-fetcher.js';

/**
 * `/healthz` (the process is up), `/readyz`, `/metrics`. `/readyz` is `ready` (200) when every
 * subgraph, the database and Redis answer; `degraded` (200) when a subgraph or Redis does not: the
 * gateway still serves (a subgraph's fields fail with DOWNSTREAM_SERVICE_ERROR naming it, Redis is
 * replaced by PostgreSQL), and taking every replica out of the load balancer for one subgraph's
 * outage would turn it into a full one; `unavailable` (503) only when its own database does not answer.
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
    const status = failing.length === 0 ? 'ready' : failing.includes('database') ? 'unavailable' : 'degraded';
    const { breaker } = deps.kv.health();
    return reply.code(status === 'unavailable' ? 503 : 200).send({
      status,
      checks,
      keyValueStore: { kind: deps.kv.kind, breaker: breaker.phase, ...(breaker.phase === 'closed' ? {} : { reason: breaker.reason }) },
    });
  });
}
