import pg from 'pg';
import { BUSINESS_TIME_ZONE, type Database, type Queryable } from './port.js';

// int8 (counts, sums) as numbers: our counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
// dates as plain YYYY-MM-DD strings, never shifted by the process time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export function openPostgres(url: string, poolSize: number): Database {
  // Business dates (current_date, record numbers) are Beijing dates, as the agencies count them.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 10_000, options: `-c timezone=${BUSINESS_TIME_ZONE}` });
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
