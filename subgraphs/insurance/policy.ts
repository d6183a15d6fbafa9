/**
 * The figures of the insurance items' rules. National figures are constants with their basis;
 * local figures come from the catalog's local-policy.yaml (read once, through the catalog
 * loader) and are `null` when the catalog sets none: never an invented amount.
 */
import { loadCatalog } from '../../src/catalog/index.js';

/** 失业保险金: at least one year of contributions (失业保险条例 第14条; 社会保险法 第45条). */
export const UNEMPLOYMENT_BENEFIT_MIN_CONTRIBUTION_MONTHS = 12;

/**
 * 失业保险金领取期限 by months of contributions: 1–5 years → 12 months, 5–10 → 18, ≥ 10 → 24
 * (失业保险条例 第17条; 社会保险法 第46条).
 */
export function unemploymentBenefitMonths(contributionMonths: number): 12 | 18 | 24 | null {
  if (contributionMonths < UNEMPLOYMENT_BENEFIT_MIN_CONTRIBUTION_MONTHS) return null;
  if (contributionMonths < 60) return 12;
  if (contributionMonths < 120) return 18;
  return 24;
}

/**
 * 非因本人意愿中断就业 (失业保险金申领发放办法 第4条): contract ended, dismissed, resigned for the
 * employer's fault (劳动合同法 第38条), employer closed, or another case the law names (OTHER,
 * verified by the counter). Only 本人主动辞职 is the person's own choice.
 */
export const INVOLUNTARY_UNEMPLOYMENT_REASONS: ReadonlySet<string> = new Set([
  'CONTRACT_EXPIRED',
  'DISMISSED_BY_EMPLOYER',
  'RESIGNED_FOR_CAUSE',
  'EMPLOYER_CLOSED',
  'OTHER',
]);

/** 城乡居民养老保险: residents aged 16 and over, students excluded (国发〔2014〕8号 第五条). */
export const RESIDENT_PENSION_MIN_AGE = 16;

/**
 * 城乡居民养老保险待遇: from 60 with 15 years of contributions; who was within 15 years of 60 when the
 * scheme began pays every year since (and may pay back), 累计不超过15年 (国发〔2014〕8号 第十条). The
 * national start of 城镇居民养老保险 (国发〔2011〕18号, 2011-07-01) is the start counted here.
 */
export const RESIDENT_PENSION_AGE = 60;
export const RESIDENT_PENSION_MIN_MONTHS = 180;
export const RESIDENT_PENSION_SCHEME_START = '2011-07-01';

/**
 * 按月领取基本养老金的最低缴费年限 (视同 + 实际), in months, for someone retiring in `year`: 15 years
 * until 2029, then six months more each year from 2030 up to 20 years (2039 on)
 * (渐进式延迟法定退休年龄办法 第4条; 社会保险法 第16条).
 */
export function minimumContributionMonths(year: number): number {
  return Math.min(240, 180 + 6 * Math.max(0, year - 2029));
}

/**
 * 特殊工种提前退休 (国发〔1978〕104号 and its implementing rules, kept by 渐进式延迟法定退休年龄办法):
 * men at 55, women at 45, with the years in the special work each nature needs.
 */
export const SPECIAL_WORK_RETIREMENT_AGE = { MALE: 55, FEMALE: 45 } as const;
export const SPECIAL_WORK_MIN_YEARS: Readonly<Record<string, number>> = {
  HIGH_ALTITUDE_OR_HEAVY: 10,
  UNDERGROUND_OR_HIGH_TEMPERATURE: 9,
  OTHER_HARMFUL: 8,
};

/**
 * 因病或非因工致残完全丧失劳动能力提前退休 (国发〔1978〕104号 第一条(四)): men at 50, women at 45,
 * with ten years of continuous service (连续工龄, counted as 视同 + 实际 contributions), once the
 * appraisal committee confirms the complete loss of working ability.
 */
export const ILLNESS_RETIREMENT_AGE = { MALE: 50, FEMALE: 45 } as const;
export const ILLNESS_RETIREMENT_MIN_SERVICE_MONTHS = 120;

/**
 * 弹性提前退休: at most three years before the statutory age, never below the age before the
 * reform, and only with the minimum contributions (渐进式延迟法定退休年龄办法 第2条).
 */
export const FLEXIBLE_EARLY_MAX_MONTHS = 36;

export interface InsurancePolicy {
  /** 失业保险金月发放标准 (local; ≥ the local minimum living standard, 社会保险法 第47条). */
  readonly unemploymentBenefitMonthlyAmount: string | null;
  /** 价格临时补贴 trigger (发改价格〔2021〕1553号): CPI or food CPI year on year, percent. */
  readonly priceSubsidyCpiTriggerPercent: number;
  readonly priceSubsidyFoodCpiTriggerPercent: number;
  /** 灵活就业缴费档次 range, percent of the average wage (local). */
  readonly flexibleContributionGradeMin: number;
  readonly flexibleContributionGradeMax: number;
  /** 城乡居民养老保险缴费档次 range, yuan a year (国发〔2014〕8号 第四条; the province sets the grades). */
  readonly residentPensionAnnualContributionMin: number;
  readonly residentPensionAnnualContributionMax: number;
}

let cached: InsurancePolicy | undefined;

/** The policy figures, read from the catalog on first use and then frozen. */
export function insurancePolicy(): InsurancePolicy {
  if (cached) return cached;
  const { localPolicy: local, localPolicyUnset: unset } = loadCatalog();
  const figure = (key: string) => {
    const policy = local.get(key);
    if (policy) return policy.value;
    if (unset.has(key)) return null;
    throw new Error(`schema/catalog/local-policy.yaml: expected policy "${key}", got none`);
  };
  const required = (key: string) => {
    const value = figure(key);
    if (value === null) throw new Error(`schema/catalog/local-policy.yaml: policy "${key}" needs a figure for its rule, got null`);
    return value;
  };
  // null in local-policy.yaml: set by local policy, so the claim records no amount until the agency sets it.
  const amount = figure('unemploymentBenefitMonthlyAmount');
  cached = Object.freeze({
    unemploymentBenefitMonthlyAmount: amount === null ? null : amount.toFixed(2),
    priceSubsidyCpiTriggerPercent: required('priceSubsidyCpiTriggerPercent'),
    priceSubsidyFoodCpiTriggerPercent: required('priceSubsidyFoodCpiTriggerPercent'),
    flexibleContributionGradeMin: required('flexibleContributionGradeMin'),
    flexibleContributionGradeMax: required('flexibleContributionGradeMax'),
    residentPensionAnnualContributionMin: required('residentPensionAnnualContributionMin'),
    residentPensionAnnualContributionMax: required('residentPensionAnnualContributionMax'),
  });
  return cached;
}
