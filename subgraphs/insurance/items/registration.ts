/** 参保登记: 灵活就业参保缴费, 城乡居民养老保险参保缴费, 职工参保登记, 增员申报, 用工参保登记, 机关事业单位人员增加. */
import type { Queryable } from '../../../src/db/database.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { rejected } from '../../../src/subgraph/item-ledger.js';
import { RESIDENT_PENSION_MIN_AGE, insurancePolicy } from '../policy.js';
import { InsuranceRejection as R } from '../rejections.js';
import { insuranceWrites as db } from '../writes.js';
import { registrations } from '../records.js';
import { ageOn, todayInChina } from '../../../src/policy/calendar.js';
import { applyingEmployer, contributing, handlingRegion, noAgency } from './common.js';
import type { InsuranceItemHandlers } from '../generated/items.js';

/** 机关事业单位养老保险 covers 机关 and 事业单位 staff (国发〔2015〕2号); enterprises pay the enterprise scheme. */
const pensionSchemeOf = (employerKind: string) => (employerKind === 'ENTERPRISE' ? 'ENTERPRISE_PENSION' : 'INSTITUTION_PENSION');

/**
 * An employer starts contributing for a person in the schemes chosen (增员, 用工参保登记,
 * 机关事业单位人员增加): one employee pension scheme, the one that fits the employer, and no other
 * employer still paying in it.
 */
async function declareHire(
  tx: Queryable,
  dispatch: ItemDispatch,
  kind: 'CONTRIBUTOR_ADDITION' | 'HIRING' | 'INSTITUTION_STAFF',
  insuranceTypes: readonly string[],
  columns: { start_date?: string; contribution_base?: string },
): Promise<ItemOutcome> {
  const personKey = dispatch.applicant.personId;
  const code = dispatch.itemCode;
  const applying = await applyingEmployer(tx, dispatch, true);
  if ('rejection' in applying) return applying.rejection;
  const employer = applying.employer!;
  const types = [...new Set(insuranceTypes)];
  if (types.length === 0) return rejected(code, R.INSURANCE_TYPES_EMPTY, 'choose at least one insurance type', 'insuranceTypes');
  if (types.includes('ENTERPRISE_PENSION') && types.includes('INSTITUTION_PENSION')) {
    return rejected(
      code,
      R.CONFLICTING_PENSION_SCHEMES,
      'a person contributes to one employee pension scheme only: 企业职工 or 机关事业单位',
      'insuranceTypes',
    );
  }
  if (types.includes('INSTITUTION_PENSION') && employer.kind === 'ENTERPRISE') {
    return rejected(
      code,
      R.SCHEME_NOT_FOR_EMPLOYER,
      "机关事业单位养老保险 is not open to an enterprise's staff",
      kind === 'INSTITUTION_STAFF' ? 'employerCreditCode' : 'insuranceTypes',
    );
  }
  if (await registrations.hasOpen(tx, personKey, kind)) {
    return rejected(code, R.APPLICATION_IN_PROGRESS, 'an earlier registration of this kind for the applicant is still being handled');
  }
  const schemes = await db.schemesOf(tx, personKey);
  for (const type of types) {
    const current = contributing(schemes, type);
    if (current?.employer_credit_code === employer.credit_code) {
      return rejected(code, R.ALREADY_INSURED, `the employer already contributes to ${type} for the applicant`, 'insuranceTypes');
    }
    if (current?.employer_credit_code) {
      return rejected(
        code,
        R.INSURED_BY_ANOTHER_EMPLOYER,
        `another employer still contributes to ${type} for the applicant: it must declare the 减员 first`,
        'insuranceTypes',
      );
    }
  }
  if (!(await db.agency(tx, employer.region_code))) return noAgency(dispatch);
  const number = await registrations.insert(tx, dispatch, {
    person_key: personKey,
    kind,
    schemes: types,
    employer_credit_code: employer.credit_code,
    start_date: columns.start_date ?? todayInChina(),
    contribution_base: columns.contribution_base ?? null,
    region_code: employer.region_code,
  });
  return registrations.accepted(dispatch, number);
}

