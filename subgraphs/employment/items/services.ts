/**
 * Job seekers' services (就业服务, 就业意愿采集, 高校毕业生求职登记, 就业见习岗位申请) and the 社会保险
 * 补贴 (灵活就业, 吸纳困难人员, 吸纳毕业生, 公益性岗位). All TIME_LIMITED and completed by the
 * counter. Subsidy amounts and periods are local policy; the records decide who is eligible.
 */
import { rejected } from '../../../src/subgraph/item-ledger.js';
import type { Queryable } from '../../../src/db/database.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { addMonths, ageOn, todayInChina } from '../../../src/policy/calendar.js';
import { retirementDate, retirementSchedule } from '../../../src/policy/retirement.js';
import type { EmploymentItemHandlers } from '../generated/items.js';
import {
  GRADUATE_PERIOD_MONTHS,
  INTERNSHIP_YOUTH_MAX_AGE,
  SOCIAL_INSURANCE_SUBSIDY_KINDS,
  SOCIAL_INSURANCE_SUBSIDY_MAX_MONTHS,
  SOCIAL_INSURANCE_SUBSIDY_NEAR_RETIREMENT_YEARS,
} from '../policy.js';
import { employmentSubsidies, jobSeekerServices } from '../records.js';
import { checkNotEmployed, checkWorkingAge, enterpriseOf, isDate } from '../rules.js';
import { employmentWrites } from '../writes.js';

const blank = (dispatch: ItemDispatch, field: string) => rejected(dispatch.itemCode, 'REQUIRED_FIELD_BLANK', `${field} may not be blank`, field);

/** The form's 毕业时间 (shared field graduationDate), when the bundle asks it. */
const graduationDateOf = (dispatch: ItemDispatch): string | null => {
  const value = dispatch.sharedFields?.graduationDate;
  return isDate(value) ? value : null;
};
/** 离校2年内 (GRADUATE_PERIOD_MONTHS after graduation, 财社〔2017〕164号). */
const withinGraduatePeriod = (graduated: string, today: string) => addMonths(graduated, GRADUATE_PERIOD_MONTHS) >= today;

/** One request of the item's kind open per person. */
async function service(tx: Queryable, dispatch: ItemDispatch, columns: Record<string, unknown>): Promise<ItemOutcome> {
  const personKey = dispatch.applicant.personId;
  if (await jobSeekerServices.hasOpen(tx, personKey, dispatch.itemCode)) {
    return rejected(dispatch.itemCode, 'JOB_SEEKER_SERVICE_OPEN', 'a request of this service by the applicant is still open');
  }
  const number = await jobSeekerServices.insert(tx, dispatch, { person_key: personKey, kind: dispatch.itemCode, ...columns });
  return jobSeekerServices.accepted(dispatch, number);
}

/**
 * 社会保险补贴期限 (财社〔2017〕164号 第5条): at most SOCIAL_INSURANCE_SUBSIDY_MAX_MONTHS from the
 * person's first grant of any 社会保险补贴, unless at that grant they were within
 * SOCIAL_INSURANCE_SUBSIDY_NEAR_RETIREMENT_YEARS of the statutory retirement age (then until
 * retirement). A woman's age depends on her post, which the form does not say: the earlier
 * (worker's) age is taken, so only someone surely past the period is refused.
 */
async function checkSubsidyPeriod(tx: Queryable, dispatch: ItemDispatch, today: string): Promise<ItemOutcome | null> {
  const { personId, gender, birthDate } = dispatch.applicant;
  const first = await employmentWrites.firstSocialInsuranceSubsidyGrant(tx, personId, SOCIAL_INSURANCE_SUBSIDY_KINDS);
  if (first === null) return null;
  const endsOn = addMonths(first, SOCIAL_INSURANCE_SUBSIDY_MAX_MONTHS);
  if (today < endsOn) return null;
  const retiresOn = retirementDate(birthDate, retirementSchedule(gender, 'WORKER'));
  if (first >= addMonths(retiresOn, -12 * SOCIAL_INSURANCE_SUBSIDY_NEAR_RETIREMENT_YEARS)) return null;
  return rejected(
    dispatch.itemCode,
    'SUBSIDY_PERIOD_OVER',
    `社会保险补贴 was first granted on ${first}: its ${SOCIAL_INSURANCE_SUBSIDY_MAX_MONTHS} months ended on ${endsOn}`,
  );
}

/**
 * A subsidy for hiring the applicant: the employer applies (unified social credit code) for
 * someone it employs (employment registration open or hire filing in force); one open
 * application per person, kind and employer.
 */
