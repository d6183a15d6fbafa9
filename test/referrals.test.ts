import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { institutionHiringApplication, SUBMIT, type Submitted } from './support/forms.js';
import { tokenFor } from './support/tokens.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

const DEPARTMENT_ITEMS = ['STAFFING_ENROLLMENT', 'FINANCE_PAYROLL_ENROLLMENT', 'HOUSING_FUND_REGISTRATION'] as const;

const STATE = `id status items { itemCode status rejection { code message field }
  referral { department status sentAt sentSharedFields sentMaterials answeredAt refusalReason departmentReference } }`;

interface Referred {
  id: string;
  status: string;
  items: {
    itemCode: string;
    status: string;
    rejection: { code: string; message: string; field: string | null } | null;
    referral: {
      department: string;
      status: string;
      sentAt: string;
      sentSharedFields: string[];
      sentMaterials: string[];
      answeredAt: string | null;
      refusalReason: string | null;
      departmentReference: string | null;
    } | null;
  }[];
}

/** 事业单位聘用工作人员“一件事” with the other departments' items (and others), through the gateway. */
async function submitWith(items: ReadonlyArray<{ code: string; fields?: Record<string, unknown> }>): Promise<Submitted> {
  const input = institutionHiringApplication(DEMO_PEOPLE.liuYang, DEMO_EMPLOYERS.hospital.creditCode, items);
  // Only the bundle's own 基本信息: the fields NEW_HIRE_INFO adds are unknown without it.
  const { birthDate, educationLevel, degree, graduateSchool, ...sharedFields } = input.sharedFields;
  void [birthDate, educationLevel, degree, graduateSchool];
  const reply = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input: { ...input, sharedFields } });
  expect(reply.errors).toBeUndefined();
  return reply.data!.submitBundle;
}

const ANSWER = `mutation ($id: ID!, $code: String!, $answer: DepartmentAnswerInput!) {
  recordDepartmentAnswer(submissionId: $id, itemCode: $code, answer: $answer) { ${STATE} } }`;

const answer = (id: string, code: string, given: Record<string, unknown>, token?: string) =>
  stack.graphql<{ recordDepartmentAnswer: Referred }>(
    ANSWER,
    { id, code, answer: { recordedBy: 'counter-031', ...given } },
    undefined,
    token === undefined ? {} : { token },
  );

async function stateOf(id: string): Promise<Referred> {
  const reply = await stack.graphql<{ submission: Referred }>(`query ($id: ID!) { submission(id: $id) { ${STATE} } }`, { id });
  expect(reply.errors).toBeUndefined();
  return reply.data!.submission;
}
const itemOf = (state: Referred, code: string) => state.items.find((i) => i.itemCode === code)!;

