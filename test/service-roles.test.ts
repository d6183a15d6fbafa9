import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PROJECT_ROOT } from '../src/paths.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { startSubgraph } from '../app/services.js';
import { createTestDatabase, TEST_DATABASE_URL, uniqueName, type TestDatabase } from './support/environment.js';

const run = promisify(execFile);

// Roles belong to the whole PostgreSQL cluster: this file's are unique and dropped after it.
const prefix = `${uniqueName('r')}_`;
const cardLogin = `${prefix}card_app`;
const gatewayLogin = `${prefix}gateway_app`;
let database: TestDatabase;

const withUser = (url: string, user: string, password: string) => {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
};

async function asUser<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await database?.drop();
  await asUser(TEST_DATABASE_URL, async (admin) => {
    const { rows } = await admin.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname LIKE $1 ORDER BY rolname DESC', [`${prefix}%`]);
    // Logins first (members), then the group roles.
    for (const { rolname } of rows.sort((a, b) => Number(b.rolname.endsWith('_app')) - Number(a.rolname.endsWith('_app'))))
      await admin.query(`DROP ROLE "${rolname}"`);
  });
});

describe('npm run migrate: every service migrated as its own step, each with a role that can touch only its own schema', () => {
  let cardUrl: string;
  beforeAll(async () => {
    cardUrl = withUser(database.url, cardLogin, 'card-password');
    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      CARD_DATABASE_URL: cardUrl,
      GATEWAY_DATABASE_URL: withUser(database.url, gatewayLogin, 'gateway-password'),
      DATABASE_ROLE_PREFIX: prefix,
    };
    const { stdout } = await run(process.execPath, ['dist/app/migrate.js'], { cwd: PROJECT_ROOT, env });
    expect(stdout).toMatch(new RegExp(`^card +applied 000-item-ledger.*; schema owned by role ${prefix}card$`, 'm'));
    expect(stdout).toMatch(/^gateway +applied /m);
    // A second run changes nothing.
    const again = await run(process.execPath, ['dist/app/migrate.js'], { cwd: PROJECT_ROOT, env });
    expect(again.stdout.match(/up to date/g)).toHaveLength(6);
  }, 120_000);

  it('the card login reads and writes card, and is refused everywhere else', async () => {
    await asUser(cardUrl, async (card) => {
      expect((await card.query('SELECT count(*)::int AS n FROM card.person')).rows[0]).toEqual({ n: 0 });
      await expect(card.query('SELECT * FROM insurance.employer LIMIT 1')).rejects.toMatchObject({ code: '42501' });
      await expect(card.query('SELECT * FROM gateway.schema_migrations LIMIT 1')).rejects.toMatchObject({ code: '42501' });
      await expect(card.query('CREATE SCHEMA stolen')).rejects.toMatchObject({ code: '42501' });
      await expect(card.query('CREATE TABLE insurance.stolen (id int)')).rejects.toMatchObject({ code: '42501' });
    });
  });

  it('the tables of each schema belong to its service role, and no other role of ours reaches them', async () => {
    await asUser(TEST_DATABASE_URL.replace(/\/[^/]*$/, new URL(database.url).pathname), async (admin) => {
      const { rows } = await admin.query<{ schema: string; owner: string }>(
        `SELECT DISTINCT schemaname AS schema, tableowner AS owner FROM pg_tables WHERE schemaname IN ('card', 'insurance', 'gateway', 'civil_service') ORDER BY 1`,
      );
      expect(rows).toEqual([
        { schema: 'card', owner: `${prefix}card` },
        { schema: 'civil_service', owner: `${prefix}civil_service` },
        { schema: 'gateway', owner: `${prefix}gateway` },
        { schema: 'insurance', owner: `${prefix}insurance` },
      ]);
      const { rows: reach } = await admin.query<{ usage: boolean }>(`SELECT has_schema_privilege($1, 'insurance', 'USAGE') AS usage`, [`${prefix}card`]);
      expect(reach).toEqual([{ usage: false }]);
    });
  });

  it('the card subgraph starts and serves with its least-privileged login (its start-up migrations run as its role)', async () => {
    const config = loadConfig({ CARD_DATABASE_URL: cardUrl, LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'true' });
    expect(config.databaseUrls.card).toBe(cardUrl);
    expect(config.databaseUrls.insurance).toBeUndefined();
    const db = await openDatabase({ url: config.databaseUrls.card, dataDir: config.dataDir, poolSize: 2 });
    const service = await startSubgraph('card', config, db, 0);
    try {
      const ready = await fetch(service.url.replace(/graphql$/, 'readyz'));
      expect(ready.status).toBe(200);
      // Seeding wrote through the login, into tables its role owns.
      await asUser(cardUrl, async (card) => expect((await card.query('SELECT count(*)::int AS n FROM card.person')).rows[0]!.n).toBeGreaterThan(0));
    } finally {
      await service.close();
      await db.close();
    }
  });
});
