import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, type DemoPerson } from '../src/demo/demo-data.js';
import type { InsuranceItemCode } from '../subgraphs/insurance/generated/items.js';
import { applicantOf, decideItem, dispatchFor, dispatchItem } from './support/items.js';
import { useStack } from './support/use-stack.js';

/** 工伤: recognition first, then each claim a recognised injury gives (工伤保险条例 第五章). */
const stack = useStack();

const submit = async (code: InsuranceItemCode, person: DemoPerson, input?: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const dispatch = dispatchFor(stack, person, code, extra);
  const { data, errors } = await dispatchItem(stack, dispatch, input);
  expect(errors).toBeUndefined();
  return { outcome: data!.outcome, dispatch };
};
const decide = (key: string) => decideItem(stack, 'insurance', key, { outcome: 'COMPLETE', decidedBy: 'counter-041' });
const db = () => stack.databases.get('insurance')!;
const keyOf = (person: DemoPerson) => applicantOf(stack, person).personId;
const software = { employerCreditCode: DEMO_EMPLOYERS.software.creditCode };

let serial = 700;
function person(): DemoPerson {
  serial += 1;
  return {
    idType: 'RESIDENT_ID_CARD',
    idNumber: `32010219800101${serial}X`,
    name: `测试${serial}`,
    gender: 'MALE',
    birthDate: '1980-01-01',
    phone: '13900000000',
    householdAddress: '示例地址',
    residenceAddress: '示例地址',
    ethnicity: '汉族',
  };
}
async function insured(who: DemoPerson) {
  await db().query(
    `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
     VALUES ($1, 'WORK_INJURY', 'CONTRIBUTING', '2015-01-01', 100, $2, '320102')`,
    [keyOf(who), software.employerCreditCode],
  );
}
/** A worker whose injury was recognised (and, with `appraised`, whose work ability was appraised). */
async function recognised(appraised = false): Promise<DemoPerson> {
  const worker = person();
  await insured(worker);
  const recognition = await submit('WORK_INJURY_RECOGNITION', worker, undefined, software);
  expect(recognition.outcome.status).toBe('ACCEPTED');
  expect((await decide(recognition.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
  if (appraised) {
    const appraisal = await submit('WORK_ABILITY_APPRAISAL', worker);
    expect((await decide(appraisal.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
  }
  return worker;
}
const receipts = { receiptCount: 3, amount: '1200.50' };

describe('WORK_INJURY_RECOGNITION', () => {
  it('needs work-injury insurance (with the applying employer), once at a time', async () => {
    const worker = person();
    expect((await submit('WORK_INJURY_RECOGNITION', worker)).outcome.rejection).toMatchObject({ code: 'NO_WORK_INJURY_INSURANCE', field: null });
    await insured(worker);
    expect(
      (await submit('WORK_INJURY_RECOGNITION', worker, undefined, { employerCreditCode: DEMO_EMPLOYERS.ceramics.creditCode })).outcome.rejection,
    ).toMatchObject({ code: 'NO_WORK_INJURY_INSURANCE' });
    const { outcome } = await submit('WORK_INJURY_RECOGNITION', worker, undefined, software);
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'WorkInjuryClaim' });
    expect(outcome.reference).toMatch(/^GS\d{14}$/);
    expect((await submit('WORK_INJURY_RECOGNITION', worker)).outcome.rejection).toMatchObject({ code: 'APPLICATION_IN_PROGRESS' });
  });
});

describe('claims of a recognised injury', () => {
  const cases: Array<[InsuranceItemCode, Record<string, unknown> | undefined]> = [
    [
      'INJURY_MEDICAL_EXPENSES',
      {
        expenseTypes: ['OUTPATIENT', 'INPATIENT'],
        ...receipts,
        outpatientReceiptCount: 1,
        outpatientAmount: '200.50',
        inpatientReceiptCount: 2,
        inpatientAmount: '1000',
      },
    ],
    ['INPATIENT_FOOD_ALLOWANCE', undefined],
    ['OUT_OF_AREA_TREATMENT_REPORT', undefined],
    ['INJURY_MEDICAL_REHAB_FOOD_CLAIM', { claimTypes: ['MEDICAL', 'REHABILITATION'], ...receipts }],
    ['NON_AGREEMENT_EMERGENCY_EXPENSES', { hospitalName: '南京市示例医院', emergencyDate: '2026-10-01', ...receipts }],
  ];

  it.each(cases)('%s: refused without a recognised injury, accepted with one', async (code, input) => {
    const stranger = person();
    await insured(stranger);
    expect((await submit(code, stranger, input)).outcome.rejection).toMatchObject({ code: 'INJURY_NOT_RECOGNISED', field: null });
    const worker = await recognised();
    const { outcome } = await submit(code, worker, input);
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'WorkInjuryClaim' });
    expect((await submit(code, worker, input)).outcome.rejection).toMatchObject({ code: 'APPLICATION_IN_PROGRESS' });
  });

  it('amounts and receipts must be positive and add up; an emergency is not in the future; travel follows a reported treatment', async () => {
    const worker = await recognised();
    const medical = {
      expenseTypes: ['OUTPATIENT', 'INPATIENT'],
      ...receipts,
      outpatientReceiptCount: 1,
      outpatientAmount: '200',
      inpatientReceiptCount: 2,
      inpatientAmount: '1000',
    };
    expect((await submit('INJURY_MEDICAL_EXPENSES', worker, medical)).outcome.rejection).toMatchObject({ code: 'AMOUNT_INVALID', field: 'amount' });
    expect(
      (await submit('INJURY_MEDICAL_EXPENSES', worker, { ...medical, outpatientAmount: '200.50', inpatientReceiptCount: 1 })).outcome.rejection,
    ).toMatchObject({ code: 'AMOUNT_INVALID', field: 'receiptCount' });
    expect(
      (await submit('INJURY_MEDICAL_REHAB_FOOD_CLAIM', worker, { claimTypes: ['MEDICAL'], receiptCount: 1, amount: '0' })).outcome.rejection,
    ).toMatchObject({ code: 'AMOUNT_INVALID', field: 'amount' });
    expect(
      (await submit('NON_AGREEMENT_EMERGENCY_EXPENSES', worker, { hospitalName: '示例医院', emergencyDate: '2099-01-01', ...receipts })).outcome.rejection,
    ).toMatchObject({ code: 'DATE_IN_FUTURE', field: 'emergencyDate' });
    expect((await submit('OUT_OF_AREA_TRAVEL_EXPENSES', worker, receipts)).outcome.rejection).toMatchObject({ code: 'OUT_OF_AREA_NOT_REPORTED' });
    expect((await submit('OUT_OF_AREA_TREATMENT_REPORT', worker)).outcome.status).toBe('ACCEPTED');
    const travel = await submit('OUT_OF_AREA_TRAVEL_EXPENSES', worker, receipts);
    expect(travel.outcome.status).toBe('ACCEPTED');
    const { data } = await stack.graphql<{ _entities: Array<Record<string, unknown>> }>(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on WorkInjuryClaim { kind status amount receiptCount employer { name } } } }',
      { r: [{ __typename: 'WorkInjuryClaim', id: travel.outcome.recordId }] },
      stack.subgraphs.get('insurance')!.url,
    );
    expect(data!._entities[0]).toEqual({
      kind: 'OUT_OF_AREA_TRAVEL',
      status: 'ACCEPTED',
      amount: '1200.50',
      receiptCount: 3,
      employer: { name: '南京示例软件有限公司' },
    });
  });
});

