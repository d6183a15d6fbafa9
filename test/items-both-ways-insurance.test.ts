import { describe, expect, it } from '@jest/globals';
import { loadCatalog } from '../src/catalog/index.js';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { addDays, addMonths, todayInChina } from '../src/policy/calendar.js';
import { bothWays, itemOf, itemsOwnedBy, newcomer, type OneItem, type Row } from './support/both-ways.js';
import type { FormPerson } from './support/forms.js';
import { XUANWU_AGENCY, creditCode, insuranceRecords } from './support/insurance-records.js';
import { useStack } from './support/use-stack.js';

// Issue #10, "every item has at least one accepted (or completed) and one rejected test through the
// gateway", for the 51 items the catalog gives to insurance: each submitted through submitBundle once
// so that it is accepted (or completed) and once so that a rule of the insurance subgraph rejects it
// with its stable reason code. The agency's history (years of contributions, a benefit being paid,
// an injury recognised long ago) is written as records (support/insurance-records.ts); what the
// items themselves create (registrations, hires, retirements) goes through the gateway.
// 价格临时补贴 is added only while the linkage mechanism is in force.
const stack = useStack({ env: { PRICE_SUBSIDY_TRIGGERED: 'true' } });
const catalog = loadCatalog();
const { submitOnly, complete, completed, outcome } = bothWays(stack, catalog);
const records = insuranceRecords(stack);

const SOFTWARE = DEMO_EMPLOYERS.software.creditCode;
const HOSPITAL = DEMO_EMPLOYERS.hospital.creditCode;
const today = todayInChina();
const thisMonthFirst = `${today.slice(0, 7)}-01`;
const nextMonthFirst = addMonths(thisMonthFirst, 1);

/** Someone the 玄武 agency (320102) handles: newcomers there may register and be insured. */
const local = (gender: 'MALE' | 'FEMALE' = 'MALE', birthDate?: string): FormPerson =>
  newcomer({ gender, region: '320102', ...(birthDate ? { birthDate } : {}) });
/** Someone at the statutory retirement age whatever the reform: a man of 62. */
const retiree = () => local('MALE', addMonths(today, -63 * 12));

// ---- the forms, one per bundle ----

const item = (bundleCode: string, person: FormPerson, code: string, fields: Record<string, unknown> = {}, rest: Partial<OneItem> = {}): OneItem => ({
  bundleCode,
  person,
  item: code,
  ...rest,
  fields: { ...rest.fields, [code]: { ...rest.fields?.[code], ...fields } },
});
/** 用人单位招用 (national) by the software company, its handler 陈静. */
const employerHiring = (person: FormPerson, code: string, fields: Record<string, unknown> = {}, employer = SOFTWARE) =>
  item('national-employer-hiring', person, code, fields, { applicant: DEMO_PEOPLE.chenJing, employerCreditCode: employer });
/** 事业单位聘用 (national) by the hospital. */
const institutionHiring = (person: FormPerson, code: string, fields: Record<string, unknown> = {}) =>
  item('national-institution-hiring', person, code, fields, { employerCreditCode: HOSPITAL });
/** 解除终止劳动关系 (national) by the software company. */
const termination = (person: FormPerson, code: string, fields: Record<string, unknown> = {}) =>
  // Its automatic 劳动用工备案（解除、终止） is kept: the bundle's source asks its termination date.
  item('national-employer-termination', person, code, fields, {
    applicant: DEMO_PEOPLE.chenJing,
    employerCreditCode: SOFTWARE,
    with: ['LABOR_FILING_TERMINATION'],
  });
/** 用工参保登记 (Jiangsu) by the software company. */
const jiangsuHiring = (person: FormPerson, fields: Record<string, unknown> = {}, employer = SOFTWARE) =>
  item(
    'jiangsu-employer-hiring',
    person,
    'EMPLOYER_HIRING_INSURANCE_REGISTRATION',
    { insuranceTypes: ['ENTERPRISE_PENSION', 'WORK_INJURY', 'UNEMPLOYMENT'], ...fields },
    {
      applicant: DEMO_PEOPLE.chenJing,
      employerCreditCode: employer,
    },
  );
const unemployment = (person: FormPerson, code: string, fields: Record<string, unknown> = {}, shared: Record<string, unknown> = {}) =>
  item('national-unemployment', person, code, fields, { shared });
/** 职工退休 (national), 视同 + 实际 months as given. */
const retirement = (person: FormPerson, code: string, fields: Record<string, unknown> = {}, months = 200, also: string[] = []) =>
  item('national-retirement', person, code, fields, {
    with: also,
    shared: { retireeIdentity: 'WORKER', deemedContributionMonths: 0, actualContributionMonths: months },
  });
