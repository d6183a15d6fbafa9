import type { FastifyInstance } from 'fastify';
import { SUBGRAPH_NAMES, type Config } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import type { KeyValueStore } from '../src/kv/key-value-store.js';
import type { GatewayMetrics } from '../src/observability/metrics.js';
import type { SubgraphFetcher } from './subgraph-fetcher.js';

/** `/healthz` (the process is up), `/readyz` (every subgraph, the database and Redis answer), `/metrics`. */
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
    const ready = Object.values(checks).every((value) => value === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });
}
