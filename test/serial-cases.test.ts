import { describe, expect, it } from '@jest/globals';
import { loadCatalog } from '../src/catalog/index.js';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { todayInChina } from '../src/policy/calendar.js';
import { addWorkingDays } from '../src/policy/working-days.js';
import { DECIDE, TestClock, finishInOrder } from './support/cases.js';
import { SUBMISSION_FIELDS, SUBMIT, wholeApplication, type FormPerson, type Submitted } from './support/forms.js';
import { newcomerIdNumber } from './support/items.js';
import { useStack } from './support/use-stack.js';

// A submission is a durable case: a serial item is sent only once the one before it is finished,
// however many days later the counter decides; a merged action has one outcome for its items.
const clock = new TestClock();
const stack = useStack({ clock: clock.now, env: { DISPATCH_BACKOFF_MS: '20' } });
const catalog = loadCatalog();

type Case = Submitted & { promisedBy: string | null; finishedAt: string | null };
const CASE_FIELDS = `${SUBMISSION_FIELDS} promisedBy finishedAt`;
const submit = async (input: unknown): Promise<Case> => {
  const { data, errors } = await stack.graphql<{ submitBundle: Case }>(SUBMIT.replace(SUBMISSION_FIELDS, CASE_FIELDS), { input });
  expect(errors).toBeUndefined();
  return data!.submitBundle;
};
const read = async (id: string): Promise<Case> =>
  (await stack.graphql<{ submission: Case }>(`query ($id: ID!) { submission(id: $id) { ${CASE_FIELDS} } }`, { id })).data!.submission;
const decide = async (id: string, code: string, d: Record<string, unknown>): Promise<Case> => {
  const { data, errors } = await stack.graphql<{ decideSubmissionItem: Case }>(DECIDE.replace(SUBMISSION_FIELDS, CASE_FIELDS), { id, code, d });
  expect(errors).toBeUndefined();
  return data!.decideSubmissionItem;
};
const statuses = (submission: Submitted) => Object.fromEntries(submission.items.map((i) => [i.itemCode, i.status]));
/** What a subgraph's ledger holds of a submission: each item it handled, once per dispatch. */
const ledger = async (subgraph: 'employment' | 'insurance' | 'card', submissionId: string) =>
  (
    await stack.databases
      .get(subgraph)!
      .query<{ item_code: string; status: string }>(`SELECT item_code, status FROM ${subgraph}.item_ledger WHERE submission_id = $1 ORDER BY item_code`, [
        submissionId,
      ])
  ).map((r) => `${r.item_code} ${r.status}`);

const newcomer = (name: string, birthDate: string, gender: 'MALE' | 'FEMALE', region = '320111'): FormPerson => ({
  idType: 'RESIDENT_ID_CARD',
  idNumber: newcomerIdNumber(birthDate, gender, region),
  name,
  gender,
  birthDate,
  phone: '13900000001',
});

