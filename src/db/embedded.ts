import { mkdir } from 'node:fs/promises';
import { PGlite, types, type Transaction } from '@electric-sql/pglite';
import { BUSINESS_TIME_ZONE, type Database, type Queryable } from './port.js';

/** PGlite keeps its data in `dataDir` across restarts; one instance per process (it is large). */
export async function openEmbedded(dataDir: string): Promise<Database> {
  await mkdir(dataDir, { recursive: true });
  const pglite = await PGlite.create(dataDir, {
    // Same parsing as the pg driver: int8 as number, date as YYYY-MM-DD.
    parsers: { [types.INT8]: (value: string) => Number(value), [types.DATE]: (value: string) => value },
  });
  // Business dates (current_date, record numbers) are Beijing dates, as the agencies count them.
  await pglite.exec(`SET TIME ZONE '${BUSINESS_TIME_ZONE}'`);
  const on = (client: PGlite | Transaction): Queryable => ({
    query: async (sql, params) => (await client.query(sql, params as unknown[] | undefined)).rows as never[],
    exec: async (sql) => {
      await client.exec(sql);
    },
  });
  return {
    kind: 'embedded',
    ...on(pglite),
    transaction: (work) => pglite.transaction((tx) => work(on(tx))),
    async ping() {
      await pglite.query('SELECT 1');
    },
    close: () => pglite.close(),
  };
}
