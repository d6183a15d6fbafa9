import type { Database } from './database.js';

export interface Migration {
  /** Stable, ordered id such as `001-people`; never renamed once released. */
  readonly id: string;
  readonly sql: string;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * Applies the owner's pending migrations in order, inside its own schema, under an advisory
 * lock so that two replicas starting together do not race.
 */
export async function migrate(db: Database, schema: string, migrations: readonly Migration[]): Promise<string[]> {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`migrate: expected a lower-case schema name, got ${JSON.stringify(schema)}`);
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`migrate:${schema}`]);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema};
      CREATE TABLE IF NOT EXISTS ${schema}.schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());`);
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
