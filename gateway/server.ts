import { randomUUID } from 'node:crypto';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDisableSuggestions } from '@apollo/server/plugin/disableSuggestions';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { isSubgraphName, type Config } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { migrate, type ServiceStorage } from '../src/db/migrations.js';
import { loadCatalog } from '../src/catalog/index.js';
import { createSubmissionLoaders } from './submission/submission-loaders.js';
import { createMaterialLoaders } from './submission/materials-loaders.js';
import { SubmissionDispatcher } from './submission/dispatch-submission.js';
import { DispatchRecovery } from './submission/dispatch-recovery.js';
import { IdempotencyKeys } from './submission/idempotency.js';
import { caseMigrations, gatewayMigrations, rolesMigrations } from './submission/migrations.js';
import { systemClock, type Clock } from '../src/policy/calendar.js';
import { referralMigrations } from './submission/referrals.js';
import { materialsMigrations } from './submission/materials-store.js';
import { MaterialsService, materialPolicyOf } from './submission/materials-service.js';
import { MaterialDeadlineSweep } from './submission/materials-deadlines.js';
import { SHARED_RECORD_QUERY, SharedRecordCache, type SharedRecord } from './submission/shared-record.js';
import { SubmissionService } from './submission/submission-service.js';
import { SubmissionStore } from './submission/submission-store.js';
import type { KeyValueStore } from '../src/kv/key-value-store.js';
import { createGatewayMetrics, observeKeyValueStore } from '../src/observability/metrics.js';
import { safeApolloLogger, serviceLoggerOptions } from '../src/observability/safe-logging.js';
import { REQUEST_ID_HEADER, registerRequestId, requestIdMixin, requestIdOf } from '../src/observability/request-id.js';
import { requestLogging } from '../src/observability/request-log.js';
import { buildBundleSchema } from './bundle/bundle-schema.js';
import { PreparedLocalDataSource } from './bundle/prepared-local-data-source.js';
import { LOCAL_SUBGRAPH, SUPERGRAPH_FILE } from './composition.js';
import type { GatewayContext } from './context.js';
import { cardIdentitySource } from './identity/card-identity-source.js';
import { createIdentityLoader } from './identity/shared-identity.js';
import { formatErrorFor } from './plugins/error-masking.js';
import { localizeError } from '../src/messages/index.js';
import { customScalarsPlugin } from './plugins/custom-scalars.js';
import { requestGuardPlugin } from './plugins/request-guard.js';
import { metricsPlugin } from './plugins/metrics.js';
import { tracingPlugin } from './plugins/tracing.js';
import { SpanKind, type Span } from '@opentelemetry/api';
import { endSpan, startChildSpan, startServerSpan, traceHeaders } from '../src/observability/tracing.js';
import { limitsFor } from './plugins/limits.js';
import { PersistedOperations, persistedOperationsPlugin } from './plugins/persisted-operations.js';
import { rateLimitPlugin } from './plugins/rate-limit.js';
import { GATEWAY_ACTOR, SubgraphFetcher } from './subgraph-fetcher.js';
import { createAuthenticator } from './auth/authenticate.js';
import { ROLE_SCOPES, type Principal } from './auth/principal.js';
import { RequestAudit } from './audit/request-audit.js';
import { DelegationStore, delegationMigrations } from './auth/delegation-store.js';
import { requireScopesPlugin, scopeRequirementsOf } from './plugins/require-scopes.js';
import { auditPlugin } from './plugins/audit.js';
import { entryPointsPlugin } from './plugins/entry-points.js';
import { PERSON_KEY_PATTERN } from '../src/identity/person-key.js';
import { maskingPlugin } from './plugins/masking.js';
import { AuditStore } from './audit/audit-store.js';
import { auditMigrations } from './audit/migrations.js';
import { StatisticsStore } from './audit/statistics-store.js';
import { proactiveMigrations } from './proactive/migrations.js';
import { ProactiveRunner } from './proactive/proactive-runner.js';
import { ProactiveStore } from './proactive/proactive-store.js';
import { SpeedUpStore } from './speed-up/speed-up-store.js';
import { registerSpeedUpMetrics } from './speed-up/speed-up-metrics.js';
import { registerHealthRoutes } from './health-routes.js';
import { feedbackMigrations } from './feedback/migrations.js';
import { FeedbackService } from './feedback/feedback-service.js';
import { PriorityStore } from './worklist/priority.js';
import { WorklistStore } from './worklist/worklist-store.js';
import { registerConsoleRoutes, registerGraphiQLRoutes } from './console-routes.js';
import { availableItemsOf, withScopesEnforcedHere } from './supergraph.js';
import { PERSONS_REACHED_EXTENSION, type InternalContext } from '../src/auth/internal-context.js';