describe('a serial case waits for each item to be finished', () => {
  it('a required first item ACCEPTED, then rejected by the counter five days later: the rest are SKIPPED with the reason, never sent', async () => {
    const submitted = await submit(wholeApplication(catalog, { bundleCode: 'jiangsu-unemployment', person: DEMO_PEOPLE.zhangWei }));
    expect(submitted.mode).toBe('SERIAL');
    // Only the first item was sent; the others wait for it (not sent on its mere acceptance).
    expect(statuses(submitted)).toEqual({
      UNEMPLOYMENT_REGISTRATION: 'ACCEPTED',
      UNEMPLOYMENT_BENEFIT: 'WAITING',
      EMPLOYMENT_INTENTION_COLLECTION: 'WAITING',
      EMPLOYMENT_DIFFICULTY_RECOGNITION: 'WAITING',
      CARD_APPLICATION: 'WAITING',
    });
    expect(submitted.status).toBe('ACCEPTED');
    expect(submitted.finishedAt).toBeNull();
    // 失业登记's limit is set by local policy with no figure: no invented promise.
    expect(submitted.promisedBy).toBeNull();
    expect(await ledger('employment', submitted.id)).toEqual(['UNEMPLOYMENT_REGISTRATION ACCEPTED']);

    clock.advanceDays(5);
    const decided = await decide(submitted.id, 'UNEMPLOYMENT_REGISTRATION', { outcome: 'REJECT', reason: '未办理就业登记终止', decidedBy: 'counter-7' });
    expect(decided.status).toBe('REJECTED');
    expect(decided.finishedAt).not.toBeNull();
    const [registration, ...rest] = decided.items;
    expect(registration).toMatchObject({ status: 'REJECTED', rejection: { code: 'REJECTED_BY_COUNTER', message: '未办理就业登记终止' } });
    for (const item of rest) {
      expect(item.status).toBe('SKIPPED');
      expect(item.skipReason).toBe('required item UNEMPLOYMENT_REGISTRATION was rejected: 未办理就业登记终止');
    }
    // Decided on the day the clock says, five days after it was submitted.
    expect(todayInChina(new Date(decided.finishedAt!))).toBe(todayInChina(clock.now()));
    expect(await ledger('employment', submitted.id)).toEqual(['UNEMPLOYMENT_REGISTRATION REJECTED']);
    expect(await ledger('insurance', submitted.id)).toEqual([]);
    expect(await ledger('card', submitted.id)).toEqual([]);
  });

  it('a first item completed three days later: the next one is sent then, its due date counted from then; the promised date follows', async () => {
    const holidays = stack.config.publicHolidays;
    const person = newcomer('孙续', '1976-04-01', 'FEMALE');
    const input = wholeApplication(catalog, {
      bundleCode: 'jiangsu-difficulty-subsidy',
      person,
      without: ['FLEXIBLE_EMPLOYMENT_INSURANCE', 'FLEXIBLE_EMPLOYMENT_SUBSIDY'],
    });
    const submitted = await submit(input);
    const today = todayInChina(clock.now());
    expect(statuses(submitted)).toEqual({ EMPLOYMENT_DIFFICULTY_RECOGNITION: 'ACCEPTED', CARD_APPLICATION: 'WAITING' });
    const [recognition, card] = submitted.items;
    expect(recognition!.dueDate).toBe(addWorkingDays(today, 10, holidays));
    expect(card!.dueDate).toBeNull();
    // Cumulative: 10 working days for the recognition, then 10 for the card.
    expect(submitted.promisedBy).toBe(addWorkingDays(addWorkingDays(today, 10, holidays), 10, holidays));
    expect(await ledger('card', submitted.id)).toEqual([]);

    clock.advanceDays(3);
    const later = todayInChina(clock.now());
    const decided = await decide(submitted.id, 'EMPLOYMENT_DIFFICULTY_RECOGNITION', { outcome: 'COMPLETE', decidedBy: 'counter-7' });
    expect(statuses(decided)).toEqual({ EMPLOYMENT_DIFFICULTY_RECOGNITION: 'COMPLETED', CARD_APPLICATION: 'ACCEPTED' });
    expect(decided.items[0]!.metDueDate).toBe(true);
    // The card could start only now: its 10 working days count from the completion.
    expect(decided.items[1]!.dueDate).toBe(addWorkingDays(later, 10, holidays));
    expect(decided.promisedBy).toBe(addWorkingDays(later, 10, holidays));
    expect(decided.status).toBe('ACCEPTED');
    expect(await ledger('card', submitted.id)).toEqual(['CARD_APPLICATION ACCEPTED']);
    // The card's dispatch saw the recognition's record (priorOutcomes): it went after it.
    const events = decided.history.filter((e) => e.itemCode === 'CARD_APPLICATION').map((e) => `${e.from}→${e.to}`);
    expect(events).toEqual(['WAITING→PENDING', 'PENDING→ACCEPTED']);

    // Once the last item is decided the case is finished, and the promise is the day it finished.
    clock.advanceDays(2);
    const done = await decide(submitted.id, 'CARD_APPLICATION', { outcome: 'REJECT', reason: '照片不合格', decidedBy: 'counter-7' });
    expect(done.status).toBe('PARTIALLY_REJECTED');
    expect(done.finishedAt).not.toBeNull();
    expect(done.promisedBy).toBe(todayInChina(clock.now()));
  });

  it('the step after a decision is stored with it: another gateway holding the case dies, recovery sends the next item once', async () => {
    const person = newcomer('孙稳', '1977-05-01', 'FEMALE');
    const submitted = await submit(
      wholeApplication(catalog, {
        bundleCode: 'jiangsu-difficulty-subsidy',
        person,
        without: ['FLEXIBLE_EMPLOYMENT_INSURANCE', 'FLEXIBLE_EMPLOYMENT_SUBSIDY'],
      }),
    );
    // Another replica holds the case (its dispatch lease) and dies before it sends anything.
    const gatewayDb = stack.databases.get('gateway')!;
    await gatewayDb.query(`UPDATE gateway.submission SET dispatch_lease_until = now() + interval '1 second' WHERE id = $1`, [submitted.id]);
    const decided = await decide(submitted.id, 'EMPLOYMENT_DIFFICULTY_RECOGNITION', { outcome: 'COMPLETE', decidedBy: 'counter-7' });
    // The decision and the next step were stored together; the sending was left to the holder.
    expect(statuses(decided)).toEqual({ EMPLOYMENT_DIFFICULTY_RECOGNITION: 'COMPLETED', CARD_APPLICATION: 'PENDING' });
    expect(decided.status).toBe('IN_PROGRESS');
    expect(await ledger('card', submitted.id)).toEqual([]);

    await new Promise((resolve) => setTimeout(resolve, 1200));
    await stack.gateway.app.dispatchRecovery.runOnce();
    await stack.gateway.app.dispatchRecovery.runOnce();
    expect(statuses(await read(submitted.id))).toEqual({ EMPLOYMENT_DIFFICULTY_RECOGNITION: 'COMPLETED', CARD_APPLICATION: 'ACCEPTED' });
    expect(await ledger('card', submitted.id)).toEqual(['CARD_APPLICATION ACCEPTED']);
  });

  it('the test helper drives a serial case to its end: every item sent once, in order', async () => {
    const person = newcomer('孙全', '1978-06-01', 'FEMALE');
    const submitted = await submit(wholeApplication(catalog, { bundleCode: 'jiangsu-difficulty-subsidy', person }));
    const finished = await finishInOrder(stack, submitted);
    expect(finished.items.every((i) => i.status !== 'WAITING' && i.status !== 'PENDING')).toBe(true);
    const sent = finished.history.filter((e) => e.from === 'PENDING').map((e) => e.itemCode);
    expect(sent).toEqual(finished.items.map((i) => i.itemCode));
  });
});

