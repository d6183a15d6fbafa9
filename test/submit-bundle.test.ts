import { describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { SUBMIT, unemploymentApplication, type Submitted } from './support/forms.js';
import { useStack } from './support/use-stack.js';

const stack = useStack({ env: { DISPATCH_BACKOFF_MS: '20' } });

const submit = (input: unknown) => stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
const countSubmissions = async () =>
  Number((await stack.databases.get('gateway')!.query<{ n: number }>('SELECT count(*)::int AS n FROM gateway.submission'))[0]!.n);

describe('submitBundle: validation first, nothing stored when the form is wrong', () => {
  it('lists every fault with its field (BUNDLE_INVALID) and stores nothing', async () => {
    const before = await countSubmissions();
    const input = unemploymentApplication(DEMO_PEOPLE.zhangWei, ['UNEMPLOYMENT_REGISTRATION', 'JOB_INTRODUCTION']);
    delete (input.sharedFields as Record<string, unknown>).unemploymentDate;
    input.items[1]!.fields = { desiredJob: '软件测试' };
    const { data, errors } = await submit(input);
    expect(data).toBeNull();
    expect(errors![0]!.extensions!.code).toBe('BUNDLE_INVALID');
    const faults = (errors![0]!.extensions!.errors as { code: string; field: string }[]).map((e) => `${e.code} ${e.field}`);
    expect(faults).toEqual(
      expect.arrayContaining([
        'FIELD_REQUIRED sharedFields.unemploymentDate',
        'FIELD_REQUIRED items.JOB_INTRODUCTION.expectedMonthlySalary',
        'FIELD_REQUIRED items.JOB_INTRODUCTION.desiredRegion',
        'FIELD_REQUIRED items.JOB_INTRODUCTION.resumeVisibility',
      ]),
    );
    expect(await countSubmissions()).toBe(before);
  });

  it('refuses a form whose gender or birth date contradicts the ID number', async () => {
    const input = unemploymentApplication(DEMO_PEOPLE.zhangWei, ['UNEMPLOYMENT_REGISTRATION']);
    (input.sharedFields as Record<string, unknown>).gender = 'FEMALE';
    const { errors } = await submit(input);
    expect(errors![0]!.extensions!.errors).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'FIELD_INVALID', field: 'sharedFields.gender' })]));
  });

  it('refuses a bundle with an item no subgraph handles yet (ITEM_NOT_AVAILABLE), before storing anything', async () => {
    const before = await countSubmissions();
    const { errors } = await submit({
      idempotencyKey: 'not-available-0001',
      bundleCode: 'jiangsu-recruitment',
      scenario: 'ENTERPRISE',
      channel: 'ONLINE',
      employerCreditCode: '91320102MA1X2Y3W3M',
      sharedFields: {},
      items: [],
    });
    expect(errors![0]!.extensions!.code).toMatch(/^(BUNDLE_INVALID|ITEM_NOT_AVAILABLE)$/);
    expect(await countSubmissions()).toBe(before);
  });
});

describe('submitBundle: stored, dispatched, reported per item', () => {
  it('dispatches the chosen employment items to their subgraph and reports each outcome with its due date', async () => {
    const input = unemploymentApplication(DEMO_PEOPLE.zhangWei, ['UNEMPLOYMENT_REGISTRATION', 'EMPLOYMENT_CERTIFICATE', 'JOB_INTRODUCTION']);
    const { data, errors } = await submit(input);
    expect(errors).toBeUndefined();
    const submission = data!.submitBundle;
    expect(submission.status).toBe('ACCEPTED');
    expect(submission.items.map((i) => [i.itemCode, i.status])).toEqual([
      ['UNEMPLOYMENT_REGISTRATION', 'ACCEPTED'],
      ['EMPLOYMENT_CERTIFICATE', 'ACCEPTED'],
      ['JOB_INTRODUCTION', 'ACCEPTED'],
    ]);
    for (const item of submission.items) expect(item.reference).toBeTruthy();
    // Each item's record exists once in the employment subgraph, under the item's key.
    const ledger = await stack.databases
      .get('employment')!
      .query<{ item_code: string }>('SELECT item_code FROM employment.item_ledger WHERE submission_id = $1 ORDER BY item_code', [submission.id]);
    expect(ledger.map((r) => r.item_code)).toEqual(['EMPLOYMENT_CERTIFICATE', 'JOB_INTRODUCTION', 'UNEMPLOYMENT_REGISTRATION']);
  });
});

