import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { loadCatalog } from '../src/catalog/index.js';
import { personKey } from '../src/identity/person-key.js';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { newcomerIdNumber } from './support/items.js';
import { dispatchOutcomes, finishInOrder } from './support/cases.js';
import { SUBMIT, wholeApplication, type FormPerson, type Submitted, type WholeForm } from './support/forms.js';
import { tokenFor } from './support/tokens.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();
const catalog = loadCatalog();

const newcomer = (name: string, birthDate: string, gender: 'MALE' | 'FEMALE'): FormPerson => ({
  idType: 'RESIDENT_ID_CARD',
  // 浦口 (320111): a district with no social insurance agency among the demo data, always (a random
  // district hit 玄武 320102, which has one, one time in 99).
  idNumber: newcomerIdNumber(birthDate, gender, '320111'),
  name,
  gender,
  birthDate,
  phone: '13900000001',
});

/**
 * Each item's outcome when it was sent (a serial case's earlier items are then completed by the
 * counter, so that the later ones are sent): ACCEPTED, COMPLETED, REFERRED (another department's), SKIPPED (a serial bundle
 * stopped), or `REJECTED <code>`; `A | B` where a parallel bundle races two items.
 */
interface Case {
  readonly form: WholeForm;
  readonly expect: Record<string, string>;
}

const SOFTWARE = DEMO_EMPLOYERS.software.creditCode;
const HOSPITAL = DEMO_EMPLOYERS.hospital.creditCode;