/** 退休 (Jiangsu), by scenario: the employer's two, the resident's own. */
const jiangsuRetirement = (scenario: string, person: FormPerson, code: string, fields: Record<string, unknown> = {}, also: string[] = []): OneItem => ({
  bundleCode: 'jiangsu-retirement',
  scenario,
  person,
  item: code,
  with: also,
  ...(scenario === 'RURAL_URBAN_RESIDENT' ? {} : { employerCreditCode: scenario === 'INSTITUTION_STAFF' ? HOSPITAL : SOFTWARE }),
  fields: { [code]: fields },
});
/** After a death: the family member 刘洋 applies for the deceased. */
const death = (
  bundleCode: string,
  deceased: FormPerson,
  code: string,
  fields: Record<string, unknown> = {},
  scenario?: string,
  also: string[] = [],
): OneItem => ({
  bundleCode,
  ...(scenario ? { scenario } : {}),
  person: deceased,
  applicant: DEMO_PEOPLE.liuYang,
  item: code,
  with: also,
  fields: { [code]: fields },
});
/** 工伤保险待遇 (Jiangsu, SERIAL): its required 医疗（康复、伙食）费用申领 first, then the item. */
const injuryBenefits = (person: FormPerson, code: string, fields: Record<string, unknown> = {}) =>
  item('jiangsu-work-injury-benefits', person, code, fields, { with: ['INJURY_MEDICAL_REHAB_FOOD_CLAIM'] });
const workDeath = (deceased: FormPerson, code: string, fields: Record<string, unknown> = {}) => death('national-work-death-benefits', deceased, code, fields);

/** A worker the software company insures (用工参保登记 completed): 企业职工养老、工伤、失业. */
async function hired(person: FormPerson = local()): Promise<FormPerson> {
  await completed(jiangsuHiring(person));
  return person;
}
/** A worker with a work injury recognised a year ago. */
async function injured(): Promise<FormPerson> {
  const person = local();
  await records.scheme(person, 'WORK_INJURY', 'CONTRIBUTING', 60);
  await records.recognisedInjury(person);
  return person;
}
/** Unemployed after `months` of contributions (the employer's 减员 done). */
async function unemployed(months = 30): Promise<FormPerson> {
  const person = local();
  await records.scheme(person, 'UNEMPLOYMENT', 'SUSPENDED', months);
  return person;
}