describe("other departments' items (编制入编, 财政工资统发, 公积金)", () => {
  it('are recorded as sent to their department with what was sent, and keep the submission open until each has answered', async () => {
    const submitted = await submitWith(DEPARTMENT_ITEMS.map((code) => ({ code })));
    const state = await stateOf(submitted.id);
    // Referred, not finished: the submission waits for the departments' answers.
    expect(state.status).toBe('ACCEPTED');
    expect(state.items.map((i) => [i.itemCode, i.status, i.referral?.department, i.referral?.status])).toEqual([
      ['STAFFING_ENROLLMENT', 'REFERRED', '机构编制部门', 'SENT'],
      ['FINANCE_PAYROLL_ENROLLMENT', 'REFERRED', '财政部门', 'SENT'],
      ['HOUSING_FUND_REGISTRATION', 'REFERRED', '住房公积金管理中心', 'SENT'],
    ]);
    const sent = itemOf(state, 'STAFFING_ENROLLMENT').referral!;
    expect(sent.sentSharedFields).toEqual(expect.arrayContaining(['idNumber', 'name', 'unitName']));
    expect(sent.sentMaterials).toContain('employment-contract');
    expect(sent).toMatchObject({ answeredAt: null, refusalReason: null, departmentReference: null });
    // The values sent stay with the submission: the referral keeps the field names only.
    const [row] = await stack.databases
      .get('gateway')!
      .query<{ sent: string }>('SELECT sent::text FROM gateway.referral WHERE submission_id = $1 AND item_code = $2', [submitted.id, 'STAFFING_ENROLLMENT']);
    expect(row!.sent).not.toContain(DEMO_PEOPLE.liuYang.idNumber);

    // 编制: accepted, with the department's number; the others still open.
    const accepted = await answer(submitted.id, 'STAFFING_ENROLLMENT', { outcome: 'ACCEPTED', reference: 'BZ2026-0042' });
    expect(accepted.errors).toBeUndefined();
    expect(itemOf(accepted.data!.recordDepartmentAnswer, 'STAFFING_ENROLLMENT')).toMatchObject({
      status: 'COMPLETED',
      rejection: null,
      referral: { status: 'ACCEPTED', departmentReference: 'BZ2026-0042', answeredAt: expect.any(String) },
    });
    expect(accepted.data!.recordDepartmentAnswer.status).toBe('ACCEPTED');

    // 财政: refused, with its reason told to the applicant.
    const refused = await answer(submitted.id, 'FINANCE_PAYROLL_ENROLLMENT', { outcome: 'REFUSED', reason: '编制未核定' });
    expect(itemOf(refused.data!.recordDepartmentAnswer, 'FINANCE_PAYROLL_ENROLLMENT')).toMatchObject({
      status: 'REJECTED',
      rejection: { code: 'DEPARTMENT_REFUSED', message: '财政部门: 编制未核定', field: null },
      referral: { status: 'REFUSED', refusalReason: '编制未核定' },
    });

    // 公积金: accepted; every department has answered, so the submission is finished.
    const last = await answer(submitted.id, 'HOUSING_FUND_REGISTRATION', { outcome: 'ACCEPTED' });
    expect(last.data!.recordDepartmentAnswer.status).toBe('PARTIALLY_REJECTED');
    const history = await stack.graphql<{
      submission: { finishedAt: string | null; history: { itemCode: string | null; to: string; detail: string | null }[] };
    }>('query ($id: ID!) { submission(id: $id) { finishedAt history { itemCode to detail } } }', { id: submitted.id });
    expect(history.data!.submission.finishedAt).not.toBeNull();
    expect(history.data!.submission.history).toEqual(
      expect.arrayContaining([
        { itemCode: 'STAFFING_ENROLLMENT', to: 'REFERRED', detail: 'referred to 机构编制部门 (可拓展关联服务)' },
        { itemCode: 'FINANCE_PAYROLL_ENROLLMENT', to: 'REJECTED', detail: '财政部门 refused (recorded by counter-031)' },
      ]),
    );
  });

  it('refuses an answer that is incomplete, contrary to one recorded, or for an item that was not referred; changes nothing', async () => {
    const submitted = await submitWith([{ code: 'HOUSING_FUND_REGISTRATION' }, { code: 'CARD_APPLICATION', fields: { deliveryMethod: 'PICKUP' } }]);
    const before = await stateOf(submitted.id);

    const noReason = await answer(submitted.id, 'HOUSING_FUND_REGISTRATION', { outcome: 'REFUSED', reason: '  ' });
    expect(noReason.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'answer.reason' });
    const notReferred = await answer(submitted.id, 'CARD_APPLICATION', { outcome: 'ACCEPTED' });
    expect(notReferred.errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_REFERRED', field: 'itemCode' });
    const unknown = await answer(submitted.id, 'STAFFING_ENROLLMENT', { outcome: 'ACCEPTED' });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_FOUND', field: 'itemCode' });
    // A referred item is the department's to decide, not the counter's.
    const counter = await stack.graphql(
      'mutation ($id: ID!) { decideSubmissionItem(submissionId: $id, itemCode: "HOUSING_FUND_REGISTRATION", decision: { outcome: COMPLETE, decidedBy: "c" }) { status } }',
      { id: submitted.id },
    );
    expect(counter.errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_PENDING' });
    expect(await stateOf(submitted.id)).toEqual(before);

    expect((await answer(submitted.id, 'HOUSING_FUND_REGISTRATION', { outcome: 'REFUSED', reason: '单位未开户' })).errors).toBeUndefined();
    const recorded = await stateOf(submitted.id);
    // The same answer again is harmless; a different one is refused.
    expect((await answer(submitted.id, 'HOUSING_FUND_REGISTRATION', { outcome: 'REFUSED', reason: '单位未开户' })).errors).toBeUndefined();
    const contrary = await answer(submitted.id, 'HOUSING_FUND_REGISTRATION', { outcome: 'ACCEPTED' });
    expect(contrary.errors![0]!.extensions).toMatchObject({ code: 'REFERRAL_ALREADY_ANSWERED', field: 'answer.outcome' });
    expect(await stateOf(submitted.id)).toEqual(recorded);
  });

  it('is recorded only by the back office of the submission’s region', async () => {
    const submitted = await submitWith([{ code: 'STAFFING_ENROLLMENT' }]);
    const before = await stateOf(submitted.id);
    for (const [role, claims] of [
      ['citizen', { id_number: DEMO_PEOPLE.liuYang.idNumber }],
      ['analyst', {}],
      ['agent', { items: ['STAFFING_ENROLLMENT'] }],
    ] as const) {
      const reply = await answer(submitted.id, 'STAFFING_ENROLLMENT', { outcome: 'ACCEPTED' }, await tokenFor(stack, role, claims));
      expect([role, reply.errors![0]!.extensions]).toEqual([role, expect.objectContaining({ code: 'FORBIDDEN' })]);
    }
    // A clerk elsewhere does not see the submission at all.
    const elsewhere = await answer(submitted.id, 'STAFFING_ENROLLMENT', { outcome: 'ACCEPTED' }, await tokenFor(stack, 'clerk', { region: '4401' }));
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_FOUND', field: 'submissionId' });
    expect(await stateOf(submitted.id)).toEqual(before);
    // The clerk of its region (the hospital's, 3205) records it.
    const local = await answer(submitted.id, 'STAFFING_ENROLLMENT', { outcome: 'ACCEPTED' }, await tokenFor(stack, 'clerk', { region: '3205' }));
    expect(local.data!.recordDepartmentAnswer.status).toBe('COMPLETED');
  });
});
