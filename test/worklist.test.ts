import { beforeAll, describe, expect, it } from '@jest/globals';
import { loadCatalog } from '../src/catalog/index.js';
import { DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { addDays, todayInChina } from '../src/policy/calendar.js';
import { addWorkingDays } from '../src/policy/working-days.js';
import { SUBMIT, cardApplication, unemploymentApplication, type Submitted } from './support/forms.js';
import { useStack } from './support/use-stack.js';
import { tokenFor } from './support/tokens.js';

/**
 * The counter's worklist and the 绿色通道 through the gateway: who may flag priority, the shorter
 * limits its items get, and the order a clerk sees — past due first, then priority, then by due date.
 */
const stack = useStack();
const as = (token: string | null) => ({ token });
const catalog = loadCatalog();
const ITEM = 'EMPLOYMENT_DIFFICULTY_RECOGNITION';
const WORKLIST = `query ($filter: WorklistFilter, $first: Int) { counterWorklist(filter: $filter, first: $first) {
  total pastDue items { submissionId itemCode owner bundleCode regionCode dueDate pastDue priority applicantName } } }`;

type WorkItem = { submissionId: string; itemCode: string; dueDate: string | null; pastDue: boolean; priority: string | null; applicantName: string | null };
type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => ({ code: errors?.[0]?.extensions?.code, field: errors?.[0]?.extensions?.field });

async function submit(person: DemoPerson, overrides: Record<string, unknown> = {}, token?: string) {
  const input = unemploymentApplication(person, ['UNEMPLOYMENT_REGISTRATION', ITEM], { channel: 'COUNTER', ...overrides });
  // A category the counter checks on its proof (the records cannot), so every person's item is accepted.
  input.items = input.items.map((item) => (item.code === ITEM ? { ...item, fields: { difficultyCategory: 'MINIMUM_LIVING_ALLOWANCE' } } : item));
  return stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input }, undefined, token === undefined ? {} : as(token));
}
const itemOf = (submission: Submitted) => submission.items.find((i) => i.itemCode === ITEM)!;

const cases = { plain: '', priority: '', late: '' };
let promised = 0;

beforeAll(async () => {
  promised = catalog.items.get(ITEM)!.handling.workingDays!;
  const plain = await submit(DEMO_PEOPLE.chenJing);
  // 上门办: a home visit the counter arranged.
  const priority = await submit(DEMO_PEOPLE.liuYang, { priority: { reason: 'HOME_VISIT' } });
  const late = await submit(DEMO_PEOPLE.zhangWei);
  for (const response of [plain, priority, late]) {
    expect(response.errors).toBeUndefined();
    expect(response.data!.submitBundle.items.map((i) => [i.itemCode, i.status, i.rejection?.code ?? null])).toContainEqual([ITEM, 'ACCEPTED', null]);
  }
  cases.plain = plain.data!.submitBundle.id;
  cases.priority = priority.data!.submitBundle.id;
  cases.late = late.data!.submitBundle.id;
  // The late one was accepted long ago: its due date has passed.
  await stack.databases
    .get('gateway')!
    .query(`UPDATE gateway.submission_item SET due_date = $2::date, accepted_at = accepted_at - interval '30 days' WHERE submission_id = $1`, [
      cases.late,
      addDays(todayInChina(), -3),
    ]);
}, 120_000);

describe('绿色通道', () => {
  it('a priority case’s items get the local priority limit (50 % of the promised working days, at least one)', async () => {
    const { data } = await stack.graphql<{ submission: Submitted }>('query ($id: ID!) { submission(id: $id) { items { itemCode dueDate } } }', {
      id: cases.priority,
    });
    const { data: plainData } = await stack.graphql<{ submission: Submitted }>('query ($id: ID!) { submission(id: $id) { items { itemCode dueDate } } }', {
      id: cases.plain,
    });
    expect(promised).toBeGreaterThan(1);
    const holidays = stack.config.publicHolidays;
    expect(itemOf(data!.submission).dueDate).toBe(addWorkingDays(todayInChina(), Math.ceil(promised / 2), holidays));
    expect(itemOf(plainData!.submission).dueDate).toBe(addWorkingDays(todayInChina(), promised, holidays));
  });

  it('ELDERLY is checked against the ID document; DISABLED and HOME_VISIT only a clerk may flag', async () => {
    const citizen = await tokenFor(stack, 'citizen', { sub: 'citizen-zhangwei', id_number: DEMO_PEOPLE.zhangWei.idNumber });
    const young = await submit(DEMO_PEOPLE.zhangWei, { channel: 'ONLINE', priority: { reason: 'ELDERLY' } }, citizen);
    expect(codeOf(young.errors)).toEqual({ code: 'PRIORITY_NOT_ELIGIBLE', field: 'priority.reason' });
    const selfDeclared = await submit(DEMO_PEOPLE.zhangWei, { channel: 'ONLINE', priority: { reason: 'DISABLED' } }, citizen);
    expect(codeOf(selfDeclared.errors)).toEqual({ code: 'PRIORITY_NOT_ELIGIBLE', field: 'priority.reason' });
    // Nothing was stored for either.
    const [stored] = await stack.databases
      .get('gateway')!
      .query<{ count: number }>(`SELECT count(*)::int AS count FROM gateway.submission WHERE actor_subject = 'citizen-zhangwei'`);
    expect(stored!.count).toBe(0);
    const atCounter = await submit(DEMO_PEOPLE.liNa, { priority: { reason: 'DISABLED' } });
    expect(atCounter.errors).toBeUndefined();
    // Wang Fang is 60 or older: anyone who may submit for her may flag ELDERLY (here she herself, online).
    const wangFang = await tokenFor(stack, 'citizen', { sub: 'citizen-wangfang', id_number: DEMO_PEOPLE.wangFang.idNumber });
    const elderly = await stack.graphql<{ submitBundle: { id: string } }>(
      'mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { id } }',
      {
        input: cardApplication(DEMO_PEOPLE.wangFang, [{ code: 'CARD_PIN_RESET', fields: { operation: 'RESET' } }], {
          channel: 'ONLINE',
          priority: { reason: 'ELDERLY' },
        }),
      },
      undefined,
      as(wangFang),
    );
    expect(elderly.errors).toBeUndefined();
    const flags = await stack.databases
      .get('gateway')!
      .query<{ submission_id: string; reason: string; percent: number }>(
        'SELECT submission_id, reason, percent FROM gateway.submission_priority ORDER BY set_at',
      );
    expect(flags).toContainEqual({ submission_id: elderly.data!.submitBundle.id, reason: 'ELDERLY', percent: 50 });
    expect(flags.map((f) => f.submission_id)).toContain(atCounter.data!.submitBundle.id);
  });
});

