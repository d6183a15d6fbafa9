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
  'CONTRACT_EXPIRED', 'DISMISSED_BY_EMPLOYER', 'RESIGNED_FOR_CAUSE', 'EMPLOYER_CLOSED', 'OTHER',
]);

/** 城乡居民养老保险: residents aged 16 and over, students excluded (国发〔2014〕8号 第五条). */
export const RESIDENT_PENSION_MIN_AGE = 16;

/** Defaults of local figures the catalog does not carry (yet); catalog keys override them. */
const FLEXIBLE_GRADE_DEFAULTS = { min: 60, max: 300 } as const; // catalog item text: 档次由地方设定，如60–300

export interface InsurancePolicy {
  /** 失业保险金月发放标准 (local; ≥ the local minimum living standard, 社会保险法 第47条). */
  readonly unemploymentBenefitMonthlyAmount: string | null;
  /** 价格临时补贴 trigger (发改价格〔2021〕1553号): CPI or food CPI year on year, percent. */
  readonly priceSubsidyCpiTriggerPercent: number;
  readonly priceSubsidyFoodCpiTriggerPercent: number;
  /** 灵活就业缴费档次 range, percent of the average wage (local). */
  readonly flexibleContributionGradeMin: number;
  readonly flexibleContributionGradeMax: number;
}

let cached: InsurancePolicy | undefined;

/** The policy figures, read from the catalog on first use and then frozen. */
export function insurancePolicy(): InsurancePolicy {
  if (cached) return cached;
  const local = loadCatalog().localPolicy;
  const figure = (key: string) => local.get(key)?.value;
  const required = (key: string) => {
    const value = figure(key);
    if (value === undefined) throw new Error(`schema/catalog/local-policy.yaml: expected policy "${key}", got none`);
    return value;
  };
  const amount = figure('unemploymentBenefitMonthlyAmount');
  cached = Object.freeze({
    unemploymentBenefitMonthlyAmount: amount === undefined ? null : amount.toFixed(2),
    priceSubsidyCpiTriggerPercent: required('priceSubsidyCpiTriggerPercent'),
    priceSubsidyFoodCpiTriggerPercent: required('priceSubsidyFoodCpiTriggerPercent'),
    flexibleContributionGradeMin: figure('flexibleContributionGradeMin') ?? FLEXIBLE_GRADE_DEFAULTS.min,
    flexibleContributionGradeMax: figure('flexibleContributionGradeMax') ?? FLEXIBLE_GRADE_DEFAULTS.max,
  });
  return cached;
}