const CASES: Record<string, () => Case> = {
  'jiangsu-difficulty-subsidy': () => ({
    form: { bundleCode: 'jiangsu-difficulty-subsidy', person: newcomer('孙难', '1975-03-01', 'FEMALE') },
    expect: {
      EMPLOYMENT_DIFFICULTY_RECOGNITION: 'ACCEPTED',
      FLEXIBLE_EMPLOYMENT_INSURANCE: 'REJECTED NO_HANDLING_AGENCY',
      FLEXIBLE_EMPLOYMENT_SUBSIDY: 'ACCEPTED',
      CARD_APPLICATION: 'ACCEPTED',
    },
  }),
  'jiangsu-employer-hiring': () => ({
    form: {
      bundleCode: 'jiangsu-employer-hiring',
      person: newcomer('周新', '1999-03-01', 'MALE'),
      applicant: DEMO_PEOPLE.chenJing,
      employerCreditCode: SOFTWARE,
    },
    expect: {
      E_LABOR_CONTRACT: 'ACCEPTED',
      EMPLOYER_HIRING_INSURANCE_REGISTRATION: 'ACCEPTED',
      GRADUATE_RECEPTION: 'ACCEPTED',
      ARCHIVE_TRANSFER_IN: 'ACCEPTED',
      SUBSIDY_HIRING_GRADUATES: 'REJECTED NOT_EMPLOYED_BY_EMPLOYER',
      SUBSIDY_HIRING_DISADVANTAGED: 'REJECTED NOT_EMPLOYED_BY_EMPLOYER',
      CARD_APPLICATION: 'ACCEPTED',
    },
  }),
  'jiangsu-entrepreneurship PERSONAL': () => ({
    form: { bundleCode: 'jiangsu-entrepreneurship', scenario: 'PERSONAL', person: newcomer('吴创', '1990-03-01', 'MALE') },
    expect: {
      ENTREPRENEURSHIP_TRAINING: 'ACCEPTED',
      STARTUP_LOAN_PERSONAL: 'REJECTED FOUNDER_IDENTITY_NOT_MET',
      STARTUP_VENUE_RENT_SUBSIDY: 'ACCEPTED',
      CARD_APPLICATION: 'ACCEPTED',
    },
  }),
  'jiangsu-entrepreneurship ENTERPRISE': () => ({
    form: { bundleCode: 'jiangsu-entrepreneurship', scenario: 'ENTERPRISE', person: newcomer('郑创', '1988-03-01', 'MALE'), employerCreditCode: SOFTWARE },
    expect: {
      STARTUP_VENUE_RENT_SUBSIDY: 'REJECTED STARTUP_SUBSIDY_OPEN',
      ONE_OFF_STARTUP_SUBSIDY: 'REJECTED FOUNDER_IDENTITY_NOT_MET',
      STARTUP_JOB_CREATION_SUBSIDY: 'ACCEPTED',
      INCUBATOR_OPERATION_SUBSIDY: 'ACCEPTED',
      STARTUP_FAILURE_INSURANCE_SUBSIDY: 'ACCEPTED',
      STARTUP_LOAN_ENTERPRISE: 'ACCEPTED',
    },
  }),
  'jiangsu-graduate': () => ({
    form: {
      bundleCode: 'jiangsu-graduate',
      person: newcomer('王毕', '2003-03-01', 'FEMALE'),
      // Not yet hired: the talent agency receives the archive.
      fields: { GRADUATE_RECEPTION: { receptionType: 'BY_TALENT_AGENCY' } },
    },
    expect: {
      GRADUATE_JOB_SEEKER_REGISTRATION: 'ACCEPTED',
      GRADUATE_RECEPTION: 'ACCEPTED',
      INTERNSHIP_APPLICATION: 'ACCEPTED',
      MOBILE_TALENT_PARTY_MANAGEMENT: 'ACCEPTED',
      TALENT_COLLECTIVE_HUKOU: 'REJECTED ARCHIVE_NOT_HELD',
      CARD_APPLICATION: 'ACCEPTED',
    },
  }),
  'jiangsu-institution-new-staff': () => ({
    form: { bundleCode: 'jiangsu-institution-new-staff', person: newcomer('冯新', '1995-03-01', 'FEMALE'), employerCreditCode: HOSPITAL },
    expect: {
      STAFF_TRANSFER_IN: 'ACCEPTED',
      SALARY_CHANGE_APPROVAL: 'ACCEPTED',
      HIRE_GRADUATE_PROCEDURE: 'ACCEPTED',
      HIRE_MOBILE_TALENT_PROCEDURE: 'REJECTED HIRE_PROCEDURE_CONFLICT',
      HIRE_RETURNEE_PROCEDURE: 'REJECTED HIRE_PROCEDURE_CONFLICT',
      HIRE_APPROVAL_FILING: 'ACCEPTED',
      INSTITUTION_PENSION_STAFF_ADDITION: 'ACCEPTED',
    },
  }),
  'jiangsu-insurance-registration': () => ({
    form: { bundleCode: 'jiangsu-insurance-registration', person: newcomer('陈参', '1992-03-01', 'MALE'), employerCreditCode: SOFTWARE },
    expect: { EMPLOYER_HIRING_INSURANCE_REGISTRATION: 'ACCEPTED', FLEXIBLE_EMPLOYMENT_INSURANCE: 'REJECTED NO_HANDLING_AGENCY' },
  }),
  'jiangsu-insurance-transfer-in': () => ({
    form: { bundleCode: 'jiangsu-insurance-transfer-in', person: newcomer('褚转', '1987-03-01', 'MALE') },
    expect: {
      PENSION_TRANSFER_IN_ENTERPRISE: 'REJECTED NO_HANDLING_AGENCY',
      UNEMPLOYMENT_INSURANCE_TRANSFER_IN: 'REJECTED NO_HANDLING_AGENCY',
      CARD_APPLICATION: 'ACCEPTED',
    },
  }),
  'jiangsu-recruitment ENTERPRISE': () => ({
    form: { bundleCode: 'jiangsu-recruitment', scenario: 'ENTERPRISE', person: DEMO_PEOPLE.chenJing, employerCreditCode: SOFTWARE },
    expect: { JOB_FAIR_BOOTH: 'ACCEPTED', ONLINE_RECRUITMENT: 'ACCEPTED', ONLINE_INTERVIEW: 'ACCEPTED' },
  }),
  'jiangsu-recruitment GRADUATES': () => ({
    form: { bundleCode: 'jiangsu-recruitment', scenario: 'GRADUATES', person: DEMO_PEOPLE.chenJing, employerCreditCode: SOFTWARE },
    expect: { GRADUATE_JOB_FAIR_BOOTH: 'ACCEPTED', GRADUATE_ONLINE_RECRUITMENT: 'ACCEPTED', ONLINE_INTERVIEW: 'ACCEPTED' },
  }),
  'jiangsu-retirement ENTERPRISE_EMPLOYEE': () => ({
    form: { bundleCode: 'jiangsu-retirement', scenario: 'ENTERPRISE_EMPLOYEE', person: newcomer('蒋退', '1965-03-01', 'MALE'), employerCreditCode: SOFTWARE },
    expect: {
      RETIREMENT_APPLICATION: 'REJECTED NO_PENSION_INSURANCE',
      ENTERPRISE_PENSION_BENEFIT_REVIEW: 'SKIPPED',
      SPECIAL_WORK_EARLY_RETIREMENT_APPROVAL: 'SKIPPED',
      CARD_APPLICATION: 'SKIPPED',
    },
  }),
  'jiangsu-retirement INSTITUTION_STAFF': () => ({
    form: { bundleCode: 'jiangsu-retirement', scenario: 'INSTITUTION_STAFF', person: newcomer('沈退', '1965-03-01', 'MALE'), employerCreditCode: HOSPITAL },
    expect: { INSTITUTION_PENSION_BENEFIT_APPROVAL: 'REJECTED NO_PENSION_INSURANCE', CARD_APPLICATION: 'SKIPPED' },
  }),
  'jiangsu-retirement RURAL_URBAN_RESIDENT': () => ({
    form: { bundleCode: 'jiangsu-retirement', scenario: 'RURAL_URBAN_RESIDENT', person: DEMO_PEOPLE.wangFang },
    expect: {
      RESIDENT_PENSION_BENEFIT: 'REJECTED ALREADY_DRAWING_PENSION',
      RESIDENT_PENSION_ARREARS: 'SKIPPED',
      PENSION_TRANSFER_IN_RESIDENT: 'SKIPPED',
      CARD_APPLICATION: 'SKIPPED',
    },
  }),
  'jiangsu-termination-insurance-stop': () => ({
    form: { bundleCode: 'jiangsu-termination-insurance-stop', person: DEMO_PEOPLE.zhangWei, employerCreditCode: SOFTWARE },
    expect: { EMPLOYER_TERMINATION_INSURANCE_STOP: 'REJECTED NOT_INSURED_BY_EMPLOYER', ONE_OFF_INJURY_MEDICAL_GRANT: 'REJECTED INJURY_NOT_RECOGNISED' },
  }),
  'jiangsu-unemployment': () => ({
    form: { bundleCode: 'jiangsu-unemployment', person: DEMO_PEOPLE.zhangWei },
    expect: {
      UNEMPLOYMENT_REGISTRATION: 'ACCEPTED',
      UNEMPLOYMENT_BENEFIT: 'ACCEPTED',
      EMPLOYMENT_INTENTION_COLLECTION: 'ACCEPTED',
      EMPLOYMENT_DIFFICULTY_RECOGNITION: 'REJECTED DIFFICULTY_CATEGORY_NOT_MET',
      CARD_APPLICATION: 'REJECTED CARD_ALREADY_HELD',
    },
  }),
  'jiangsu-work-injury-benefits': () => ({
    form: { bundleCode: 'jiangsu-work-injury-benefits', person: newcomer('韩伤', '1980-03-01', 'MALE') },
    expect: {
      INJURY_MEDICAL_REHAB_FOOD_CLAIM: 'REJECTED INJURY_NOT_RECOGNISED',
      WORK_DEATH_GRANTS: 'SKIPPED',
      DISABILITY_BENEFITS: 'SKIPPED',
      DEPENDANT_PENSION: 'SKIPPED',
      WORK_INJURY_BENEFIT_CHANGE: 'SKIPPED',
      ONE_OFF_INJURY_MEDICAL_GRANT: 'SKIPPED',
      OUT_OF_AREA_TRAVEL_EXPENSES: 'SKIPPED',
      ASSISTIVE_DEVICE_EXPENSES: 'SKIPPED',
      NON_AGREEMENT_EMERGENCY_EXPENSES: 'SKIPPED',
    },
  }),
  'national-employer-hiring': () => ({
    form: {
      bundleCode: 'national-employer-hiring',
      person: newcomer('杨招', '2000-03-01', 'MALE'),
      applicant: DEMO_PEOPLE.chenJing,
      employerCreditCode: SOFTWARE,
    },
    expect: {
      CONTRIBUTOR_ADDITION: 'ACCEPTED',
      PENSION_TRANSFER_IN_ENTERPRISE: 'ACCEPTED',
      UNEMPLOYMENT_INSURANCE_TRANSFER_IN: 'ACCEPTED',
      PENSION_TRANSFER_IN_INSTITUTION: 'ACCEPTED',
      PENSION_TRANSFER_IN_MILITARY: 'ACCEPTED',
      PENSION_TRANSFER_IN_MILITARY_SPOUSE: 'ACCEPTED',
      CARD_APPLICATION: 'ACCEPTED',
      EMPLOYMENT_REGISTRATION: 'ACCEPTED',
      ARCHIVE_TRANSFER_IN: 'ACCEPTED',
      PARTY_MEMBERSHIP_TRANSFER_IN: 'ACCEPTED',
      SUBSIDY_HIRING_DISADVANTAGED: 'REJECTED NOT_EMPLOYED_BY_EMPLOYER',
      SUBSIDY_HIRING_GRADUATES: 'REJECTED NOT_EMPLOYED_BY_EMPLOYER',
      SUBSIDY_PUBLIC_WELFARE_POST: 'REJECTED NOT_EMPLOYED_BY_EMPLOYER',
      E_LABOR_CONTRACT: 'ACCEPTED',
      LABOR_FILING_HIRE: 'ACCEPTED',
    },
  }),
  'national-employer-termination': () => ({
    form: { bundleCode: 'national-employer-termination', person: DEMO_PEOPLE.zhangWei, applicant: DEMO_PEOPLE.chenJing, employerCreditCode: SOFTWARE },
    expect: {
      CONTRIBUTOR_REDUCTION: 'REJECTED NOT_INSURED_BY_EMPLOYER',
      ARREARS_PAYMENT: 'ACCEPTED',
      LABOR_FILING_TERMINATION: 'REJECTED NO_LABOR_RELATION',
      ARCHIVE_TRANSFER_IN: 'REJECTED ARCHIVE_ALREADY_HELD',
      PARTY_MEMBERSHIP_TRANSFER_IN: 'REJECTED PARTY_MEMBERSHIP_ALREADY_HELD',
    },
  }),
  'national-entrepreneurship': () => ({
    // The founder names the enterprise founded (its items need its credit code).
    // Insured as the enterprise's employee, the founder is not also insured as flexibly employed (in parallel, the two race).
    form: {
      without: ['FLEXIBLE_EMPLOYMENT_INSURANCE'],
      bundleCode: 'national-entrepreneurship',
      person: newcomer('朱创', '1991-03-01', 'MALE'),
      employerCreditCode: DEMO_EMPLOYERS.ceramics.creditCode,
    },
    expect: {
      ARCHIVE_TRANSFER_IN: 'ACCEPTED',
      PARTY_MEMBERSHIP_TRANSFER_IN: 'ACCEPTED',
      BUSINESS_START_GUIDANCE: 'ACCEPTED',
      STARTUP_LOAN_PERSONAL: 'REJECTED FOUNDER_IDENTITY_NOT_MET',
      STARTUP_LOAN_ENTERPRISE: 'ACCEPTED',
      STARTUP_SUBSIDY: 'REJECTED FOUNDER_IDENTITY_NOT_MET',
      EMPLOYER_INSURANCE_REGISTRATION: 'REJECTED EMPLOYER_ALREADY_REGISTERED',
      EMPLOYEE_INSURANCE_REGISTRATION: 'ACCEPTED',
      CONTRIBUTOR_ADDITION: 'ACCEPTED',
      CARD_APPLICATION: 'ACCEPTED',
      PENSION_TRANSFER_IN_ENTERPRISE: 'ACCEPTED',
      PENSION_TRANSFER_IN_INSTITUTION: 'ACCEPTED',
      PENSION_TRANSFER_IN_MILITARY: 'ACCEPTED',
      PENSION_TRANSFER_IN_MILITARY_SPOUSE: 'ACCEPTED',
      UNEMPLOYMENT_INSURANCE_TRANSFER_IN: 'ACCEPTED',
      EMPLOYMENT_REGISTRATION: 'ACCEPTED',
      EMPLOYMENT_CERTIFICATE: 'ACCEPTED',
      LABOR_FILING_HIRE: 'ACCEPTED',
    },
  }),
  'national-graduate-employment': () => ({
    // Hired by the software company: 就业登记 names it.
    form: {
      bundleCode: 'national-graduate-employment',
      person: newcomer('秦毕', '2002-03-01', 'MALE'),
      employerCreditCode: SOFTWARE,
      shared: { employed: true, employerName: DEMO_EMPLOYERS.software.name },
    },
    expect: {
      JOB_INTRODUCTION: 'ACCEPTED',
      EMPLOYMENT_SERVICES: 'ACCEPTED',
      EMPLOYMENT_REGISTRATION: 'ACCEPTED',
      EMPLOYMENT_CERTIFICATE: 'ACCEPTED',
      ARCHIVE_TRANSFER_IN: 'ACCEPTED',
      PARTY_MEMBERSHIP_TRANSFER_IN: 'ACCEPTED',
      FLEXIBLE_EMPLOYMENT_INSURANCE: 'REJECTED NO_HANDLING_AGENCY',
      CARD_APPLICATION: 'ACCEPTED',
      FLEXIBLE_EMPLOYMENT_SUBSIDY: 'ACCEPTED',
    },
  }),
  'national-institution-hiring': () => ({
    form: { bundleCode: 'national-institution-hiring', person: newcomer('尤聘', '1996-03-01', 'FEMALE'), employerCreditCode: HOSPITAL },
    expect: {
      NEW_HIRE_INFO: 'ACCEPTED',
      EMPLOYEE_INSURANCE_REGISTRATION: 'ACCEPTED',
      CONTRIBUTOR_ADDITION: 'ACCEPTED',
      CARD_APPLICATION: 'ACCEPTED',
      PENSION_TRANSFER_IN_ENTERPRISE: 'ACCEPTED',
      PENSION_TRANSFER_IN_INSTITUTION: 'ACCEPTED',
      PENSION_TRANSFER_IN_MILITARY: 'ACCEPTED',
      PENSION_TRANSFER_IN_MILITARY_SPOUSE: 'ACCEPTED',
      UNEMPLOYMENT_INSURANCE_TRANSFER_IN: 'ACCEPTED',
      ARCHIVE_TRANSFER_OUT: 'REJECTED ARCHIVE_NOT_HELD',
      PARTY_MEMBERSHIP_TRANSFER_OUT: 'REJECTED PARTY_MEMBERSHIP_NOT_HELD',
      STAFFING_ENROLLMENT: 'REFERRED',
      NEW_HIRE_SALARY_APPROVAL: 'ACCEPTED',
      FINANCE_PAYROLL_ENROLLMENT: 'REFERRED',
      HOUSING_FUND_REGISTRATION: 'REFERRED',
    },
  }),
  'national-retirement': () => ({
    form: { bundleCode: 'national-retirement', person: newcomer('何退', '1965-03-01', 'MALE') },
    expect: {
      PENSION_TRANSFER_IN_ENTERPRISE: 'REJECTED NO_HANDLING_AGENCY',
      PENSION_TRANSFER_IN_INSTITUTION: 'REJECTED NO_HANDLING_AGENCY',
      PENSION_TRANSFER_IN_RESIDENT: 'REJECTED NO_HANDLING_AGENCY',
      MULTIPLE_ACCOUNT_REFUND: 'REJECTED NO_MULTIPLE_RELATIONSHIPS',
      RETIREMENT_APPLICATION: 'REJECTED NO_PENSION_INSURANCE',
      RETIREMENT_EARLY: 'REJECTED NO_PENSION_INSURANCE',
      WORK_ABILITY_APPRAISAL: 'REJECTED NO_APPRAISAL_GROUND',
      RETIREMENT_LUMP_SUM: 'REJECTED NO_PENSION_INSURANCE',
      LABOR_FILING_TERMINATION: 'REJECTED NO_LABOR_RELATION',
      ARREARS_PAYMENT: 'REJECTED NO_INSURANCE_RECORD',
      CARD_APPLICATION: 'ACCEPTED',
    },
  }),
  'national-social-security-card': () => ({
    form: { bundleCode: 'national-social-security-card', person: newcomer('吕卡', '1993-03-01', 'FEMALE') },
    expect: {
      CARD_APPLICATION: 'ACCEPTED',
      // Dispatched in parallel with the 申领 that creates the card (APPLIED): each finds either no
      // card yet or one not issued, whichever transaction commits first.
      ...Object.fromEntries(
        ['CARD_REISSUE', 'CARD_RENEWAL', 'CARD_REPLACEMENT', 'CARD_ENABLE', 'CARD_BANK_ACTIVATION', 'CARD_PIN_RESET', 'CARD_LOSS_REPORT'].map((code) => [
          code,
          'REJECTED CARD_NOT_ISSUED | REJECTED NO_CARD_IN_FORCE',
        ]),
      ),
    },
  }),
  'national-unemployment': () => ({
    // 灵活就业人员参保 and 城乡居民养老保险参保 exclude each other; dispatched in parallel, whichever goes first wins, so the form chooses one.
    form: {
      without: ['RESIDENT_PENSION_ENROLLMENT'],
      bundleCode: 'national-unemployment',
      person: DEMO_PEOPLE.zhangWei,
    },
    expect: {
      // 张伟's 失业登记 and 失业保险金 of jiangsu-unemployment (above) were completed by the counter.
      UNEMPLOYMENT_REGISTRATION: 'REJECTED UNEMPLOYMENT_ALREADY_REGISTERED',
      EMPLOYMENT_CERTIFICATE: 'ACCEPTED',
      EMPLOYMENT_DIFFICULTY_RECOGNITION: 'REJECTED DIFFICULTY_CATEGORY_NOT_MET',
      UNEMPLOYMENT_BENEFIT: 'REJECTED ALREADY_DRAWING_UNEMPLOYMENT_BENEFIT',
      UNEMPLOYED_MEDICAL_PREMIUM: 'ACCEPTED',
      VOCATIONAL_TRAINING_SUBSIDY: 'ACCEPTED',
      JOB_INTRODUCTION: 'ACCEPTED',
      FLEXIBLE_EMPLOYMENT_INSURANCE: 'ACCEPTED',
      CARD_APPLICATION: 'REJECTED CARD_ALREADY_HELD',
    },
  }),
  // The bundles about one who died come last: the deceased's records are closed by them.
  'jiangsu-death WORK_INJURY': () => ({
    form: { bundleCode: 'jiangsu-death', scenario: 'WORK_INJURY', person: newcomer('赵工', '1970-03-01', 'MALE'), applicant: DEMO_PEOPLE.liuYang },
    expect: { WORK_DEATH_GRANTS: 'REJECTED INJURY_NOT_RECOGNISED', DEPENDANT_PENSION: 'REJECTED INJURY_NOT_RECOGNISED', CARD_APPLICATION: 'ACCEPTED' },
  }),
  'jiangsu-death EMPLOYEE': () => ({
    form: { bundleCode: 'jiangsu-death', scenario: 'EMPLOYEE', person: DEMO_PEOPLE.zhangWei, applicant: DEMO_PEOPLE.liuYang },
    expect: {
      SURVIVOR_BENEFITS: 'ACCEPTED',
      PERSONAL_ACCOUNT_LUMP_SUM: 'ACCEPTED',
      // He draws the 失业保险金 the counter completed in jiangsu-unemployment.
      UNEMPLOYMENT_DEATH_BENEFITS: 'ACCEPTED',
      CARD_CANCELLATION: 'ACCEPTED',
    },
  }),
  'jiangsu-resident-pension-cancellation': () => ({
    form: { bundleCode: 'jiangsu-resident-pension-cancellation', person: DEMO_PEOPLE.wangFang, applicant: DEMO_PEOPLE.liuYang },
    expect: { RESIDENT_PENSION_CANCELLATION: 'ACCEPTED', RESIDENT_PENSION_ACCOUNT_LUMP_SUM: 'ACCEPTED', RESIDENT_FUNERAL_GRANT: 'ACCEPTED' },
  }),
  'national-retiree-death': () => ({
    form: { bundleCode: 'national-retiree-death', person: DEMO_PEOPLE.wangFang, applicant: DEMO_PEOPLE.liuYang },
    expect: {
      SURVIVOR_BENEFITS: 'REJECTED NO_PENSION_INSURANCE',
      PERSONAL_ACCOUNT_LUMP_SUM: 'REJECTED NO_PENSION_INSURANCE',
      // 王芳's resident pension was stopped by the cancellation completed in jiangsu-resident-pension-cancellation.
      BENEFIT_ACCOUNT_CHANGE: 'REJECTED NO_BENEFIT_PAID',
      WORK_INJURY_BENEFIT_CHANGE: 'REJECTED INJURY_NOT_RECOGNISED',
      CARD_CANCELLATION: 'ACCEPTED',
    },
  }),
  'national-work-death-benefits': () => ({
    form: {
      bundleCode: 'national-work-death-benefits',
      person: newcomer('施工', '1972-03-01', 'MALE'),
      applicant: DEMO_PEOPLE.liuYang,
      employerCreditCode: SOFTWARE,
    },
    expect: {
      INJURY_MEDICAL_EXPENSES: 'REJECTED INJURY_NOT_RECOGNISED',
      OUT_OF_AREA_TREATMENT_REPORT: 'REJECTED INJURY_NOT_RECOGNISED',
      OUT_OF_AREA_TRAVEL_EXPENSES: 'REJECTED INJURY_NOT_RECOGNISED',
      WORK_DEATH_GRANTS: 'REJECTED INJURY_NOT_RECOGNISED',
      DEPENDANT_PENSION: 'REJECTED INJURY_NOT_RECOGNISED',
      BENEFIT_ACCOUNT_CHANGE: 'REJECTED NO_BENEFIT_PAID',
      CONTRIBUTOR_REDUCTION: 'REJECTED NOT_INSURED_BY_EMPLOYER',
      CARD_CANCELLATION: 'REJECTED NO_CARD_IN_FORCE',
      WORK_INJURY_RECOGNITION: 'REJECTED NO_WORK_INJURY_INSURANCE',
    },
  }),
};

