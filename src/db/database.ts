/**
 * The one small database port used by every subgraph and the gateway. The same SQL runs on
 * PostgreSQL (`pg`) and on embedded PostgreSQL (PGlite); each owner keeps its tables in its
 * own schema and qualifies every table name with it.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'postgres' | 'embedded';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The time zone of every session: dates in the back offices are Beijing dates (UTC+8). */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

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
