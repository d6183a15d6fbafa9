/**
 * `npm run migrate`: applies every service's migrations (the five subgraphs and the gateway) as a
 * step of its own, before or without starting them, e.g. as a Kubernetes Job. With `DATABASE_URL`
 * (an owner's account with CREATEROLE) it also gives each service a role owning its schema and
 * nothing else (`<DATABASE_ROLE_PREFIX><schema>`), and makes the user of each service's own URL
 * (`CARD_DATABASE_URL`, …) a login in that role, with that URL's password.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig, SERVICE_NAMES, type ServiceName } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrate, provisionServiceRole, type ServiceStorage } from '../src/db/migrations.js';
import { GATEWAY_STORAGE } from '../gateway/server.js';
import { SUBGRAPH_PLUGINS } from '../subgraphs/index.js';

const STORAGE: Readonly<Record<ServiceName, ServiceStorage>> = {
  ...(Object.fromEntries(Object.entries(SUBGRAPH_PLUGINS).map(([name, plugin]) => [name, plugin.storage])) as Record<
    Exclude<ServiceName, 'gateway'>,
    ServiceStorage
  >),
  gateway: GATEWAY_STORAGE,
};

/** The same database (host, port, name) as `base`, whoever logs in. */
const sameDatabase = (a: URL, b: URL) => a.host === b.host && a.pathname === b.pathname;

export interface MigrationReport {
  readonly service: ServiceName;
  readonly applied: readonly string[];
  readonly role?: string;
}

export async function migrateAll(config = loadConfig()): Promise<MigrationReport[]> {
  const opened = new Map<string, Database>();
  const open = async (url: string | undefined) => {
    const key = url ?? 'embedded';
    let db = opened.get(key);
    if (!db) opened.set(key, (db = await openDatabase({ url, dataDir: config.dataDir, poolSize: 1 })));
    return db;
  };
  const reports: MigrationReport[] = [];
  try {
    const owner = config.databaseUrl ? new URL(config.databaseUrl) : undefined;
    let mayCreateRoles = false;
    if (owner) {
      const [row] = await (
        await open(config.databaseUrl)
      ).query<{ may: boolean }>('SELECT rolcreaterole OR rolsuper AS may FROM pg_roles WHERE rolname = current_user');
      mayCreateRoles = row?.may === true;
    }
    for (const service of SERVICE_NAMES) {
      const storage = STORAGE[service];
      const own = config.databaseUrls[service] ? new URL(config.databaseUrls[service]) : undefined;
      // The owner's account migrates every schema of its database; a service elsewhere migrates its own.
      const viaOwner = owner !== undefined && (own === undefined || sameDatabase(owner, own));
      const db = await open(viaOwner ? config.databaseUrl : config.databaseUrls[service]);
      let role: string | undefined;
      if (viaOwner && mayCreateRoles) {
        role = `${config.databaseRolePrefix}${storage.schema}`;
        const login =
          own && decodeURIComponent(own.username) !== decodeURIComponent(owner.username)
            ? { user: decodeURIComponent(own.username), password: own.password ? decodeURIComponent(own.password) : undefined }
            : undefined;
        await provisionServiceRole(db, { role, schema: storage.schema, ...(login ? { login } : {}) });
      }
      reports.push({ service, applied: await migrate(db, storage.schema, storage.migrations), ...(role ? { role } : {}) });
    }
    return reports;
  } finally {
    for (const db of opened.values()) await db.close();
  }
}

// Run as a command (node dist/app/migrate.js), not when imported by a test.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    for (const { service, applied, role } of await migrateAll())
      console.log(`${service.padEnd(14)} ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}${role ? `; schema owned by role ${role}` : ''}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