describe('after the appraisal: DISABILITY_BENEFITS, ONE_OFF_INJURY_MEDICAL_GRANT, ASSISTIVE_DEVICE_EXPENSES, WORK_INJURY_BENEFIT_CHANGE', () => {
  it('grade 3 draws 伤残津贴 from the fund once completed, which may then change; grade 5 may not draw it from the fund', async () => {
    const unappraised = await recognised();
    const claim = { disabilityGrade: 'GRADE_3', benefitTypes: ['ONE_OFF_DISABILITY_GRANT', 'DISABILITY_ALLOWANCE'] };
    expect((await submit('DISABILITY_BENEFITS', unappraised, claim)).outcome.rejection).toMatchObject({ code: 'NO_APPRAISAL_CONCLUSION' });
    expect((await submit('ASSISTIVE_DEVICE_EXPENSES', unappraised, { deviceName: '假肢', ...receipts })).outcome.rejection).toMatchObject({
      code: 'NO_APPRAISAL_CONCLUSION',
    });

    const worker = await recognised(true);
    expect(
      (await submit('DISABILITY_BENEFITS', worker, { disabilityGrade: 'GRADE_5', benefitTypes: ['DISABILITY_ALLOWANCE'] })).outcome.rejection,
    ).toMatchObject({ code: 'BENEFIT_NOT_FOR_GRADE', field: 'benefitTypes' });
    expect((await submit('WORK_INJURY_BENEFIT_CHANGE', worker)).outcome.rejection).toMatchObject({ code: 'NO_WORK_INJURY_BENEFIT' });
    const disability = await submit('DISABILITY_BENEFITS', worker, claim);
    expect(disability.outcome.status).toBe('ACCEPTED');
    expect((await decide(disability.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect(await db().query('SELECT kind, status FROM insurance.benefit WHERE person_key = $1', [keyOf(worker)])).toEqual([
      { kind: 'WORK_INJURY', status: 'PAYING' },
    ]);
    expect((await submit('WORK_INJURY_BENEFIT_CHANGE', worker)).outcome.status).toBe('ACCEPTED');
    expect((await submit('ASSISTIVE_DEVICE_EXPENSES', worker, { deviceName: '假肢', ...receipts })).outcome.status).toBe('ACCEPTED');
    // 伤残津贴 being paid: 工伤保险待遇补差 at retirement now applies.
    expect((await submit('WORK_INJURY_BENEFIT_TOP_UP', worker)).outcome.status).toBe('ACCEPTED');
  });

  it('the one-time medical grant is for grades 5–10 whose employment has ended', async () => {
    const worker = await recognised(true);
    const grant = { disabilityGrade: 'GRADE_7', terminationDate: '2026-11-30' };
    expect((await submit('ONE_OFF_INJURY_MEDICAL_GRANT', worker, { ...grant, disabilityGrade: 'GRADE_2' })).outcome.rejection).toMatchObject({
      code: 'BENEFIT_NOT_FOR_GRADE',
      field: 'disabilityGrade',
    });
    expect((await submit('ONE_OFF_INJURY_MEDICAL_GRANT', worker, { ...grant, terminationDate: '2099-01-01' })).outcome.rejection).toMatchObject({
      code: 'DATE_IN_FUTURE',
      field: 'terminationDate',
    });
    expect((await submit('ONE_OFF_INJURY_MEDICAL_GRANT', worker, grant)).outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'WorkInjuryClaim' });
  });
});
