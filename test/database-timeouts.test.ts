import { afterAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server, type Socket } from 'node:net';
import { databaseErrorKind } from '../src/db/database-errors.js';
import { openPostgres } from '../src/db/postgres.js';
import { TEST_DATABASE_URL } from './support/environment.js';

const sockets: Socket[] = [];
let silent: Server | undefined;
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => (silent ? silent.close(resolve) : resolve(undefined)));
});

describe('the PostgreSQL pool gives up instead of hanging', () => {
  it('a statement running past statement_timeout fails as transient, and the pool goes on', async () => {
    const db = openPostgres(TEST_DATABASE_URL, 1, { connectMs: 2_000, statementMs: 200, idleInTransactionMs: 1_000 });
    try {
      const started = Date.now();
      const error = await db.query('SELECT pg_sleep(3)').catch((caught: unknown) => caught);
      expect(Date.now() - started).toBeLessThan(2_500);
      expect(databaseErrorKind(error)).toBe('transient');
      expect(await db.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('a server that accepts the connection but never answers is given up on after connectMs', async () => {
    // A stand-in for a hung database host (outside the project): it accepts and says nothing.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent!.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const db = openPostgres(`postgres://postgres@127.0.0.1:${port}/postgres`, 1, { connectMs: 300, statementMs: 1_000, idleInTransactionMs: 1_000 });
    try {
      const started = Date.now();
      const error = await db.query('SELECT 1').catch((caught: unknown) => caught);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(databaseErrorKind(error)).toBe('transient');
    } finally {
      await db.close();
    }
  });

  it('the defaults bound every statement', async () => {
    const db = openPostgres(TEST_DATABASE_URL, 1);
    try {
      const [row] = await db.query<{ statement_timeout: string; idle: string }>(
        "SELECT current_setting('statement_timeout') AS statement_timeout, current_setting('idle_in_transaction_session_timeout') AS idle",
      );
      expect(row).toEqual({ statement_timeout: '30s', idle: '1min' });
    } finally {
      await db.close();
    }
  });
});
