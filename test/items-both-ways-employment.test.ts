import { describe, expect, it } from '@jest/globals';
import { personKey } from '../src/identity/person-key.js';
import { loadCatalog } from '../src/catalog/index.js';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { addDays, todayInChina } from '../src/policy/calendar.js';
import { bothWays, itemOf, itemsOwnedBy, newcomer, type OneItem, type Row } from './support/both-ways.js';
import type { FormPerson, SubmittedItem } from './support/forms.js';
import { useStack } from './support/use-stack.js';

// Issue #10, "every item has at least one accepted and one rejected test through the gateway":
// each item the catalog gives to employment, submitted through submitBundle once so that it is
// accepted (or completed) and once so that a rule of the subgraph rejects it. Preconditions (an
// employment on record, a recognition, a registration in force) are set up through the gateway
// too: earlier submissions and the counter's decisions (decideSubmissionItem).
const stack = useStack();
const catalog = loadCatalog();
const { submitOnly, complete, completed, outcome } = bothWays(stack, catalog);

const SOFTWARE: string = DEMO_EMPLOYERS.software.creditCode;
const HOSPITAL: string = DEMO_EMPLOYERS.hospital.creditCode;
const CERAMICS: string = DEMO_EMPLOYERS.ceramics.creditCode;
const today = todayInChina();
const yearsAgo = (years: number) => addDays(today, -Math.round(years * 365.25));

// ---- the forms ----

type Fields = Record<string, unknown>;

/** 企业招用员工 (national): the software company (or `employer`) applies for its worker, its handler 陈静. */
const employerHiring = (person: FormPerson, item: string, fields: Fields = {}, employer = SOFTWARE): OneItem => ({
  bundleCode: 'national-employer-hiring',
  person,
  applicant: DEMO_PEOPLE.chenJing,
  employerCreditCode: employer,
  item,
  fields: { [item]: fields },
});

/** 解除终止劳动关系 (national): the employer files the end of its worker's employment. */
const employerTermination = (person: FormPerson, employer: string, fields: Fields = {}): OneItem => ({
  bundleCode: 'national-employer-termination',
  person,
  applicant: DEMO_PEOPLE.chenJing,
  employerCreditCode: employer,
  item: 'LABOR_FILING_TERMINATION',
  fields: { LABOR_FILING_TERMINATION: fields },
});

/** 失业 (national): the person applies; 失业时间 a month back unless `shared` says otherwise. */
const unemployment = (person: FormPerson, item: string, fields: Fields = {}, shared: Fields = {}): OneItem => ({
  bundleCode: 'national-unemployment',
  person,
  item,
  shared: { unemploymentDate: addDays(today, -30), ...shared },
  fields: { [item]: fields },
});

/** 失业 (Jiangsu, SERIAL): 失业登记 is required and comes first. */
const jiangsuUnemployment = (person: FormPerson, item: string, fields: Fields = {}): OneItem => ({
  bundleCode: 'jiangsu-unemployment',
  person,
  item,
  with: ['UNEMPLOYMENT_REGISTRATION'],
  shared: { unemploymentDate: addDays(today, -30) },
  fields: { [item]: fields },
});

/** 高校毕业生就业 (national): graduated five months ago unless `shared` says otherwise, not employed. */
const graduateEmployment = (person: FormPerson, item: string, fields: Fields = {}, shared: Fields = {}): OneItem => ({
  bundleCode: 'national-graduate-employment',
  person,
  item,
  shared,
  fields: { [item]: fields },
});

/** 高校毕业生 (Jiangsu): graduated five months ago unless `shared` says otherwise. */
const graduate = (person: FormPerson, item: string, fields: Fields = {}, shared: Fields = {}): OneItem => ({
  bundleCode: 'jiangsu-graduate',
  person,
  item,
  shared,
  fields: { [item]: fields },
});

/**
 * 创业 (national): the founder applies; 就业登记, 《就业创业证》 and 劳动用工备案 are added
 * automatically, the last with fields of its own on the form (kept with `with`).
 */
const founder = (person: FormPerson, item: string, fields: Fields = {}): OneItem => ({
  bundleCode: 'national-entrepreneurship',
  person,
  item,
  with: ['LABOR_FILING_HIRE'],
  fields: { [item]: fields },
});

