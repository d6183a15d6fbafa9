import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, type DemoPerson } from '../src/demo/demo-data.js';
import type { InsuranceItemCode } from '../subgraphs/insurance/generated/items.js';
import { minimumContributionMonths } from '../subgraphs/insurance/policy.js';
import { applicantOf, decideItem, dispatchFor, dispatchItem, entityOf } from './support/items.js';
import { useStack } from './support/use-stack.js';

/** 单位参保登记, 减员, 退休 (正常, 提前, 特殊工种审批, 一次性待遇), 失业保险金停发, 工伤保险待遇补差. */
const stack = useStack();

const submit = async (code: InsuranceItemCode, person: DemoPerson, input?: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
  const dispatch = dispatchFor(stack, person, code, extra);
  const { data, errors } = await dispatchItem(stack, dispatch, input);
  expect(errors).toBeUndefined();
  return { outcome: data!.outcome, dispatch };
};
const decide = (key: string, outcome: 'COMPLETE' | 'REJECT') =>
  decideItem(stack, 'insurance', key, { outcome, reason: outcome === 'REJECT' ? '材料不全' : null, decidedBy: 'counter-021' });
const db = () => stack.databases.get('insurance')!;
const keyOf = (person: DemoPerson) => applicantOf(stack, person).personId;
const rows = <Row = Record<string, unknown>>(table: string, person: DemoPerson) =>
  db().query<Row>(`SELECT * FROM insurance.${table} WHERE person_key = $1 ORDER BY applied_at`, [keyOf(person)]);
const schemes = (person: DemoPerson) =>
  db().query<{ scheme: string; status: string }>('SELECT scheme, status FROM insurance.insured_scheme WHERE person_key = $1 ORDER BY scheme', [keyOf(person)]);
const benefits = (person: DemoPerson) =>
  db().query<{ kind: string; status: string; started_on: string; ends_on: string | null }>(
    'SELECT kind, status, started_on, ends_on FROM insurance.benefit WHERE person_key = $1 ORDER BY benefit_id',
    [keyOf(person)],
  );

let serial = 300;
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
async function givenScheme(who: DemoPerson, scheme: string, status: string, months: number, employer: string | null = DEMO_EMPLOYERS.software.creditCode) {
  await db().query(
    `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
     VALUES ($1, $2, $3, '2000-01-01', $4, $5, '320102')`,
    [keyOf(who), scheme, status, months, employer],
  );
}
async function givenBenefit(who: DemoPerson, kind: string) {
  await db().query(`INSERT INTO insurance.benefit (person_key, kind, status, started_on) VALUES ($1, $2, 'PAYING', '2026-01-01')`, [keyOf(who), kind]);
}
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const nextMonthFirst = () => {
  const [y, m] = today().split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

/** A valid unified social credit code (GB 32100 check character) from its first 17 characters. */
function creditCode(body: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...body].reduce((total, ch, i) => total + chars.indexOf(ch) * weights[i]!, 0);
  return body + chars[(31 - (sum % 31)) % 31]!;
}
const entity = <T>(typename: string, id: string, selection: string) => entityOf<T>(stack, 'insurance', typename, id, selection);