describe('submitBundle: idempotency (IETF Idempotency-Key draft)', () => {
  it('the same key twice at once gives one submission; with a changed input it is refused', async () => {
    const input = unemploymentApplication(DEMO_PEOPLE.chenJing, ['JOB_INTRODUCTION']);
    const before = await countSubmissions();
    const [first, second] = await Promise.all([submit(input), submit(input)]);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(second.data!.submitBundle.id).toBe(first.data!.submitBundle.id);
    expect(second.data!.submitBundle.items).toEqual(first.data!.submitBundle.items);
    expect(await countSubmissions()).toBe(before + 1);
    // One record in the subgraph, however many times it was asked.
    const ledger = await stack.databases
      .get('employment')!
      .query('SELECT 1 FROM employment.item_ledger WHERE submission_id = $1', [first.data!.submitBundle.id]);
    expect(ledger).toHaveLength(1);

    const changed = { ...input, items: [{ code: 'JOB_INTRODUCTION', fields: { ...input.items[0]!.fields, desiredRegion: '苏州市' } }] };
    const third = await submit(changed);
    expect(third.data).toBeNull();
    expect(third.errors![0]!.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
    expect(await countSubmissions()).toBe(before + 1);
  });

  it('a repeat after Redis forgot the key is answered from PostgreSQL, the truth', async () => {
    const input = unemploymentApplication(DEMO_PEOPLE.chenJing, ['EMPLOYMENT_CERTIFICATE'], { idempotencyKey: `forgotten-${Date.now()}` });
    const first = await submit(input);
    const { createClient } = await import('redis');
    const redis = createClient({ url: stack.config.redisUrl });
    await redis.connect();
    await redis.del(`${stack.config.redisKeyPrefix}idempotency:v1:clerk:clerk-test|${input.idempotencyKey}`);
    await redis.close();
    const again = await submit(input);
    expect(again.data!.submitBundle.id).toBe(first.data!.submitBundle.id);
    const reused = await submit({ ...input, channel: 'MOBILE' });
    expect(reused.errors![0]!.extensions!.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('submitBundle: idempotency after a gateway crash', () => {
  it("a repeat is answered from PostgreSQL at once although the dead gateway's claim is still in Redis", async () => {
    const input = unemploymentApplication(DEMO_PEOPLE.chenJing, ['EMPLOYMENT_CERTIFICATE'], { idempotencyKey: `crashed-${Date.now()}` });
    const first = (await submit(input)).data!.submitBundle;
    // What a gateway killed after storing and dispatching, before finishing the key, leaves in Redis.
    const { createClient } = await import('redis');
    const redis = createClient({ url: stack.config.redisUrl });
    await redis.connect();
    const entryKey = `${stack.config.redisKeyPrefix}idempotency:v1:clerk:clerk-test|${input.idempotencyKey}`;
    const { hash } = JSON.parse((await redis.get(entryKey))!) as { hash: string };
    await redis.set(entryKey, JSON.stringify({ hash, submissionId: null }), { expiration: { type: 'EX', value: 120 } });
    await redis.close();

    const started = Date.now();
    const again = await submit(input);
    expect(again.errors).toBeUndefined();
    expect(again.data!.submitBundle.id).toBe(first.id);
    expect(again.data!.submitBundle.status).toBe(first.status);
    // Not after waiting IDEMPOTENCY_WAIT_MS (10 s) for a claim nobody will finish.
    expect(Date.now() - started).toBeLessThan(2000);
    const reused = await submit({ ...input, channel: 'MOBILE' });
    expect(reused.errors![0]!.extensions).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'idempotencyKey' });
  });
});

describe('submitBundle: serial bundles', () => {
  it('a rejected required first item leaves the later items SKIPPED with the reason', async () => {
    // 李娜 is employed (an open employment registration): her unemployment registration is refused.
    const input = {
      ...unemploymentApplication(DEMO_PEOPLE.liNa, ['UNEMPLOYMENT_REGISTRATION', 'EMPLOYMENT_DIFFICULTY_RECOGNITION']),
      bundleCode: 'jiangsu-unemployment',
    };
    // The provincial table asks a shorter 基本信息.
    const { idValidUntil: _v, householdAddress: _h, residenceAddress: _r, ...shared } = input.sharedFields;
    input.sharedFields = shared as typeof input.sharedFields;
    const { data, errors } = await submit(input);
    expect(errors).toBeUndefined();
    const submission = data!.submitBundle;
    expect(submission.mode).toBe('SERIAL');
    expect(submission.status).toBe('REJECTED');
    const [registration, recognition] = submission.items;
    expect(registration).toMatchObject({
      itemCode: 'UNEMPLOYMENT_REGISTRATION',
      selection: 'REQUIRED',
      status: 'REJECTED',
      rejection: { code: 'CURRENTLY_EMPLOYED' },
    });
    expect(recognition).toMatchObject({ itemCode: 'EMPLOYMENT_DIFFICULTY_RECOGNITION', status: 'SKIPPED' });
    expect(recognition!.skipReason).toMatch(/^required item UNEMPLOYMENT_REGISTRATION was rejected: /);
    // The skipped item never reached the employment subgraph.
    const ledger = await stack.databases
      .get('employment')!
      .query<{ item_code: string }>('SELECT item_code FROM employment.item_ledger WHERE submission_id = $1', [submission.id]);
    expect(ledger.map((r) => r.item_code)).toEqual(['UNEMPLOYMENT_REGISTRATION']);
  });
});

describe('submitBundle: nothing lost when a subgraph is down', () => {
  it('leaves unreachable items FAILED, then recovery dispatches them, each handled exactly once', async () => {
    await stack.stopSubgraph('employment');
    const input = unemploymentApplication(DEMO_PEOPLE.liuYang, ['EMPLOYMENT_CERTIFICATE', 'JOB_INTRODUCTION']);
    const first = (await submit(input)).data!.submitBundle;
    expect(first.status).toBe('IN_PROGRESS');
    expect(first.items.map((i) => [i.itemCode, i.status])).toEqual([
      ['EMPLOYMENT_CERTIFICATE', 'FAILED'],
      ['JOB_INTRODUCTION', 'FAILED'],
    ]);
    expect(first.items[0]!.attempts).toBe(3);

    await stack.restartSubgraph('employment');
    // Past the items' backoff, one recovery pass (as the periodic one, or a restarted gateway, does).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await stack.gateway.app.dispatchRecovery.runOnce();
    await stack.gateway.app.dispatchRecovery.runOnce();
    const { data } = await stack.graphql<{ submission: Submitted }>(
      `query ($id: ID!) { submission(id: $id) { status items { itemCode status } history { itemCode to } } }`,
      { id: first.id },
    );
    expect(data!.submission.status).toBe('ACCEPTED');
    expect(data!.submission.items.map((i) => [i.itemCode, i.status])).toEqual([
      ['EMPLOYMENT_CERTIFICATE', 'ACCEPTED'],
      ['JOB_INTRODUCTION', 'ACCEPTED'],
    ]);
    const ledger = await stack.databases
      .get('employment')!
      .query<{ item_code: string }>('SELECT item_code FROM employment.item_ledger WHERE submission_id = $1 ORDER BY item_code', [first.id]);
    expect(ledger.map((r) => r.item_code)).toEqual(['EMPLOYMENT_CERTIFICATE', 'JOB_INTRODUCTION']);
    // Submitting again with the same key returns the (now dispatched) submission, nothing more.
    expect((await submit(input)).data!.submitBundle.id).toBe(first.id);
  });
});