describe('counterWorklist', () => {
  it('lists ACCEPTED items past due first, then priority, then by due date', async () => {
    const { data, errors } = await stack.graphql<{ counterWorklist: { total: number; pastDue: number; items: WorkItem[] } }>(WORKLIST, {
      filter: { owner: 'employment' },
      first: 100,
    });
    expect(errors).toBeUndefined();
    const mine = data!.counterWorklist.items.filter((i) => i.itemCode === ITEM && Object.values(cases).includes(i.submissionId));
    expect(mine.map((i) => i.submissionId)).toEqual([cases.late, cases.priority, cases.plain]);
    expect(mine.map((i) => [i.pastDue, i.priority])).toEqual([
      [true, null],
      [false, 'HOME_VISIT'],
      [false, null],
    ]);
    // The whole list keeps the rule: no non-past-due before a past-due, no plain before a priority among the rest.
    const rank = (i: WorkItem) => (i.pastDue ? 0 : i.priority ? 1 : 2);
    const ranks = data!.counterWorklist.items.map(rank);
    expect(ranks).toEqual([...ranks].sort());
    expect(data!.counterWorklist.total).toBeGreaterThanOrEqual(data!.counterWorklist.items.length);
    expect(data!.counterWorklist.pastDue).toBe(data!.counterWorklist.items.filter((i) => i.pastDue).length);
  });

  it('filters by priority, past due and due date', async () => {
    const only = async (filter: Record<string, unknown>) =>
      (await stack.graphql<{ counterWorklist: { items: WorkItem[] } }>(WORKLIST, { filter, first: 100 })).data!.counterWorklist.items.map(
        (i) => i.submissionId,
      );
    expect(await only({ priority: true })).toContain(cases.priority);
    expect(await only({ priority: true })).not.toContain(cases.plain);
    const pastDue = await only({ pastDue: true });
    expect(pastDue).toContain(cases.late);
    expect(pastDue).not.toContain(cases.priority);
    expect(pastDue).not.toContain(cases.plain);
    expect(await only({ dueBy: todayInChina() })).toContain(cases.late);
    expect(await only({ dueBy: todayInChina() })).not.toContain(cases.plain);
  });

  it('is a clerk’s own region only', async () => {
    const nanjing = await tokenFor(stack, 'clerk', { sub: 'clerk-nanjing', region: '3201' });
    const { data } = await stack.graphql<{ counterWorklist: { items: WorkItem[] } }>(WORKLIST, { first: 100 }, undefined, as(nanjing));
    expect(new Set(data!.counterWorklist.items.map((i) => i.submissionId))).toEqual(new Set([cases.late]));
    // The clerk sees the applicant's name in full (person:read:full).
    expect(data!.counterWorklist.items[0]!.applicantName).toBe(DEMO_PEOPLE.zhangWei.name);
    const beyond = await stack.graphql(WORKLIST, { filter: { regionCode: '5101' } }, undefined, as(nanjing));
    expect(codeOf(beyond.errors)).toEqual({ code: 'FORBIDDEN', field: 'filter.regionCode' });
    const citizen = await tokenFor(stack, 'citizen', { sub: 'citizen-wf', id_number: DEMO_PEOPLE.wangFang.idNumber });
    expect(codeOf((await stack.graphql(WORKLIST, {}, undefined, as(citizen))).errors).code).toBe('FORBIDDEN');
    const bad = await stack.graphql(WORKLIST, { filter: { dueBy: '2026-02-30' } });
    expect(codeOf(bad.errors).code).toBe('BAD_USER_INPUT');
  });
});
