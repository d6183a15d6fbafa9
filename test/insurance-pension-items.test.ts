import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, type DemoPerson } from '../src/demo/demo-data.js';
import type { InsuranceItemCode } from '../subgraphs/insurance/generated/items.js';
import { applicantOf, decideItem, dispatchFor, dispatchItem, entityOf } from './support/items.js';
import { useStack } from './support/use-stack.js';

/** 用工参保登记, 退工停保, 机关事业单位人员增加, 待遇审核 / 核准 / 城乡居民待遇, 补缴, 多重关系退费, 劳动能力鉴定. */
const stack = useStack();

const submit = async (code: InsuranceItemCode, person: DemoPerson, input?: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const dispatch = dispatchFor(stack, person, code, extra);
  const { data, errors } = await dispatchItem(stack, dispatch, input);
  expect(errors).toBeUndefined();
  return { outcome: data!.outcome, dispatch };
};
const decide = (key: string) => decideItem(stack, 'insurance', key, { outcome: 'COMPLETE', decidedBy: 'counter-031' });
const db = () => stack.databases.get('insurance')!;
const keyOf = (person: DemoPerson) => applicantOf(stack, person).personId;
const schemes = (person: DemoPerson) =>
  db().query<{ scheme: string; status: string; contribution_months: number; employer_credit_code: string | null }>(
    'SELECT scheme, status, contribution_months, employer_credit_code FROM insurance.insured_scheme WHERE person_key = $1 ORDER BY scheme',
    [keyOf(person)],
  );
const benefits = (person: DemoPerson) =>
  db().query<{ kind: string; status: string; started_on: string }>(
    'SELECT kind, status, started_on FROM insurance.benefit WHERE person_key = $1 ORDER BY benefit_id',
    [keyOf(person)],
  );
const entity = <T>(typename: string, id: string, selection: string) => entityOf<T>(stack, 'insurance', typename, id, selection);

let serial = 500;
function person(birthDate: string, gender: 'MALE' | 'FEMALE' = 'MALE', region = '320102'): DemoPerson {
  serial += 1;
  return {
    idType: 'RESIDENT_ID_CARD',
    idNumber: `${region}${birthDate.replaceAll('-', '')}${serial}X`,
    name: `测试${serial}`,
    gender,
    birthDate,
    phone: '13900000000',
    householdAddress: '示例地址',
    residenceAddress: '示例地址',
    ethnicity: '汉族',
  };
}
async function givenScheme(who: DemoPerson, scheme: string, status: string, months: number, employer: string | null = null, region = '320102') {
  await db().query(
    `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
     VALUES ($1, $2, $3, '2005-01-01', $4, $5, $6)`,
    [keyOf(who), scheme, status, months, employer, region],
  );
}
const software = { employerCreditCode: DEMO_EMPLOYERS.software.creditCode };
const hospital = { employerCreditCode: DEMO_EMPLOYERS.hospital.creditCode };
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const monthStart = (offset: number) => {
  const [y, m] = today().split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
};

