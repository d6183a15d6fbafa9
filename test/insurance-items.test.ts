import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import type { InsuranceItemCode } from '../subgraphs/insurance/generated/items.js';
import { unemploymentBenefitMonths } from '../subgraphs/insurance/policy.js';
import { applicantOf, decideItem, dispatchFor, dispatchItem } from './support/items.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

type ItemCode = InsuranceItemCode;

type Dispatch = ReturnType<typeof dispatchFor>;
const send = (dispatch: Dispatch, input?: Record<string, unknown>) => dispatchItem(stack, dispatch, input);
const submit = async (code: ItemCode, person: DemoPerson, input?: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const dispatch = dispatchFor(stack, person, code, extra);
  const { data, errors } = await send(dispatch, input);
  expect(errors).toBeUndefined();
  return { outcome: data!.outcome, dispatch };
};
const decide = (key: string, outcome: 'COMPLETE' | 'REJECT', reason?: string) =>
  decideItem(stack, 'insurance', key, { outcome, reason, decidedBy: 'counter-011' });

const db = () => stack.databases.get('insurance')!;
const keyOf = (person: DemoPerson) => applicantOf(stack, person).personId;
const rows = <Row = Record<string, unknown>>(table: string, person: DemoPerson) =>
  db().query<Row>(`SELECT * FROM insurance.${table} WHERE person_key = $1 ORDER BY applied_at`, [keyOf(person)]);
const schemes = (person: DemoPerson) =>
  db().query<{ scheme: string; status: string; employer_credit_code: string | null; region_code: string; contribution_months: number }>(
    'SELECT scheme, status, employer_credit_code, region_code, contribution_months FROM insurance.insured_scheme WHERE person_key = $1 ORDER BY scheme',
    [keyOf(person)],
  );

