import pg from 'pg';
import { BUSINESS_TIME_ZONE, type Database, type Queryable } from './port.js';

// int8 (counts, sums) as numbers: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// dates as plain YYYY-MM-DD strings, never shifted by the process time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * How long a caller waits on the database before giving up. Without them a database that accepts
 * connections but does not answer (a full disk, a lock held by a stuck client) holds every request
 * and every pool connection for good; with them the request fails as TEMPORARILY_UNAVAILABLE.
 */
export interface PostgresTimeouts {
  /** Waiting for a connection (a new one, or a free one of the pool). */
  readonly connectMs: number;
  /** One statement (server side: `statement_timeout`). */
  readonly statementMs: number;
  /** A transaction left idle by a stalled client, holding its locks (`idle_in_transaction_session_timeout`). */
  readonly idleInTransactionMs: number;
}

export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = { connectMs: 5_000, statementMs: 30_000, idleInTransactionMs: 60_000 };

export function openPostgres(url: string, poolSize: number, timeouts: PostgresTimeouts = DEFAULT_POSTGRES_TIMEOUTS): Database {
  // Business dates (current_date, record numbers) are Beijing dates, as the agencies count them.
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: timeouts.connectMs,
    options: [
      `-c timezone=${BUSINESS_TIME_ZONE}`,
      `-c statement_timeout=${timeouts.statementMs}`,
      `-c idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
    ].join(' '),
  });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <Row>(sql: string, params?: readonly unknown[]) => (await client.query(sql, params as unknown[] | undefined)).rows as Row[],
    exec: async (sql) => {
      await client.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...on(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(on(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('SELECT 1');
    },
    close: () => pool.end(),
  };
}
