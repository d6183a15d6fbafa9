import { loadConfig, SUBGRAPH_NAMES, envPrefix, type Config, type ServiceName, type SubgraphName } from '../../src/config.js';
import { openDatabase, type Database, type Queryable } from '../../src/db/database.js';
import { openKeyValueStore, type KeyValueStore } from '../../src/kv/key-value-store.js';
import { startGateway, startSubgraph, type RunningService } from '../../app/services.js';
import { INTERNAL_CONTEXT_HEADER, signInternalContext } from '../../src/auth/internal-context.js';
import { tokenFor } from './tokens.js';
import type { Clock } from '../../src/policy/calendar.js';
import { createTestDatabase, deleteRedisKeys, TEST_REDIS_URL, uniqueName, type TestDatabase } from './environment.js';

export interface StackOptions {
  /** Embedded PGlite and the in-process key-value store instead of PostgreSQL and Redis. */
  readonly embedded?: { dataDir: string };
  /** Extra environment for `loadConfig`. */
  readonly env?: Record<string, string>;
  /** `host:port` through which a service reaches PostgreSQL instead (e.g. a TCP proxy the test controls). */
  readonly databaseHosts?: Partial<Record<ServiceName, string>>;
  /** The gateway's clock (a TestClock the test moves days ahead); the system clock by default. */
  readonly clock?: Clock;
}

/** Counts the SQL statements a service sends: instrumentation of the real database, not a fake. */
export interface CountingDatabase extends Database {
  readonly statements: string[];
}

function counting(db: Database): CountingDatabase {
  const statements: string[] = [];
  const track = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      statements.push(sql);
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  return {
    ...db,
    ...track(db),
    statements,
    transaction: (work) => db.transaction((tx) => work(track(tx))),
    ping: () => db.ping(),
    close: () => db.close(),
  };
}

/**
 * The whole system as users reach it: five subgraphs and the gateway on free loopback ports,
 * real HTTP between them, real PostgreSQL and Redis (or the embedded default).
 */
export class TestStack {
  private constructor(
    readonly config: Config,
    readonly subgraphs: Map<SubgraphName, RunningService>,
    readonly gateway: RunningService,
    readonly databases: Map<SubgraphName | 'gateway', CountingDatabase>,
    private readonly kv: KeyValueStore,
    private readonly testDatabase: TestDatabase | undefined,
    private readonly sharedDb: Database | undefined,
  ) {}