describe('all 24 bundles, every item chosen, through the gateway', () => {
  it('covers every bundle and scenario of the catalog', () => {
    const expected = [...catalog.bundles.values()].flatMap((b) => (b.scenarios.length ? b.scenarios.map((s) => `${b.code} ${s.code}`) : [b.code]));
    expect(Object.keys(CASES).sort()).toEqual(expected.sort());
  });

  it.each(Object.keys(CASES))('%s', async (name) => {
    const { form, expect: expected } = CASES[name]!();
    const input = wholeApplication(catalog, form);
    const { data, errors } = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
    expect(errors).toBeUndefined();
    // A serial case sends each item once the one before it is finished: the counter completes them in order.
    const outcomes = dispatchOutcomes(await finishInOrder(stack, data!.submitBundle));
    // `A | B`: items dispatched in parallel with one they depend on, whose outcome depends on which goes first.
    const matching = Object.fromEntries(
      Object.entries(outcomes).map(([code, outcome]) => [code, expected[code]?.split(' | ').includes(outcome) ? expected[code] : outcome]),
    );
    expect(matching).toEqual(expected);
    // Every item the applicant could tick went in, and nothing else but what the rules add.
    for (const chosen of input.items) expect(Object.keys(outcomes)).toContain(chosen.code);
  });
});