describe('a merged action (整合办) is one action with one outcome', () => {
  const SOFTWARE = DEMO_EMPLOYERS.software.creditCode;

  it('every merged bundle holds only time-limited items: accepted first, so the whole can still be refused', () => {
    const merged = [...catalog.bundles.values()].filter((b) => b.mode === 'MERGED' || b.scenarios.some((s) => s.mode === 'MERGED'));
    expect(merged.map((b) => b.code)).toEqual(['jiangsu-insurance-registration']);
    for (const bundle of merged)
      for (const entry of bundle.items) expect([entry.item.code, entry.item.handling.kind]).toEqual([entry.item.code, 'TIME_LIMITED']);
  });

  it('one item refused: the whole is refused, the item already accepted withdrawn in its subgraph with the reason', async () => {
    // 浦口 (320111) has no social insurance agency: 灵活就业参保 is refused there.
    const person = newcomer('陈合', '1992-03-01', 'MALE');
    const submitted = await submit(wholeApplication(catalog, { bundleCode: 'jiangsu-insurance-registration', person, employerCreditCode: SOFTWARE }));
    expect(submitted.mode).toBe('MERGED');
    expect(submitted.status).toBe('REJECTED');
    const [hiring, flexible] = submitted.items;
    expect(flexible).toMatchObject({ itemCode: 'FLEXIBLE_EMPLOYMENT_INSURANCE', status: 'REJECTED', rejection: { code: 'NO_HANDLING_AGENCY' } });
    expect(hiring).toMatchObject({ itemCode: 'EMPLOYER_HIRING_INSURANCE_REGISTRATION', status: 'REJECTED', rejection: { code: 'REJECTED_BY_COUNTER' } });
    expect(hiring!.rejection!.message).toMatch(/^整合办: the whole action is refused because FLEXIBLE_EMPLOYMENT_INSURANCE was rejected: /);
    expect(await ledger('insurance', submitted.id)).toEqual(['EMPLOYER_HIRING_INSURANCE_REGISTRATION REJECTED', 'FLEXIBLE_EMPLOYMENT_INSURANCE REJECTED']);
  });

  it('all accepted: decided once by the counter, the decision holds for every item', async () => {
    // 玄武 (320102) has an agency: both items are accepted.
    const person = newcomer('陈整', '1993-03-01', 'MALE', '320102');
    const submitted = await submit(wholeApplication(catalog, { bundleCode: 'jiangsu-insurance-registration', person, employerCreditCode: SOFTWARE }));
    expect(statuses(submitted)).toEqual({ EMPLOYER_HIRING_INSURANCE_REGISTRATION: 'ACCEPTED', FLEXIBLE_EMPLOYMENT_INSURANCE: 'ACCEPTED' });
    const decided = await decide(submitted.id, 'FLEXIBLE_EMPLOYMENT_INSURANCE', { outcome: 'COMPLETE', decidedBy: 'counter-7' });
    expect(statuses(decided)).toEqual({ EMPLOYER_HIRING_INSURANCE_REGISTRATION: 'COMPLETED', FLEXIBLE_EMPLOYMENT_INSURANCE: 'COMPLETED' });
    expect(decided.status).toBe('COMPLETED');
    expect(await ledger('insurance', submitted.id)).toEqual(['EMPLOYER_HIRING_INSURANCE_REGISTRATION COMPLETED', 'FLEXIBLE_EMPLOYMENT_INSURANCE COMPLETED']);
    // Decided once: the other item is not decided again on its own.
    const again = await stack.graphql(DECIDE, {
      id: submitted.id,
      code: 'EMPLOYER_HIRING_INSURANCE_REGISTRATION',
      d: { outcome: 'REJECT', reason: 'x', decidedBy: 'c' },
    });
    expect(again.errors![0]!.extensions!.code).toBe('ITEM_NOT_PENDING');
  });
});