const ROWS: Record<string, Row> = {
  // ---- 参保登记 and the employer's side ----
  EMPLOYER_INSURANCE_REGISTRATION: {
    code: 'EMPLOYER_ALREADY_REGISTERED',
    field: 'employerCreditCode',
    run: async () => {
      const founding = (employerCreditCode: string) =>
        item(
          'national-entrepreneurship',
          local(),
          'EMPLOYER_INSURANCE_REGISTRATION',
          {},
          {
            employerCreditCode,
            shared: { enterpriseName: '南京示例两办科技有限公司' },
            // 劳动用工备案 goes with every 创业 automatically, with its own fields.
            with: ['LABOR_FILING_HIRE'],
          },
        );
      const accepted = await outcome(founding(creditCode(`91320102MA2BW${String(Date.now() % 10000).padStart(4, '0')}`)));
      return { accepted, rejected: await outcome(founding(SOFTWARE)) };
    },
  },
  EMPLOYEE_INSURANCE_REGISTRATION: {
    code: 'ALREADY_INSURED',
    field: null,
    run: async () => {
      const accepted = await outcome(institutionHiring(local(), 'EMPLOYEE_INSURANCE_REGISTRATION'));
      // The hospital already contributes to 机关事业单位养老保险 for them.
      const person = local();
      await records.scheme(person, 'INSTITUTION_PENSION', 'CONTRIBUTING', 20, HOSPITAL);
      return { accepted, rejected: await outcome(institutionHiring(person, 'EMPLOYEE_INSURANCE_REGISTRATION')) };
    },
  },
  CONTRIBUTOR_ADDITION: {
    code: 'INSURED_BY_ANOTHER_EMPLOYER',
    field: 'insuranceTypes',
    run: async () => {
      const person = local();
      const accepted = await outcome(employerHiring(person, 'CONTRIBUTOR_ADDITION', { insuranceTypes: ['ENTERPRISE_PENSION'] }));
      // Insured in 企业职工养老 by the ceramics company, which has not declared the 减员.
      const taken = local();
      await records.scheme(taken, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 40, DEMO_EMPLOYERS.ceramics.creditCode);
      return { accepted, rejected: await outcome(employerHiring(taken, 'CONTRIBUTOR_ADDITION', { insuranceTypes: ['ENTERPRISE_PENSION'] })) };
    },
  },
  CONTRIBUTOR_REDUCTION: {
    code: 'REDUCTION_DATE_IN_FUTURE',
    field: 'reductionDate',
    run: async () => {
      const person = await hired();
      const rejected = await outcome(termination(person, 'CONTRIBUTOR_REDUCTION', { reductionDate: addDays(today, 3) }));
      return { rejected, accepted: await outcome(termination(person, 'CONTRIBUTOR_REDUCTION')) };
    },
  },
  ARREARS_PAYMENT: {
    code: 'ARREARS_PERIOD_INVALID',
    field: 'arrearsTo',
    run: async () => {
      const person = await hired();
      const rejected = await outcome(termination(person, 'ARREARS_PAYMENT', { arrearsFrom: addDays(today, -60), arrearsTo: addDays(today, -400) }));
      return { rejected, accepted: await outcome(termination(person, 'ARREARS_PAYMENT')) };
    },
  },
  FLEXIBLE_EMPLOYMENT_INSURANCE: {
    code: 'CONTRIBUTION_GRADE_OUT_OF_RANGE',
    field: 'contributionGrade',
    run: async () => {
      const flexible = (contributionGrade: number) =>
        item('jiangsu-insurance-registration', local(), 'FLEXIBLE_EMPLOYMENT_INSURANCE', {
          insuranceTypes: ['ENTERPRISE_PENSION'],
          startDate: thisMonthFirst,
          contributionGrade,
        });
      const rejected = await outcome(flexible(20));
      return { rejected, accepted: await outcome(flexible(60)) };
    },
  },
  RESIDENT_PENSION_ENROLLMENT: {
    code: 'IN_EMPLOYEE_PENSION',
    field: null,
    run: async () => {
      const accepted = await outcome(unemployment(local(), 'RESIDENT_PENSION_ENROLLMENT'));
      // One basic pension scheme at a time: a flexible worker in 企业职工养老 is not enrolled.
      const insured = local();
      await records.scheme(insured, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 50, null);
      return { accepted, rejected: await outcome(unemployment(insured, 'RESIDENT_PENSION_ENROLLMENT')) };
    },
  },
  EMPLOYER_HIRING_INSURANCE_REGISTRATION: {
    code: 'ALREADY_INSURED',
    field: 'insuranceTypes',
    run: async () => {
      const person = local();
      const submission = await submitOnly(jiangsuHiring(person));
      const accepted = itemOf(submission, 'EMPLOYER_HIRING_INSURANCE_REGISTRATION');
      await complete(submission, 'EMPLOYER_HIRING_INSURANCE_REGISTRATION');
      return { accepted, rejected: await outcome(jiangsuHiring(person)) };
    },
  },
  EMPLOYER_TERMINATION_INSURANCE_STOP: {
    code: 'NOT_INSURED_BY_EMPLOYER',
    field: null,
    run: async () => {
      const stop = (person: FormPerson) =>
        item('jiangsu-termination-insurance-stop', person, 'EMPLOYER_TERMINATION_INSURANCE_STOP', {}, { employerCreditCode: SOFTWARE });
      const rejected = await outcome(stop(local()));
      return { rejected, accepted: await outcome(stop(await hired())) };
    },
  },
  INSTITUTION_PENSION_STAFF_ADDITION: {
    code: 'CONTRIBUTION_BASE_INVALID',
    field: 'contributionBase',
    run: async () => {
      const NEW_STAFF_REQUIRED = ['STAFF_TRANSFER_IN', 'SALARY_CHANGE_APPROVAL', 'HIRE_APPROVAL_FILING'];
      const newStaff = (contributionBase: string): OneItem =>
        item(
          'jiangsu-institution-new-staff',
          local('FEMALE'),
          'INSTITUTION_PENSION_STAFF_ADDITION',
          { contributionBase },
          {
            employerCreditCode: HOSPITAL,
            with: NEW_STAFF_REQUIRED,
          },
        );
      const rejected = await outcome(newStaff('0'));
      return { rejected, accepted: await outcome(newStaff('6500')) };
    },
  },

  // ---- 社保关系转入: from the agency it leaves, never the receiving one ----
  ...Object.fromEntries(
    [
      'PENSION_TRANSFER_IN_ENTERPRISE',
      'UNEMPLOYMENT_INSURANCE_TRANSFER_IN',
      'PENSION_TRANSFER_IN_INSTITUTION',
      'PENSION_TRANSFER_IN_MILITARY',
      'PENSION_TRANSFER_IN_MILITARY_SPOUSE',
    ].map((code): [string, Row] => [
      code,
      {
        code: 'SAME_AGENCY',
        field: 'transferOutAgencyName',
        run: async () => {
          // The software company is in 玄武: its agency receives the relationship.
          const rejected = await outcome(employerHiring(local(), code, { transferOutAgencyName: XUANWU_AGENCY }));
          return { rejected, accepted: await outcome(employerHiring(local(), code, { transferOutAgencyName: '上海市徐汇区社会保险事业管理中心' })) };
        },
      },
    ]),
  ),
  PENSION_TRANSFER_IN_RESIDENT: {
    code: 'SAME_AGENCY',
    field: 'transferOutAgencyName',
    run: async () => {
      const rejected = await outcome(retirement(local(), 'PENSION_TRANSFER_IN_RESIDENT', { transferOutAgencyName: XUANWU_AGENCY }));
      return {
        rejected,
        accepted: await outcome(retirement(local(), 'PENSION_TRANSFER_IN_RESIDENT', { transferOutAgencyName: '安徽省合肥市蜀山区社会保险经办机构' })),
      };
    },
  },

  // ---- 失业保险待遇 ----
  UNEMPLOYMENT_BENEFIT: {
    code: 'VOLUNTARY_UNEMPLOYMENT',
    field: 'unemploymentType',
    run: async () => {
      const rejected = await outcome(unemployment(await unemployed(), 'UNEMPLOYMENT_BENEFIT', {}, { unemploymentType: 'VOLUNTARY_RESIGNATION' }));
      return { rejected, accepted: await outcome(unemployment(await unemployed(), 'UNEMPLOYMENT_BENEFIT')) };
    },
  },
  UNEMPLOYED_MEDICAL_PREMIUM: {
    code: 'NO_UNEMPLOYMENT_BENEFIT',
    field: null,
    run: async () => {
      // Eight months of contributions: no benefit, so no premium paid from the fund.
      const rejected = await outcome(unemployment(await unemployed(8), 'UNEMPLOYED_MEDICAL_PREMIUM'));
      return { rejected, accepted: await outcome(unemployment(await unemployed(), 'UNEMPLOYED_MEDICAL_PREMIUM')) };
    },
  },
  PRICE_SUBSIDY: {
    code: 'NO_UNEMPLOYMENT_BENEFIT',
    field: null,
    run: async () => {
      // Added with 失业保险金申领 while the mechanism is in force; for who qualifies for the benefit only.
      const claim = async (person: FormPerson) => itemOf(await submitOnly(unemployment(person, 'UNEMPLOYMENT_BENEFIT')), 'PRICE_SUBSIDY');
      const rejected = await claim(await unemployed(8));
      return { rejected, accepted: await claim(await unemployed()) };
    },
  },
  UNEMPLOYMENT_BENEFIT_STOP: {
    code: 'APPLICATION_IN_PROGRESS',
    field: null,
    run: async () => {
      // 张伟 draws the benefit (a person the offices know: the gateway reads the fact from the shared record).
      const person = DEMO_PEOPLE.zhangWei;
      await records.benefit(person, 'UNEMPLOYMENT_BENEFIT');
      const stopOf = async (form: OneItem) => itemOf(await submitOnly(form), 'UNEMPLOYMENT_BENEFIT_STOP');
      const accepted = await stopOf(employerHiring(person, 'CONTRIBUTOR_ADDITION', { insuranceTypes: ['ENTERPRISE_PENSION'] }));
      // Hired again before the first stop is handled: the stop is already under way.
      return { accepted, rejected: await stopOf(institutionHiring(person, 'EMPLOYEE_INSURANCE_REGISTRATION')) };
    },
  },
  UNEMPLOYMENT_DEATH_BENEFITS: {
    code: 'NOT_DRAWING_UNEMPLOYMENT_BENEFIT',
    field: null,
    run: async () => {
      const claim = (deceased: FormPerson) => death('jiangsu-death', deceased, 'UNEMPLOYMENT_DEATH_BENEFITS', {}, 'EMPLOYEE', ['SURVIVOR_BENEFITS']);
      const notDrawing = local();
      await records.scheme(notDrawing, 'ENTERPRISE_PENSION', 'SUSPENDED', 100);
      const rejected = await outcome(claim(notDrawing));
      const drawing = await unemployed();
      await records.scheme(drawing, 'ENTERPRISE_PENSION', 'SUSPENDED', 100);
      await records.benefit(drawing, 'UNEMPLOYMENT_BENEFIT');
      return { rejected, accepted: await outcome(claim(drawing)) };
    },
  },

  // ---- 退休 ----
  RETIREMENT_APPLICATION: {
    code: 'RETIREMENT_AGE_NOT_REACHED',
    field: 'birthDate',
    run: async () => {
      const young = local('MALE', '1975-03-15');
      await records.scheme(young, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 300);
      const rejected = await outcome(retirement(young, 'RETIREMENT_APPLICATION', {}, 300));
      const old = retiree();
      await records.scheme(old, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200);
      return { rejected, accepted: await outcome(retirement(old, 'RETIREMENT_APPLICATION')) };
    },
  },
  RETIREMENT_EARLY: {
    code: 'SPECIAL_WORK_YEARS_INSUFFICIENT',
    field: 'specialWorkYears',
    run: async () => {
      const specialWork = (specialWorkYears: number) => ({
        earlyRetirementCategory: 'SPECIAL_WORK',
        specialWorkName: '井下采掘',
        specialWorkNature: 'UNDERGROUND_OR_HIGH_TEMPERATURE',
        specialWorkYears,
        specialWorkEmployer: '徐州示例矿业有限公司',
      });
      const miner = async () => {
        const person = local('MALE', '1969-05-10');
        await records.scheme(person, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 400);
        return person;
      };
      // 劳动能力鉴定 is preselected with any category.
      const rejected = await outcome(retirement(await miner(), 'RETIREMENT_EARLY', specialWork(8), 400, ['WORK_ABILITY_APPRAISAL']));
      return { rejected, accepted: await outcome(retirement(await miner(), 'RETIREMENT_EARLY', specialWork(10), 400, ['WORK_ABILITY_APPRAISAL'])) };
    },
  },
  WORK_ABILITY_APPRAISAL: {
    code: 'NO_APPRAISAL_GROUND',
    field: null,
    run: async () => {
      // Preselected with 提前退休 for illness; the appraisal rests on an employee pension record.
      const illness = { earlyRetirementCategory: 'ILLNESS_OR_NON_WORK_DISABILITY' };
      const appraisal = async (person: FormPerson) =>
        itemOf(await submitOnly(retirement(person, 'RETIREMENT_EARLY', illness, 300, ['WORK_ABILITY_APPRAISAL'])), 'WORK_ABILITY_APPRAISAL');
      const rejected = await appraisal(local('MALE', '1972-01-10'));
      const insured = local('MALE', '1972-01-10');
      await records.scheme(insured, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 300);
      return { rejected, accepted: await appraisal(insured) };
    },
  },
  SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL: {
    code: 'SPECIAL_WORK_YEARS_INSUFFICIENT',
    field: 'specialWorkYears',
    run: async () => {
      const approval = async (specialWorkYears: number) => {
        const person = retiree();
        await records.scheme(person, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 300);
        return outcome(
          jiangsuRetirement(
            'ENTERPRISE_EMPLOYEE',
            person,
            'SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL',
            { specialWorkNature: 'HIGH_ALTITUDE_OR_HEAVY', specialWorkYears },
            ['RETIREMENT_APPLICATION'],
          ),
        );
      };
      const rejected = await approval(9);
      return { rejected, accepted: await approval(12) };
    },
  },
  RETIREMENT_LUMP_SUM: {
    code: 'PENSION_DUE_INSTEAD',
    field: 'actualContributionMonths',
    run: async () => {
      const person = retiree();
      await records.scheme(person, 'ENTERPRISE_PENSION', 'SUSPENDED', 100);
      // 200 months reach the minimum: a monthly pension is due, not the lump sum.
      const rejected = await outcome(retirement(person, 'RETIREMENT_LUMP_SUM', {}, 200));
      return { rejected, accepted: await outcome(retirement(person, 'RETIREMENT_LUMP_SUM', {}, 100)) };
    },
  },
  MULTIPLE_ACCOUNT_REFUND: {
    code: 'NO_MULTIPLE_RELATIONSHIPS',
    field: null,
    run: async () => {
      const person = local('MALE', '1970-01-01');
      await records.scheme(person, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 200);
      const rejected = await outcome(retirement(person, 'MULTIPLE_ACCOUNT_REFUND'));
      // Enrolled in 城乡居民养老 as well: the duplicate is refunded.
      await records.scheme(person, 'RESIDENT_PENSION', 'CONTRIBUTING', 36, null);
      return { rejected, accepted: await outcome(retirement(person, 'MULTIPLE_ACCOUNT_REFUND')) };
    },
  },
  WORK_INJURY_BENEFIT_TOP_UP: {
    code: 'APPLICATION_IN_PROGRESS',
    field: null,
    run: async () => {
      // Added when the shared record shows a work-injury benefit being paid (a person the offices know).
      const person = DEMO_PEOPLE.liuYang;
      await records.benefit(person, 'WORK_INJURY');
      const topUp = async () => itemOf(await submitOnly(retirement(person, 'MULTIPLE_ACCOUNT_REFUND')), 'WORK_INJURY_BENEFIT_TOP_UP');
      const accepted = await topUp();
      return { accepted, rejected: await topUp() };
    },
  },
  ENTERPRISE_PENSION_BENEFIT_REVIEW: {
    code: 'BENEFIT_START_INVALID',
    field: 'benefitStartDate',
    run: async () => {
      const review = async (benefitStartDate: string) => {
        const person = retiree();
        await records.scheme(person, 'ENTERPRISE_PENSION', 'CONTRIBUTING', 300);
        return outcome(jiangsuRetirement('ENTERPRISE_EMPLOYEE', person, 'ENTERPRISE_PENSION_BENEFIT_REVIEW', { benefitStartDate }, ['RETIREMENT_APPLICATION']));
      };
      // A pension starts on the first of a month.
      const rejected = await review(addDays(nextMonthFirst, 14));
      return { rejected, accepted: await review(nextMonthFirst) };
    },
  },
  INSTITUTION_PENSION_BENEFIT_APPROVAL: {
    code: 'NO_PENSION_INSURANCE',
    field: null,
    run: async () => {
      const approval = (person: FormPerson) =>
        outcome(
          jiangsuRetirement('INSTITUTION_STAFF', person, 'INSTITUTION_PENSION_BENEFIT_APPROVAL', {
            retirementDate: today,
            retirementApprovalNumber: '吴人社退〔2026〕8号',
          }),
        );
      const rejected = await approval(retiree());
      const staff = retiree();
      await records.scheme(staff, 'INSTITUTION_PENSION', 'CONTRIBUTING', 300, HOSPITAL);
      return { rejected, accepted: await approval(staff) };
    },
  },

  // ---- 城乡居民养老保险 ----
  RESIDENT_PENSION_BENEFIT: {
    code: 'INSUFFICIENT_CONTRIBUTION_YEARS',
    field: null,
    run: async () => {
      const claim = async (months: number) => {
        const person = local('FEMALE', '1963-06-01');
        await records.scheme(person, 'RESIDENT_PENSION', 'CONTRIBUTING', months, null);
        return outcome(jiangsuRetirement('RURAL_URBAN_RESIDENT', person, 'RESIDENT_PENSION_BENEFIT'));
      };
      const rejected = await claim(60);
      return { rejected, accepted: await claim(180) };
    },
  },
  RESIDENT_PENSION_ARREARS: {
    code: 'ARREARS_BEYOND_15_YEARS',
    field: 'arrearsYears',
    run: async () => {
      // Serial: the benefit claim comes first (born 1963, 143 months are needed), then 补缴 on the same record.
      const arrears = async (arrearsYears: number) => {
        const person = local('FEMALE', '1963-06-01');
        await records.scheme(person, 'RESIDENT_PENSION', 'CONTRIBUTING', 150, null);
        return outcome(
          jiangsuRetirement('RURAL_URBAN_RESIDENT', person, 'RESIDENT_PENSION_ARREARS', { arrearsYears, annualContribution: '1000' }, [
            'RESIDENT_PENSION_BENEFIT',
          ]),
        );
      };
      // 150 months and 5 years back are more than the 15 years that may be paid.
      const rejected = await arrears(5);
      return { rejected, accepted: await arrears(2) };
    },
  },
  RESIDENT_PENSION_CANCELLATION: {
    code: 'NO_RESIDENT_PENSION',
    field: null,
    run: async () => {
      const cancel = (deceased: FormPerson) =>
        death('jiangsu-resident-pension-cancellation', deceased, 'RESIDENT_PENSION_CANCELLATION', { cancellationReason: 'DEATH' });
      const rejected = await outcome(cancel(local('FEMALE', '1950-02-02')));
      const enrolled = local('FEMALE', '1950-02-02');
      await records.scheme(enrolled, 'RESIDENT_PENSION', 'TERMINATED', 180, null);
      return { rejected, accepted: await outcome(cancel(enrolled)) };
    },
  },
  RESIDENT_PENSION_ACCOUNT_LUMP_SUM: {
    code: 'HEIR_NOT_ENTITLED',
    field: 'heirRelationship',
    run: async () => {
      // Serial: the cancellation comes first, then the balance paid to an heir.
      const lumpSum = async (heirRelationship: string) => {
        const enrolled = local('FEMALE', '1950-02-02');
        await records.scheme(enrolled, 'RESIDENT_PENSION', 'TERMINATED', 180, null);
        return outcome(
          death('jiangsu-resident-pension-cancellation', enrolled, 'RESIDENT_PENSION_ACCOUNT_LUMP_SUM', { heirRelationship }, undefined, [
            'RESIDENT_PENSION_CANCELLATION',
          ]),
        );
      };
      // 其他 (no relative) is no heir at law.
      const rejected = await lumpSum('OTHER');
      return { rejected, accepted: await lumpSum('CHILD') };
    },
  },
  RESIDENT_FUNERAL_GRANT: {
    code: 'NOT_A_RESIDENT_PENSIONER',
    field: null,
    run: async () => {
      const grant = (deceased: FormPerson) =>
        death('jiangsu-resident-pension-cancellation', deceased, 'RESIDENT_FUNERAL_GRANT', {}, undefined, ['RESIDENT_PENSION_CANCELLATION']);
      // Enrolled, but never drew the resident pension.
      const contributor = local('FEMALE', '1970-02-02');
      await records.scheme(contributor, 'RESIDENT_PENSION', 'CONTRIBUTING', 100, null);
      const rejected = await outcome(grant(contributor));
      const pensioner = local('FEMALE', '1950-02-02');
      await records.scheme(pensioner, 'RESIDENT_PENSION', 'TERMINATED', 180, null);
      await records.benefit(pensioner, 'RESIDENT_PENSION');
      return { rejected, accepted: await outcome(grant(pensioner)) };
    },
  },

  // ---- 工伤 ----
  WORK_INJURY_RECOGNITION: {
    code: 'NO_WORK_INJURY_INSURANCE',
    field: null,
    run: async () => {
      const rejected = await outcome(workDeath(local(), 'WORK_INJURY_RECOGNITION'));
      return { rejected, accepted: await outcome(workDeath(await hired(), 'WORK_INJURY_RECOGNITION')) };
    },
  },
  INJURY_MEDICAL_EXPENSES: {
    code: 'AMOUNT_INVALID',
    field: 'amount',
    run: async () => {
      const person = await injured();
      const expenses = (amount: string) => ({
        expenseTypes: ['OUTPATIENT', 'INPATIENT'],
        receiptCount: 3,
        amount,
        outpatientReceiptCount: 2,
        outpatientAmount: '300',
        inpatientReceiptCount: 1,
        inpatientAmount: '1000.50',
      });
      // The parts add up to 1300.50, not 1200.
      const rejected = await outcome(workDeath(person, 'INJURY_MEDICAL_EXPENSES', expenses('1200')));
      return { rejected, accepted: await outcome(workDeath(person, 'INJURY_MEDICAL_EXPENSES', expenses('1300.50'))) };
    },
  },
  INPATIENT_FOOD_ALLOWANCE: {
    code: 'INJURY_NOT_RECOGNISED',
    field: null,
    run: async () => {
      // Added with 工伤医疗费用申报 of 住院 costs.
      const inpatient = { expenseTypes: ['INPATIENT'], receiptCount: 1, amount: '800', inpatientReceiptCount: 1, inpatientAmount: '800' };
      const food = async (person: FormPerson) => itemOf(await submitOnly(workDeath(person, 'INJURY_MEDICAL_EXPENSES', inpatient)), 'INPATIENT_FOOD_ALLOWANCE');
      const rejected = await food(local());
      return { rejected, accepted: await food(await injured()) };
    },
  },
  OUT_OF_AREA_TREATMENT_REPORT: {
    code: 'INJURY_NOT_RECOGNISED',
    field: null,
    run: async () => {
      const rejected = await outcome(workDeath(local(), 'OUT_OF_AREA_TREATMENT_REPORT'));
      return { rejected, accepted: await outcome(workDeath(await injured(), 'OUT_OF_AREA_TREATMENT_REPORT')) };
    },
  },
  OUT_OF_AREA_TRAVEL_EXPENSES: {
    code: 'OUT_OF_AREA_NOT_REPORTED',
    field: null,
    run: async () => {
      const person = await injured();
      const rejected = await outcome(workDeath(person, 'OUT_OF_AREA_TRAVEL_EXPENSES'));
      expect((await outcome(workDeath(person, 'OUT_OF_AREA_TREATMENT_REPORT'))).status).toBe('ACCEPTED');
      return { rejected, accepted: await outcome(workDeath(person, 'OUT_OF_AREA_TRAVEL_EXPENSES')) };
    },
  },
  WORK_DEATH_GRANTS: {
    code: 'INJURY_NOT_RECOGNISED',
    field: null,
    run: async () => {
      const rejected = await outcome(workDeath(local(), 'WORK_DEATH_GRANTS', { diedDuringPaidLeave: true }));
      return { rejected, accepted: await outcome(workDeath(await injured(), 'WORK_DEATH_GRANTS', { diedDuringPaidLeave: true })) };
    },
  },
  DEPENDANT_PENSION: {
    code: 'INJURY_NOT_RECOGNISED',
    field: null,
    run: async () => {
      const rejected = await outcome(death('jiangsu-death', local(), 'DEPENDANT_PENSION', {}, 'WORK_INJURY'));
      return { rejected, accepted: await outcome(death('jiangsu-death', await injured(), 'DEPENDANT_PENSION', {}, 'WORK_INJURY')) };
    },
  },
  INJURY_MEDICAL_REHAB_FOOD_CLAIM: {
    code: 'AMOUNT_INVALID',
    field: 'amount',
    run: async () => {
      const claim = async (amount: string) =>
        outcome(item('jiangsu-work-injury-benefits', await injured(), 'INJURY_MEDICAL_REHAB_FOOD_CLAIM', { claimTypes: ['MEDICAL'], receiptCount: 2, amount }));
      const rejected = await claim('0');
      return { rejected, accepted: await claim('1200.50') };
    },
  },
  DISABILITY_BENEFITS: {
    code: 'BENEFIT_NOT_FOR_GRADE',
    field: 'benefitTypes',
    run: async () => {
      const claim = async (disabilityGrade: string, benefitTypes: string[]) => {
        const person = await injured();
        await records.concludedAppraisal(person);
        return outcome(injuryBenefits(person, 'DISABILITY_BENEFITS', { disabilityGrade, benefitTypes }));
      };
      // 伤残津贴 is the fund's for grades 1–4 only.
      const rejected = await claim('GRADE_7', ['DISABILITY_ALLOWANCE']);
      return { rejected, accepted: await claim('GRADE_7', ['ONE_OFF_DISABILITY_GRANT']) };
    },
  },
  ONE_OFF_INJURY_MEDICAL_GRANT: {
    code: 'BENEFIT_NOT_FOR_GRADE',
    field: 'disabilityGrade',
    run: async () => {
      const grant = async (disabilityGrade: string) => {
        const person = await injured();
        await records.concludedAppraisal(person);
        return outcome(injuryBenefits(person, 'ONE_OFF_INJURY_MEDICAL_GRANT', { disabilityGrade }));
      };
      // Grades 1–4 keep their employment and draw 伤残津贴.
      const rejected = await grant('GRADE_3');
      return { rejected, accepted: await grant('GRADE_8') };
    },
  },
  ASSISTIVE_DEVICE_EXPENSES: {
    code: 'NO_APPRAISAL_CONCLUSION',
    field: null,
    run: async () => {
      const rejected = await outcome(injuryBenefits(await injured(), 'ASSISTIVE_DEVICE_EXPENSES'));
      const appraised = await injured();
      await records.concludedAppraisal(appraised);
      return { rejected, accepted: await outcome(injuryBenefits(appraised, 'ASSISTIVE_DEVICE_EXPENSES')) };
    },
  },
  NON_AGREEMENT_EMERGENCY_EXPENSES: {
    code: 'DATE_IN_FUTURE',
    field: 'emergencyDate',
    run: async () => {
      const rejected = await outcome(injuryBenefits(await injured(), 'NON_AGREEMENT_EMERGENCY_EXPENSES', { emergencyDate: addDays(today, 2) }));
      return { rejected, accepted: await outcome(injuryBenefits(await injured(), 'NON_AGREEMENT_EMERGENCY_EXPENSES')) };
    },
  },
  WORK_INJURY_BENEFIT_CHANGE: {
    code: 'NO_WORK_INJURY_BENEFIT',
    field: null,
    run: async () => {
      const rejected = await outcome(injuryBenefits(await injured(), 'WORK_INJURY_BENEFIT_CHANGE'));
      const drawing = await injured();
      await records.benefit(drawing, 'WORK_INJURY');
      return { rejected, accepted: await outcome(injuryBenefits(drawing, 'WORK_INJURY_BENEFIT_CHANGE')) };
    },
  },

  // ---- after a death ----
  SURVIVOR_BENEFITS: {
    code: 'NO_PENSION_INSURANCE',
    field: null,
    run: async () => {
      const claim = (deceased: FormPerson) => death('national-retiree-death', deceased, 'SURVIVOR_BENEFITS');
      const rejected = await outcome(claim(local('MALE', '1950-03-03')));
      const pensioner = local('MALE', '1950-03-03');
      await records.scheme(pensioner, 'ENTERPRISE_PENSION', 'TERMINATED', 360);
      return { rejected, accepted: await outcome(claim(pensioner)) };
    },
  },
  PERSONAL_ACCOUNT_LUMP_SUM: {
    code: 'HEIR_IS_DECEASED',
    field: 'heirIdNumber',
    run: async () => {
      const deceased = local('MALE', '1950-03-03');
      await records.scheme(deceased, 'ENTERPRISE_PENSION', 'TERMINATED', 360);
      const lumpSum = (heirIdNumber: string) =>
        outcome(death('national-retiree-death', deceased, 'PERSONAL_ACCOUNT_LUMP_SUM', { heirIdType: 'RESIDENT_ID_CARD', heirIdNumber }));
      const rejected = await lumpSum(deceased.idNumber);
      return { rejected, accepted: await lumpSum(DEMO_PEOPLE.liuYang.idNumber) };
    },
  },
  BENEFIT_ACCOUNT_CHANGE: {
    code: 'NO_BENEFIT_PAID',
    field: null,
    run: async () => {
      const change = (deceased: FormPerson) => death('national-retiree-death', deceased, 'BENEFIT_ACCOUNT_CHANGE');
      const rejected = await outcome(change(local('MALE', '1950-03-03')));
      const pensioner = local('MALE', '1950-03-03');
      await records.scheme(pensioner, 'ENTERPRISE_PENSION', 'TERMINATED', 360);
      await records.benefit(pensioner, 'PENSION');
      return { rejected, accepted: await outcome(change(pensioner)) };
    },
  },
};

