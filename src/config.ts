import { z } from 'zod';

/** The five back-office systems, in port order (4001–4005 by default). */
export const SUBGRAPH_NAMES = ['employment', 'insurance', 'card', 'archive', 'civil-service'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Every service with its own storage: the five subgraphs and the gateway. */
export type ServiceName = SubgraphName | 'gateway';
export const SERVICE_NAMES: readonly ServiceName[] = [...SUBGRAPH_NAMES, 'gateway'];

export function isSubgraphName(value: string): value is SubgraphName {
  return (SUBGRAPH_NAMES as readonly string[]).includes(value);
}

/** `civil-service` → `CIVIL_SERVICE`, the prefix of its environment variables. */
export function envPrefix(name: ServiceName): string {
  return name.toUpperCase().replace(/-/g, '_');
}

const port = z.coerce.number().int().min(0).max(65535);
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'expected an http(s) URL');
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export interface SubgraphEndpoint {
  readonly name: SubgraphName;
  readonly port: number;
  /** Where the gateway reaches this subgraph's GraphQL endpoint. */
  readonly url: string;
}

export interface Config {
  readonly production: boolean;
  readonly host: string;
  readonly gatewayPort: number;
  readonly subgraphs: Readonly<Record<SubgraphName, SubgraphEndpoint>>;
  /** Unset: embedded PostgreSQL (PGlite) in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /**
   * Each service's own database URL (`<SERVICE>_DATABASE_URL`, e.g. `CARD_DATABASE_URL`), falling
   * back to `DATABASE_URL`: a service may have its own database or credentials.
   */
  readonly databaseUrls: Readonly<Record<ServiceName, string | undefined>>;
  /** Prefix of the PostgreSQL role `npm run migrate` creates per service (`onething_card`, …). */
  readonly databaseRolePrefix: string;
  readonly dataDir: string;
  /** Unset: an in-process store (lost on restart). */
  readonly redisUrl: string | undefined;
  /** Prefix of every key this deployment writes to Redis. */
  readonly redisKeyPrefix: string;
  /** Timeout of every Redis call and the circuit breaker around them. */
  readonly redis: { readonly commandTimeoutMs: number; readonly breakerFailures: number; readonly breakerOpenMs: number };
  /** Secret of the keyed hash that turns an ID document into a person key. */
  readonly personKeySecret: string;
  readonly identityCacheTtlSeconds: number;
  readonly subgraphTimeoutMs: number;
  readonly seedDemoData: boolean;
  /** GraphiQL at /graphiql/, from the gateway's own build: on in development, off in production. */
  readonly graphqlIde: boolean;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly dispatch: {
    /** Attempts per item within one dispatch run (transport failures only). */
    readonly attempts: number;
    readonly backoffMs: number;
    /** Attempts over all runs before an unreachable item is given up. */
    readonly maxTotalAttempts: number;
    /** How long one gateway holds the right to dispatch a submission. */
    readonly leaseSeconds: number;
    readonly recoveryIntervalMs: number;
  };
  /** How long a repeated submitBundle waits for the first one with its key. */
  readonly idempotencyWaitMs: number;
  /** 价格临时补贴联动机制: whether the CPI trigger currently holds (发改价格〔2021〕1553号). */
  readonly priceSubsidyTriggered: boolean;
  /** Extra public holidays (YYYY-MM-DD) skipped when counting working days, over the State Council's calendar. */
  readonly publicHolidays: ReadonlySet<string>;
  readonly auth: {
    /** HS256 secret of bearer tokens (development); unset when a JWKS is configured. */
    readonly jwtSecret: string | undefined;
    /** A JWKS file (production keys, public only). */
    readonly jwksFile: string | undefined;
    /** A JWKS URL (the identity provider's); fetched and cached by jose. */
    readonly jwksUrl: string | undefined;
    readonly issuer: string;
    readonly audience: string;
    /** Secret of the signed internal context the gateway sends every subgraph. */
    readonly internalContextSecret: string;
  };
  /** Operations per client per window, by role (`anonymous` too); unset roles keep the defaults. */
  /** Browsers on these origins may call the gateway (CORS); none by default. */
  readonly cors: { readonly origins: readonly string[]; readonly credentials: boolean };
  readonly rateLimits: { readonly windowSeconds: number; readonly perWindow: Readonly<Record<string, number>> };
}

const DEV_PERSON_KEY_SECRET = 'development-only-person-key-secret-change-me';
const DEV_JWT_SECRET = 'development-only-jwt-secret-change-me-0123456789';
const DEV_INTERNAL_SECRET = 'development-only-internal-context-secret-change-me';