/** 创业 (Jiangsu), 个人. */
const jiangsuFounder = (person: FormPerson, item: string, fields: Fields = {}): OneItem => ({
  bundleCode: 'jiangsu-entrepreneurship',
  scenario: 'PERSONAL',
  person,
  item,
  fields: { [item]: fields },
});

/** 创业 (Jiangsu), 企业: the ceramics company (or `employer`), its founder `person` applying as its handler. */
const jiangsuEnterprise = (item: string, fields: Fields = {}, employer = CERAMICS, person: FormPerson = newcomer()): OneItem => ({
  bundleCode: 'jiangsu-entrepreneurship',
  scenario: 'ENTERPRISE',
  person,
  employerCreditCode: employer,
  item,
  fields: { [item]: fields },
});

let fair = 0;
/** A job fair of its own per form: one booking per employer and fair. */
const jobFair = () => `ZPH${today.replaceAll('-', '')}${String(++fair).padStart(3, '0')}`;

/**
 * 招聘 (Jiangsu, SERIAL per applicant kind): the employer's handler 陈静 books a fair and publishes
 * online (both required), then the item tested. `fields` by item code.
 */
const recruitment = (scenario: 'ENTERPRISE' | 'GRADUATES', item: string, fields: Record<string, Fields> = {}, employer = SOFTWARE): OneItem => {
  const [booth, online] = scenario === 'ENTERPRISE' ? ['JOB_FAIR_BOOTH', 'ONLINE_RECRUITMENT'] : ['GRADUATE_JOB_FAIR_BOOTH', 'GRADUATE_ONLINE_RECRUITMENT'];
  return {
    bundleCode: 'jiangsu-recruitment',
    scenario,
    person: DEMO_PEOPLE.chenJing,
    employerCreditCode: employer,
    item,
    with: [booth, online],
    fields: { ...fields, [booth]: { jobFairId: jobFair(), ...fields[booth] } },
  };
};

// ---- preconditions through the gateway ----

/** Employed by `employer` since two months back: its 劳动用工备案（招用）, completed at the counter. */
async function employedBy(person: FormPerson, employer: string): Promise<void> {
  await completed(employerHiring(person, 'LABOR_FILING_HIRE', { contractStartDate: addDays(today, -60) }, employer));
}

/** Recognised as 就业困难人员 (残疾人: proved by its material, checked by the counter). */
async function hardToEmploy(person: FormPerson): Promise<void> {
  await completed(unemployment(person, 'EMPLOYMENT_DIFFICULTY_RECOGNITION', { difficultyCategory: 'DISABLED' }));
}

/** Accepted the first time, rejected the second (the first still open, or completed when `completeFirst`). */
async function twice(form: OneItem, completeFirst = false): Promise<{ accepted: SubmittedItem; rejected: SubmittedItem }> {
  const first = await submitOnly(form);
  const accepted = itemOf(first, form.item);
  if (completeFirst) await complete(first, form.item);
  return { accepted, rejected: await outcome(form) };
}

// ---- the table: per item, how it is accepted and how a rule rejects it ----

/** A row, with the field the rejection names (null: a fact of the records, no field of the form). */
interface EmploymentRow extends Row {
  readonly field: string | null;
}