const OWNED = itemsOwnedBy(catalog, ['insurance']);

describe('every item of insurance, accepted and rejected through the gateway', () => {
  it('has a row for every item the catalog gives to insurance, and none for another', () => {
    expect(OWNED.length).toBeGreaterThan(0);
    expect(Object.keys(ROWS).sort()).toEqual(OWNED);
  });

  it.each(Object.keys(ROWS))('%s', async (code) => {
    const row = ROWS[code]!;
    // Every insurance row names the field at fault (null where the rule reads the records, not the form).
    expect(row.field).not.toBeUndefined();
    const { accepted, rejected } = await row.run();
    expect(accepted.itemCode).toBe(code);
    expect(['ACCEPTED', 'COMPLETED']).toContain(accepted.status);
    expect(accepted.rejection).toBeNull();
    expect(rejected).toMatchObject({ itemCode: code, status: 'REJECTED', rejection: { code: row.code, field: row.field } });
  });
});

describe('paid once: a one-time payment completed is not paid again', () => {
  it('个人账户一次性待遇 of a deceased, completed, is refused a second time with ALREADY_SETTLED', async () => {
    const deceased = local('MALE', '1950-03-03');
    await records.scheme(deceased, 'ENTERPRISE_PENSION', 'TERMINATED', 360);
    const lumpSum = death('national-retiree-death', deceased, 'PERSONAL_ACCOUNT_LUMP_SUM', {
      heirIdType: 'RESIDENT_ID_CARD',
      heirIdNumber: DEMO_PEOPLE.liuYang.idNumber,
    });
    await completed(lumpSum);
    expect(await outcome(lumpSum)).toMatchObject({ status: 'REJECTED', rejection: { code: 'ALREADY_SETTLED' } });
  });

  it('一次性工亡补助金 completed is refused a second time; the 一次性待遇 at retirement likewise', async () => {
    const worker = await injured();
    const grants = workDeath(worker, 'WORK_DEATH_GRANTS', { diedDuringPaidLeave: true });
    await completed(grants);
    expect(await outcome(grants)).toMatchObject({ status: 'REJECTED', rejection: { code: 'ALREADY_SETTLED' } });

    const person = retiree();
    await records.scheme(person, 'ENTERPRISE_PENSION', 'SUSPENDED', 100);
    const lumpSum = retirement(person, 'RETIREMENT_LUMP_SUM', {}, 100);
    await completed(lumpSum);
    expect(await outcome(lumpSum)).toMatchObject({ status: 'REJECTED', rejection: { code: 'ALREADY_SETTLED' } });
  });
});
