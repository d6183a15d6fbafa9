import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { PERSON_ACROSS_SUBGRAPHS } from './support/queries.js';
import { TestStack } from './support/stack.js';

// The default of `npm start`: one embedded PostgreSQL (PGlite) shared by all six services,
// and the in-process key-value store. Slow to open (WASM), so one stack for the file.
let stack: TestStack;
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'onething-embedded-'));
  stack = await TestStack.start({ embedded: { dataDir } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the embedded default (no DATABASE_URL, no REDIS_URL)', () => {
  it('serves the cross-subgraph person query with the same answers', async () => {
    expect(stack.config.databaseUrl).toBeUndefined();
    expect(stack.config.redisUrl).toBeUndefined();
    const { data, errors } = await stack.graphql<{ person: Record<string, any> }>(PERSON_ACROSS_SUBGRAPHS, {
      idType: 'RESIDENT_ID_CARD',
      idNumber: DEMO_PEOPLE.zhangWei.idNumber,
    });
    expect(errors).toBeUndefined();
    expect(data!.person).toMatchObject({
      name: '张伟',
      socialSecurityCard: { status: 'ACTIVE' },
      unemploymentStatus: { registered: false },
      handlingAgency: { regionCode: '320102' },
      personnelArchive: { holder: '南京市玄武区人才服务中心' },
      partyMembership: { category: 'FULL_MEMBER' },
      appointments: [],
    });
    expect(data!.person.insuredSchemes).toHaveLength(3);
    // The in-process cache answers the second time.
    const fromCache = await stack.metric('gateway_identity_resolutions_total', { source: 'cache' });
    await stack.graphql(PERSON_ACROSS_SUBGRAPHS, { idType: 'RESIDENT_ID_CARD', idNumber: DEMO_PEOPLE.zhangWei.idNumber });
    expect(await stack.metric('gateway_identity_resolutions_total', { source: 'cache' })).toBe(fromCache + 1);
  });

  it('counts business dates in Beijing time (record numbers, current_date)', async () => {
    const [row] = await stack.databases.get('card')!.query<{ tz: string }>("SELECT current_setting('TimeZone') AS tz");
    expect(row!.tz).toBe('Asia/Shanghai');
  });

  it('keeps each service in its own schema of the one shared database', async () => {
    const rows = await stack.databases
      .get('card')!
      .query<{ nspname: string }>(
        `SELECT nspname FROM pg_namespace WHERE nspname IN ('employment', 'insurance', 'card', 'archive', 'civil_service', 'gateway') ORDER BY nspname`,
      );
    expect(rows.map((r) => r.nspname)).toEqual(['archive', 'card', 'civil_service', 'employment', 'gateway', 'insurance']);
  });
});