const ROWS: Record<string, EmploymentRow> = {
  // ---- 就业失业 ----
  EMPLOYMENT_REGISTRATION: {
    code: 'ALREADY_EMPLOYED_HERE',
    field: null,
    // Registered (completed): the same employer cannot register the same employment twice.
    run: () => twice(employerHiring(newcomer(), 'EMPLOYMENT_REGISTRATION'), true),
  },
  UNEMPLOYMENT_REGISTRATION: {
    code: 'UNEMPLOYMENT_DATE_IN_FUTURE',
    field: 'unemploymentDate',
    run: async () => {
      const person = newcomer();
      const rejected = await outcome(unemployment(person, 'UNEMPLOYMENT_REGISTRATION', {}, { unemploymentDate: addDays(today, 3) }));
      return { rejected, accepted: await outcome(unemployment(person, 'UNEMPLOYMENT_REGISTRATION')) };
    },
  },
  EMPLOYMENT_CERTIFICATE: {
    code: 'EMPLOYMENT_CERTIFICATE_ALREADY_HELD',
    field: null,
    // One 《就业创业证》 per person: a holder asks for 补发 or 变更.
    run: () => twice(unemployment(newcomer(), 'EMPLOYMENT_CERTIFICATE'), true),
  },
  EMPLOYMENT_DIFFICULTY_RECOGNITION: {
    code: 'DIFFICULTY_CATEGORY_NOT_MET',
    field: 'unemploymentDate',
    run: async () => {
      const person = newcomer();
      // 连续失业一年以上, unemployed since a month back.
      const rejected = await outcome(unemployment(person, 'EMPLOYMENT_DIFFICULTY_RECOGNITION', { difficultyCategory: 'LONG_TERM_UNEMPLOYED' }));
      const accepted = await outcome(
        unemployment(person, 'EMPLOYMENT_DIFFICULTY_RECOGNITION', { difficultyCategory: 'LONG_TERM_UNEMPLOYED' }, { unemploymentDate: addDays(today, -400) }),
      );
      return { rejected, accepted };
    },
  },
  JOB_INTRODUCTION: {
    code: 'SALARY_NOT_POSITIVE',
    field: 'expectedMonthlySalary',
    run: async () => {
      const person = newcomer();
      const rejected = await outcome(unemployment(person, 'JOB_INTRODUCTION', { expectedMonthlySalary: '0' }));
      return { rejected, accepted: await outcome(unemployment(person, 'JOB_INTRODUCTION', { expectedMonthlySalary: '6500' })) };
    },
  },
  EMPLOYMENT_SERVICES: {
    code: 'JOB_SEEKER_SERVICE_OPEN',
    field: null,
    run: () => twice(graduateEmployment(newcomer(), 'EMPLOYMENT_SERVICES', { services: ['CAREER_GUIDANCE', 'INTERNSHIP'] })),
  },
  VOCATIONAL_TRAINING_SUBSIDY: {
    code: 'TRAINING_NOT_CERTIFIED',
    field: null,
    run: async () => {
      // Reported by the providers (demo): 张伟 completed a training with a certificate, 陈静 is still in one.
      const rejected = await outcome(unemployment(DEMO_PEOPLE.chenJing, 'VOCATIONAL_TRAINING_SUBSIDY'));
      return { rejected, accepted: await outcome(unemployment(DEMO_PEOPLE.zhangWei, 'VOCATIONAL_TRAINING_SUBSIDY')) };
    },
  },
  EMPLOYMENT_INTENTION_COLLECTION: {
    code: 'JOB_SEEKER_SERVICE_OPEN',
    field: null,
    run: async () => {
      const person = newcomer();
      const form = jiangsuUnemployment(person, 'EMPLOYMENT_INTENTION_COLLECTION', { wantsEmployment: true, desiredJob: '仓储管理' });
      const first = await submitOnly(form);
      const accepted = itemOf(first, 'EMPLOYMENT_INTENTION_COLLECTION');
      // The serial case completed the registration before collecting the intention. The office then
      // closes the registration (注销失业登记, a back-office record: the person found work for a while),
      // so a new one passes; the intention collected is still open.
      await stack.databases
        .get('employment')!
        .query('UPDATE employment.unemployment_registration SET ended_on = $2 WHERE person_key = $1 AND ended_on IS NULL', [
          personKey(stack.config.personKeySecret, person.idType, person.idNumber),
          today,
        ]);
      const second = await submitOnly(form);
      expect(itemOf(second, 'UNEMPLOYMENT_REGISTRATION').status).toBe('COMPLETED');
      return { accepted, rejected: itemOf(second, 'EMPLOYMENT_INTENTION_COLLECTION') };
    },
  },
  FLEXIBLE_EMPLOYMENT_SUBSIDY: {
    code: 'NOT_ELIGIBLE_FOR_SUBSIDY',
    field: 'graduationDate',
    run: async () => {
      // Neither 就业困难人员 nor within two years of leaving school.
      const rejected = await outcome(graduateEmployment(newcomer(), 'FLEXIBLE_EMPLOYMENT_SUBSIDY', {}, { graduationDate: yearsAgo(3) }));
      return { rejected, accepted: await outcome(graduateEmployment(newcomer(), 'FLEXIBLE_EMPLOYMENT_SUBSIDY')) };
    },
  },
  GRADUATE_JOB_SEEKER_REGISTRATION: {
    code: 'GRADUATE_PERIOD_OVER',
    field: 'graduationDate',
    run: async () => {
      const rejected = await outcome(graduate(newcomer(), 'GRADUATE_JOB_SEEKER_REGISTRATION', {}, { graduationDate: yearsAgo(3) }));
      return { rejected, accepted: await outcome(graduate(newcomer(), 'GRADUATE_JOB_SEEKER_REGISTRATION')) };
    },
  },
  INTERNSHIP_APPLICATION: {
    code: 'INTERNSHIP_NOT_ELIGIBLE',
    field: 'graduationDate',
    run: async () => {
      // Aged 30 and out of school for three years: neither a recent graduate nor a young person of 16–24.
      const rejected = await outcome(graduate(newcomer({ birthDate: yearsAgo(30) }), 'INTERNSHIP_APPLICATION', {}, { graduationDate: yearsAgo(3) }));
      return { rejected, accepted: await outcome(graduate(newcomer({ birthDate: yearsAgo(30) }), 'INTERNSHIP_APPLICATION')) };
    },
  },

  // ---- 劳动关系 and the employers' subsidies ----
  E_LABOR_CONTRACT: {
    code: 'E_LABOR_CONTRACT_OPEN',
    field: null,
    run: () => twice(employerHiring(newcomer(), 'E_LABOR_CONTRACT')),
  },
  LABOR_FILING_HIRE: {
    code: 'CONTRACT_END_BEFORE_START',
    field: 'contractEndDate',
    run: async () => {
      const person = newcomer();
      const start = addDays(today, 5);
      const rejected = await outcome(
        employerHiring(person, 'LABOR_FILING_HIRE', { contractType: 'FIXED_TERM', contractStartDate: start, contractEndDate: addDays(start, -1) }),
      );
      return { rejected, accepted: await outcome(employerHiring(person, 'LABOR_FILING_HIRE', { contractType: 'FIXED_TERM', contractStartDate: start })) };
    },
  },
  LABOR_FILING_TERMINATION: {
    code: 'NO_LABOR_RELATION',
    field: 'employerCreditCode',
    run: async () => {
      // No employment with the hospital on record.
      const rejected = await outcome(employerTermination(newcomer(), HOSPITAL));
      const worker = newcomer();
      await employedBy(worker, HOSPITAL);
      return { rejected, accepted: await outcome(employerTermination(worker, HOSPITAL, { terminationDate: addDays(today, -1) })) };
    },
  },
  SUBSIDY_HIRING_DISADVANTAGED: {
    code: 'NOT_HARD_TO_EMPLOY',
    field: null,
    run: async () => {
      const worker = newcomer();
      await employedBy(worker, SOFTWARE);
      const rejected = await outcome(employerHiring(worker, 'SUBSIDY_HIRING_DISADVANTAGED'));
      const recognised = newcomer();
      await hardToEmploy(recognised);
      await employedBy(recognised, SOFTWARE);
      return { rejected, accepted: await outcome(employerHiring(recognised, 'SUBSIDY_HIRING_DISADVANTAGED')) };
    },
  },
  SUBSIDY_HIRING_GRADUATES: {
    code: 'NOT_EMPLOYED_BY_EMPLOYER',
    field: 'employerCreditCode',
    run: async () => {
      const worker = newcomer();
      // Not (yet) employed by the software company.
      const rejected = await outcome(employerHiring(worker, 'SUBSIDY_HIRING_GRADUATES'));
      await employedBy(worker, SOFTWARE);
      return { rejected, accepted: await outcome(employerHiring(worker, 'SUBSIDY_HIRING_GRADUATES')) };
    },
  },
  SUBSIDY_PUBLIC_WELFARE_POST: {
    code: 'NOT_EMPLOYED_BY_EMPLOYER',
    field: 'employerCreditCode',
    run: async () => {
      const person = newcomer();
      await hardToEmploy(person);
      // Recognised, but the post is the hospital's and the hospital does not employ them.
      const rejected = await outcome(employerHiring(person, 'SUBSIDY_PUBLIC_WELFARE_POST', {}, HOSPITAL));
      await employedBy(person, HOSPITAL);
      return { rejected, accepted: await outcome(employerHiring(person, 'SUBSIDY_PUBLIC_WELFARE_POST', {}, HOSPITAL)) };
    },
  },

  // ---- 创业 ----
  BUSINESS_START_GUIDANCE: {
    code: 'ENTREPRENEURSHIP_SERVICE_OPEN',
    field: null,
    run: () => twice(founder(newcomer(), 'BUSINESS_START_GUIDANCE')),
  },
  ENTREPRENEURSHIP_TRAINING: {
    code: 'ENTREPRENEURSHIP_SERVICE_OPEN',
    field: null,
    run: () => twice(jiangsuFounder(newcomer(), 'ENTREPRENEURSHIP_TRAINING', { trainingType: 'SYB' })),
  },
  STARTUP_LOAN_PERSONAL: {
    code: 'LOAN_AMOUNT_OVER_CAP',
    field: 'loanAmount',
    run: async () => {
      const person = newcomer();
      const loan = { founderIdentity: 'GRADUATE', loanTermMonths: 36 };
      // Over the cap of 财金〔2020〕21号 (200,000 yuan, the local default).
      const rejected = await outcome(founder(person, 'STARTUP_LOAN_PERSONAL', { ...loan, loanAmount: '200001' }));
      return { rejected, accepted: await outcome(founder(person, 'STARTUP_LOAN_PERSONAL', { ...loan, loanAmount: '200000' })) };
    },
  },
  STARTUP_LOAN_ENTERPRISE: {
    code: 'KEY_GROUP_SHARE_TOO_LOW',
    field: 'keyGroupHires',
    run: async () => {
      // 财金〔2020〕21号: new hires of the eligible groups reach 15 % of the staff (up to 100 employees).
      const rejected = await outcome(jiangsuEnterprise('STARTUP_LOAN_ENTERPRISE', { totalEmployees: 20, keyGroupHires: 2 }));
      return { rejected, accepted: await outcome(jiangsuEnterprise('STARTUP_LOAN_ENTERPRISE', { totalEmployees: 20, keyGroupHires: 3 })) };
    },
  },
  STARTUP_SUBSIDY: {
    code: 'FOUNDER_IDENTITY_NOT_MET',
    field: 'founderIdentity',
    run: async () => {
      const subsidy = (person: FormPerson) => founder(person, 'STARTUP_SUBSIDY', { founderIdentity: 'REGISTERED_UNEMPLOYED' });
      // 城镇登记失业人员 with no unemployment registration in force.
      const rejected = await outcome(subsidy(newcomer()));
      // Registered first: the 创业 submission's automatic 劳动用工备案 would make them employed.
      const registered = newcomer();
      await completed(unemployment(registered, 'UNEMPLOYMENT_REGISTRATION'));
      return { rejected, accepted: await outcome(subsidy(registered)) };
    },
  },
  STARTUP_VENUE_RENT_SUBSIDY: {
    code: 'LEASE_NOT_STARTED',
    field: 'leaseStartDate',
    run: async () => {
      const person = newcomer();
      // Rent is subsidised once the lease runs.
      const rejected = await outcome(jiangsuFounder(person, 'STARTUP_VENUE_RENT_SUBSIDY', { leaseStartDate: addDays(today, 10) }));
      return { rejected, accepted: await outcome(jiangsuFounder(person, 'STARTUP_VENUE_RENT_SUBSIDY')) };
    },
  },
  ONE_OFF_STARTUP_SUBSIDY: {
    code: 'STARTUP_SUBSIDY_ALREADY_GRANTED',
    field: null,
    // 一次性: granted once per enterprise.
    run: () => twice(jiangsuEnterprise('ONE_OFF_STARTUP_SUBSIDY', { founderIdentity: 'GRADUATE' }), true),
  },
  STARTUP_JOB_CREATION_SUBSIDY: {
    code: 'STARTUP_SUBSIDY_OPEN',
    field: null,
    run: () => twice(jiangsuEnterprise('STARTUP_JOB_CREATION_SUBSIDY', { hiredCount: 3 })),
  },
  INCUBATOR_OPERATION_SUBSIDY: {
    code: 'VALUE_NOT_POSITIVE',
    field: 'incubatedEntities',
    run: async () => {
      // A start-up base hosting no start-up.
      const rejected = await outcome(jiangsuEnterprise('INCUBATOR_OPERATION_SUBSIDY', { incubatedEntities: 0 }, SOFTWARE));
      return { rejected, accepted: await outcome(jiangsuEnterprise('INCUBATOR_OPERATION_SUBSIDY', { incubatedEntities: 12 }, SOFTWARE)) };
    },
  },
  STARTUP_FAILURE_INSURANCE_SUBSIDY: {
    code: 'DATE_IN_FUTURE',
    field: 'closureDate',
    run: async () => {
      // Closed only in a week: not yet failed.
      const rejected = await outcome(jiangsuEnterprise('STARTUP_FAILURE_INSURANCE_SUBSIDY', { closureDate: addDays(today, 7) }));
      return { rejected, accepted: await outcome(jiangsuEnterprise('STARTUP_FAILURE_INSURANCE_SUBSIDY')) };
    },
  },

  // ---- 招聘 ----
  JOB_FAIR_BOOTH: {
    code: 'BOOTH_ALREADY_BOOKED',
    field: 'jobFairId',
    run: async () => {
      const fairId = jobFair();
      const form = recruitment('ENTERPRISE', 'JOB_FAIR_BOOTH', { JOB_FAIR_BOOTH: { jobFairId: fairId } });
      return twice(form);
    },
  },
  ONLINE_RECRUITMENT: {
    code: 'DATE_IN_PAST',
    field: 'publishUntil',
    run: async () => {
      const rejected = await outcome(recruitment('ENTERPRISE', 'ONLINE_RECRUITMENT', { ONLINE_RECRUITMENT: { publishUntil: addDays(today, -1) } }));
      return {
        rejected,
        accepted: await outcome(recruitment('ENTERPRISE', 'ONLINE_RECRUITMENT', { ONLINE_RECRUITMENT: { publishUntil: addDays(today, 30) } })),
      };
    },
  },
  ONLINE_INTERVIEW: {
    code: 'DATE_IN_PAST',
    field: 'interviewDate',
    run: async () => {
      const rejected = await outcome(recruitment('ENTERPRISE', 'ONLINE_INTERVIEW', { ONLINE_INTERVIEW: { interviewDate: addDays(today, -1) } }));
      return { rejected, accepted: await outcome(recruitment('GRADUATES', 'ONLINE_INTERVIEW', { ONLINE_INTERVIEW: { interviewDate: addDays(today, 3) } })) };
    },
  },
  GRADUATE_JOB_FAIR_BOOTH: {
    code: 'BOOTH_ALREADY_BOOKED',
    field: 'jobFairId',
    run: () => twice(recruitment('GRADUATES', 'GRADUATE_JOB_FAIR_BOOTH', { GRADUATE_JOB_FAIR_BOOTH: { jobFairId: jobFair() } }, HOSPITAL)),
  },
  GRADUATE_ONLINE_RECRUITMENT: {
    code: 'DATE_IN_PAST',
    field: 'publishUntil',
    run: async () => {
      const form = (publishUntil: string) => recruitment('GRADUATES', 'GRADUATE_ONLINE_RECRUITMENT', { GRADUATE_ONLINE_RECRUITMENT: { publishUntil } });
      const rejected = await outcome(form(addDays(today, -1)));
      return { rejected, accepted: await outcome(form(today)) };
    },
  },
};

const OWNED = itemsOwnedBy(catalog, ['employment']);

describe('every item of employment, accepted and rejected through the gateway', () => {
  it('has a row for every item the catalog gives to employment, and none for another', () => {
    expect(OWNED.length).toBeGreaterThan(0);
    expect(Object.keys(ROWS).sort()).toEqual(OWNED);
  });

  it.each(Object.keys(ROWS))('%s', async (code) => {
    const row = ROWS[code]!;
    const { accepted, rejected } = await row.run();
    expect(accepted.itemCode).toBe(code);
    expect(['ACCEPTED', 'COMPLETED']).toContain(accepted.status);
    expect(accepted.rejection).toBeNull();
    expect(rejected).toMatchObject({ itemCode: code, status: 'REJECTED', rejection: { code: row.code, field: row.field } });
  });
});
