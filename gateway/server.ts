import { randomUUID } from 'node:crypto';
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import { ApolloServerPluginLandingPageDisabled, ApolloServerPluginSchemaReportingDisabled, ApolloServerPluginUsageReportingDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import Fastify, { type FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { isSubgraphName, SUBGRAPH_NAMES, type Config } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { migrate } from '../src/db/migrations.js';
import type { KeyValueStore } from '../src/kv/key-value-store.js';
import { createGatewayMetrics } from '../src/observability/metrics.js';
import { buildBundleSchema } from './bundle/bundle-schema.js';
import { LOCAL_SUBGRAPH, SUPERGRAPH_FILE } from './composition.js';
import type { GatewayContext } from './context.js';
import { cardIdentitySource } from './identity/card-identity-source.js';
import { createIdentityLoader } from './identity/shared-identity.js';
import { formatErrorFor } from './plugins/error-masking.js';
import { metricsPlugin } from './plugins/metrics.js';
import { SubgraphFetcher } from './subgraph-fetcher.js';

export interface GatewayDependencies {
  readonly db: Database;
  readonly kv: KeyValueStore;
}

const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The gateway: Apollo Server over `@apollo/gateway` with the static supergraph from `schema/`,
 * the bundle surface executed in-process, and `/healthz`, `/readyz`, `/metrics`.
 */
export async function createGatewayServer(config: Config, deps: GatewayDependencies): Promise<FastifyInstance> {
  // Before the gateway exists: it would otherwise report telemetry to outside hosts and probe
  // cloud metadata addresses. Nothing we run may reach beyond this machine.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';

  await migrate(deps.db, 'gateway', []);
  const metrics = createGatewayMetrics();
  const fetcher = new SubgraphFetcher({ timeoutMs: config.subgraphTimeoutMs, metrics });
  const bundleSchema = await buildBundleSchema();

  const gateway = new ApolloGateway({
    supergraphSdl: await readFile(SUPERGRAPH_FILE, 'utf8'),
    buildService({ name }) {
      if (name === LOCAL_SUBGRAPH) return new LocalGraphQLDataSource(bundleSchema);
      if (!isSubgraphName(name)) throw new Error(`supergraph names an unknown subgraph "${name}"`);
      return new RemoteGraphQLDataSource({ url: config.subgraphs[name].url, fetcher: fetcher.fetchFor(name) as never });
    },
  });

  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway: gateway as never,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    formatError: formatErrorFor(app.log),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ...(config.production ? [ApolloServerPluginDisableSuggestions()] : []),
      metricsPlugin(metrics),
    ],
  });
  await apollo.start();

  const identitySource = cardIdentitySource(fetcher, config.subgraphs.card.url);
  const graphqlHandler = fastifyApolloHandler(apollo, {
    context: async (request) => ({
      requestId: request.id,
      personKeySecret: config.personKeySecret,
      identities: createIdentityLoader({ source: identitySource, cache: deps.kv, ttlSeconds: config.identityCacheTtlSeconds, metrics }),
    }),
  });
  app.route({ url: '/graphql', method: ['GET', 'POST', 'OPTIONS'], handler: graphqlHandler });

  app.get('/healthz', async () => ({ status: 'ok', service: 'gateway' }));
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', metrics.registry.contentType);
    return metrics.registry.metrics();
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
      ...SUBGRAPH_NAMES.map((name) => check(name, () => fetcher.graphql(name, config.subgraphs[name].url, '{ __typename }'))),
      check('database', () => deps.db.ping()),
      check('keyValueStore', () => deps.kv.ping()),
    ]);
    const ready = Object.values(checks).every((value) => value === 'ok');
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks });
  });
  // Fastify stops accepting connections and finishes in-flight requests before onClose.
  app.addHook('onClose', async () => {
    await apollo.stop();
  });
  return app;
}
