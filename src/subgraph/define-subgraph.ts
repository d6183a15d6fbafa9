import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import { safeError } from '../observability/safe-logging.js';
import { createSubgraphMetrics } from '../observability/metrics.js';
import { endSpan, startServerSpan } from '../observability/tracing.js';
import type { Span } from '@opentelemetry/api';
import fp from 'fastify-plugin';
import { parse } from 'graphql';
import mercurius from 'mercurius';
import type { SubgraphName } from '../config.js';
import type { Database } from '../db/database.js';
import { migrate, type Migration, type ServiceStorage } from '../db/migrations.js';
import { subgraphSdl } from './subgraph-sdl.js';
import { INTERNAL_CONTEXT_HEADER, PERSONS_REACHED_EXTENSION, verifyInternalContext, type InternalContext } from '../auth/internal-context.js';
import { DateScalar, JsonScalar } from '../graphql/scalars.js';
import { ItemLedger, itemLedgerMigration } from './item-ledger.js';
import { maskSubgraphError } from './subgraph-errors.js';

/** What every subgraph's resolvers receive: its store, its item ledger and this request's loaders. */
export interface SubgraphContext<Store, Loaders> {
  /** Whom the gateway acts for, from the signed internal context (verified before any resolver). */
  readonly caller: InternalContext;
  /** Secret of the keyed person hash: an applicant's key is recomputed here, never trusted. */
  readonly personKeySecret: string;
  /**
   * The person keys this request reached at an entry point (a lookup, an item mutation), sent
   * back to the gateway in `extensions.personsReached` for its audit trail.
   */
  readonly reached: Set<string>;
  readonly store: Store;
  readonly ledger: ItemLedger;
  readonly loaders: Loaders;
}

export interface SubgraphOptions {
  readonly db: Database;
  /** Secret of the keyed person hash; used by demo seeding to key fictitious people. */
  readonly personKeySecret: string;
  readonly seedDemoData: boolean;
  /** Secret of the gateway's signed internal context; requests without a valid one are refused. */
  readonly internalContextSecret: string;
}

/**
 * One subgraph, described as data: its SDL file under `schema/`, its PostgreSQL schema and
 * migrations, its store, its per-request loaders and its resolvers.
 */
export interface SubgraphDefinition<Store, Loaders> {
  readonly name: SubgraphName;
  /** PostgreSQL schema holding this subgraph's tables (its own namespace). */
  readonly schema: string;
  /** Its own migrations; the item ledger's table is added before them. */
  readonly migrations: readonly Migration[];
  createStore(db: Database): Store;
  /** Called once per GraphQL request: DataLoaders must never outlive a request. */
  createLoaders(store: Store): Loaders;
  resolvers: GraphQLResolverMap<SubgraphContext<Store, Loaders>>;
  /** Fictitious demo records; must be idempotent (it runs at every start with seeding on). */
  seedDemoData?(store: Store, options: { personKeySecret: string }): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The subgraph this server hosts, for health and logs. */
    subgraphName: SubgraphName;
  }
  interface FastifyRequest {
    /** Set by the internal-context check on /graphql. */
    caller: InternalContext | null;
  }
}

/**
 * Turns a definition into a Fastify plugin that migrates its tables, serves its Federation 2
 * schema (built by `@apollo/subgraph`, served by mercurius) at `/graphql`, and answers
 * `/healthz` (process up) and `/readyz` (database reachable).
 */