async function hiringSubsidy(tx: Queryable, dispatch: ItemDispatch, eligible: () => Promise<ItemOutcome | null>): Promise<ItemOutcome> {
  const enterprise = enterpriseOf(dispatch);
  if ('rejection' in enterprise) return enterprise.rejection;
  const personKey = dispatch.applicant.personId;
  if (!(await employmentWrites.employedBy(tx, personKey, enterprise.creditCode))) {
    return rejected(
      dispatch.itemCode,
      'NOT_EMPLOYED_BY_EMPLOYER',
      `no employment of the applicant with ${enterprise.creditCode} is on record (就业登记 or 劳动用工备案 comes first)`,
      'employerCreditCode',
    );
  }
  const refusal = (await eligible()) ?? (await checkSubsidyPeriod(tx, dispatch, todayInChina()));
  if (refusal) return refusal;
  const open = await employmentWrites.openEmploymentSubsidy(tx, dispatch.itemCode, personKey, enterprise.creditCode);
  if (open) return rejected(dispatch.itemCode, 'SUBSIDY_OPEN', `application ${open.application_number} for this subsidy is still being handled`);
  const number = await employmentSubsidies.insert(tx, dispatch, {
    person_key: personKey,
    kind: dispatch.itemCode,
    employer_credit_code: enterprise.creditCode,
  });
  return employmentSubsidies.accepted(dispatch, number);
}

/** 就业困难人员, recognised (就业促进法 第52条): the condition of the subsidies for hiring them. */
async function checkHardToEmploy(tx: Queryable, dispatch: ItemDispatch): Promise<ItemOutcome | null> {
  return (await employmentWrites.hardToEmployRecognition(tx, dispatch.applicant.personId))
    ? null
    : rejected(dispatch.itemCode, 'NOT_HARD_TO_EMPLOY', 'the person is not recognised as 就业困难人员 (就业困难人员认定 comes first)');
}