export const registrationHandlers = {
  // 社会保险法 第10条 (灵活就业人员可以参加职工基本养老保险), 经办条例 第6条.
  FLEXIBLE_EMPLOYMENT_INSURANCE: async (tx, input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const code = dispatch.itemCode;
    const policy = insurancePolicy();
    if (input.insuranceTypes.length === 0) return rejected(code, R.INSURANCE_TYPES_EMPTY, 'choose at least one insurance type', 'insuranceTypes');
    if (input.contributionGrade < policy.flexibleContributionGradeMin || input.contributionGrade > policy.flexibleContributionGradeMax) {
      return rejected(
        code,
        R.CONTRIBUTION_GRADE_OUT_OF_RANGE,
        `the contribution grade must be between ${policy.flexibleContributionGradeMin} and ${policy.flexibleContributionGradeMax} (% of the average wage), got ${input.contributionGrade}`,
        'contributionGrade',
      );
    }
    if (input.startDate < `${todayInChina().slice(0, 7)}-01`) {
      return rejected(code, R.START_DATE_IN_PAST, `contributions start this month at the earliest, got ${input.startDate}: past months are 补缴`, 'startDate');
    }
    if (await registrations.hasOpen(tx, personKey, 'FLEXIBLE_EMPLOYMENT')) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'an earlier flexible-employment registration of the applicant is still being handled');
    }
    const schemes = await db.schemesOf(tx, personKey);
    const pension = input.insuranceTypes.includes('ENTERPRISE_PENSION') ? contributing(schemes, 'ENTERPRISE_PENSION') : undefined;
    if (pension?.employer_credit_code) {
      return rejected(
        code,
        R.EMPLOYER_INSURED_IN_SCHEME,
        "the applicant is insured in 企业职工基本养老保险 through an employer: flexible-employment insurance starts after the employer's 减员",
        'insuranceTypes',
      );
    }
    if (pension) return rejected(code, R.ALREADY_INSURED, 'the applicant already contributes to 企业职工基本养老保险 as a flexible worker', 'insuranceTypes');
    // One basic pension scheme at a time (国发〔2014〕8号 第五条; 城乡养老保险制度衔接暂行办法 人社部发〔2014〕17号 第九条):
    // enterprise pension as a flexible worker excludes resident pension, enrolled or being enrolled.
    if (
      input.insuranceTypes.includes('ENTERPRISE_PENSION') &&
      (contributing(schemes, 'RESIDENT_PENSION') || (await db.openRegistrationOf(tx, personKey, 'RESIDENT_PENSION', 'RESIDENT_PENSION')))
    ) {
      return rejected(
        code,
        R.IN_RESIDENT_PENSION,
        'the applicant is in 城乡居民基本养老保险: one basic pension scheme at a time — cancel it (or transfer it under 制度衔接) before joining the enterprise scheme',
        'insuranceTypes',
      );
    }
    const region = await handlingRegion(tx, dispatch, schemes);
    if (!region) return noAgency(dispatch);
    const number = await registrations.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'FLEXIBLE_EMPLOYMENT',
      schemes: input.insuranceTypes.filter((t) => t === 'ENTERPRISE_PENSION'),
      // 职工基本医疗保险 is the medical-insurance agency's: recorded and forwarded, no scheme here.
      employee_medical: input.insuranceTypes.includes('EMPLOYEE_MEDICAL'),
      start_date: input.startDate,
      contribution_grade: input.contributionGrade,
      region_code: region,
    });
    return registrations.accepted(dispatch, number);
  },

  // 国发〔2014〕8号: residents aged 16+ (not students) outside the employee pension schemes.
  RESIDENT_PENSION_ENROLLMENT: async (tx, _input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const code = dispatch.itemCode;
    const shared = dispatch.sharedFields ?? {};
    if (ageOn(dispatch.applicant.birthDate, todayInChina()) < RESIDENT_PENSION_MIN_AGE) {
      return rejected(code, R.UNDER_MINIMUM_AGE, `resident pension insurance is open from the age of ${RESIDENT_PENSION_MIN_AGE}`, 'birthDate');
    }
    // As far as the form tells: going on to further study, or not graduated yet.
    if (shared.employmentType === 'FURTHER_STUDY') {
      return rejected(code, R.IN_FULL_TIME_STUDY, 'students in full-time study are not enrolled in resident pension insurance', 'employmentType');
    }
    if (typeof shared.graduationDate === 'string' && shared.graduationDate > todayInChina()) {
      return rejected(code, R.IN_FULL_TIME_STUDY, 'students in full-time study are not enrolled in resident pension insurance', 'graduationDate');
    }
    if (await registrations.hasOpen(tx, personKey, 'RESIDENT_PENSION')) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'an earlier resident pension enrolment of the applicant is still being handled');
    }
    const schemes = await db.schemesOf(tx, personKey);
    if (
      contributing(schemes, 'ENTERPRISE_PENSION') ||
      contributing(schemes, 'INSTITUTION_PENSION') ||
      (await db.openRegistrationOf(tx, personKey, 'FLEXIBLE_EMPLOYMENT', 'ENTERPRISE_PENSION'))
    ) {
      return rejected(
        code,
        R.IN_EMPLOYEE_PENSION,
        'the applicant contributes (or is being registered) in an employee pension scheme, which excludes resident pension insurance',
      );
    }
    if (contributing(schemes, 'RESIDENT_PENSION')) return rejected(code, R.ALREADY_INSURED, 'the applicant already contributes to resident pension insurance');
    if (await db.payingBenefit(tx, personKey, ['PENSION', 'RESIDENT_PENSION'])) {
      return rejected(code, R.ALREADY_DRAWING_PENSION, 'the applicant already draws a basic pension');
    }
    const region = await handlingRegion(tx, dispatch, schemes);
    if (!region) return noAgency(dispatch);
    const number = await registrations.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'RESIDENT_PENSION',
      schemes: ['RESIDENT_PENSION'],
      start_date: todayInChina(),
      region_code: region,
    });
    return registrations.accepted(dispatch, number);
  },

  // 社会保险法 第58条: the employer registers its hire within 30 days; 经办条例 第6条.
  EMPLOYEE_INSURANCE_REGISTRATION: async (tx, input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const code = dispatch.itemCode;
    const applying = await applyingEmployer(tx, dispatch, true);
    if ('rejection' in applying) return applying.rejection;
    const employer = applying.employer!;
    // Absent where the bundle does not ask it (事业单位聘用: 机关事业单位工作人员参保登记): the base is
    // declared once the new hire's salary is approved, and the registration keeps it empty until then.
    const base = input.contributionBase ?? null;
    if (base !== null && !(Number(base) > 0)) {
      return rejected(code, R.CONTRIBUTION_BASE_INVALID, `the contribution base must be a positive amount, got ${base}`, 'contributionBase');
    }
    if (await registrations.hasOpen(tx, personKey, 'EMPLOYEE')) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'an earlier insurance registration of the applicant is still being handled');
    }
    const scheme = pensionSchemeOf(employer.kind);
    const current = contributing(await db.schemesOf(tx, personKey), scheme);
    if (current?.employer_credit_code === employer.credit_code) {
      return rejected(code, R.ALREADY_INSURED, `the employer already contributes to ${scheme} for the applicant`);
    }
    if (current?.employer_credit_code) {
      return rejected(code, R.INSURED_BY_ANOTHER_EMPLOYER, `another employer still contributes to ${scheme} for the applicant: it must declare the 减员 first`);
    }
    if (!(await db.agency(tx, employer.region_code))) return noAgency(dispatch);
    const number = await registrations.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'EMPLOYEE',
      schemes: [scheme],
      employer_credit_code: employer.credit_code,
      start_date: todayInChina(),
      contribution_base: base,
      region_code: employer.region_code,
    });
    return registrations.accepted(dispatch, number);
  },

  // 经办条例 第10条: 增员 declared by the employer, per scheme.
  CONTRIBUTOR_ADDITION: (tx, input, dispatch) => declareHire(tx, dispatch, 'CONTRIBUTOR_ADDITION', input.insuranceTypes, {}),

  // 社会保险法 第58条 (within 30 days of hiring; a late registration is still taken, the delay is the
  // employer's liability, 第84条); 江苏 用工参保登记 merges 就业登记 and 参保登记.
  EMPLOYER_HIRING_INSURANCE_REGISTRATION: (tx, input, dispatch) => {
    if (!(Number(input.contributionBase) > 0)) {
      return Promise.resolve(
        rejected(
          dispatch.itemCode,
          R.CONTRIBUTION_BASE_INVALID,
          `the contribution base must be a positive amount, got ${input.contributionBase}`,
          'contributionBase',
        ),
      );
    }
    return declareHire(tx, dispatch, 'HIRING', input.insuranceTypes, { start_date: input.employmentStartDate, contribution_base: input.contributionBase });
  },

  // 国发〔2015〕2号 第二条: 机关事业单位 register their staff in 机关事业单位养老保险 (经办条例 第10条).
  INSTITUTION_PENSION_STAFF_ADDITION: (tx, input, dispatch) => {
    if (!(Number(input.contributionBase) > 0)) {
      return Promise.resolve(
        rejected(
          dispatch.itemCode,
          R.CONTRIBUTION_BASE_INVALID,
          `the contribution base must be a positive amount, got ${input.contributionBase}`,
          'contributionBase',
        ),
      );
    }
    return declareHire(tx, dispatch, 'INSTITUTION_STAFF', ['INSTITUTION_PENSION'], { start_date: input.startDate, contribution_base: input.contributionBase });
  },
} satisfies Partial<InsuranceItemHandlers>;