export function defineSubgraph<Store, Loaders>(definition: SubgraphDefinition<Store, Loaders>): SubgraphPlugin {
  // Also applied on their own by `npm run migrate`, before any service starts.
  const storage: ServiceStorage = { schema: definition.schema, migrations: [itemLedgerMigration(definition.schema), ...definition.migrations] };
  const plugin: FastifyPluginAsync<SubgraphOptions> = async (app: FastifyInstance, options) => {
    await migrate(options.db, storage.schema, storage.migrations);
    const store = definition.createStore(options.db);
    const ledger = new ItemLedger(options.db, definition.schema);
    if (options.seedDemoData && definition.seedDemoData) {
      await definition.seedDemoData(store, { personKeySecret: options.personKeySecret });
    }
    const typeDefs = parse(await subgraphSdl(definition.name));
    // The scalars of the item contract are the same everywhere.
    const resolvers = { Date: DateScalar, JSON: JsonScalar, ...definition.resolvers };
    const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers });

    app.decorate('subgraphName', definition.name);
    const metrics = createSubgraphMetrics();
    // Each request is a span of the gateway's trace (its traceparent), ended with the response.
    const spans = new WeakMap<object, Span>();
    app.addHook('onRequest', async (request) => {
      if (request.url.split('?')[0] === '/graphql') spans.set(request, startServerSpan(definition.name, `${definition.name} graphql`, request.headers));
    });
    app.addHook('onResponse', async (request, reply) => {
      if (request.url.split('?')[0] !== '/graphql') return;
      const span = spans.get(request);
      if (span) endSpan(span, reply.statusCode >= 500 ? new Error(`HTTP ${reply.statusCode}`) : undefined);
      const outcome = reply.statusCode < 400 ? 'ok' : reply.statusCode < 500 ? 'client_error' : 'server_error';
      metrics.requestSeconds.observe({ outcome }, reply.elapsedTime / 1000);
    });
    app.decorateRequest('caller', null);
    // Only the gateway may call: a request without its signed internal context never reaches a resolver.
    app.addHook('onRequest', async (request, reply) => {
      if (request.url.split('?')[0] !== '/graphql') return;
      const header = request.headers[INTERNAL_CONTEXT_HEADER];
      const caller = await verifyInternalContext(options.internalContextSecret, definition.name, typeof header === 'string' ? header : undefined);
      if (!caller) {
        return reply.code(401).send({
          errors: [
            {
              message: `${definition.name} answers only the gateway (missing or invalid ${INTERNAL_CONTEXT_HEADER})`,
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
      }
      request.caller = caller;
    });
    await app.register(mercurius, {
      schema,
      path: '/graphql',
      graphiql: false,
      context: (request): SubgraphContext<Store, Loaders> => ({
        caller: request.caller!,
        personKeySecret: options.personKeySecret,
        reached: new Set(),
        store,
        ledger,
        loaders: definition.createLoaders(store),
      }),
      // mercurius logs every error with its message, which may repeat input values (ID numbers,
      // phones): log the safe part instead, and answer as mercurius would, with database failures
      // and unexpected errors masked (maskSubgraphError).
      errorFormatter: (execution, context) => {
        const log = (context as { reply?: { log: FastifyBaseLogger } }).reply?.log ?? app.log;
        const errors = execution.errors?.map((error) => {
          const masked = maskSubgraphError(error);
          const code = masked.extensions?.code;
          metrics.errors.inc({ code: typeof code === 'string' ? code : 'UNKNOWN' });
          if (masked === error) log.info({ error: safeError(error) }, 'graphql error');
          else log.error({ error: safeError(error), answered: masked.extensions.code }, 'graphql error masked');
          return masked;
        });
        const silent = { info: () => undefined } as unknown as FastifyBaseLogger;
        return mercurius.defaultErrorFormatter({ ...execution, ...(errors ? { errors } : {}) }, { ...context, reply: { log: silent } });
      },
    });
    // Whose data the request reached goes back to the gateway, which writes the audit trail.
    app.graphql.addHook('onResolution', async (execution, context) => {
      const reached = (context as unknown as Partial<SubgraphContext<Store, Loaders>>).reached;
      if (reached?.size) execution.extensions = { ...execution.extensions, [PERSONS_REACHED_EXTENSION]: [...reached] };
    });
    app.get('/healthz', async () => ({ status: 'ok', subgraph: definition.name }));
    app.get('/metrics', async (_request, reply) => {
      reply.header('content-type', metrics.registry.contentType);
      return metrics.registry.metrics();
    });
    app.get('/readyz', async (_request, reply) => {
      try {
        await options.db.ping();
        return { status: 'ready', subgraph: definition.name };
      } catch (error) {
        return reply.code(503).send({ status: 'unavailable', subgraph: definition.name, database: String(error) });
      }
    });
  };
  return Object.assign(fp(plugin, { name: `${definition.name}-subgraph`, fastify: '5.x' }), { storage });
}

/** A subgraph's Fastify plugin, with what it keeps in PostgreSQL. */
export type SubgraphPlugin = FastifyPluginAsync<SubgraphOptions> & { readonly storage: ServiceStorage };