export interface GatewayDependencies {
  readonly db: Database;
  readonly kv: KeyValueStore;
  /** What time it is for cases that last days (due dates, decisions); the system clock unless a test moves one. */
  readonly clock?: Clock;
}

const BODY_LIMIT_BYTES = 1024 * 1024;

/** The gateway's own tables (submissions, delegations, the audit trail), also applied by `npm run migrate`. */
export const GATEWAY_STORAGE: ServiceStorage = {
  schema: 'gateway',
  migrations: [
    ...gatewayMigrations,
    ...delegationMigrations,
    ...auditMigrations,
    ...referralMigrations,
    ...rolesMigrations,
    ...caseMigrations,
    ...materialsMigrations,
    ...proactiveMigrations,
    ...feedbackMigrations,
  ],
};

/** What a browser may send: the body's type, the bearer token, the language, the request id, Apollo Client's own headers. */
const CORS_ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'accept-language',
  REQUEST_ID_HEADER,
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];

/**
 * The gateway: Apollo Server over `@apollo/gateway` with the static supergraph from `schema/`,
 * the bundle surface executed in-process, and `/healthz`, `/readyz`, `/metrics`.
 */
export async function createGatewayServer(config: Config, deps: GatewayDependencies): Promise<FastifyInstance> {
  // Before the gateway exists: it would otherwise report telemetry to outside hosts and probe
  // cloud metadata addresses. Nothing we run may reach beyond this machine.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';

  await migrate(deps.db, GATEWAY_STORAGE.schema, GATEWAY_STORAGE.migrations);
  // An invalid catalog stops start-up here, naming the file and the path of each fault.
  const catalog = loadCatalog();
  const supergraphSdl = await readFile(SUPERGRAPH_FILE, 'utf8');
  const availableItems = availableItemsOf(catalog, supergraphSdl);
  const metrics = createGatewayMetrics();
  observeKeyValueStore(metrics.registry, deps.kv);
  const fetcher = new SubgraphFetcher({ timeoutMs: config.subgraphTimeoutMs, metrics, internalContextSecret: config.auth.internalContextSecret });
  const authenticate = createAuthenticator(config);
  const bundleSchema = await buildBundleSchema();

  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    logger: { ...serviceLoggerOptions('gateway', config.logLevel), mixin: requestIdMixin },
    genReqId: requestIdOf,
    ...requestLogging(),
  });
  registerRequestId(app);
  // Browsers on the configured origins only: any other origin (and every one when none is
  // configured) gets no Access-Control-* header at all, and its preflight a 404.
  const allowedOrigins = new Set(config.cors.origins);
  await app.register(cors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowedOrigins.has(origin)),
    credentials: config.cors.credentials,
    methods: ['GET', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: [REQUEST_ID_HEADER, 'retry-after'],
    maxAge: 600,
  });

  // Apollo's own messages through the service's logger (pino), made safe: never a document's text.
  const apolloLogger = safeApolloLogger(app.log);
  const fetchSpans = new WeakMap<object, Span>();
  const gateway = new ApolloGateway({
    logger: apolloLogger,
    supergraphSdl: withScopesEnforcedHere(supergraphSdl),
    buildService({ name }) {
      if (name === LOCAL_SUBGRAPH) return new PreparedLocalDataSource(bundleSchema);
      if (!isSubgraphName(name)) throw new Error(`supergraph names an unknown subgraph "${name}"`);
      return new RemoteGraphQLDataSource<GatewayContext>({
        url: config.subgraphs[name].url,
        fetcher: fetcher.fetchFor(name),
        // Every subgraph request says, signed, whom the gateway acts for.
        async willSendRequest({ request, context }) {
          const header = await fetcher.internalHeader(name, actorOf(context as GatewayContext));
          for (const [key, value] of Object.entries(header)) request.http?.headers.set(key, value);
          // The fetch is a span of the operation's, and the subgraph continues its trace.
          const parent = (context as GatewayContext | undefined)?.span;
          if (parent && request.http) {
            const span = startChildSpan('gateway', parent, `fetch ${name}`, SpanKind.CLIENT);
            fetchSpans.set(request.http, span);
            for (const [key, value] of Object.entries(traceHeaders(span))) request.http.headers.set(key, value);
          }
        },
        // The persons a subgraph reached at an entry point (a card's holder, an item's applicant) go into the audit trail.
        async didReceiveResponse({ request, response, context }) {
          const span = request.http && fetchSpans.get(request.http);
          if (span) endSpan(span, response.errors?.length ? new Error('graphql errors') : undefined);
          const reached: unknown = response.extensions?.[PERSONS_REACHED_EXTENSION];
          const audit = (context as GatewayContext | undefined)?.audit;
          if (audit && Array.isArray(reached)) for (const key of reached) if (typeof key === 'string' && PERSON_KEY_PATTERN.test(key)) audit.touch(key);
          return response;
        },
      });
    },
  });

  const persistedOperations = PersistedOperations.load();
  const auditTrail = new AuditStore(deps.db);
  const statistics = new StatisticsStore(deps.db);
  const speedUp = new SpeedUpStore(deps.db);
  registerSpeedUpMetrics(metrics.registry, { store: speedUp, catalog });
  // 好差评, 办不成事 and the worklist (gateway/feedback, gateway/worklist): local figures checked here, at start-up.
  const feedback = new FeedbackService({ db: deps.db, catalog, holidays: config.publicHolidays });
  const worklist = new WorklistStore(deps.db);
  const maskError = formatErrorFor(app.log, { production: config.production });
  const apollo = new ApolloServer<GatewayContext>({
    gateway: gateway,
    logger: apolloLogger,
    introspection: !config.production,
    hideSchemaDetailsFromClientErrors: config.production,
    includeStacktraceInErrorResponses: false,
    // Masked first, then in the reader's language (Accept-Language; Chinese by default).
    formatError: (formatted, error) => localizeError(maskError(formatted, error)),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ...(config.production ? [ApolloServerPluginDisableSuggestions()] : []),
      // First: a malformed request is refused before the other plugins look at it.
      requestGuardPlugin(),
      customScalarsPlugin(),
      metricsPlugin(metrics),
      tracingPlugin(),
      requireScopesPlugin(scopeRequirementsOf(supergraphSdl)),
      entryPointsPlugin(),
      limitsFor(),
      rateLimitPlugin({ kv: deps.kv, windowSeconds: config.rateLimits.windowSeconds, perWindow: config.rateLimits.perWindow }),
      persistedOperationsPlugin({ registry: persistedOperations }),
      auditPlugin(auditTrail, app.log),
      maskingPlugin(),
    ],
    // Registered operations answer by hash; nobody can add to them (APQ writes are ignored).
    persistedQueries: { cache: persistedOperations.readOnlyCache(), ttl: null },
  });
  await apollo.start();

  const identitySource = cardIdentitySource(fetcher, config.subgraphs.card.url);
  const store = new SubmissionStore(deps.db);
  const clock = deps.clock ?? systemClock;
  const dispatcher = new SubmissionDispatcher({
    catalog,
    store,
    fetcher,
    subgraphs: config.subgraphs,
    metrics,
    holidays: config.publicHolidays,
    policy: { attempts: config.dispatch.attempts, backoffMs: config.dispatch.backoffMs },
    maxTotalAttempts: config.dispatch.maxTotalAttempts,
    clock,
    leaseSeconds: config.dispatch.leaseSeconds,
  });
  const createContext = (requestId: string, principal: Principal, span?: Span): GatewayContext => ({
    requestId,
    ...(span ? { span } : {}),
    principal,
    audit: new RequestAudit(),
    personKeySecret: config.personKeySecret,
    identities: createIdentityLoader({ source: identitySource, cache: deps.kv, ttlSeconds: config.identityCacheTtlSeconds, metrics }),
    catalog,
    availableItems,
    submissions,
    submissionLoaders: createSubmissionLoaders(store),
    materials,
    materialLoaders: createMaterialLoaders(materials.store),
    auditTrail,
    statistics,
    proactive,
    speedUp,
    feedback,
    worklist,
  });
  // The applicant's shared record: one federated operation through this gateway's own executor.
  const sharedRecords = new SharedRecordCache(deps.kv, config.identityCacheTtlSeconds, async (idType, idNumber) => {
    const response = await apollo.executeOperation<{ person: SharedRecord | null }>(
      { query: SHARED_RECORD_QUERY, variables: { idType, idNumber } },
      // The gateway's own read, on behalf of the submission being handled.
      { contextValue: createContext(randomUUID(), GATEWAY_PRINCIPAL) },
    );
    if (response.body.kind !== 'single') throw new Error('shared record fetch: unexpected incremental response');
    const { data, errors } = response.body.singleResult;
    // A subgraph that is down leaves its part empty: the submission goes on with what is known
    // (its items will wait for it), and the partial record is not cached.
    return { record: data?.person ?? null, complete: !errors?.length };
  });
  const submissions = new SubmissionService({
    catalog,
    store,
    dispatcher,
    fetcher,
    subgraphs: config.subgraphs,
    metrics,
    sharedRecords,
    availableItems,
    idempotency: new IdempotencyKeys(deps.kv, store),
    delegations: new DelegationStore(deps.db),
    personKeySecret: config.personKeySecret,
    priceSubsidyTriggered: config.priceSubsidyTriggered,
    leaseSeconds: config.dispatch.leaseSeconds,
    idempotencyWaitMs: config.idempotencyWaitMs,
    clock,
    materialPolicy: materialPolicyOf(catalog, config.publicHolidays),
    priorities: { store: new PriorityStore(deps.db), percent: feedback.policy.priorityPercent },
  });
  const materials = new MaterialsService({ db: deps.db, catalog, submissions, submissionStore: store });
  const materialDeadlines = new MaterialDeadlineSweep({ materials, intervalMs: config.dispatch.recoveryIntervalMs, logger: app.log });
  app.decorate('materialDeadlines', materialDeadlines);
  const runs = new ProactiveStore(deps.db);
  const proactive = {
    runs,
    runner: new ProactiveRunner({
      runs,
      submissions: store,
      dispatcher,
      fetcher,
      subgraphs: config.subgraphs,
      catalog,
      metrics,
      logger: app.log,
      dispatchLeaseSeconds: config.dispatch.leaseSeconds,
      resumeIntervalMs: config.dispatch.recoveryIntervalMs,
    }),
  };
  app.decorate('proactiveRunner', proactive.runner);
  const recovery = new DispatchRecovery({
    store,
    dispatcher,
    kv: deps.kv,
    intervalMs: config.dispatch.recoveryIntervalMs,
    leaseSeconds: config.dispatch.leaseSeconds,
    logger: app.log,
  });
  app.decorate('dispatchRecovery', recovery);
  const graphqlHandler = fastifyApolloHandler(apollo, {
    context: async (request) =>
      createContext(request.id, await authenticate(request.headers.authorization, request.ip), startServerSpan('gateway', 'graphql', request.headers)),
  });
  // OPTIONS is CORS's preflight, answered by @fastify/cors (404 for an origin it does not allow).
  app.route({ url: '/graphql', method: ['GET', 'POST'], handler: graphqlHandler });

  registerHealthRoutes(app, { config, fetcher, metrics, db: deps.db, kv: deps.kv });
  await registerConsoleRoutes(app);
  if (config.graphqlIde) await registerGraphiQLRoutes(app);
  app.addHook('onReady', async () => {
    recovery.start();
    materialDeadlines.start();
    proactive.runner.start();
  });
  // Fastify stops accepting connections and finishes in-flight requests before onClose.
  app.addHook('onClose', async () => {
    await proactive.runner.stop();
    await recovery.stop();
    await materialDeadlines.stop();
    await apollo.stop();
    await fetcher.close();
  });
  return app;
}