/** Entities asked of the insurance subgraph exactly as the gateway's query planner does. */
async function entities<T>(representations: Array<Record<string, unknown>>, selection: string): Promise<T[]> {
  const { data, errors } = await stack.graphql<{ _entities: T[] }>(
    `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
    { r: representations },
    stack.subgraphs.get('insurance')!.url,
  );
  expect(errors).toBeUndefined();
  return data!._entities;
}
const personFacts = async (person: DemoPerson) =>
  (
    await entities<{
      insuredSchemes: Array<{ scheme: string; status: string; employer: { name: string } | null; agency: { name: string } }>;
      handlingAgency: { regionCode: string; name: string } | null;
      benefits: Array<{ kind: string; status: string; monthlyAmount: string | null; startedOn: string; endsOn: string | null }>;
    }>(
      [{ __typename: 'Person', id: keyOf(person) }],
      '... on Person { insuredSchemes { scheme status employer { name } agency { name } } handlingAgency { regionCode name } benefits { kind status monthlyAmount startedOn endsOn } }',
    )
  )[0]!;

/** Fictitious people for rules the demo people do not exercise (their ID region picks the agency). */
let serial = 100;
function fictitious(region = '320102', birthDate = '1980-05-01'): DemoPerson {
  serial += 1;
  return {
    idType: 'RESIDENT_ID_CARD',
    idNumber: `${region}${birthDate.replaceAll('-', '')}${serial}X`,
    name: `测试${serial}`,
    gender: 'MALE',
    birthDate,
    phone: '13900000000',
    householdAddress: '示例地址',
    residenceAddress: '示例地址',
    ethnicity: '汉族',
  };
}
async function givenScheme(person: DemoPerson, scheme: string, status: string, months: number, employer: string | null = null, region = '320102') {
  await db().query(
    `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
     VALUES ($1, $2, $3, '2015-01-01', $4, $5, $6)`,
    [keyOf(person), scheme, status, months, employer, region],
  );
}

const LAID_OFF = { sharedFields: { unemploymentType: 'DISMISSED_BY_EMPLOYER', formerEmployer: '南京示例软件有限公司', unemploymentDate: '2026-10-31' } };
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const nextMonthFirst = () => {
  const [y, m] = shanghaiToday().split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

describe('UNEMPLOYMENT_BENEFIT, UNEMPLOYED_MEDICAL_PREMIUM, PRICE_SUBSIDY (失业“一件事”)', () => {
  it("accepts 张伟's claim (116 months → 18 months), once per key, with its companions, and pays the benefit when the counter completes it", async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'UNEMPLOYMENT_BENEFIT', LAID_OFF);
    const first = await send(dispatch, {});
    expect(first.errors).toBeUndefined();
    expect(first.data!.outcome).toMatchObject({
      itemCode: 'UNEMPLOYMENT_BENEFIT',
      status: 'ACCEPTED',
      recordType: 'UnemploymentBenefitClaim',
      rejection: null,
    });
    expect(first.data!.outcome.reference).toMatch(/^SYJ\d{8}\d{6}$/);
    expect(first.data!.outcome.recordId).toBe(first.data!.outcome.reference);

    const [again, concurrent] = await Promise.all([send(dispatch, {}), send(dispatch, {})]);
    expect(again.data!.outcome).toEqual(first.data!.outcome);
    expect(concurrent.data!.outcome).toEqual(first.data!.outcome);
    expect(await rows('unemployment_benefit_claim', DEMO_PEOPLE.zhangWei)).toEqual([
      expect.objectContaining({
        claim_number: first.data!.outcome.recordId,
        status: 'ACCEPTED',
        contribution_months: 116,
        entitled_months: 18,
        unemployment_reason: 'DISMISSED_BY_EMPLOYER',
        unemployment_date: '2026-10-31',
        former_employer: '南京示例软件有限公司',
        bank_account: null,
      }),
    ]);

    // The parallel companions arrive before the claim is decided: accepted on his qualifying record.
    const premium = await submit('UNEMPLOYED_MEDICAL_PREMIUM', DEMO_PEOPLE.zhangWei);
    expect(premium.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'UnemploymentSupplement' });
    const subsidy = await submit('PRICE_SUBSIDY', DEMO_PEOPLE.zhangWei);
    expect(subsidy.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'UnemploymentSupplement' });
    expect(
      (await rows<{ kind: string; trigger_month: string | null }>('unemployment_supplement', DEMO_PEOPLE.zhangWei))
        .map((r) => [r.kind, r.trigger_month])
        .sort(),
    ).toEqual([
      ['MEDICAL_PREMIUM', null],
      ['PRICE_SUBSIDY', '2026-09-01'],
    ]);

    // They are paid only alongside a benefit being paid.
    const early = await decide(premium.dispatch.idempotencyKey, 'COMPLETE');
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'UNEMPLOYMENT_BENEFIT_NOT_PAYING' });

    const decided = await decide(dispatch.idempotencyKey, 'COMPLETE');
    expect(decided.data!.outcome).toMatchObject({ status: 'COMPLETED', recordId: first.data!.outcome.recordId });
    const facts = await personFacts(DEMO_PEOPLE.zhangWei);
    const benefit = facts.benefits.find((b) => b.kind === 'UNEMPLOYMENT_BENEFIT')!;
    expect(benefit).toMatchObject({ status: 'PAYING', startedOn: shanghaiToday() });
    const months =
      (Number(benefit.endsOn!.slice(0, 4)) - Number(benefit.startedOn.slice(0, 4))) * 12 +
      Number(benefit.endsOn!.slice(5, 7)) -
      Number(benefit.startedOn.slice(5, 7));
    expect(months).toBe(18);

    expect((await decide(premium.dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    expect((await decide(subsidy.dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    const after = await personFacts(DEMO_PEOPLE.zhangWei);
    expect(after.benefits.find((b) => b.kind === 'PRICE_SUBSIDY')).toMatchObject({ status: 'PAYING', endsOn: benefit.endsOn });

    const [claim, premiumRecord] = await entities<Record<string, unknown>>(
      [
        { __typename: 'UnemploymentBenefitClaim', id: first.data!.outcome.recordId },
        { __typename: 'UnemploymentSupplement', id: premium.outcome.recordId },
      ],
      `... on UnemploymentBenefitClaim { id status entitledMonths contributionMonths bankAccount person { id } agency { name } benefit { kind status endsOn } }
        ... on UnemploymentSupplement { id kind status personalContribution endsOn person { id } }`,
    );
    expect(claim).toEqual({
      id: first.data!.outcome.recordId,
      status: 'COMPLETED',
      entitledMonths: 18,
      contributionMonths: 116,
      bankAccount: null,
      person: { id: keyOf(DEMO_PEOPLE.zhangWei) },
      agency: { name: '南京市玄武区社会保险经办机构' },
      benefit: { kind: 'UNEMPLOYMENT_BENEFIT', status: 'PAYING', endsOn: benefit.endsOn },
    });
    expect(premiumRecord).toEqual({
      id: premium.outcome.recordId,
      kind: 'MEDICAL_PREMIUM',
      status: 'COMPLETED',
      personalContribution: '0.00',
      endsOn: benefit.endsOn,
      person: { id: keyOf(DEMO_PEOPLE.zhangWei) },
    });

    // Drawing the benefit now: a second claim is refused.
    const second = await submit('UNEMPLOYMENT_BENEFIT', DEMO_PEOPLE.zhangWei, {}, LAID_OFF);
    expect(second.outcome).toMatchObject({ status: 'REJECTED', recordId: null, rejection: { code: 'ALREADY_DRAWING_UNEMPLOYMENT_BENEFIT' } });
  });

  it('rejects 刘洋 (no unemployment insurance) for all three, and writes nothing', async () => {
    const claim = await submit('UNEMPLOYMENT_BENEFIT', DEMO_PEOPLE.liuYang, {}, LAID_OFF);
    expect(claim.outcome).toMatchObject({
      status: 'REJECTED',
      recordType: null,
      recordId: null,
      rejection: { code: 'NO_UNEMPLOYMENT_INSURANCE', field: null },
    });
    for (const code of ['UNEMPLOYED_MEDICAL_PREMIUM', 'PRICE_SUBSIDY'] as const) {
      expect((await submit(code, DEMO_PEOPLE.liuYang)).outcome).toMatchObject({ status: 'REJECTED', rejection: { code: 'NO_UNEMPLOYMENT_BENEFIT' } });
    }
    expect(await rows('unemployment_benefit_claim', DEMO_PEOPLE.liuYang)).toEqual([]);
    expect(await rows('unemployment_supplement', DEMO_PEOPLE.liuYang)).toEqual([]);
  });

  it('rejects fewer than 12 months, contributions still paid, a voluntary or missing reason, and a future date', async () => {
    const short = fictitious();
    await givenScheme(short, 'UNEMPLOYMENT', 'SUSPENDED', 11);
    expect((await submit('UNEMPLOYMENT_BENEFIT', short, {}, LAID_OFF)).outcome.rejection).toMatchObject({ code: 'INSUFFICIENT_CONTRIBUTIONS' });
    expect((await submit('UNEMPLOYED_MEDICAL_PREMIUM', short)).outcome.rejection).toMatchObject({ code: 'NO_UNEMPLOYMENT_BENEFIT' });

    const employed = fictitious();
    await givenScheme(employed, 'UNEMPLOYMENT', 'CONTRIBUTING', 40, DEMO_EMPLOYERS.software.creditCode);
    expect((await submit('UNEMPLOYMENT_BENEFIT', employed, {}, LAID_OFF)).outcome.rejection).toMatchObject({ code: 'CONTRIBUTIONS_NOT_STOPPED' });

    const quitter = fictitious();
    await givenScheme(quitter, 'UNEMPLOYMENT', 'SUSPENDED', 40);
    const voluntary = await submit(
      'UNEMPLOYMENT_BENEFIT',
      quitter,
      {},
      { sharedFields: { ...LAID_OFF.sharedFields, unemploymentType: 'VOLUNTARY_RESIGNATION' } },
    );
    expect(voluntary.outcome.rejection).toMatchObject({ code: 'VOLUNTARY_UNEMPLOYMENT', field: 'unemploymentType' });
    const missing = await submit('UNEMPLOYMENT_BENEFIT', quitter, {}, { sharedFields: { formerEmployer: 'x' } });
    expect(missing.outcome.rejection).toMatchObject({ code: 'UNEMPLOYMENT_TYPE_MISSING', field: 'unemploymentType' });
    const future = await submit('UNEMPLOYMENT_BENEFIT', quitter, {}, { sharedFields: { ...LAID_OFF.sharedFields, unemploymentDate: '2099-01-01' } });
    expect(future.outcome.rejection).toMatchObject({ code: 'UNEMPLOYMENT_DATE_IN_FUTURE', field: 'unemploymentDate' });
    for (const person of [short, employed, quitter]) expect(await rows('unemployment_benefit_claim', person)).toEqual([]);
  });

  it('entitles 12, 18 or 24 months by years of contributions (失业保险条例 第17条)', () => {
    expect([11, 12, 59, 60, 119, 120, 300].map(unemploymentBenefitMonths)).toEqual([null, 12, 12, 18, 18, 24, 24]);
  });

  it('records another account when given, refuses a second open claim, and the counter can reject a claim', async () => {
    const long = fictitious();
    await givenScheme(long, 'UNEMPLOYMENT', 'SUSPENDED', 130);
    const claim = await submit('UNEMPLOYMENT_BENEFIT', long, { bankAccount: '6222000011112222' }, LAID_OFF);
    expect(claim.outcome.status).toBe('ACCEPTED');
    expect(await rows('unemployment_benefit_claim', long)).toEqual([expect.objectContaining({ entitled_months: 24, bank_account: '6222000011112222' })]);
    const [entity] = await entities<{ bankAccount: string }>(
      [{ __typename: 'UnemploymentBenefitClaim', id: claim.outcome.recordId }],
      '... on UnemploymentBenefitClaim { bankAccount }',
    );
    expect(entity).toEqual({ bankAccount: '****2222' });

    expect((await submit('UNEMPLOYMENT_BENEFIT', long, {}, LAID_OFF)).outcome.rejection).toMatchObject({ code: 'APPLICATION_IN_PROGRESS' });
    const premium = await submit('UNEMPLOYED_MEDICAL_PREMIUM', long);
    expect(premium.outcome.status).toBe('ACCEPTED');
    expect((await submit('UNEMPLOYED_MEDICAL_PREMIUM', long)).outcome.rejection).toMatchObject({ code: 'APPLICATION_IN_PROGRESS' });

    const rejected = await decide(claim.dispatch.idempotencyKey, 'REJECT', '失业登记未办理');
    expect(rejected.data!.outcome).toMatchObject({ status: 'REJECTED', rejection: { code: 'REJECTED_BY_COUNTER', message: '失业登记未办理' } });
    expect(await rows('unemployment_benefit_claim', long)).toEqual([expect.objectContaining({ status: 'REJECTED', benefit_id: null })]);
    expect((await personFacts(long)).benefits).toEqual([]);
    // Every status change is kept: who, through which channel, for which submission, and why.
    const history = await db().query<Record<string, unknown>>(
      `SELECT status, changed_by, channel, submission_id, reason FROM insurance.record_history
        WHERE record_type = 'UnemploymentBenefitClaim' AND record_id = $1 ORDER BY history_id`,
      [claim.outcome.recordId],
    );
    expect(history).toEqual([
      { status: 'ACCEPTED', changed_by: keyOf(long), channel: 'ONLINE', submission_id: null, reason: null },
      { status: 'REJECTED', changed_by: 'counter-011', channel: 'ONLINE', submission_id: null, reason: '失业登记未办理' },
    ]);
  });

  it('submissions for the same person at once (different keys): one claim, the others told it is in progress', async () => {
    const person = fictitious();
    await givenScheme(person, 'UNEMPLOYMENT', 'SUSPENDED', 30);
    const outcomes = await Promise.all([1, 2, 3, 4].map(() => submit('UNEMPLOYMENT_BENEFIT', person, {}, LAID_OFF)));
    expect(outcomes.map((o) => o.outcome.rejection?.code ?? o.outcome.status).sort()).toEqual([
      'ACCEPTED',
      'APPLICATION_IN_PROGRESS',
      'APPLICATION_IN_PROGRESS',
      'APPLICATION_IN_PROGRESS',
    ]);
    expect(await rows('unemployment_benefit_claim', person)).toHaveLength(1);
  });

  it('rejects the price subsidy while the latest price index is below the trigger', async () => {
    const person = fictitious();
    await givenScheme(person, 'UNEMPLOYMENT', 'SUSPENDED', 30);
    await db().query(`INSERT INTO insurance.price_index (month, cpi_yoy_percent, food_cpi_yoy_percent) VALUES ('2099-01-01', 3.4, 5.9)`);
    try {
      const { outcome } = await submit('PRICE_SUBSIDY', person);
      expect(outcome).toMatchObject({ status: 'REJECTED', rejection: { code: 'PRICE_SUBSIDY_NOT_TRIGGERED' } });
      expect(await rows('unemployment_supplement', person)).toEqual([]);
    } finally {
      await db().query(`DELETE FROM insurance.price_index WHERE month = '2099-01-01'`);
    }
    await db().query(`INSERT INTO insurance.price_index (month, cpi_yoy_percent, food_cpi_yoy_percent) VALUES ('2099-02-01', 1.0, 6.0)`);
    try {
      expect((await submit('PRICE_SUBSIDY', person)).outcome.status).toBe('ACCEPTED');
    } finally {
      await db().query(`DELETE FROM insurance.price_index WHERE month = '2099-02-01'`);
    }
  });
});

describe('FLEXIBLE_EMPLOYMENT_INSURANCE (registerFlexibleEmploymentInsurance)', () => {
  const input = () => ({ insuranceTypes: ['ENTERPRISE_PENSION', 'EMPLOYEE_MEDICAL'], startDate: nextMonthFirst(), contributionGrade: 100 });

  it('accepts a flexible worker once per key and starts the pension when completed', async () => {
    const person = fictitious('110105', '1995-03-03');
    const dispatch = dispatchFor(stack, person, 'FLEXIBLE_EMPLOYMENT_INSURANCE');
    const first = (await send(dispatch, input())).data!.outcome;
    expect(first).toMatchObject({ status: 'ACCEPTED', recordType: 'InsuranceRegistration' });
    expect(first.reference).toMatch(/^CB\d{14}$/);
    const [a, b] = await Promise.all([send(dispatch, input()), send(dispatch, input())]);
    expect([a.data!.outcome, b.data!.outcome]).toEqual([first, first]);
    expect(await rows('scheme_registration', person)).toEqual([
      expect.objectContaining({
        kind: 'FLEXIBLE_EMPLOYMENT',
        status: 'ACCEPTED',
        schemes: ['ENTERPRISE_PENSION'],
        employee_medical: true,
        contribution_grade: 100,
        region_code: '110105',
      }),
    ]);
    expect((await decide(dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    expect(await schemes(person)).toEqual([
      { scheme: 'ENTERPRISE_PENSION', status: 'CONTRIBUTING', employer_credit_code: null, region_code: '110105', contribution_months: 0 },
    ]);
    expect((await personFacts(person)).handlingAgency).toEqual({ regionCode: '110105', name: '北京市朝阳区社会保险经办机构' });
    const [record] = await entities(
      [{ __typename: 'InsuranceRegistration', id: first.recordId }],
      '... on InsuranceRegistration { kind status schemes employeeMedical contributionGrade employer { name } agency { regionCode } person { id } }',
    );
    expect(record).toEqual({
      kind: 'FLEXIBLE_EMPLOYMENT',
      status: 'COMPLETED',
      schemes: ['ENTERPRISE_PENSION'],
      employeeMedical: true,
      contributionGrade: 100,
      employer: null,
      agency: { regionCode: '110105' },
      person: { id: keyOf(person) },
    });
  });

  it('rejects someone insured through an employer, already insured, out-of-range grades, past starts, no types, and no agency', async () => {
    const hired = fictitious();
    await givenScheme(hired, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 20, DEMO_EMPLOYERS.software.creditCode);
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', hired, input())).outcome.rejection).toMatchObject({
      code: 'EMPLOYER_INSURED_IN_SCHEME',
      field: 'insuranceTypes',
    });
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', DEMO_PEOPLE.chenJing, input())).outcome.rejection).toMatchObject({ code: 'ALREADY_INSURED' });
    const person = fictitious();
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', person, { ...input(), contributionGrade: 50 })).outcome.rejection).toMatchObject({
      code: 'CONTRIBUTION_GRADE_OUT_OF_RANGE',
      field: 'contributionGrade',
    });
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', person, { ...input(), contributionGrade: 301 })).outcome.rejection).toMatchObject({
      code: 'CONTRIBUTION_GRADE_OUT_OF_RANGE',
    });
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', person, { ...input(), startDate: '2020-01-01' })).outcome.rejection).toMatchObject({
      code: 'START_DATE_IN_PAST',
      field: 'startDate',
    });
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', person, { ...input(), insuranceTypes: [] })).outcome.rejection).toMatchObject({
      code: 'INSURANCE_TYPES_EMPTY',
      field: 'insuranceTypes',
    });
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', fictitious('440101'), input())).outcome.rejection).toMatchObject({ code: 'NO_HANDLING_AGENCY' });
    for (const p of [hired, DEMO_PEOPLE.chenJing, person]) expect(await rows('scheme_registration', p)).toEqual([]);
  });
});

describe('RESIDENT_PENSION_ENROLLMENT (enrollResidentPension)', () => {
  it('enrols a resident aged 16+ outside the employee schemes, and rejects the others', async () => {
    const resident = fictitious('360302', '1975-08-08');
    const { outcome, dispatch } = await submit('RESIDENT_PENSION_ENROLLMENT', resident);
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'InsuranceRegistration' });
    expect((await send(dispatch)).data!.outcome).toEqual(outcome);
    expect((await submit('RESIDENT_PENSION_ENROLLMENT', resident)).outcome.rejection).toMatchObject({ code: 'APPLICATION_IN_PROGRESS' });
    expect((await decide(dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    expect(await schemes(resident)).toEqual([expect.objectContaining({ scheme: 'RESIDENT_PENSION', status: 'CONTRIBUTING', region_code: '360302' })]);
    expect((await submit('RESIDENT_PENSION_ENROLLMENT', resident)).outcome.rejection).toMatchObject({ code: 'ALREADY_INSURED' });

    expect((await submit('RESIDENT_PENSION_ENROLLMENT', DEMO_PEOPLE.wangFang)).outcome.rejection).toMatchObject({ code: 'ALREADY_DRAWING_PENSION' });
    expect((await submit('RESIDENT_PENSION_ENROLLMENT', DEMO_PEOPLE.chenJing)).outcome.rejection).toMatchObject({ code: 'IN_EMPLOYEE_PENSION' });
    expect((await submit('RESIDENT_PENSION_ENROLLMENT', fictitious('320102', '2015-01-01'))).outcome.rejection).toMatchObject({
      code: 'UNDER_MINIMUM_AGE',
      field: 'birthDate',
    });
    const student = await submit('RESIDENT_PENSION_ENROLLMENT', fictitious(), undefined, {
      sharedFields: { employed: false, employmentType: 'FURTHER_STUDY' },
    });
    expect(student.outcome.rejection).toMatchObject({ code: 'IN_FULL_TIME_STUDY', field: 'employmentType' });
    for (const p of [DEMO_PEOPLE.wangFang, DEMO_PEOPLE.chenJing]) expect(await rows('scheme_registration', p)).toEqual([]);
  });
});

describe('EMPLOYEE_INSURANCE_REGISTRATION and CONTRIBUTOR_ADDITION (事业单位聘用工作人员)', () => {
  const hospital = { employerCreditCode: DEMO_EMPLOYERS.hospital.creditCode };

  it('the hospital registers 刘洋 and declares him added, in parallel; completed, he is in 机关事业单位养老保险 there', async () => {
    const registration = dispatchFor(stack, DEMO_PEOPLE.liuYang, 'EMPLOYEE_INSURANCE_REGISTRATION', hospital);
    const addition = dispatchFor(stack, DEMO_PEOPLE.liuYang, 'CONTRIBUTOR_ADDITION', hospital);
    const additionInput = { insuranceTypes: ['INSTITUTION_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY'] };
    const [r1, a1, r2, a2] = await Promise.all([
      send(registration, { contributionBase: '6800.00' }),
      send(addition, additionInput),
      send(registration, { contributionBase: '6800.00' }),
      send(addition, additionInput),
    ]);
    expect(r1.data!.outcome).toMatchObject({ itemCode: 'EMPLOYEE_INSURANCE_REGISTRATION', status: 'ACCEPTED', recordType: 'InsuranceRegistration' });
    expect(a1.data!.outcome).toMatchObject({ itemCode: 'CONTRIBUTOR_ADDITION', status: 'ACCEPTED', recordType: 'InsuranceRegistration' });
    expect(r2.data!.outcome).toEqual(r1.data!.outcome);
    expect(a2.data!.outcome).toEqual(a1.data!.outcome);
    expect(
      (
        await rows<{ kind: string; schemes: string[]; employer_credit_code: string; contribution_base: string | null; region_code: string }>(
          'scheme_registration',
          DEMO_PEOPLE.liuYang,
        )
      )
        .map((r) => [r.kind, r.schemes, r.employer_credit_code, r.contribution_base, r.region_code])
        .sort(),
    ).toEqual([
      ['CONTRIBUTOR_ADDITION', ['INSTITUTION_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY'], hospital.employerCreditCode, null, '320506'],
      ['EMPLOYEE', ['INSTITUTION_PENSION'], hospital.employerCreditCode, '6800.00', '320506'],
    ]);

    expect((await decide(registration.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    expect((await decide(addition.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    const facts = await personFacts(DEMO_PEOPLE.liuYang);
    expect(facts.insuredSchemes.map((s) => [s.scheme, s.status, s.employer?.name]).sort()).toEqual([
      ['INSTITUTION_PENSION', 'CONTRIBUTING', '苏州市吴中区示例医院'],
      ['UNEMPLOYMENT', 'CONTRIBUTING', '苏州市吴中区示例医院'],
      ['WORK_INJURY', 'CONTRIBUTING', '苏州市吴中区示例医院'],
    ]);
    expect(facts.handlingAgency).toEqual({ regionCode: '320506', name: '苏州市吴中区社会保险经办机构' });
    const [record] = await entities(
      [{ __typename: 'InsuranceRegistration', id: r1.data!.outcome.recordId }],
      '... on InsuranceRegistration { kind status contributionBase employer { creditCode kind } }',
    );
    expect(record).toEqual({
      kind: 'EMPLOYEE',
      status: 'COMPLETED',
      contributionBase: '6800.00',
      employer: { creditCode: hospital.employerCreditCode, kind: 'PUBLIC_INSTITUTION' },
    });

    // Now insured there: a repeat is refused.
    expect((await submit('CONTRIBUTOR_ADDITION', DEMO_PEOPLE.liuYang, { insuranceTypes: ['UNEMPLOYMENT'] }, hospital)).outcome.rejection).toMatchObject({
      code: 'ALREADY_INSURED',
      field: 'insuranceTypes',
    });
  });

  it('needs a registered employer, a positive base, one pension scheme that fits the employer, and no other employer paying', async () => {
    const person = fictitious('320506');
    for (const [code, input] of [
      ['EMPLOYEE_INSURANCE_REGISTRATION', { contributionBase: '5000' }],
      ['CONTRIBUTOR_ADDITION', { insuranceTypes: ['INSTITUTION_PENSION'] }],
    ] as const) {
      expect((await submit(code, person, input)).outcome.rejection).toMatchObject({ code: 'EMPLOYER_REQUIRED', field: 'employerCreditCode' });
      expect((await submit(code, person, input, { employerCreditCode: '91110000MA00000000' })).outcome.rejection).toMatchObject({
        code: 'EMPLOYER_NOT_REGISTERED',
        field: 'employerCreditCode',
      });
    }
    expect((await submit('EMPLOYEE_INSURANCE_REGISTRATION', person, { contributionBase: '0' }, hospital)).outcome.rejection).toMatchObject({
      code: 'CONTRIBUTION_BASE_INVALID',
      field: 'contributionBase',
    });
    expect(
      (await submit('CONTRIBUTOR_ADDITION', person, { insuranceTypes: ['ENTERPRISE_PENSION', 'INSTITUTION_PENSION'] }, hospital)).outcome.rejection,
    ).toMatchObject({ code: 'CONFLICTING_PENSION_SCHEMES' });
    expect(
      (await submit('CONTRIBUTOR_ADDITION', person, { insuranceTypes: ['INSTITUTION_PENSION'] }, { employerCreditCode: DEMO_EMPLOYERS.ceramics.creditCode }))
        .outcome.rejection,
    ).toMatchObject({ code: 'SCHEME_NOT_FOR_EMPLOYER', field: 'insuranceTypes' });
    expect((await submit('EMPLOYEE_INSURANCE_REGISTRATION', DEMO_PEOPLE.liNa, { contributionBase: '7000' }, hospital)).outcome.rejection).toMatchObject({
      code: 'ALREADY_INSURED',
    });

    await db().query(
      `INSERT INTO insurance.employer (credit_code, name, region_code, kind) VALUES ('12320506TEST00001X', '苏州市吴中区示例学校', '320506', 'PUBLIC_INSTITUTION')`,
    );
    expect(
      (await submit('EMPLOYEE_INSURANCE_REGISTRATION', DEMO_PEOPLE.liNa, { contributionBase: '7000' }, { employerCreditCode: '12320506TEST00001X' })).outcome
        .rejection,
    ).toMatchObject({ code: 'INSURED_BY_ANOTHER_EMPLOYER' });
    for (const p of [person, DEMO_PEOPLE.liNa]) expect(await rows('scheme_registration', p)).toEqual([]);
  });
});

describe('one basic pension scheme at a time: 灵活就业 enterprise pension and 城乡居民养老 exclude each other (人社部发〔2014〕17号)', () => {
  const flexible = () => ({ insuranceTypes: ['ENTERPRISE_PENSION'], startDate: nextMonthFirst(), contributionGrade: 100 });

  it('refuses the second while the first is only being handled (the parallel 创业 and 灵活就业 forms), and after it is completed', async () => {
    const first = fictitious('320102', '1982-02-02');
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', first, flexible())).outcome.status).toBe('ACCEPTED');
    expect((await submit('RESIDENT_PENSION_ENROLLMENT', first)).outcome.rejection).toMatchObject({ code: 'IN_EMPLOYEE_PENSION' });

    const second = fictitious('320102', '1983-03-03');
    const resident = await submit('RESIDENT_PENSION_ENROLLMENT', second);
    expect(resident.outcome.status).toBe('ACCEPTED');
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', second, flexible())).outcome.rejection).toMatchObject({
      code: 'IN_RESIDENT_PENSION',
      field: 'insuranceTypes',
    });
    expect((await decide(resident.dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', second, flexible())).outcome.rejection).toMatchObject({ code: 'IN_RESIDENT_PENSION' });
    // Medical insurance alone is no pension scheme.
    expect((await submit('FLEXIBLE_EMPLOYMENT_INSURANCE', second, { ...flexible(), insuranceTypes: ['EMPLOYEE_MEDICAL'] })).outcome.status).toBe('ACCEPTED');
  });
});

describe('社保关系转入 (PENSION_TRANSFER_IN_* and UNEMPLOYMENT_INSURANCE_TRANSFER_IN)', () => {
  const cases = [
    ['PENSION_TRANSFER_IN_ENTERPRISE', 'ENTERPRISE_PENSION', 'ENTERPRISE_PENSION'],
    ['PENSION_TRANSFER_IN_INSTITUTION', 'INSTITUTION_PENSION', 'INSTITUTION_PENSION'],
    ['PENSION_TRANSFER_IN_MILITARY', 'MILITARY_PENSION', 'ENTERPRISE_PENSION'],
    ['PENSION_TRANSFER_IN_MILITARY_SPOUSE', 'MILITARY_SPOUSE_PENSION', 'ENTERPRISE_PENSION'],
    ['UNEMPLOYMENT_INSURANCE_TRANSFER_IN', 'UNEMPLOYMENT', 'UNEMPLOYMENT'],
    ['PENSION_TRANSFER_IN_RESIDENT', 'RESIDENT_PENSION', 'RESIDENT_PENSION'],
  ] as const;

  it.each(cases)('%s: accepted once per key, one in progress at a time, and moves the relationship here when completed', async (code, kind, scheme) => {
    const person = fictitious('320102');
    await givenScheme(person, 'WORK_INJURY', 'SUSPENDED', 10, null, '110105');
    const input = { transferOutAgencyName: '  北京市朝阳区社会保险经办机构 ' };
    // The new employer applies: the 转入地 is its agency.
    const dispatch = dispatchFor(stack, person, code, { employerCreditCode: DEMO_EMPLOYERS.software.creditCode });
    const [first, again] = await Promise.all([send(dispatch, input), send(dispatch, input)]);
    expect(first.data!.outcome).toMatchObject({ itemCode: code, status: 'ACCEPTED', recordType: 'InsuranceTransferIn' });
    expect(first.data!.outcome.reference).toMatch(/^ZR\d{14}$/);
    expect(again.data!.outcome).toEqual(first.data!.outcome);
    expect(await rows('transfer_in', person)).toEqual([
      expect.objectContaining({
        kind,
        scheme,
        status: 'ACCEPTED',
        transfer_out_agency_name: '北京市朝阳区社会保险经办机构',
        region_code: '320102',
        employer_credit_code: DEMO_EMPLOYERS.software.creditCode,
      }),
    ]);
    expect((await submit(code, person, input, { employerCreditCode: DEMO_EMPLOYERS.software.creditCode })).outcome.rejection).toMatchObject({
      code: 'TRANSFER_IN_PROGRESS',
    });

    expect((await personFacts(person)).handlingAgency).toEqual({ regionCode: '110105', name: '北京市朝阳区社会保险经办机构' });
    expect((await decide(dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    expect((await schemes(person)).find((s) => s.scheme === scheme)).toMatchObject({ region_code: '320102' });
    expect((await personFacts(person)).handlingAgency).toEqual({ regionCode: '320102', name: '南京市玄武区社会保险经办机构' });
    const [record] = await entities(
      [{ __typename: 'InsuranceTransferIn', id: first.data!.outcome.recordId }],
      '... on InsuranceTransferIn { kind scheme status transferOutAgencyName transferInAgency { name } employer { name } person { id } }',
    );
    expect(record).toEqual({
      kind,
      scheme,
      status: 'COMPLETED',
      transferOutAgencyName: '北京市朝阳区社会保险经办机构',
      transferInAgency: { name: '南京市玄武区社会保险经办机构' },
      employer: { name: '南京示例软件有限公司' },
      person: { id: keyOf(person) },
    });
  });

  it.each(cases)('%s: rejects a blank 转出地, the 转入地 itself, an unregistered employer and no agency', async (code, _kind, _scheme) => {
    const person = fictitious('320102');
    expect((await submit(code, person, { transferOutAgencyName: '  ' })).outcome.rejection).toMatchObject({
      code: 'TRANSFER_OUT_AGENCY_REQUIRED',
      field: 'transferOutAgencyName',
    });
    expect((await submit(code, person, { transferOutAgencyName: '南京市玄武区社会保险经办机构' })).outcome.rejection).toMatchObject({
      code: 'SAME_AGENCY',
      field: 'transferOutAgencyName',
    });
    expect(
      (await submit(code, person, { transferOutAgencyName: '上海市社会保险经办机构' }, { employerCreditCode: '91110000MA00000000' })).outcome.rejection,
    ).toMatchObject({ code: 'EMPLOYER_NOT_REGISTERED' });
    expect((await submit(code, fictitious('440101'), { transferOutAgencyName: '上海市社会保险经办机构' })).outcome.rejection).toMatchObject({
      code: 'NO_HANDLING_AGENCY',
    });
    expect(await rows('transfer_in', person)).toEqual([]);
  });

  it('a military pension joins 机关事业单位养老保险 when a public institution hires', async () => {
    const person = fictitious('320506');
    const { outcome } = await submit(
      'PENSION_TRANSFER_IN_MILITARY',
      person,
      { transferOutAgencyName: '军队社会保险经办机构' },
      { employerCreditCode: DEMO_EMPLOYERS.hospital.creditCode },
    );
    expect(outcome.status).toBe('ACCEPTED');
    expect(await rows('transfer_in', person)).toEqual([expect.objectContaining({ scheme: 'INSTITUTION_PENSION', region_code: '320506' })]);
  });
});

describe('the item contract', () => {
  it('refuses a dispatch naming another item', async () => {
    const foreign = await dispatchItem(stack, dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'CARD_APPLICATION'), {}, 'UNEMPLOYMENT_BENEFIT');
    expect(foreign.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dispatch.itemCode' });
  });

  it('decisions: unknown keys, reasons required, and only ACCEPTED items', async () => {
    expect((await decide('no-such-key', 'COMPLETE')).errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_FOUND' });
    expect((await decide('no-such-key', 'REJECT')).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decision.reason' });
    const { dispatch } = await submit('UNEMPLOYMENT_BENEFIT', DEMO_PEOPLE.liuYang, {}, LAID_OFF);
    expect((await decide(dispatch.idempotencyKey, 'COMPLETE')).errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_PENDING' });
  });
});
