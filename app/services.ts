import Fastify, { type FastifyInstance } from 'fastify';
import { createGatewayServer, type GatewayDependencies } from '../gateway/server.js';
import { SUBGRAPH_PLUGINS } from '../subgraphs/index.js';
import type { Config, SubgraphName } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { requestLogging } from '../src/observability/request-log.js';
import { serviceLoggerOptions } from '../src/observability/safe-logging.js';
import { registerRequestId, requestIdMixin, requestIdOf } from '../src/observability/request-id.js';
import { todayInChina } from '../src/policy/calendar.js';
import { yearsWithoutNotice } from '../src/policy/working-days.js';

/** A running HTTP service and how to stop it. */
export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

const addressOf = (app: FastifyInstance) => {
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on TCP');
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
};

/** Due dates are counted in working days: say so when a year they may fall in has no State Council notice. */
function warnOfCalendarGaps(app: FastifyInstance): void {
  const years = yearsWithoutNotice(todayInChina());
  if (years.length > 0) {
    app.log.warn({ years }, 'no State Council holiday notice for these years in chinese-days: due dates there skip weekends and PUBLIC_HOLIDAYS only');
  }
}

/** Starts one subgraph on `port` (0: any free port) against its database. */
export async function startSubgraph(name: SubgraphName, config: Config, db: Database, port = config.subgraphs[name].port): Promise<RunningService> {
  const app = Fastify({
    logger: { ...serviceLoggerOptions(name, config.logLevel), mixin: requestIdMixin },
    bodyLimit: 1024 * 1024,
    // The gateway's request id, so one request's lines can be followed across the services.
    genReqId: requestIdOf,
    ...requestLogging(),
  });
  registerRequestId(app);
  await app.register(SUBGRAPH_PLUGINS[name], {
    db,
    personKeySecret: config.personKeySecret,
    seedDemoData: config.seedDemoData,
    internalContextSecret: config.auth.internalContextSecret,
  });
  await app.listen({ host: config.host, port });
  warnOfCalendarGaps(app);
  return { name, url: `${addressOf(app)}/graphql`, app, close: () => app.close() };
}

/** Starts the gateway on `port` (0: any free port); subgraph URLs come from `config`. */
export async function startGateway(config: Config, deps: GatewayDependencies, port = config.gatewayPort): Promise<RunningService> {
  const app = await createGatewayServer(config, deps);
  await app.listen({ host: config.host, port });
  warnOfCalendarGaps(app);
  return { name: 'gateway', url: `${addressOf(app)}/graphql`, app, close: () => app.close() };
}