/** The gateway itself, reading on behalf of a submission it is handling (a clerk's rights). */
const GATEWAY_PRINCIPAL: Principal = {
  kind: 'authenticated',
  subject: 'gateway',
  role: 'clerk',
  scopes: new Set(ROLE_SCOPES.clerk),
  regionPrefix: '',
  clientId: 'gateway',
};

/** Whom a subgraph request acts for, as the internal context says it. */
function actorOf(context: GatewayContext | undefined): InternalContext {
  const principal = context?.principal;
  if (!principal || principal.kind === 'anonymous') return { ...GATEWAY_ACTOR, subject: principal?.clientId ?? 'anonymous', role: 'anonymous', scopes: [] };
  return {
    subject: principal.subject,
    role: principal.role,
    scopes: [...principal.scopes],
    requestId: context.requestId,
    ...(principal.regionPrefix !== undefined ? { region: principal.regionPrefix } : {}),
    ...(principal.personKey !== undefined ? { personKey: principal.personKey } : {}),
  };
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Resumes unfinished dispatches (at start-up, then periodically); tests may run a pass. */
    dispatchRecovery: DispatchRecovery;
    /** Rejects items whose 容缺 material is overdue (at start-up, then periodically); tests run a pass with their own clock. */
    materialDeadlines: MaterialDeadlineSweep;
    /** Works 免申即办 runs; tests and the bench wait for it to be idle. */
    proactiveRunner: ProactiveRunner;
  }
}
