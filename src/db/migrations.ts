import type { Database, Queryable } from './database.js';

export interface Migration {
  /** Stable, ordered id such as `001-people`; never renamed once released. */
  readonly id: string;
  readonly sql: string;
}

/** What one service keeps in PostgreSQL: its own schema and the migrations that build it. */
export interface ServiceStorage {
  readonly schema: string;
  readonly migrations: readonly Migration[];
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

/** A role or schema name as a quoted SQL identifier. */
const identifier = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Applies the owner's pending migrations in order, inside its own schema, under an advisory
 * lock so that two replicas starting together do not race. They run as the schema's owner (the
 * service's role once `npm run migrate` has made one, see `provisionServiceRole`), so a service
 * logging in with least privilege can still apply its own later migrations at start-up, and every
 * table stays its service's.
 */
export async function migrate(db: Database, schema: string, migrations: readonly Migration[]): Promise<string[]> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`migrate: expected a lower-case schema name, got ${JSON.stringify(schema)}`);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${schema}`]);
    await actAsSchemaOwner(tx, schema);
    await tx.exec(`CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());`);
    const done = new Set((await tx.query<{ id: string }>(`SELECT id FROM ${schema}.schema_migrations`)).map((r) => r.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      await tx.exec(migration.sql);
      await tx.query(`INSERT INTO ${schema}.schema_migrations (id) VALUES ($1)`, [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}

/** Creates the schema when missing (owned by whoever runs this), then takes its owner's role for the transaction. */
async function actAsSchemaOwner(tx: Queryable, schema: string): Promise<void> {
  const [found] = await tx.query<{ owner: string; member: boolean; me: string }>(
    `SELECT pg_get_userbyid(nspowner) AS owner, pg_has_role(current_user, nspowner, 'MEMBER') AS member, current_user AS me
       FROM pg_namespace WHERE nspname = $1`,
    [schema],
  );
  // CREATE SCHEMA needs CREATE on the database, which a least-privileged service has not: only when missing.
  if (!found) return tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  if (found.owner !== found.me && found.member) await tx.exec(`SET LOCAL ROLE ${identifier(found.owner)}`);
}

export interface ServiceRole {
  /** The group role that owns the service's schema, e.g. `onething_card` (no login). */
  readonly role: string;
  readonly schema: string;
  /** A login taken from the service's own database URL, made a member of `role`. */
  readonly login?: { readonly user: string; readonly password: string | undefined };
}

/**
 * Least privilege per service (PostgreSQL only; needs CREATEROLE): a role that owns the service's
 * schema and everything in it and has no right on any other schema, and optionally the login the
 * service connects with, as a member of it. Idempotent; an existing schema and its tables are
 * handed over to the role.
 */
export async function provisionServiceRole(db: Database, { role, schema, login }: ServiceRole): Promise<void> {
  if (!SCHEMA_NAME.test(schema) || !SCHEMA_NAME.test(role)) throw new Error(`provisionServiceRole: expected lower-case names, got ${role} / ${schema}`);
  await db.transaction(async (tx) => {
    // Roles belong to the whole cluster: one migrator at a time creates them.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('migrate:roles'))`);
    const exists = async (name: string) => (await tx.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).length > 0;
    if (!(await exists(role))) await tx.exec(`CREATE ROLE ${identifier(role)} NOLOGIN`);
    const [{ database }] = (await tx.query<{ database: string }>('SELECT current_database() AS database')) as [{ database: string }];
    await tx.exec(`GRANT CONNECT ON DATABASE ${identifier(database)} TO ${identifier(role)}`);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${identifier(role)}`);
    await tx.exec(`ALTER SCHEMA ${schema} OWNER TO ${identifier(role)}`);
    // Tables, views and sequences made before the role existed (start-up migrations) change hands too;
    // a sequence owned by a column follows its table.
    const relations = await tx.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i') AND c.relkind = 'S')`,
      [schema],
    );
    for (const { name } of relations) await tx.exec(`ALTER TABLE ${schema}.${identifier(name)} OWNER TO ${identifier(role)}`);
    if (login) {
      if (!SCHEMA_NAME.test(login.user)) throw new Error(`provisionServiceRole: expected a lower-case login name, got ${JSON.stringify(login.user)}`);
      const password = login.password ?? null;
      const verb = (await exists(login.user)) ? 'ALTER' : 'CREATE';
      // The password goes in as a parameter and is quoted by the server (format %L), never spliced here.
      const [{ statement }] = (await tx.query<{ statement: string }>(`SELECT format('${verb} ROLE %I LOGIN PASSWORD %L', $1::text, $2::text) AS statement`, [
        login.user,
        password,
      ])) as [{ statement: string }];
      await tx.exec(statement);
      await tx.exec(`GRANT ${identifier(role)} TO ${identifier(login.user)}`);
    }
  });
}