describe('EMPLOYER_INSURANCE_REGISTRATION (单位参保登记, 创业)', () => {
  const founded = { enterpriseName: '南京示例创业科技有限公司', enterpriseAddress: '江苏省南京市玄武区示例路9号' };

  it('registers a new enterprise once; completed, it is an Employer here and may hire', async () => {
    const founder = person('1990-04-04');
    const code = creditCode('91320102MA2TEAM01');
    const extra = { employerCreditCode: code, sharedFields: founded };
    const { outcome, dispatch } = await submit(
      'EMPLOYER_INSURANCE_REGISTRATION',
      founder,
      { insuranceTypes: ['ENTERPRISE_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY'] },
      extra,
    );
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'EmployerInsuranceRegistration', rejection: null });
    expect(outcome.reference).toMatch(/^DW\d{14}$/);
    expect((await submit('EMPLOYER_INSURANCE_REGISTRATION', founder, { insuranceTypes: ['WORK_INJURY'] }, extra)).outcome.rejection).toMatchObject({
      code: 'APPLICATION_IN_PROGRESS',
      field: 'employerCreditCode',
    });
    // Not registered yet: it cannot declare a hire.
    expect((await submit('CONTRIBUTOR_ADDITION', founder, { insuranceTypes: ['WORK_INJURY'] }, { employerCreditCode: code })).outcome.rejection).toMatchObject({
      code: 'EMPLOYER_NOT_REGISTERED',
    });

    expect((await decide(dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    expect(
      await entity(
        'EmployerInsuranceRegistration',
        outcome.recordId!,
        'status creditCode kind schemes byConstructionProject agency { regionCode } employer { name kind insuredSince } person { id }',
      ),
    ).toEqual({
      status: 'COMPLETED',
      creditCode: code,
      kind: 'ENTERPRISE',
      schemes: ['ENTERPRISE_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY'],
      byConstructionProject: false,
      agency: { regionCode: '320102' },
      employer: { name: founded.enterpriseName, kind: 'ENTERPRISE', insuredSince: today() },
      person: { id: keyOf(founder) },
    });
    expect((await submit('CONTRIBUTOR_ADDITION', founder, { insuranceTypes: ['WORK_INJURY'] }, { employerCreditCode: code })).outcome.status).toBe('ACCEPTED');
    expect((await submit('EMPLOYER_INSURANCE_REGISTRATION', founder, { insuranceTypes: ['WORK_INJURY'] }, extra)).outcome.rejection).toMatchObject({
      code: 'EMPLOYER_ALREADY_REGISTERED',
      field: 'employerCreditCode',
    });
  });

  it("rejects no employer, a bad code, no name, the institutions' scheme for an enterprise, both pension schemes, and no agency", async () => {
    const founder = person('1991-05-05');
    const types = { insuranceTypes: ['ENTERPRISE_PENSION'] };
    const cases: Array<[Record<string, unknown>, Record<string, unknown>, string, string | null]> = [
      [types, { sharedFields: founded }, 'EMPLOYER_REQUIRED', 'employerCreditCode'],
      [types, { employerCreditCode: '91320102MA2TEAM021', sharedFields: founded }, 'CREDIT_CODE_INVALID', 'employerCreditCode'],
      [types, { employerCreditCode: creditCode('91320102MA2TEAM02'), sharedFields: {} }, 'ENTERPRISE_NAME_REQUIRED', 'enterpriseName'],
      [
        { insuranceTypes: ['INSTITUTION_PENSION'] },
        { employerCreditCode: creditCode('91320102MA2TEAM02'), sharedFields: founded },
        'SCHEME_NOT_FOR_EMPLOYER',
        'insuranceTypes',
      ],
      [
        { insuranceTypes: ['ENTERPRISE_PENSION', 'INSTITUTION_PENSION'] },
        { employerCreditCode: creditCode('12320102MB2TEAM02'), sharedFields: founded },
        'CONFLICTING_PENSION_SCHEMES',
        'insuranceTypes',
      ],
      [{ insuranceTypes: [] }, { employerCreditCode: creditCode('91320102MA2TEAM02'), sharedFields: founded }, 'INSURANCE_TYPES_EMPTY', 'insuranceTypes'],
      [types, { employerCreditCode: creditCode('91440101MA2TEAM02'), sharedFields: founded }, 'NO_HANDLING_AGENCY', null],
    ];
    for (const [input, extra, code, field] of cases) {
      expect((await submit('EMPLOYER_INSURANCE_REGISTRATION', founder, input, extra)).outcome).toMatchObject({
        status: 'REJECTED',
        recordId: null,
        rejection: { code, field },
      });
    }
    expect(await rows('employer_registration', founder)).toEqual([]);
    // A public institution may register the institutions' scheme.
    const school = await submit(
      'EMPLOYER_INSURANCE_REGISTRATION',
      founder,
      { insuranceTypes: ['INSTITUTION_PENSION'] },
      { employerCreditCode: creditCode('12320102MB2TEAM03'), sharedFields: { enterpriseName: '南京市示例学校' } },
    );
    expect(school.outcome.status).toBe('ACCEPTED');
    expect(await rows('employer_registration', founder)).toEqual([
      expect.objectContaining({ employer_kind: 'PUBLIC_INSTITUTION', schemes: ['INSTITUTION_PENSION'] }),
    ]);
  });
});

describe('CONTRIBUTOR_REDUCTION (减员申报)', () => {
  const software = { employerCreditCode: DEMO_EMPLOYERS.software.creditCode };

  it("stops the employer's contributions when completed; then the unemployment benefit may be claimed", async () => {
    const worker = person('1988-03-03');
    await givenScheme(worker, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 60);
    await givenScheme(worker, 'UNEMPLOYMENT', 'CONTRIBUTING', 60);
    await givenScheme(worker, 'WORK_INJURY', 'CONTRIBUTING', 60, DEMO_EMPLOYERS.ceramics.creditCode);
    const { outcome, dispatch } = await submit('CONTRIBUTOR_REDUCTION', worker, { reductionReason: 'CONTRACT_ENDED', reductionDate: '2026-11-30' }, software);
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'ContributorReduction' });
    expect(
      (await submit('CONTRIBUTOR_REDUCTION', worker, { reductionReason: 'CONTRACT_ENDED', reductionDate: '2026-11-30' }, software)).outcome.rejection,
    ).toMatchObject({ code: 'APPLICATION_IN_PROGRESS' });
    expect((await decide(dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    // Only this employer's schemes stop.
    expect(await schemes(worker)).toEqual([
      { scheme: 'ENTERPRISE_PENSION', status: 'SUSPENDED' },
      { scheme: 'UNEMPLOYMENT', status: 'SUSPENDED' },
      { scheme: 'WORK_INJURY', status: 'CONTRIBUTING' },
    ]);
    expect(await entity('ContributorReduction', outcome.recordId!, 'status reductionReason reductionDate schemes employer { name }')).toEqual({
      status: 'COMPLETED',
      reductionReason: 'CONTRACT_ENDED',
      reductionDate: '2026-11-30',
      schemes: ['ENTERPRISE_PENSION', 'UNEMPLOYMENT'],
      employer: { name: '南京示例软件有限公司' },
    });
    const claim = await submit('UNEMPLOYMENT_BENEFIT', worker, {}, { sharedFields: { unemploymentType: 'CONTRACT_EXPIRED' } });
    expect(claim.outcome.status).toBe('ACCEPTED');
  });

  it('rejects no employer, a future date, and a person the employer does not insure', async () => {
    const worker = person('1987-02-02');
    await givenScheme(worker, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 60);
    const input = { reductionReason: 'CONTRACT_ENDED', reductionDate: '2026-11-30' };
    expect((await submit('CONTRIBUTOR_REDUCTION', worker, input)).outcome.rejection).toMatchObject({ code: 'EMPLOYER_REQUIRED', field: 'employerCreditCode' });
    expect((await submit('CONTRIBUTOR_REDUCTION', worker, { ...input, reductionDate: '2099-01-01' }, software)).outcome.rejection).toMatchObject({
      code: 'REDUCTION_DATE_IN_FUTURE',
      field: 'reductionDate',
    });
    expect((await submit('CONTRIBUTOR_REDUCTION', worker, input, { employerCreditCode: DEMO_EMPLOYERS.hospital.creditCode })).outcome.rejection).toMatchObject({
      code: 'NOT_INSURED_BY_EMPLOYER',
      field: null,
    });
    expect(await rows('contributor_reduction', worker)).toEqual([]);
  });
});

describe('RETIREMENT_APPLICATION (正常退休: 渐进式延迟法定退休年龄, 最低缴费年限)', () => {
  const months = (deemed: number, actual: number, identity = 'WORKER') => ({
    sharedFields: { retireeIdentity: identity, deemedContributionMonths: deemed, actualContributionMonths: actual },
  });

  it('accepts a man past his delayed age (born 1966-05: 60 years 5 months) with 视同 + 实际 ≥ the minimum; completed, the pension runs from next month', async () => {
    const retiree = person('1966-05-01');
    await givenScheme(retiree, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 150);
    const { outcome, dispatch } = await submit('RETIREMENT_APPLICATION', retiree, undefined, months(40, 150));
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'RetirementApplication' });
    expect(outcome.reference).toMatch(/^TX\d{14}$/);
    expect((await submit('RETIREMENT_APPLICATION', retiree, undefined, months(40, 150))).outcome.rejection).toMatchObject({ code: 'APPLICATION_IN_PROGRESS' });
    expect((await decide(dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    expect(await schemes(retiree)).toEqual([{ scheme: 'ENTERPRISE_PENSION', status: 'TERMINATED' }]);
    expect(await benefits(retiree)).toEqual([{ kind: 'PENSION', status: 'PAYING', started_on: nextMonthFirst(), ends_on: null }]);
    expect(
      await entity(
        'RetirementApplication',
        outcome.recordId!,
        'kind status statutoryRetirementDate contributionMonths minimumContributionMonths agency { regionCode } benefit { kind status }',
      ),
    ).toEqual({
      kind: 'NORMAL',
      status: 'COMPLETED',
      statutoryRetirementDate: '2026-10-01',
      contributionMonths: 190,
      minimumContributionMonths: 180,
      agency: { regionCode: '320102' },
      benefit: { kind: 'PENSION', status: 'PAYING' },
    });
    expect((await submit('RETIREMENT_APPLICATION', retiree, undefined, months(40, 150))).outcome.rejection).toMatchObject({ code: 'ALREADY_DRAWING_PENSION' });
  });

  it('rejects the age not reached (by birth month and, for women, by post), too few months, a woman without her post, and no pension record', async () => {
    const young = person('1966-09-01'); // 60 years 6 months: 2027-03-01
    await givenScheme(young, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 300);
    expect((await submit('RETIREMENT_APPLICATION', young, undefined, months(0, 300))).outcome.rejection).toMatchObject({
      code: 'RETIREMENT_AGE_NOT_REACHED',
      field: 'birthDate',
    });

    const woman = person('1976-01-01', 'FEMALE'); // worker: 50 years 7 months (2026-08-01); cadre: 55 and more
    await givenScheme(woman, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200);
    expect((await submit('RETIREMENT_APPLICATION', woman, undefined, months(0, 200, 'CADRE'))).outcome.rejection).toMatchObject({
      code: 'RETIREMENT_AGE_NOT_REACHED',
    });
    expect((await submit('RETIREMENT_APPLICATION', woman, undefined, { sharedFields: {} })).outcome.rejection).toMatchObject({
      code: 'RETIREE_IDENTITY_REQUIRED',
      field: 'retireeIdentity',
    });
    expect((await submit('RETIREMENT_APPLICATION', woman, undefined, months(0, 200, 'WORKER'))).outcome.status).toBe('ACCEPTED');

    const short = person('1966-01-01');
    await givenScheme(short, 'ENTERPRISE_PENSION', 'SUSPENDED', 170);
    expect((await submit('RETIREMENT_APPLICATION', short, undefined, months(0, 170))).outcome.rejection).toMatchObject({
      code: 'INSUFFICIENT_CONTRIBUTION_YEARS',
      field: 'actualContributionMonths',
    });
    // Without the form's months, the months on record count.
    expect((await submit('RETIREMENT_APPLICATION', short, undefined, { sharedFields: {} })).outcome.rejection).toMatchObject({
      code: 'INSUFFICIENT_CONTRIBUTION_YEARS',
    });
    expect((await submit('RETIREMENT_APPLICATION', person('1960-01-01'), undefined, months(0, 200))).outcome.rejection).toMatchObject({
      code: 'NO_PENSION_INSURANCE',
    });
    for (const p of [young, short]) expect(await rows('retirement_application', p)).toEqual([]);
  });

  it('the minimum rises from 15 years in 2029 by six months a year to 20 years from 2039', () => {
    expect([2026, 2029, 2030, 2031, 2038, 2039, 2045].map(minimumContributionMonths)).toEqual([180, 180, 186, 192, 234, 240, 240]);
  });
});

describe('RETIREMENT_EARLY (提前退休) and SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL', () => {
  const worker = { sharedFields: { retireeIdentity: 'WORKER', deemedContributionMonths: 60, actualContributionMonths: 200 } };
  const special = (nature: string, years: number) => ({
    earlyRetirementCategory: 'SPECIAL_WORK',
    specialWorkName: '井下采掘',
    specialWorkNature: nature,
    specialWorkYears: years,
    specialWorkEmployer: '萍乡示例矿业有限公司',
  });

  it("special work: a man of 55+ with the years his work's nature needs", async () => {
    const miner = person('1970-01-01');
    await givenScheme(miner, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200);
    expect((await submit('RETIREMENT_EARLY', miner, special('HIGH_ALTITUDE_OR_HEAVY', 9), worker)).outcome.rejection).toMatchObject({
      code: 'SPECIAL_WORK_YEARS_INSUFFICIENT',
      field: 'specialWorkYears',
    });
    expect((await submit('RETIREMENT_EARLY', miner, { earlyRetirementCategory: 'SPECIAL_WORK' }, worker)).outcome.rejection).toMatchObject({
      code: 'EARLY_RETIREMENT_FIELD_REQUIRED',
      field: 'specialWorkName',
    });
    const { outcome } = await submit('RETIREMENT_EARLY', miner, special('UNDERGROUND_OR_HIGH_TEMPERATURE', 9), worker);
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'RetirementApplication' });
    expect(
      await entity('RetirementApplication', outcome.recordId!, 'kind earlyRetirementCategory specialWorkNature specialWorkYears statutoryRetirementDate'),
    ).toEqual({
      kind: 'EARLY',
      earlyRetirementCategory: 'SPECIAL_WORK',
      specialWorkNature: 'UNDERGROUND_OR_HIGH_TEMPERATURE',
      specialWorkYears: 9,
      statutoryRetirementDate: '2031-05-01',
    });
    const tooYoung = person('1975-01-01');
    await givenScheme(tooYoung, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200);
    expect((await submit('RETIREMENT_EARLY', tooYoung, special('OTHER_HARMFUL', 20), worker)).outcome.rejection).toMatchObject({
      code: 'EARLY_RETIREMENT_AGE_NOT_REACHED',
      field: 'birthDate',
    });
  });

  it('illness: men from 50; flexible: at most three years early and never below the former age; none once the statutory age is reached', async () => {
    const ill = person('1975-06-01');
    const young = person('1980-05-01');
    const flexible = person('1966-09-01'); // statutory 2027-03-01, former age 2026-09-01
    const notYet = person('1970-01-01'); // statutory 2031-05-01: flexible from 2030-01-01
    const retired = person('1965-01-01');
    for (const p of [ill, young, flexible, notYet, retired]) await givenScheme(p, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200);
    expect((await submit('RETIREMENT_EARLY', ill, { earlyRetirementCategory: 'ILLNESS_OR_NON_WORK_DISABILITY' }, worker)).outcome.status).toBe('ACCEPTED');
    expect((await submit('RETIREMENT_EARLY', young, { earlyRetirementCategory: 'ILLNESS_OR_NON_WORK_DISABILITY' }, worker)).outcome.rejection).toMatchObject({
      code: 'EARLY_RETIREMENT_AGE_NOT_REACHED',
      field: 'birthDate',
    });
    expect((await submit('RETIREMENT_EARLY', flexible, { earlyRetirementCategory: 'FLEXIBLE_EARLY' }, worker)).outcome.status).toBe('ACCEPTED');
    expect((await submit('RETIREMENT_EARLY', notYet, { earlyRetirementCategory: 'FLEXIBLE_EARLY' }, worker)).outcome.rejection).toMatchObject({
      code: 'EARLY_RETIREMENT_AGE_NOT_REACHED',
      field: 'birthDate',
    });
    expect((await submit('RETIREMENT_EARLY', retired, { earlyRetirementCategory: 'FLEXIBLE_EARLY' }, worker)).outcome.rejection).toMatchObject({
      code: 'STATUTORY_AGE_REACHED',
      field: 'earlyRetirementCategory',
    });
    const short = { sharedFields: { deemedContributionMonths: 0, actualContributionMonths: 100 } };
    const few = person('1975-06-02');
    expect((await submit('RETIREMENT_EARLY', few, { earlyRetirementCategory: 'ILLNESS_OR_NON_WORK_DISABILITY' }, short)).outcome.rejection).toMatchObject({
      code: 'NO_PENSION_INSURANCE',
    });
    await givenScheme(few, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 100);
    expect((await submit('RETIREMENT_EARLY', few, { earlyRetirementCategory: 'ILLNESS_OR_NON_WORK_DISABILITY' }, short)).outcome.rejection).toMatchObject({
      code: 'INSUFFICIENT_CONTRIBUTION_YEARS',
      field: 'actualContributionMonths',
    });
  });

  it("the employer's special-work approval: registered employer, the years of the nature, and no more than a working life", async () => {
    const miner = person('1970-01-01');
    await givenScheme(miner, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200);
    const input = {
      specialWorkName: '高空作业',
      specialWorkNature: 'HIGH_ALTITUDE_OR_HEAVY',
      specialWorkYears: 10,
      specialWorkEmployer: '南京示例软件有限公司',
    };
    const software = { employerCreditCode: DEMO_EMPLOYERS.software.creditCode };
    expect((await submit('SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL', miner, input)).outcome.rejection).toMatchObject({
      code: 'EMPLOYER_REQUIRED',
      field: 'employerCreditCode',
    });
    expect((await submit('SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL', miner, { ...input, specialWorkYears: 8 }, software)).outcome.rejection).toMatchObject({
      code: 'SPECIAL_WORK_YEARS_INSUFFICIENT',
      field: 'specialWorkYears',
    });
    expect((await submit('SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL', miner, { ...input, specialWorkYears: 45 }, software)).outcome.rejection).toMatchObject({
      code: 'SPECIAL_WORK_YEARS_IMPOSSIBLE',
      field: 'specialWorkYears',
    });
    expect((await submit('SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL', person('1970-02-02'), input, software)).outcome.rejection).toMatchObject({
      code: 'NO_PENSION_INSURANCE',
    });
    const { outcome, dispatch } = await submit('SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL', miner, input, software);
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'RetirementApplication' });
    expect((await decide(dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    // An approval alone changes no scheme.
    expect(await schemes(miner)).toEqual([{ scheme: 'ENTERPRISE_PENSION', status: 'CONTRIBUTING' }]);
  });
});

describe('RETIREMENT_LUMP_SUM (一次性待遇), WORK_INJURY_BENEFIT_TOP_UP, UNEMPLOYMENT_BENEFIT_STOP', () => {
  it('a one-off payment only at the statutory age and only short of the minimum; it ends the relationship', async () => {
    const short = person('1966-01-01');
    await givenScheme(short, 'ENTERPRISE_PENSION', 'SUSPENDED', 100);
    const { outcome, dispatch } = await submit('RETIREMENT_LUMP_SUM', short, undefined, { sharedFields: {} });
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'RetirementApplication' });
    expect((await decide(dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    expect(await schemes(short)).toEqual([{ scheme: 'ENTERPRISE_PENSION', status: 'TERMINATED' }]);
    expect(await benefits(short)).toEqual([]);

    const full = person('1966-01-02');
    await givenScheme(full, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200);
    expect((await submit('RETIREMENT_LUMP_SUM', full, undefined, { sharedFields: {} })).outcome.rejection).toMatchObject({
      code: 'PENSION_DUE_INSTEAD',
      field: 'actualContributionMonths',
    });
    const young = person('1980-01-01');
    await givenScheme(young, 'ENTERPRISE_PENSION', 'SUSPENDED', 20);
    expect((await submit('RETIREMENT_LUMP_SUM', young, undefined, { sharedFields: {} })).outcome.rejection).toMatchObject({
      code: 'RETIREMENT_AGE_NOT_REACHED',
      field: 'birthDate',
    });
  });

  it('tops up a work-injury benefit being paid, and stops an unemployment benefit being paid (with its price subsidy)', async () => {
    const injured = person('1966-02-02');
    await givenBenefit(injured, 'WORK_INJURY');
    const topUp = await submit('WORK_INJURY_BENEFIT_TOP_UP', injured);
    expect(topUp.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'BenefitChange' });
    expect((await submit('WORK_INJURY_BENEFIT_TOP_UP', injured)).outcome.rejection).toMatchObject({ code: 'APPLICATION_IN_PROGRESS' });
    expect(await entity('BenefitChange', topUp.outcome.recordId!, 'kind status benefit { kind status }')).toEqual({
      kind: 'WORK_INJURY_TOP_UP',
      status: 'ACCEPTED',
      benefit: { kind: 'WORK_INJURY', status: 'PAYING' },
    });

    const jobless = person('1985-03-03');
    await givenBenefit(jobless, 'UNEMPLOYMENT_BENEFIT');
    await givenBenefit(jobless, 'PRICE_SUBSIDY');
    const stop = await submit('UNEMPLOYMENT_BENEFIT_STOP', jobless);
    expect(stop.outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'BenefitChange' });
    expect((await decide(stop.dispatch.idempotencyKey, 'COMPLETE')).data!.outcome.status).toBe('COMPLETED');
    expect(await benefits(jobless)).toEqual([
      { kind: 'UNEMPLOYMENT_BENEFIT', status: 'ENDED', started_on: '2026-01-01', ends_on: today() },
      { kind: 'PRICE_SUBSIDY', status: 'ENDED', started_on: '2026-01-01', ends_on: today() },
    ]);
    expect((await submit('UNEMPLOYMENT_BENEFIT_STOP', jobless)).outcome.rejection).toMatchObject({ code: 'NOT_DRAWING_UNEMPLOYMENT_BENEFIT', field: null });
    expect((await submit('WORK_INJURY_BENEFIT_TOP_UP', jobless)).outcome.rejection).toMatchObject({ code: 'NO_WORK_INJURY_BENEFIT', field: null });
  });
});