export const serviceHandlers = {
  /** 就业服务 (就业促进法 第35条: free public employment services): at least one service, for someone of working age. */
  EMPLOYMENT_SERVICES: async (tx, input, dispatch) => {
    if (input.services.length === 0) return rejected(dispatch.itemCode, 'SERVICES_REQUIRED', 'choose at least one service', 'services');
    const age = checkWorkingAge(dispatch, todayInChina());
    if (age) return age;
    return service(tx, dispatch, { services: [...new Set(input.services)] });
  },

  /** 就业意愿采集: someone who wants work names the work; of working age. */
  EMPLOYMENT_INTENTION_COLLECTION: async (tx, input, dispatch) => {
    if (input.wantsEmployment && !input.desiredJob?.trim()) {
      return rejected(dispatch.itemCode, 'DESIRED_JOB_REQUIRED', '有就业意愿的 names the desired job (求职意向)', 'desiredJob');
    }
    const age = checkWorkingAge(dispatch, todayInChina());
    if (age) return age;
    return service(tx, dispatch, {
      wants_employment: input.wantsEmployment,
      desired_job: input.desiredJob?.trim() || null,
      wants_training: input.wantsTraining ?? null,
    });
  },

  /**
   * 高校毕业生求职登记: a graduate of the year or within two years of leaving school (by the form's
   * 毕业时间 when the bundle asks it), not employed now.
   */
  GRADUATE_JOB_SEEKER_REGISTRATION: async (tx, input, dispatch) => {
    for (const field of ['desiredJob', 'desiredRegion'] as const) if (!input[field].trim()) return blank(dispatch, field);
    if (input.expectedMonthlySalary != null && !(Number(input.expectedMonthlySalary) > 0)) {
      return rejected(dispatch.itemCode, 'SALARY_NOT_POSITIVE', `期望月薪 must be more than 0, got ${input.expectedMonthlySalary}`, 'expectedMonthlySalary');
    }
    const today = todayInChina();
    const graduated = graduationDateOf(dispatch);
    if (graduated && !withinGraduatePeriod(graduated, today)) {
      return rejected(dispatch.itemCode, 'GRADUATE_PERIOD_OVER', `graduated on ${graduated}: more than ${GRADUATE_PERIOD_MONTHS} months ago`, 'graduationDate');
    }
    const employed = await checkNotEmployed(tx, dispatch);
    if (employed) return employed;
    return service(tx, dispatch, {
      desired_job: input.desiredJob.trim(),
      desired_region: input.desiredRegion.trim(),
      expected_monthly_salary: input.expectedMonthlySalary ?? null,
      graduation_date: graduated,
    });
  },

  /**
   * 就业见习岗位申请: 离校2年内未就业高校毕业生 (by 毕业时间) or unemployed young people aged 16–24
   * (国办发〔2022〕13号); not employed now; a start not in the past.
   */
  INTERNSHIP_APPLICATION: async (tx, input, dispatch) => {
    if (!input.internshipPostId.trim()) return blank(dispatch, 'internshipPostId');
    const today = todayInChina();
    if (input.preferredStartDate && input.preferredStartDate < today) {
      return rejected(dispatch.itemCode, 'DATE_IN_PAST', `期望见习开始日期 ${input.preferredStartDate} is before today`, 'preferredStartDate');
    }
    const age = checkWorkingAge(dispatch, today);
    if (age) return age;
    const graduated = graduationDateOf(dispatch);
    const youth = ageOn(dispatch.applicant.birthDate, today) <= INTERNSHIP_YOUTH_MAX_AGE;
    if (!youth && !(graduated && withinGraduatePeriod(graduated, today))) {
      return rejected(
        dispatch.itemCode,
        'INTERNSHIP_NOT_ELIGIBLE',
        `就业见习 is for graduates within ${GRADUATE_PERIOD_MONTHS} months of leaving school or unemployed people aged 16–${INTERNSHIP_YOUTH_MAX_AGE}`,
        graduated ? 'graduationDate' : undefined,
      );
    }
    const employed = await checkNotEmployed(tx, dispatch);
    if (employed) return employed;
    return service(tx, dispatch, {
      internship_post_id: input.internshipPostId.trim(),
      preferred_start_date: input.preferredStartDate ?? null,
      graduation_date: graduated,
    });
  },

  /**
   * 灵活就业社会保险补贴 (就业促进法 第52条; 财社〔2017〕164号 第5条): for 就业困难人员 — recognised, or
   * whose recognition was accepted earlier in this (serial) submission — and 离校2年内 graduates,
   * in flexible employment (no employment registration open). Whether premiums were paid is the
   * insurance record the counter checks; the period (up to 3 years) and amount are local.
   */
  FLEXIBLE_EMPLOYMENT_SUBSIDY: async (tx, input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const today = todayInChina();
    const employed = await checkNotEmployed(tx, dispatch);
    if (employed) return employed;
    const recognised = Boolean(await employmentWrites.hardToEmployRecognition(tx, personKey));
    const recognisedNow = (dispatch.priorOutcomes ?? []).some((o) => o.itemCode === 'EMPLOYMENT_DIFFICULTY_RECOGNITION' && o.status !== 'REJECTED');
    const graduated = graduationDateOf(dispatch);
    if (!recognised && !recognisedNow && !(graduated && withinGraduatePeriod(graduated, today))) {
      return rejected(
        dispatch.itemCode,
        'NOT_ELIGIBLE_FOR_SUBSIDY',
        '灵活就业社保补贴 is for 就业困难人员 and graduates within two years of leaving school',
        graduated ? 'graduationDate' : undefined,
      );
    }
    const period = await checkSubsidyPeriod(tx, dispatch, today);
    if (period) return period;
    const open = await employmentWrites.openEmploymentSubsidy(tx, dispatch.itemCode, personKey, null);
    if (open) return rejected(dispatch.itemCode, 'SUBSIDY_OPEN', `application ${open.application_number} for this subsidy is still being handled`);
    const number = await employmentSubsidies.insert(tx, dispatch, { person_key: personKey, kind: dispatch.itemCode, account: input.subsidyAccount ?? null });
    return employmentSubsidies.accepted(dispatch, number);
  },

  /** 企业吸纳就业困难人员社保补贴 (就业促进法 第52条; 财社〔2017〕164号 第5条): a recognised person the employer employs. */
  SUBSIDY_HIRING_DISADVANTAGED: (tx, _input, dispatch) => hiringSubsidy(tx, dispatch, () => checkHardToEmploy(tx, dispatch)),

  /** 公益性岗位社保补贴 (财社〔2017〕164号 第5条): public-welfare posts go to recognised 就业困难人员. */
  SUBSIDY_PUBLIC_WELFARE_POST: (tx, _input, dispatch) => hiringSubsidy(tx, dispatch, () => checkHardToEmploy(tx, dispatch)),

  /**
   * 小微企业吸纳高校毕业生社保补贴 (财社〔2017〕164号 第5条): a graduate within two years of leaving
   * school (by 毕业时间 when the form gives it; otherwise the counter checks the diploma).
   */
  SUBSIDY_HIRING_GRADUATES: (tx, _input, dispatch) =>
    hiringSubsidy(tx, dispatch, async () => {
      const graduated = graduationDateOf(dispatch);
      return graduated && !withinGraduatePeriod(graduated, todayInChina())
        ? rejected(dispatch.itemCode, 'GRADUATE_PERIOD_OVER', `graduated on ${graduated}: more than ${GRADUATE_PERIOD_MONTHS} months ago`, 'graduationDate')
        : null;
    }),
} satisfies Partial<EmploymentItemHandlers>;
