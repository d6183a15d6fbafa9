/** Opens the database port (port.ts): PostgreSQL with a URL, otherwise the embedded PGlite. */
export type { Database, Queryable } from './port.js';
export { BUSINESS_TIME_ZONE } from './port.js';
import type { Database } from './port.js';

export interface DatabaseOptions {
  /** postgres:// URL; unset selects the embedded database in `dataDir`. */
  readonly url: string | undefined;
  readonly dataDir: string;
  /** Connections in the pool (PostgreSQL only). */
  readonly poolSize?: number;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    const { openPostgres } = await import('./postgres.js');
    return openPostgres(options.url, options.poolSize ?? 5);
  }
  const { openEmbedded } = await import('./embedded.js');
  return openEmbedded(options.dataDir);
}

/**
 * A handle that several services share but only the last `close()` really closes: in the
 * embedded default the five subgraphs and the gateway share one PGlite instance.
 */
export function shareDatabase(db: Database, users: number): Database[] {
  let open = users;
  const shared: Database = {
    kind: db.kind,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (work) => db.transaction(work),
    ping: () => db.ping(),
    close: async () => {
      open -= 1;
      if (open === 0) await db.close();
    },
  };
  return Array.from({ length: users }, () => shared);
}
