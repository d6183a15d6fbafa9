import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { TEST_DATABASE_URL } from './support/environment.js';
import { SUBMIT, unemploymentApplication, type Submitted } from './support/forms.js';
import { dispatchFor } from './support/items.js';
import { TestStack } from './support/stack.js';
import { TcpProxy } from './support/tcp-proxy.js';

/** Words of PostgreSQL or of the driver that must never reach a client or a submission's history. */
const DATABASE_WORDS = /57P03|starting up|SQLSTATE|ECONNREFUSED|Connection terminated|connect|postgres|relation|syntax/i;

let stack: TestStack;
let proxy: TcpProxy;
beforeAll(async () => {
  const database = new URL(TEST_DATABASE_URL);
  // employment reaches PostgreSQL through a proxy the tests cut; the others directly.
  proxy = await TcpProxy.start({ host: database.hostname, port: Number(database.port || 5432) });
  // Recovery runs when a test says so (as the periodic pass would, every 15 s by default).
  stack = await TestStack.start({ env: { DISPATCH_BACKOFF_MS: '20', DISPATCH_RECOVERY_INTERVAL_MS: '3600000' }, databaseHosts: { employment: proxy.host } });
}, 120_000);
afterAll(async () => {
  await proxy?.restore();
  await stack?.stop();
  await proxy?.stop();
});

const submit = (input: unknown) => stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
const employment = () => stack.databases.get('employment')!;
const SUBMISSION = `query ($id: ID!) { submission(id: $id) { status items { itemCode status attempts } history { itemCode to detail } } }`;
const storedItems = (id: string) =>
  stack.databases
    .get('gateway')!
    .query<{ item_code: string; status: string; retryable: boolean | null; next_attempt_at: Date | null }>(
      'SELECT item_code, status, retryable, next_attempt_at FROM gateway.submission_item WHERE submission_id = $1 ORDER BY position',
      [id],
    );
const ledger = (id: string) =>
  employment().query<{ item_code: string }>('SELECT item_code FROM employment.item_ledger WHERE submission_id = $1 ORDER BY item_code', [id]);

/** Past the items' backoff (20 ms × 2^attempts, as stored), one recovery pass. */
async function recover(id: string): Promise<void> {
  const due = Math.max(0, ...(await storedItems(id)).map((row) => row.next_attempt_at?.getTime() ?? 0));
  await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, Math.max(0, due - Date.now()) + 50)));
  await stack.gateway.app.dispatchRecovery.runOnce();
}

async function expectRetriedThenAccepted(id: string, first: Submitted): Promise<void> {
  expect(first.status).toBe('IN_PROGRESS');
  expect(first.items.map((i) => [i.itemCode, i.status, i.attempts])).toEqual([
    ['EMPLOYMENT_CERTIFICATE', 'FAILED', 3],
    ['JOB_INTRODUCTION', 'FAILED', 3],
  ]);
  for (const row of await storedItems(id)) {
    expect(row).toMatchObject({ status: 'FAILED', retryable: true });
    expect(row.next_attempt_at).not.toBeNull();
  }
  const details = first.history.filter((h) => h.to === 'FAILED').map((h) => h.detail);
  expect(details).toEqual([
    'will retry: employment: the service is briefly unavailable: retry shortly',
    'will retry: employment: the service is briefly unavailable: retry shortly',
  ]);
  expect(JSON.stringify(first)).not.toMatch(DATABASE_WORDS);
}

describe('a transient database failure in a subgraph: the items are retried, not failed for good', () => {
  it('57P03 (cannot connect now) while employment writes: FAILED and retryable, then ACCEPTED once the database answers', async () => {
    await employment().exec(`
      CREATE FUNCTION employment.refuse_now() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the database system is starting up' USING ERRCODE = '57P03'; END $$;
      CREATE TRIGGER refuse_now BEFORE INSERT ON employment.item_ledger FOR EACH ROW EXECUTE FUNCTION employment.refuse_now();`);
    let first: Submitted;
    try {
      // A clerk calling the item mutation through the gateway sees a stable code, not the database's words.
      const direct = await stack.graphql(`mutation ($d: ItemDispatchInput!) { registerUnemployment(dispatch: $d) { status } }`, {
        d: dispatchFor(stack, DEMO_PEOPLE.liuYang, 'UNEMPLOYMENT_REGISTRATION', { channel: 'COUNTER' }),
      });
      expect(direct.errors).toEqual([
        {
          message: 'the service is briefly unavailable: retry shortly',
          path: ['registerUnemployment'],
          extensions: { code: 'TEMPORARILY_UNAVAILABLE', retryable: true, serviceName: 'employment' },
        },
      ]);

      first = (await submit(unemploymentApplication(DEMO_PEOPLE.liuYang, ['EMPLOYMENT_CERTIFICATE', 'JOB_INTRODUCTION']))).data!.submitBundle;
      await expectRetriedThenAccepted(first.id, first);
      // Still refusing: a recovery pass retries, and the items stay retryable.
      await recover(first.id);
      expect((await storedItems(first.id)).map((r) => [r.status, r.retryable])).toEqual([
        ['FAILED', true],
        ['FAILED', true],
      ]);
    } finally {
      await employment().exec('DROP TRIGGER refuse_now ON employment.item_ledger; DROP FUNCTION employment.refuse_now();');
    }
    await recover(first.id);
    const { data } = await stack.graphql<{ submission: Submitted }>(SUBMISSION, { id: first.id });
    expect(data!.submission.status).toBe('ACCEPTED');
    // 3 attempts at submission, 3 in the pass while still refusing, 1 that succeeded.
    expect(data!.submission.items.map((i) => [i.itemCode, i.status, i.attempts])).toEqual([
      ['EMPLOYMENT_CERTIFICATE', 'ACCEPTED', 7],
      ['JOB_INTRODUCTION', 'ACCEPTED', 7],
    ]);
    // Each item handled exactly once by the subgraph.
    expect((await ledger(first.id)).map((r) => r.item_code)).toEqual(['EMPLOYMENT_CERTIFICATE', 'JOB_INTRODUCTION']);
  });

  it('the connection refused and cut (the database gone): FAILED and retryable, then ACCEPTED once it is back', async () => {
    await proxy.cutOff();
    let first: Submitted;
    try {
      first = (await submit(unemploymentApplication(DEMO_PEOPLE.chenJing, ['EMPLOYMENT_CERTIFICATE', 'JOB_INTRODUCTION']))).data!.submitBundle;
      await expectRetriedThenAccepted(first.id, first);
    } finally {
      await proxy.restore();
    }
    await recover(first.id);
    const { data } = await stack.graphql<{ submission: Submitted }>(SUBMISSION, { id: first.id });
    expect(data!.submission.items.map((i) => [i.itemCode, i.status])).toEqual([
      ['EMPLOYMENT_CERTIFICATE', 'ACCEPTED'],
      ['JOB_INTRODUCTION', 'ACCEPTED'],
    ]);
    expect(data!.submission.status).toBe('ACCEPTED');
    expect((await ledger(first.id)).map((r) => r.item_code)).toEqual(['EMPLOYMENT_CERTIFICATE', 'JOB_INTRODUCTION']);
  });
});
