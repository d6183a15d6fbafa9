import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { envPrefix, SUBGRAPH_NAMES } from '../src/config.js';
import { loadCatalog } from '../src/catalog/index.js';
import { ServiceProcess } from '../scripts/chaos/processes.js';
import { DECIDE, finishInOrder } from './support/cases.js';
import { SUBMISSION_FIELDS, SUBMIT, wholeApplication, type FormPerson, type Submitted } from './support/forms.js';
import { newcomerIdNumber } from './support/items.js';
import { freePort } from './support/redis-server.js';
import { useStack } from './support/use-stack.js';

// The gateway as deployed (`node dist/app/main.js gateway`, built by jest's globalSetup), SIGKILLed
// while serial cases wait between their items and while a decision is in flight; after a restart
// every case finishes, each item handled once. The in-process gateway of the stack stays out of
// the way (its recovery pass runs at start only).
const stack = useStack({ env: { DISPATCH_RECOVERY_INTERVAL_MS: '3600000' } });
const catalog = loadCatalog();
let gateway: ServiceProcess;

beforeAll(async () => {
  const { config } = stack;
  const port = await freePort();
  gateway = new ServiceProcess(
    'gateway',
    ['gateway'],
    port,
    {
      PATH: process.env.PATH,
      LOG_LEVEL: 'warn',
      DATABASE_URL: config.databaseUrl,
      REDIS_URL: config.redisUrl,
      REDIS_KEY_PREFIX: config.redisKeyPrefix,
      PERSON_KEY_SECRET: config.personKeySecret,
      GATEWAY_PORT: String(port),
      ...Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${envPrefix(name)}_URL`, config.subgraphs[name].url])),
      // A killed gateway's leases lapse soon, and the restarted one looks for work every half second.
      DISPATCH_LEASE_SECONDS: '2',
      DISPATCH_RECOVERY_INTERVAL_MS: '500',
      DISPATCH_BACKOFF_MS: '10',
    },
    await mkdtemp(join(tmpdir(), 'onething-serial-crash-')),
  );
  await gateway.start();
}, 90_000);

afterAll(async () => {
  await gateway?.stop();
});

const viaProcess = <T>(query: string, variables: Record<string, unknown>) => stack.graphql<T>(query, variables, `${gateway.origin}/graphql`);
const newcomer = (name: string, birthDate: string): FormPerson => ({
  idType: 'RESIDENT_ID_CARD',
  idNumber: newcomerIdNumber(birthDate, 'FEMALE', '320111'),
  name,
  gender: 'FEMALE',
  birthDate,
  phone: '13900000001',
});
const READ = `query ($id: ID!) { submission(id: $id) { ${SUBMISSION_FIELDS} } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Items each subgraph's ledger holds for the submissions, per item: 1 each, never 2. */
async function ledgerCounts(submissionIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const name of ['employment', 'card'] as const) {
    const rows = await stack.databases
      .get(name)!
      .query<{ submission_id: string; item_code: string; n: number }>(
        `SELECT submission_id, item_code, count(*)::int AS n FROM ${name}.item_ledger WHERE submission_id = ANY($1) GROUP BY 1, 2`,
        [submissionIds],
      );
    for (const row of rows) counts.set(`${row.submission_id}:${row.item_code}`, row.n);
  }
  return counts;
}

describe('SIGKILL of the gateway while serial cases wait between their items', () => {
  it('after restart every case finishes, every item handled exactly once', async () => {
    const cases: Submitted[] = [];
    for (const [index, name] of ['甲', '乙', '丙'].entries()) {
      const input = wholeApplication(catalog, {
        bundleCode: 'jiangsu-difficulty-subsidy',
        person: newcomer(`崩${name}`, `${1976 + index}-08-01`),
        without: ['FLEXIBLE_EMPLOYMENT_INSURANCE', 'FLEXIBLE_EMPLOYMENT_SUBSIDY'],
      });
      const { data, errors } = await viaProcess<{ submitBundle: Submitted }>(SUBMIT, { input });
      expect(errors).toBeUndefined();
      expect(data!.submitBundle.items.map((i) => i.status)).toEqual(['ACCEPTED', 'WAITING']);
      cases.push(data!.submitBundle);
    }

    // 1. Killed while every case waits between its items; started again.
    await gateway.kill();
    await gateway.start();

    // 2. Killed while the counter's decisions are in flight (some recorded, some not, some half).
    const inFlight = cases.map((c, i) =>
      sleep(i * 15)
        .then(() => viaProcess(DECIDE, { id: c.id, code: 'EMPLOYMENT_DIFFICULTY_RECOGNITION', d: { outcome: 'COMPLETE', decidedBy: 'counter-9' } }))
        .catch(() => undefined),
    );
    await sleep(40);
    await gateway.kill();
    await Promise.all(inFlight);
    await gateway.start();

    // Recovery sends what a recorded decision made ready; the counter decides again what was not
    // recorded (the subgraph answers its recorded decision again: nothing doubled).
    const deadline = Date.now() + 30_000;
    const finished: Submitted[] = [];
    for (const submitted of cases) {
      let current = (await viaProcess<{ submission: Submitted }>(READ, { id: submitted.id })).data!.submission;
      while (current.items.some((i) => i.status === 'PENDING') && Date.now() < deadline) {
        await sleep(200);
        current = (await viaProcess<{ submission: Submitted }>(READ, { id: submitted.id })).data!.submission;
      }
      current = await finishInOrder(stack, current, `${gateway.origin}/graphql`);
      expect(current.items.map((i) => [i.itemCode, i.status])).toEqual([
        ['EMPLOYMENT_DIFFICULTY_RECOGNITION', 'COMPLETED'],
        ['CARD_APPLICATION', 'ACCEPTED'],
      ]);
      finished.push(current);
    }
    const counts = await ledgerCounts(cases.map((c) => c.id));
    expect([...counts.values()]).toEqual(cases.flatMap(() => [1, 1]));
    // Each item was sent once by the gateway too (one PENDING→outcome step each).
    for (const current of finished) {
      const sends = current.history.filter((e) => e.from === 'PENDING').map((e) => e.itemCode);
      expect(sends).toEqual(['EMPLOYMENT_DIFFICULTY_RECOGNITION', 'CARD_APPLICATION']);
    }
  }, 120_000);
});