/**
 * Reads and checks the environment once, at start-up. Every fault is reported with
 * "expected …, got …" and the variable's name; the result is frozen.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const faults: string[] = [];
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: string | undefined): T => {
    const raw = env[name] === undefined || env[name] === '' ? fallback : env[name];
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    faults.push(`${name}: ${parsed.error.issues.map((i) => i.message).join('; ')}, got ${JSON.stringify(raw)}`);
    return undefined as T;
  };

  const host = read('HOST', z.string().min(1), '127.0.0.1');
  const gatewayPort = read('GATEWAY_PORT', port, '4000');
  const subgraphs = Object.fromEntries(
    SUBGRAPH_NAMES.map((name, index) => {
      const prefix = envPrefix(name);
      const subgraphPort = read(`${prefix}_PORT`, port, String(4001 + index));
      const url = read(`${prefix}_URL`, httpUrl, `http://127.0.0.1:${subgraphPort}/graphql`);
      return [name, Object.freeze({ name, port: subgraphPort, url })];
    }),
  ) as Record<SubgraphName, SubgraphEndpoint>;

  const postgresUrl = z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional();
  const databaseUrl = read('DATABASE_URL', postgresUrl, undefined);
  const databaseUrls = Object.fromEntries(
    SERVICE_NAMES.map((name) => [name, read(`${envPrefix(name)}_DATABASE_URL`, postgresUrl, undefined) ?? databaseUrl]),
  ) as Record<ServiceName, string | undefined>;
  const personKeySecret = read('PERSON_KEY_SECRET', z.string().min(16, 'expected at least 16 characters'), production ? undefined : DEV_PERSON_KEY_SECRET);
  const config = {
    production,
    host,
    gatewayPort,
    subgraphs: Object.freeze(subgraphs),
    databaseUrl,
    databaseUrls: Object.freeze(databaseUrls),
    databaseRolePrefix: read('DATABASE_ROLE_PREFIX', z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'expected lower-case letters, digits and _'), 'onething_'),
    dataDir: read('DATA_DIR', z.string().min(1), '.data/pglite'),
    redisUrl: read(
      'REDIS_URL',
      z
        .string()
        .regex(/^rediss?:\/\//, 'expected a redis:// URL')
        .optional(),
      undefined,
    ),
    redisKeyPrefix: read('REDIS_KEY_PREFIX', z.string().regex(/^[\w:.-]{0,64}$/, 'expected up to 64 letters, digits, _ : . -'), 'onething:'),
    redis: Object.freeze({
      commandTimeoutMs: read('REDIS_COMMAND_TIMEOUT_MS', z.coerce.number().int().min(10).max(10_000), '200'),
      breakerFailures: read('REDIS_BREAKER_FAILURES', z.coerce.number().int().min(1).max(100), '3'),
      breakerOpenMs: read('REDIS_BREAKER_OPEN_MS', z.coerce.number().int().min(100).max(600_000), '5000'),
    }),
    personKeySecret,
    identityCacheTtlSeconds: read('IDENTITY_CACHE_TTL_SECONDS', z.coerce.number().int().min(1).max(86_400), '300'),
    subgraphTimeoutMs: read('SUBGRAPH_TIMEOUT_MS', z.coerce.number().int().min(100).max(120_000), '5000'),
    // Fictitious people have no place in a production database: off there unless asked for.
    seedDemoData: read('SEED_DEMO_DATA', bool, production ? 'false' : 'true'),
    // An IDE invites exploring the schema; production keeps it off unless asked for.
    graphqlIde: read('GRAPHQL_IDE', bool, production ? 'false' : 'true'),
    logLevel: read('LOG_LEVEL', z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  } as Config;
  const dates = z.string().regex(/^(\d{4}-\d{2}-\d{2})?(,\d{4}-\d{2}-\d{2})*$/, 'expected comma-separated YYYY-MM-DD dates');
  Object.assign(config, {
    dispatch: Object.freeze({
      attempts: read('DISPATCH_ATTEMPTS', z.coerce.number().int().min(1).max(10), '3'),
      backoffMs: read('DISPATCH_BACKOFF_MS', z.coerce.number().int().min(1).max(60_000), '200'),
      maxTotalAttempts: read('DISPATCH_MAX_TOTAL_ATTEMPTS', z.coerce.number().int().min(1).max(1000), '20'),
      leaseSeconds: read('DISPATCH_LEASE_SECONDS', z.coerce.number().int().min(1).max(3600), '120'),
      recoveryIntervalMs: read('DISPATCH_RECOVERY_INTERVAL_MS', z.coerce.number().int().min(100).max(3_600_000), '15000'),
    }),
    idempotencyWaitMs: read('IDEMPOTENCY_WAIT_MS', z.coerce.number().int().min(0).max(60_000), '10000'),
    priceSubsidyTriggered: read('PRICE_SUBSIDY_TRIGGERED', bool, 'false'),
    publicHolidays: new Set(read<string>('PUBLIC_HOLIDAYS', dates, '').split(',').filter(Boolean)),
  });
  const secret = z.string().min(32, 'expected at least 32 characters');
  const jwksFile = read('JWT_JWKS_FILE', z.string().min(1).optional(), undefined);
  const jwksUrl = read('JWT_JWKS_URL', httpUrl.optional(), undefined);
  Object.assign(config, {
    auth: Object.freeze({
      // Without a JWKS, a shared secret; in production one of them must be configured.
      jwtSecret: read('JWT_SECRET', secret.optional(), jwksFile || jwksUrl || production ? undefined : DEV_JWT_SECRET),
      jwksFile,
      jwksUrl,
      issuer: read('JWT_ISSUER', z.string().min(1), 'onething-dev-issuer'),
      audience: read('JWT_AUDIENCE', z.string().min(1), 'onething-gateway'),
      internalContextSecret: read('INTERNAL_CONTEXT_SECRET', secret, production ? undefined : DEV_INTERNAL_SECRET),
    }),
  });
  const limits = read('RATE_LIMITS', z.string().regex(/^([a-z]+=\d+)?(,[a-z]+=\d+)*$/, 'expected role=count pairs such as "clerk=1200,citizen=300"'), '');
  Object.assign(config, {
    rateLimits: Object.freeze({
      windowSeconds: read('RATE_LIMIT_WINDOW_SECONDS', z.coerce.number().int().min(1).max(3600), '60'),
      perWindow: Object.freeze(
        Object.fromEntries(
          (limits ?? '')
            .split(',')
            .filter(Boolean)
            .map((pair) => {
              const [role, count] = pair.split('=');
              return [role!, Number(count)];
            }),
        ),
      ),
    }),
  });
  const origin = z.string().regex(/^https?:\/\/[^/?#\s,]+$/, 'expected comma-separated origins such as "https://portal.example.gov.cn"');
  Object.assign(config, {
    cors: Object.freeze({
      origins: Object.freeze(
        read<string>('CORS_ORIGINS', z.string(), '')
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean)
          .flatMap((entry) => {
            const parsed = origin.safeParse(entry);
            if (parsed.success) return [entry];
            faults.push(`CORS_ORIGINS: ${parsed.error.issues.map((i) => i.message).join('; ')}, got ${JSON.stringify(entry)}`);
            return [];
          }),
      ),
      credentials: read('CORS_CREDENTIALS', bool, 'false'),
    }),
  });
  if (production && !config.auth.jwtSecret && !jwksFile && !jwksUrl)
    faults.push('JWT_SECRET / JWT_JWKS_FILE / JWT_JWKS_URL: expected one of them in production, got none');
  if (faults.length > 0) {
    throw new Error(`Invalid configuration:\n  ${faults.join('\n  ')}`);
  }
  return Object.freeze(config);
}

/** What production refuses, each with the word of `ALLOW_UNSAFE_PRODUCTION` that accepts it anyway. */
export const UNSAFE_PRODUCTION_SETTINGS = ['embedded-database', 'in-process-cache', 'development-secret', 'demo-data'] as const;
export type UnsafeProductionSetting = (typeof UNSAFE_PRODUCTION_SETTINGS)[number];