  static async start(options: StackOptions = {}): Promise<TestStack> {
    const testDatabase = options.embedded ? undefined : await createTestDatabase();
    const redisKeyPrefix = `${uniqueName('test')}:`;
    const baseEnv: Record<string, string> = {
      LOG_LEVEL: 'silent',
      // Two workers on two cores: the shared Redis may answer slower than production's 200 ms bound.
      // The outage tests set the production value themselves.
      REDIS_COMMAND_TIMEOUT_MS: '1000',
      SEED_DEMO_DATA: 'true',
      PERSON_KEY_SECRET: uniqueName('secret-for-tests'),
      REDIS_KEY_PREFIX: redisKeyPrefix,
      ...(testDatabase ? { DATABASE_URL: testDatabase.url, REDIS_URL: TEST_REDIS_URL } : { DATA_DIR: options.embedded!.dataDir }),
      ...options.env,
    };
    let config = loadConfig(baseEnv);
    const sharedDb = options.embedded ? await openDatabase({ url: undefined, dataDir: config.dataDir }) : undefined;
    const urlFor = (name: ServiceName) => {
      const host = options.databaseHosts?.[name];
      if (!host || !config.databaseUrl) return config.databaseUrl;
      const url = new URL(config.databaseUrl);
      url.host = host;
      return url.toString();
    };
    const open = async (name: ServiceName) =>
      counting(sharedDb ? { ...sharedDb, close: async () => undefined } : await openDatabase({ url: urlFor(name), dataDir: config.dataDir, poolSize: 4 }));

    const databases = new Map<SubgraphName | 'gateway', CountingDatabase>();
    const subgraphs = new Map<SubgraphName, RunningService>();
    for (const name of SUBGRAPH_NAMES) {
      const db = await open(name);
      databases.set(name, db);
      subgraphs.set(name, await startSubgraph(name, config, db, 0));
    }
    // Now that the subgraphs have ports, tell the gateway where they are.
    config = loadConfig({
      ...baseEnv,
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${envPrefix(name)}_URL`, subgraphs.get(name)!.url])),
    });
    const gatewayDb = await open('gateway');
    databases.set('gateway', gatewayDb);
    const kv = await openKeyValueStore(config.redisUrl, config.redisKeyPrefix, config.redis);
    const gateway = await startGateway(config, { db: gatewayDb, kv, ...(options.clock ? { clock: options.clock } : {}) }, 0);
    return new TestStack(config, subgraphs, gateway, databases, kv, testDatabase, sharedDb);
  }

  get gatewayOrigin(): string {
    return this.gateway.url.replace(/\/graphql$/, '');
  }

  #clerkToken: Promise<string> | undefined;

  /**
   * Posts an operation to the gateway (or to a subgraph's `url`) and returns the parsed body.
   * To the gateway it sends `options.token` (default: a nationwide clerk's; `null`: none); to a
   * subgraph, the gateway's signed internal context (`options.internal: null` to leave it out).
   */
  async graphql<Data = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    url = this.gateway.url,
    options: { token?: string | null; internal?: null; headers?: Record<string, string> } = {},
  ) {
    // English by default: the tests assert the messages' details (Chinese is the service's default; test/messages.test.ts).
    const headers: Record<string, string> = { 'content-type': 'application/json', 'accept-language': 'en', ...options.headers };
    const subgraph = [...this.subgraphs.entries()].find(([, service]) => service.url === url)?.[0];
    if (subgraph) {
      if (options.internal !== null) {
        headers[INTERNAL_CONTEXT_HEADER] = await signInternalContext(this.config.auth.internalContextSecret, subgraph, {
          subject: 'test',
          role: 'gateway',
          scopes: ['item:dispatch'],
          requestId: 'test',
        });
      }
    } else {
      const token = options.token === undefined ? await (this.#clerkToken ??= tokenFor(this, 'clerk')) : options.token;
      if (token) headers.authorization = `Bearer ${token}`;
    }
    const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as { data?: Data; errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[] };
  }

  /** The value of one Prometheus counter on the gateway's `/metrics`, summed over matching labels. */
  async metric(name: string, labels: Record<string, string> = {}): Promise<number> {
    const text = await (await fetch(`${this.gatewayOrigin}/metrics`)).text();
    let total = 0;
    for (const line of text.split('\n')) {
      const match = /^(\w+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
      if (!match || match[1] !== name) continue;
      const present = Object.fromEntries(
        (match[2] ?? '')
          .split(',')
          .filter(Boolean)
          .map((pair) => {
            const [key, value] = pair.split('=');
            return [key, value?.replace(/^"|"$/g, '')];
          }),
      );
      if (Object.entries(labels).every(([key, value]) => present[key] === value)) total += Number(match[3]);
    }
    return total;
  }

  /** Stops one subgraph (its port stays reserved in the gateway's configuration). */
  async stopSubgraph(name: SubgraphName): Promise<void> {
    await this.subgraphs.get(name)!.close();
  }

  /** Starts a stopped subgraph again on the port the gateway knows. */
  async restartSubgraph(name: SubgraphName): Promise<void> {
    const port = Number(new URL(this.config.subgraphs[name].url).port);
    this.subgraphs.set(name, await startSubgraph(name, this.config, this.databases.get(name)!, port));
  }

  async stop(): Promise<void> {
    await this.gateway.close();
    for (const service of this.subgraphs.values()) if (service.app.server.listening) await service.close();
    for (const db of this.databases.values()) await db.close();
    await this.kv.close();
    await this.sharedDb?.close();
    if (this.config.redisUrl) await deleteRedisKeys(this.config.redisKeyPrefix);
    await this.testDatabase?.drop();
  }
}