describe('EMPLOYER_HIRING_INSURANCE_REGISTRATION, EMPLOYER_TERMINATION_INSURANCE_STOP, INSTITUTION_PENSION_STAFF_ADDITION', () => {
  it('hires (江苏 用工参保登记), then stops (退工停保): the schemes start and stop with that employer', async () => {
    const worker = person('1992-02-02');
    const hire = {
      employmentStartDate: '2026-11-01',
      contractType: 'FIXED_TERM',
      insuranceTypes: ['ENTERPRISE_PENSION', 'UNEMPLOYMENT'],
      contributionBase: '6000.00',
    };
    expect((await submit('EMPLOYER_HIRING_INSURANCE_REGISTRATION', worker, { ...hire, contributionBase: '0' }, software)).outcome.rejection).toMatchObject({
      code: 'CONTRIBUTION_BASE_INVALID',
      field: 'contributionBase',
    });
    expect((await submit('EMPLOYER_HIRING_INSURANCE_REGISTRATION', worker, hire)).outcome.rejection).toMatchObject({ code: 'EMPLOYER_REQUIRED' });
    const hired = await submit('EMPLOYER_HIRING_INSURANCE_REGISTRATION', worker, hire, software);
    expect(hired.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'InsuranceRegistration' });
    expect((await decide(hired.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect(await entity('InsuranceRegistration', hired.outcome.recordId!, 'kind startDate contributionBase schemes')).toEqual({
      kind: 'HIRING',
      startDate: '2026-11-01',
      contributionBase: '6000.00',
      schemes: ['ENTERPRISE_PENSION', 'UNEMPLOYMENT'],
    });
    expect((await schemes(worker)).map((s) => [s.scheme, s.status, s.employer_credit_code])).toEqual([
      ['ENTERPRISE_PENSION', 'CONTRIBUTING', software.employerCreditCode],
      ['UNEMPLOYMENT', 'CONTRIBUTING', software.employerCreditCode],
    ]);
    expect(
      (await submit('EMPLOYER_HIRING_INSURANCE_REGISTRATION', worker, hire, { employerCreditCode: DEMO_EMPLOYERS.ceramics.creditCode })).outcome.rejection,
    ).toMatchObject({ code: 'INSURED_BY_ANOTHER_EMPLOYER' });

    const stop = { terminationDate: '2026-11-30', reductionReason: 'CONTRACT_ENDED' };
    expect((await submit('EMPLOYER_TERMINATION_INSURANCE_STOP', worker, { ...stop, terminationDate: '2099-12-31' }, software)).outcome.rejection).toMatchObject(
      { code: 'REDUCTION_DATE_IN_FUTURE', field: 'terminationDate' },
    );
    expect((await submit('EMPLOYER_TERMINATION_INSURANCE_STOP', worker, stop, hospital)).outcome.rejection).toMatchObject({ code: 'NOT_INSURED_BY_EMPLOYER' });
    const stopped = await submit('EMPLOYER_TERMINATION_INSURANCE_STOP', worker, stop, software);
    expect(stopped.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'ContributorReduction' });
    expect((await decide(stopped.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect(await entity('ContributorReduction', stopped.outcome.recordId!, 'kind reductionDate')).toEqual({
      kind: 'TERMINATION_STOP',
      reductionDate: '2026-11-30',
    });
    expect((await schemes(worker)).map((s) => s.status)).toEqual(['SUSPENDED', 'SUSPENDED']);
  });

  it('机关事业单位人员增加: only for 机关 and 事业单位, with a positive base', async () => {
    const staff = person('1995-05-05', 'FEMALE', '320506');
    const input = { startDate: '2026-12-01', contributionBase: '7200.00' };
    expect((await submit('INSTITUTION_PENSION_STAFF_ADDITION', staff, input, software)).outcome.rejection).toMatchObject({
      code: 'SCHEME_NOT_FOR_EMPLOYER',
      field: 'employerCreditCode',
    });
    expect((await submit('INSTITUTION_PENSION_STAFF_ADDITION', staff, { ...input, contributionBase: '-1' }, hospital)).outcome.rejection).toMatchObject({
      code: 'CONTRIBUTION_BASE_INVALID',
      field: 'contributionBase',
    });
    const added = await submit('INSTITUTION_PENSION_STAFF_ADDITION', staff, input, hospital);
    expect(added.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'InsuranceRegistration' });
    expect((await decide(added.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect((await schemes(staff)).map((s) => [s.scheme, s.status])).toEqual([['INSTITUTION_PENSION', 'CONTRIBUTING']]);
  });
});

describe('待遇: ENTERPRISE_PENSION_BENEFIT_REVIEW, INSTITUTION_PENSION_BENEFIT_APPROVAL, RESIDENT_PENSION_BENEFIT', () => {
  it('the enterprise review follows a retirement application, from the first of a month after retirement', async () => {
    const retiree = person('1966-05-01'); // statutory 2026-10-01
    await givenScheme(retiree, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200, software.employerCreditCode);
    expect((await submit('ENTERPRISE_PENSION_BENEFIT_REVIEW', retiree, { benefitStartDate: monthStart(1) }, software)).outcome.rejection).toMatchObject({
      code: 'RETIREMENT_NOT_APPLIED',
    });
    const retirement = await submit('RETIREMENT_APPLICATION', retiree, undefined, {
      sharedFields: { deemedContributionMonths: 0, actualContributionMonths: 200 },
    });
    expect(retirement.outcome.status).toBe('ACCEPTED');
    expect((await submit('ENTERPRISE_PENSION_BENEFIT_REVIEW', retiree, { benefitStartDate: '2026-12-15' }, software)).outcome.rejection).toMatchObject({
      code: 'BENEFIT_START_INVALID',
      field: 'benefitStartDate',
    });
    expect((await submit('ENTERPRISE_PENSION_BENEFIT_REVIEW', retiree, { benefitStartDate: '2026-09-01' }, software)).outcome.rejection).toMatchObject({
      code: 'BENEFIT_START_INVALID',
      field: 'benefitStartDate',
    });
    const review = await submit('ENTERPRISE_PENSION_BENEFIT_REVIEW', retiree, { benefitStartDate: '2026-11-01' }, software);
    expect(review.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'RetirementApplication' });
    expect(await entity('RetirementApplication', review.outcome.recordId!, 'kind benefitStartDate employer { name }')).toEqual({
      kind: 'ENTERPRISE_BENEFIT_REVIEW',
      benefitStartDate: '2026-11-01',
      employer: { name: '南京示例软件有限公司' },
    });
  });

  it('the institution approval needs a 机关/事业单位, its 文号 and an institution pension record; completed, the pension is paid', async () => {
    const staff = person('1963-03-03', 'FEMALE', '320506');
    const input = { retirementDate: '2026-10-31', retirementApprovalNumber: '吴人社退〔2026〕12号' };
    expect((await submit('INSTITUTION_PENSION_BENEFIT_APPROVAL', staff, input, hospital)).outcome.rejection).toMatchObject({ code: 'NO_PENSION_INSURANCE' });
    await givenScheme(staff, 'INSTITUTION_PENSION', 'CONTRIBUTING', 300, hospital.employerCreditCode, '320506');
    expect((await submit('INSTITUTION_PENSION_BENEFIT_APPROVAL', staff, input, software)).outcome.rejection).toMatchObject({
      code: 'SCHEME_NOT_FOR_EMPLOYER',
      field: 'employerCreditCode',
    });
    expect(
      (await submit('INSTITUTION_PENSION_BENEFIT_APPROVAL', staff, { ...input, retirementApprovalNumber: ' ' }, hospital)).outcome.rejection,
    ).toMatchObject({ code: 'RETIREMENT_APPROVAL_NUMBER_REQUIRED', field: 'retirementApprovalNumber' });
    const approval = await submit('INSTITUTION_PENSION_BENEFIT_APPROVAL', staff, input, hospital);
    expect(approval.outcome.status).toBe('ACCEPTED');
    expect((await decide(approval.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect(await benefits(staff)).toEqual([{ kind: 'PENSION', status: 'PAYING', started_on: '2026-11-01' }]);
    expect((await submit('INSTITUTION_PENSION_BENEFIT_APPROVAL', staff, input, hospital)).outcome.rejection).toMatchObject({ code: 'ALREADY_DRAWING_PENSION' });
  });

  it('the resident pension from 60 with 15 years (fewer for who was near 60 in 2011); else back-pay first', async () => {
    const resident = person('1965-01-01', 'FEMALE', '360302');
    await givenScheme(resident, 'RESIDENT_PENSION', 'CONTRIBUTING', 150, null, '360302');
    expect((await submit('RESIDENT_PENSION_BENEFIT', resident, {})).outcome.rejection).toMatchObject({ code: 'INSUFFICIENT_CONTRIBUTION_YEARS' });
    // 补缴: within 15 years in total, at a grade of the local range.
    expect((await submit('RESIDENT_PENSION_ARREARS', resident, { arrearsYears: 3, annualContribution: '500' })).outcome.rejection).toMatchObject({
      code: 'ARREARS_BEYOND_15_YEARS',
      field: 'arrearsYears',
    });
    expect((await submit('RESIDENT_PENSION_ARREARS', resident, { arrearsYears: 2, annualContribution: '50' })).outcome.rejection).toMatchObject({
      code: 'CONTRIBUTION_GRADE_OUT_OF_RANGE',
      field: 'annualContribution',
    });
    expect((await submit('RESIDENT_PENSION_ARREARS', person('1970-01-01'), { arrearsYears: 2, annualContribution: '500' })).outcome.rejection).toMatchObject({
      code: 'NO_RESIDENT_PENSION',
    });
    const arrears = await submit('RESIDENT_PENSION_ARREARS', resident, { arrearsYears: 2, annualContribution: '500' });
    expect(arrears.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'ContributionAdjustment' });
    expect((await decide(arrears.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect((await schemes(resident))[0]!.contribution_months).toBe(174);
    // Born 1965-01: 60 in 2025-01, 162 months after 2011-07: 174 suffice.
    const claim = await submit('RESIDENT_PENSION_BENEFIT', resident, {});
    expect(claim.outcome.status).toBe('ACCEPTED');
    expect((await decide(claim.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect((await benefits(resident)).map((b) => [b.kind, b.status])).toEqual([['RESIDENT_PENSION', 'PAYING']]);

    const young = person('1970-06-06', 'MALE', '360302');
    await givenScheme(young, 'RESIDENT_PENSION', 'CONTRIBUTING', 200, null, '360302');
    expect((await submit('RESIDENT_PENSION_BENEFIT', young, {})).outcome.rejection).toMatchObject({ code: 'RETIREMENT_AGE_NOT_REACHED', field: 'birthDate' });
  });
});

describe('ARREARS_PAYMENT, MULTIPLE_ACCOUNT_REFUND, WORK_ABILITY_APPRAISAL', () => {
  it("arrears: a past period, of the employer's insured or the flexible worker's own; completed, the months count", async () => {
    const worker = person('1985-08-08');
    await givenScheme(worker, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 100, software.employerCreditCode);
    const input = { paymentMethod: 'LUMP_SUM', arrearsFrom: '2026-01-01', arrearsTo: '2026-03-31' };
    expect((await submit('ARREARS_PAYMENT', worker, { ...input, arrearsTo: '2025-12-31' }, software)).outcome.rejection).toMatchObject({
      code: 'ARREARS_PERIOD_INVALID',
      field: 'arrearsTo',
    });
    expect((await submit('ARREARS_PAYMENT', worker, { ...input, arrearsTo: monthStart(0) }, software)).outcome.rejection).toMatchObject({
      code: 'ARREARS_PERIOD_INVALID',
      field: 'arrearsTo',
    });
    expect((await submit('ARREARS_PAYMENT', worker, input, hospital)).outcome.rejection).toMatchObject({ code: 'NOT_INSURED_BY_EMPLOYER' });
    expect((await submit('ARREARS_PAYMENT', worker, input)).outcome.rejection).toMatchObject({ code: 'NO_INSURANCE_RECORD' });
    const arrears = await submit('ARREARS_PAYMENT', worker, input, software);
    expect(arrears.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'ContributionAdjustment' });
    expect((await decide(arrears.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect((await schemes(worker))[0]!.contribution_months).toBe(103);
    expect(
      await entity('ContributionAdjustment', arrears.outcome.recordId!, 'kind status schemes paymentMethod periodFrom periodTo employer { name }'),
    ).toEqual({
      kind: 'ARREARS',
      status: 'COMPLETED',
      schemes: ['ENTERPRISE_PENSION'],
      paymentMethod: 'LUMP_SUM',
      periodFrom: '2026-01-01',
      periodTo: '2026-03-31',
      employer: { name: '南京示例软件有限公司' },
    });
  });

  it('refunds the duplicate resident account of who is in two pension schemes, and nobody else', async () => {
    const both = person('1975-07-07');
    await givenScheme(both, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 100, software.employerCreditCode);
    await givenScheme(both, 'RESIDENT_PENSION', 'CONTRIBUTING', 30);
    const refund = await submit('MULTIPLE_ACCOUNT_REFUND', both);
    expect(refund.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'ContributionAdjustment' });
    expect((await decide(refund.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect((await schemes(both)).map((s) => [s.scheme, s.status])).toEqual([
      ['ENTERPRISE_PENSION', 'CONTRIBUTING'],
      ['RESIDENT_PENSION', 'TERMINATED'],
    ]);
    expect((await submit('MULTIPLE_ACCOUNT_REFUND', both)).outcome.rejection).toMatchObject({ code: 'NO_MULTIPLE_RELATIONSHIPS', field: null });
  });

  it('appraises a work injury or an early retirement for illness, and not again within a year', async () => {
    const injured = person('1980-09-09');
    expect((await submit('WORK_ABILITY_APPRAISAL', injured)).outcome.rejection).toMatchObject({ code: 'NO_APPRAISAL_GROUND' });
    await givenScheme(injured, 'WORK_INJURY', 'CONTRIBUTING', 60, software.employerCreditCode);
    const appraisal = await submit('WORK_ABILITY_APPRAISAL', injured, undefined, software);
    expect(appraisal.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'WorkAbilityAppraisal' });
    expect((await submit('WORK_ABILITY_APPRAISAL', injured)).outcome.rejection).toMatchObject({ code: 'APPLICATION_IN_PROGRESS' });
    expect((await decide(appraisal.dispatch.idempotencyKey)).data!.outcome.status).toBe('COMPLETED');
    expect((await submit('WORK_ABILITY_APPRAISAL', injured)).outcome.rejection).toMatchObject({ code: 'APPRAISAL_TOO_SOON' });
    expect(await entity('WorkAbilityAppraisal', appraisal.outcome.recordId!, 'kind status employer { name }')).toEqual({
      kind: 'WORK_INJURY',
      status: 'COMPLETED',
      employer: { name: '南京示例软件有限公司' },
    });

    const ill = person('1975-06-01');
    await givenScheme(ill, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200, software.employerCreditCode);
    const forRetirement = await submit('WORK_ABILITY_APPRAISAL', ill, undefined, { sharedFields: { retireeIdentity: 'WORKER' } });
    expect(forRetirement.outcome.status).toBe('ACCEPTED');
    expect(await entity('WorkAbilityAppraisal', forRetirement.outcome.recordId!, 'kind')).toEqual({ kind: 'ILLNESS_RETIREMENT' });
  });
});