/**
 * With `NODE_ENV=production`, what would make the services in this process unsafe, one line per
 * fault: storage embedded (one process's disk, no replicas, no backups), the cache in-process (rate
 * limits and idempotency per replica), a secret at its development value (published in this
 * repository), or the fictitious demo people seeded (CORS open to every origin is refused in every
 * mode: CORS_ORIGINS takes origins only, never "*"). Each is accepted
 * only when `ALLOW_UNSAFE_PRODUCTION` names it (comma-separated), so running unsafely is a decision
 * written down in the deployment, never an accident.
 */
export function unsafeProductionSettings(config: Config, services: readonly ServiceName[], env: NodeJS.ProcessEnv = process.env): string[] {
  if (!config.production) return [];
  const allowed = new Set((env.ALLOW_UNSAFE_PRODUCTION ?? '').split(',').map((word) => word.trim()));
  const faults: string[] = [];
  const refuse = (setting: UnsafeProductionSetting, fault: string) => {
    if (!allowed.has(setting)) faults.push(`${fault} (accept it with ALLOW_UNSAFE_PRODUCTION=${setting})`);
  };
  const embedded = services.filter((name) => !config.databaseUrls[name]);
  if (embedded.length > 0)
    refuse(
      'embedded-database',
      `DATABASE_URL: expected PostgreSQL in production, got the embedded database for ${embedded.join(', ')} (set DATABASE_URL or ${envPrefix(embedded[0]!)}_DATABASE_URL)`,
    );
  if (services.includes('gateway') && !config.redisUrl)
    refuse(
      'in-process-cache',
      'REDIS_URL: expected Redis in production, got the in-process cache (rate limits and idempotency would be per replica, lost on restart)',
    );
  const development: [string, string | undefined, string][] = [
    ['PERSON_KEY_SECRET', config.personKeySecret, DEV_PERSON_KEY_SECRET],
    ['JWT_SECRET', config.auth.jwtSecret, DEV_JWT_SECRET],
    ['INTERNAL_CONTEXT_SECRET', config.auth.internalContextSecret, DEV_INTERNAL_SECRET],
  ];
  for (const [name, value, developmentValue] of development)
    if (value !== undefined && value === developmentValue)
      refuse('development-secret', `${name}: expected a secret of this deployment, got the development value published with the code`);
  if (config.seedDemoData && services.some((name) => name !== 'gateway'))
    refuse('demo-data', 'SEED_DEMO_DATA: expected false in production, got true (fictitious people would be written into the real records)');
  return faults;
}