describe('the subject and the applicant (the roles of the form)', () => {
  const keyOf = (person: FormPerson) => personKey(stack.config.personKeySecret, person.idType, person.idNumber);
  const ROLES = `id person { id } subjectKind employerCreditCode applicant { role personId relationship } items { itemCode status }`;
  const VALIDATE = `query ($input: ValidateBundleInput!) { validateBundle(input: $input) { valid errors { code field } } }`;
  const AUDIT = `query ($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 20) { edges { node {
    submissionId personKey applicantRole applicantPersonKey subjectCreditCode operationType } } } }`;
  type AuditNode = {
    submissionId: string | null;
    personKey: string | null;
    applicantRole: string | null;
    applicantPersonKey: string | null;
    subjectCreditCode: string | null;
  };
  const auditOf = async (submissionId: string, filter: Record<string, unknown>) => {
    const admin = await tokenFor(stack, 'admin', { sub: 'admin-roles' });
    const { data, errors } = await stack.graphql<{ auditEvents: { edges: { node: AuditNode }[] } }>(AUDIT, { filter }, undefined, { token: admin });
    expect(errors).toBeUndefined();
    return data!.auditEvents.edges.map((e) => e.node).filter((n) => n.submissionId === submissionId);
  };
  const submitRoles = (input: unknown, token?: string, selection = ROLES) =>
    stack.graphql<{
      submitBundle: {
        id: string;
        person: { id: string };
        subjectKind: string;
        employerCreditCode: string | null;
        applicant: { role: string; personId: string; relationship: string | null };
      };
    }>(`mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { ${selection} } }`, { input }, undefined, token === undefined ? {} : { token });

  it('a death bundle is about the deceased and applied for by the family member: both kept on the submission and in the audit trail', async () => {
    const deceased = newcomer('欧阳老', '1950-05-01', 'MALE');
    const input = wholeApplication(catalog, {
      bundleCode: 'national-retiree-death',
      person: deceased,
      applicant: DEMO_PEOPLE.liuYang,
      shared: { agentRelationship: 'GRANDCHILD' },
    });
    const { data, errors } = await submitRoles(input);
    expect(errors).toBeUndefined();
    const submission = data!.submitBundle;
    expect(submission).toMatchObject({
      person: { id: keyOf(deceased) },
      subjectKind: 'PERSON',
      applicant: { role: 'FAMILY_MEMBER', personId: keyOf(DEMO_PEOPLE.liuYang), relationship: 'GRANDCHILD' },
    });
    // Found by either: the deceased's records, or what the family member did.
    for (const who of [deceased, DEMO_PEOPLE.liuYang]) {
      const events = await auditOf(submission.id, { personIdType: who.idType, personIdNumber: who.idNumber });
      expect(events).toContainEqual(
        expect.objectContaining({
          personKey: keyOf(deceased),
          applicantRole: 'FAMILY_MEMBER',
          applicantPersonKey: keyOf(DEMO_PEOPLE.liuYang),
          subjectCreditCode: null,
        }),
      );
    }
  });

  it("an employer's bundle is about the employer and applied for by its handler", async () => {
    const worker = newcomer('司马新', '1998-05-01', 'FEMALE');
    const input = wholeApplication(catalog, {
      bundleCode: 'national-employer-hiring',
      person: worker,
      applicant: DEMO_PEOPLE.chenJing,
      employerCreditCode: SOFTWARE,
      without: catalog.bundles
        .get('national-employer-hiring')!
        .items.map((e) => e.code)
        .filter((code) => code !== 'EMPLOYMENT_REGISTRATION'),
    });
    const { data, errors } = await submitRoles(input);
    expect(errors).toBeUndefined();
    expect(data!.submitBundle).toMatchObject({
      person: { id: keyOf(worker) },
      subjectKind: 'EMPLOYER',
      employerCreditCode: SOFTWARE,
      applicant: { role: 'EMPLOYER_HANDLER', personId: keyOf(DEMO_PEOPLE.chenJing), relationship: null },
    });
    const events = await auditOf(data!.submitBundle.id, { personIdType: worker.idType, personIdNumber: worker.idNumber });
    expect(events).toContainEqual(
      expect.objectContaining({ applicantRole: 'EMPLOYER_HANDLER', applicantPersonKey: keyOf(DEMO_PEOPLE.chenJing), subjectCreditCode: SOFTWARE }),
    );
  });

  it('a person applying for themselves is the subject and the applicant', async () => {
    const person = newcomer('诸葛本', '1994-05-01', 'MALE');
    const input = wholeApplication(catalog, {
      bundleCode: 'national-social-security-card',
      person,
      without: ['CARD_REISSUE', 'CARD_RENEWAL', 'CARD_REPLACEMENT', 'CARD_ENABLE', 'CARD_BANK_ACTIVATION', 'CARD_PIN_RESET', 'CARD_LOSS_REPORT'],
    });
    const { data, errors } = await submitRoles(input);
    expect(errors).toBeUndefined();
    expect(data!.submitBundle).toMatchObject({ subjectKind: 'PERSON', applicant: { role: 'SUBJECT', personId: keyOf(person), relationship: null } });
  });

  // validateBundle and submitBundle agree: each fault is named by both, with the same code and field, and nothing is stored.
  it.each<[string, () => Record<string, unknown>, string, string]>([
    [
      'the deceased named by no document',
      () => {
        const input = wholeApplication(catalog, {
          bundleCode: 'national-retiree-death',
          person: newcomer('上官老', '1948-01-01', 'FEMALE'),
          applicant: DEMO_PEOPLE.liuYang,
        });
        const { deceasedIdNumber: _gone, ...shared } = input.sharedFields;
        return { ...input, sharedFields: shared };
      },
      'FIELD_REQUIRED',
      'sharedFields.deceasedIdNumber',
    ],
    [
      "the family member giving the deceased's document as their own",
      () => {
        const deceased = newcomer('夏侯老', '1947-01-01', 'MALE');
        return wholeApplication(catalog, { bundleCode: 'jiangsu-death', scenario: 'WORK_INJURY', person: deceased, applicant: deceased });
      },
      'APPLICANT_IS_SUBJECT',
      'sharedFields.agentIdNumber',
    ],
    [
      "the family member's document with a wrong check digit",
      () => {
        const input = wholeApplication(catalog, {
          bundleCode: 'jiangsu-resident-pension-cancellation',
          person: newcomer('东方老', '1946-01-01', 'MALE'),
          applicant: DEMO_PEOPLE.liuYang,
        });
        return { ...input, sharedFields: { ...input.sharedFields, agentIdNumber: '110105200106010038' } };
      },
      'FIELD_INVALID',
      'sharedFields.agentIdNumber',
    ],
    [
      "the deceased's gender against their document",
      () => {
        const input = wholeApplication(catalog, {
          bundleCode: 'national-work-death-benefits',
          person: newcomer('慕容工', '1971-01-01', 'MALE'),
          applicant: DEMO_PEOPLE.liuYang,
          employerCreditCode: SOFTWARE,
        });
        return { ...input, sharedFields: { ...input.sharedFields, deceasedGender: 'FEMALE' } };
      },
      'FIELD_INVALID',
      'sharedFields.deceasedGender',
    ],
    [
      'an employer’s bundle without the employer',
      () => {
        const { employerCreditCode: _gone, ...input } = wholeApplication(catalog, {
          bundleCode: 'jiangsu-recruitment',
          scenario: 'ENTERPRISE',
          person: DEMO_PEOPLE.chenJing,
          employerCreditCode: SOFTWARE,
        });
        return input;
      },
      'FIELD_REQUIRED',
      'employerCreditCode',
    ],
    [
      'the form naming another employer than the one applying',
      () => {
        const input = wholeApplication(catalog, {
          bundleCode: 'jiangsu-employer-hiring',
          person: newcomer('令狐新', '1997-01-01', 'MALE'),
          applicant: DEMO_PEOPLE.chenJing,
          employerCreditCode: SOFTWARE,
        });
        return { ...input, sharedFields: { ...input.sharedFields, creditCode: HOSPITAL } };
      },
      'EMPLOYER_MISMATCH',
      'sharedFields.creditCode',
    ],
    [
      "the handler's document not valid",
      () => {
        const input = wholeApplication(catalog, {
          bundleCode: 'national-employer-termination',
          person: DEMO_PEOPLE.zhangWei,
          applicant: DEMO_PEOPLE.chenJing,
          employerCreditCode: SOFTWARE,
        });
        return { ...input, sharedFields: { ...input.sharedFields, contactIdNumber: '510107197802140068' } };
      },
      'FIELD_INVALID',
      'sharedFields.contactIdNumber',
    ],
  ])('%s: validateBundle and submitBundle both refuse it, naming the fault', async (_case, make, code, field) => {
    const input = make();
    const { idempotencyKey: _key, channel: _channel, ...form } = input;
    const validation = await stack.graphql<{ validateBundle: { valid: boolean; errors: { code: string; field: string }[] } }>(VALIDATE, { input: form });
    expect(validation.errors).toBeUndefined();
    expect(validation.data!.validateBundle.valid).toBe(false);
    expect(validation.data!.validateBundle.errors).toContainEqual({ code, field });
    const { errors } = await submitRoles(input);
    expect(errors![0]!.extensions).toMatchObject({ code: 'BUNDLE_INVALID' });
    const faults = errors![0]!.extensions!.errors as { code: string; field: string }[];
    expect(faults.map(({ code, field }) => ({ code, field }))).toEqual(validation.data!.validateBundle.errors);
  });

  it('a citizen applies in their own name for a family member who died, not for a stranger', async () => {
    const deceased = newcomer('皇甫老', '1949-01-01', 'MALE');
    const input = wholeApplication(catalog, {
      bundleCode: 'national-retiree-death',
      person: deceased,
      applicant: DEMO_PEOPLE.liNa,
      shared: { agentRelationship: 'CHILD' },
    });
    const family = await tokenFor(stack, 'citizen', { sub: 'citizen-lina', id_number: DEMO_PEOPLE.liNa.idNumber });
    const stranger = await tokenFor(stack, 'citizen', { sub: 'citizen-chen', id_number: DEMO_PEOPLE.chenJing.idNumber });
    // Not the person's own data: she sees the submission, not the deceased's Person.
    const own = 'id applicant { role personId relationship }';
    const refused = await submitRoles({ ...input, idempotencyKey: randomUUID() }, stranger, own);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'sharedFields.deceasedIdNumber' });
    const { data, errors } = await submitRoles({ ...input, channel: 'ONLINE' }, family, own);
    expect(errors).toBeUndefined();
    expect(data!.submitBundle.applicant).toMatchObject({ role: 'FAMILY_MEMBER', personId: keyOf(DEMO_PEOPLE.liNa) });
    // She reads what she applied for (not the deceased's person record: that is another rule).
    const read = await stack.graphql<{ submission: { id: string; applicant: { role: string } } }>(
      'query ($id: ID!) { submission(id: $id) { id applicant { role } } }',
      { id: data!.submitBundle.id },
      undefined,
      { token: family },
    );
    expect(read.errors).toBeUndefined();
    expect(read.data!.submission).toEqual({ id: data!.submitBundle.id, applicant: { role: 'FAMILY_MEMBER' } });
  });
});
