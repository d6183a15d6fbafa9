/**
 * The one small database port used by every subgraph and the gateway. The same SQL runs on
 * PostgreSQL (`pg`) and on embedded PostgreSQL (PGlite); each owner keeps its tables in its
 * own schema and qualifies every table name with it. Its types live here, below both drivers
 * (postgres.ts, embedded.ts) and the opener (database.ts).
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
