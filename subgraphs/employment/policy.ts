/**
 * Rule figures of the employment items, each with its legal basis. National figures are
 * constants here; figures only a local rule fixes come from `schema/catalog/local-policy.yaml`
 * through the catalog (`employmentLocalPolicy`).
 */
import { loadCatalog } from '../../src/catalog/index.js';
import { addMonths, ageOn } from '../../src/policy/calendar.js';
import { retirementDate, retirementSchedule } from '../../src/policy/retirement.js';

/** 劳动法 第15条: no one under 16 may be employed, so working age starts at 16. */
export const MIN_WORKING_AGE_YEARS = 16;

/**
 * 就业困难人员 categories whose condition the records can check (the enum's own wording,
 * 大龄失业人员（女40周岁、男50周岁以上）; 就业促进法 第52条 leaves the range to each province).
 */
export const OLDER_WORKER_MIN_AGE = { FEMALE: 40, MALE: 50 } as const;
/** 连续失业一年以上人员 (就业促进法 第52条: 连续失业一定时间仍未能实现就业). */
export const LONG_TERM_UNEMPLOYED_MIN_MONTHS = 12;

export type WorkingAge = { readonly ok: true } | { readonly ok: false; readonly reason: 'UNDER_AGE' | 'RETIREMENT_AGE'; readonly limit: string };

/**
 * 法定劳动年龄内 (就业服务与就业管理规定 第63条 for 失业登记): at least 16 and not yet at the
 * statutory retirement age. The form does not say whether a woman holds a worker's or a
 * cadre's post, so her upper limit is the later one (cadre, 55 → 58): only someone surely
 * past the age is refused; the counter checks the post for the rest.
 */
export function workingAge(applicant: { birthDate: string; gender: 'MALE' | 'FEMALE' }, today: string): WorkingAge {
  if (ageOn(applicant.birthDate, today) < MIN_WORKING_AGE_YEARS) {
    return { ok: false, reason: 'UNDER_AGE', limit: addMonths(applicant.birthDate, MIN_WORKING_AGE_YEARS * 12) };
  }
  const retiresOn = retirementDate(applicant.birthDate, retirementSchedule(applicant.gender, 'CADRE'));
  return today >= retiresOn ? { ok: false, reason: 'RETIREMENT_AGE', limit: retiresOn } : { ok: true };
}

export interface EmploymentLocalPolicy {
  /** 解除、终止劳动合同后劳动用工备案期限, days (local rule; 劳社部发〔2006〕46号 leaves it to the provinces). */
  readonly laborFilingTerminationDays: number;
  /** 创业担保贷款 caps and terms (财金〔2020〕21号 as the local default; higher local caps exist). */
  readonly startupLoanPersonalCap: number;
  readonly startupLoanPersonalTermYears: number;
  readonly startupLoanPartnershipExtraPercent: number;
  readonly startupLoanEnterpriseCap: number;
  readonly startupLoanEnterpriseTermYears: number;
}

let cached: EmploymentLocalPolicy | undefined;

/** The local figures, read from the catalog on first use and then frozen; a missing one stops the subgraph. */
export function employmentLocalPolicy(): EmploymentLocalPolicy {
  if (cached) return cached;
  const local = loadCatalog().localPolicy;
  const required = (key: string) => {
    const value = local.get(key)?.value;
    if (value === undefined) throw new Error(`schema/catalog/local-policy.yaml: expected policy "${key}", got none`);
    return value;
  };
  cached = Object.freeze({
    laborFilingTerminationDays: required('laborFilingTerminationDays'),
    startupLoanPersonalCap: required('startupLoanPersonalCap'),
    startupLoanPersonalTermYears: required('startupLoanPersonalTermYears'),
    startupLoanPartnershipExtraPercent: required('startupLoanPartnershipExtraPercent'),
    startupLoanEnterpriseCap: required('startupLoanEnterpriseCap'),
    startupLoanEnterpriseTermYears: required('startupLoanEnterpriseTermYears'),
  });
  return cached;
}

/**
 * 财金〔2020〕21号 (创业担保贷款): a small business qualifies when its new hires of the eligible
 * groups this year reach 15 % of its current staff, 8 % above 100 employees.
 */
export const STARTUP_LOAN_KEY_GROUP_SHARE = { upTo100: 0.15, above100: 0.08 } as const;

/**
 * 离校2年内未就业高校毕业生: graduates count as such for 24 months after leaving school
 * (就业补助资金管理办法, 财社〔2017〕164号 第5条).
 */
export const GRADUATE_PERIOD_MONTHS = 24;
/** 就业见习 is also open to unemployed young people aged 16–24 (国办发〔2022〕13号). */
export const INTERNSHIP_YOUTH_MAX_AGE = 24;

/**
 * 社会保险补贴 period (就业补助资金管理办法, 财社〔2017〕164号 第5条): at most 3 years, counted from
 * the first grant; for someone within 5 years of the statutory retirement age at the first grant
 * (以初次核定其享受社会保险补贴时年龄为准), until retirement.
 */
export const SOCIAL_INSURANCE_SUBSIDY_MAX_MONTHS = 36;
export const SOCIAL_INSURANCE_SUBSIDY_NEAR_RETIREMENT_YEARS = 5;
/** The 社会保险补贴 items whose grants count towards one person's period. */
export const SOCIAL_INSURANCE_SUBSIDY_KINDS = [
  'FLEXIBLE_EMPLOYMENT_SUBSIDY',
  'SUBSIDY_HIRING_DISADVANTAGED',
  'SUBSIDY_HIRING_GRADUATES',
  'SUBSIDY_PUBLIC_WELFARE_POST',
] as const;
