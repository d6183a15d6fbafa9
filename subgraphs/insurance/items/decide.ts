/**
 * What completing an accepted insurance item does (the records' `onDecision`, in records.ts):
 * each returns the columns to set with the COMPLETED status.
 */
import { GraphQLError } from 'graphql';
import type { Queryable } from '../../../src/db/database.js';
import type {
  AdjustmentRow,
  BenefitChangeRow,
  DeathClaimRow,
  WorkInjuryClaimRow,
  ClaimRow,
  EmployerRegistrationRow,
  ReductionRow,
  RegistrationRow,
  RetirementRow,
  SupplementRow,
  TransferRow,
} from '../store.js';
import { insuranceWrites as db } from '../writes.js';
import { addDays, addMonths, monthsBetween, todayInChina } from '../../../src/policy/calendar.js';

/** The last day of a run of `months` months starting on `start` (YYYY-MM-DD). */
export function lastDayOf(start: string, months: number): string {
  const end = addMonths(start, months);
  // A start on the 31st of a longer month clamps to the end of the target month: that day is the last.
  return end.slice(8) === start.slice(8) ? addDays(end, -1) : end;
}

/** 失业保险金 is paid from the claim's acceptance for the months the contributions entitle to. */
export async function completeClaim(tx: Queryable, claim: ClaimRow): Promise<Record<string, unknown>> {
  const startedOn = todayInChina();
  const benefitId = await db.insertBenefit(tx, {
    personKey: claim.person_key,
    kind: 'UNEMPLOYMENT_BENEFIT',
    monthlyAmount: claim.monthly_amount,
    startedOn,
    endsOn: lastDayOf(startedOn, claim.entitled_months),
  });
  return { benefit_id: benefitId };
}

/** 代缴医疗保险费 and 价格临时补贴 run alongside a benefit being paid, and end with it. */
export async function completeSupplement(tx: Queryable, supplement: SupplementRow): Promise<Record<string, unknown>> {
  const benefit = await db.payingBenefit(tx, supplement.person_key, ['UNEMPLOYMENT_BENEFIT']);
  if (!benefit) {
    throw new GraphQLError('complete the unemployment benefit claim first: this item is paid only while the benefit is paid', {
      extensions: { code: 'UNEMPLOYMENT_BENEFIT_NOT_PAYING', field: 'idempotencyKey' },
    });
  }
  if (supplement.kind === 'PRICE_SUBSIDY') {
    // The amount is set per month by the local linkage mechanism (发改价格〔2021〕1553号).
    await db.insertBenefit(tx, {
      personKey: supplement.person_key,
      kind: 'PRICE_SUBSIDY',
      monthlyAmount: null,
      startedOn: todayInChina(),
      endsOn: benefit.ends_on,
    });
  }
  return { benefit_id: benefit.benefit_id, ends_on: benefit.ends_on };
}

export async function completeRegistration(tx: Queryable, registration: RegistrationRow): Promise<void> {
  for (const scheme of registration.schemes) {
    await db.activateScheme(tx, {
      personKey: registration.person_key,
      scheme,
      since: registration.start_date ?? todayInChina(),
      employerCreditCode: registration.employer_credit_code,
      regionCode: registration.region_code,
    });
  }
}

export async function completeTransfer(tx: Queryable, transfer: TransferRow): Promise<void> {
  await db.moveSchemeHere(tx, { personKey: transfer.person_key, scheme: transfer.scheme, regionCode: transfer.region_code });
}

/** 单位参保登记 completed: the employer is registered here from today (社会保险法 第57条). */
export async function completeEmployerRegistration(tx: Queryable, registration: EmployerRegistrationRow): Promise<void> {
  await db.insertEmployer(tx, {
    creditCode: registration.credit_code,
    name: registration.enterprise_name,
    regionCode: registration.region_code,
    kind: registration.employer_kind,
    since: todayInChina(),
  });
}

/** 减员 completed: the employer's contributions stop; a death ends the relationship. */
export async function completeReduction(tx: Queryable, reduction: ReductionRow): Promise<void> {
  await db.stopSchemes(tx, {
    personKey: reduction.person_key,
    schemes: reduction.schemes,
    employerCreditCode: reduction.employer_credit_code,
    status: reduction.reduction_reason === 'DEATH' ? 'TERMINATED' : 'SUSPENDED',
  });
}

/** The first day of the month after `date`: 基本养老金 is paid from the month after retirement. */
const nextMonthStart = (date: string) => `${addMonths(`${date.slice(0, 7)}-01`, 1)}`;

/**
 * 退休 completed: the pension is paid from the next month (its amount is the agency's
 * calculation, 社会保险法 第15条) and contributions end; 一次性待遇 ends the relationship with the
 * individual account paid out; a special-work approval changes nothing until the retirement.
 */
export async function completeRetirement(tx: Queryable, application: RetirementRow): Promise<Record<string, unknown> | void> {
  // An approval, or the review of a retirement already completed, changes nothing more.
  if (application.kind === 'SPECIAL_WORK_APPROVAL' || application.kind === 'ENTERPRISE_BENEFIT_REVIEW') return;
  if (application.kind === 'INSTITUTION_BENEFIT_APPROVAL' || application.kind === 'RESIDENT_BENEFIT') {
    await db.terminateSchemes(tx, application.person_key, [application.scheme!]);
    const benefitId = await db.insertBenefit(tx, {
      personKey: application.person_key,
      kind: application.kind === 'RESIDENT_BENEFIT' ? 'RESIDENT_PENSION' : 'PENSION',
      monthlyAmount: null,
      startedOn: nextMonthStart(application.benefit_start_date ?? todayInChina()),
      endsOn: null,
    });
    return { benefit_id: benefitId };
  }
  const schemes = application.scheme ? [application.scheme] : ['ENTERPRISE_PENSION', 'INSTITUTION_PENSION'];
  await db.terminateSchemes(tx, application.person_key, schemes);
  if (application.kind === 'LUMP_SUM') return;
  const benefitId = await db.insertBenefit(tx, {
    personKey: application.person_key,
    kind: 'PENSION',
    monthlyAmount: null,
    startedOn: nextMonthStart(todayInChina()),
    endsOn: null,
  });
  return { benefit_id: benefitId };
}

/** 失业保险金停发 ends the benefit (and the price subsidy paid with it) today; 补差 is recorded for payment. */
export async function completeBenefitChange(tx: Queryable, change: BenefitChangeRow): Promise<void> {
  if (change.kind !== 'UNEMPLOYMENT_BENEFIT_STOP') return;
  const today = todayInChina();
  await db.endBenefit(tx, change.benefit_id, today);
  const subsidy = await db.payingBenefit(tx, change.person_key, ['PRICE_SUBSIDY']);
  if (subsidy) await db.endBenefit(tx, subsidy.benefit_id, today);
}

/**
 * 补缴 completed: the months paid back count (城乡居民: the years × 12; 欠费: the period's months);
 * a duplicate relationship refunded ends it (人社部发〔2014〕17号 第九条).
 */
export async function completeAdjustment(tx: Queryable, adjustment: AdjustmentRow): Promise<void> {
  if (adjustment.kind === 'DUPLICATE_REFUND') {
    await db.terminateSchemes(tx, adjustment.person_key, adjustment.schemes);
    return;
  }
  const months =
    adjustment.kind === 'RESIDENT_ARREARS' ? (adjustment.arrears_years ?? 0) * 12 : monthsBetween(adjustment.period_from!, adjustment.period_to!) + 1;
  await db.addContributionMonths(tx, adjustment.person_key, adjustment.schemes, months);
}

/**
 * 伤残待遇 completed with 伤残津贴 (grades 1–4, 工伤保险条例 第35条): the allowance is paid monthly from
 * next month (its amount, 90/85/80/75 % of the wage, is the agency's calculation). Other claims are paid once.
 */
export async function completeWorkInjuryClaim(tx: Queryable, claim: WorkInjuryClaimRow): Promise<Record<string, unknown> | void> {
  if (claim.kind !== 'DISABILITY' || !claim.details.benefitTypes?.includes('DISABILITY_ALLOWANCE')) return;
  const benefitId = await db.insertBenefit(tx, {
    personKey: claim.person_key,
    kind: 'WORK_INJURY',
    monthlyAmount: null,
    startedOn: nextMonthStart(todayInChina()),
    endsOn: null,
  });
  return { benefit_id: benefitId };
}

/**
 * What a death settles, by claim: the benefits that stop (from the month after death, 社会保险法 第14、17条;
 * 国发〔2014〕8号 第九条) and the relationships that end. An account change or a dependants' pension settles nothing more.
 */
const SETTLES: Readonly<Record<string, { benefits: readonly string[]; schemes: readonly string[] }>> = {
  UNEMPLOYMENT_DEATH: { benefits: ['UNEMPLOYMENT_BENEFIT', 'PRICE_SUBSIDY'], schemes: ['UNEMPLOYMENT'] },
  RESIDENT_CANCELLATION: { benefits: ['RESIDENT_PENSION'], schemes: ['RESIDENT_PENSION'] },
  RESIDENT_ACCOUNT_LUMP_SUM: { benefits: ['RESIDENT_PENSION'], schemes: ['RESIDENT_PENSION'] },
  WORK_DEATH_GRANTS: { benefits: ['WORK_INJURY'], schemes: ['WORK_INJURY'] },
  SURVIVOR_BENEFITS: { benefits: ['PENSION'], schemes: ['ENTERPRISE_PENSION', 'INSTITUTION_PENSION'] },
  PERSONAL_ACCOUNT_LUMP_SUM: { benefits: ['PENSION'], schemes: ['ENTERPRISE_PENSION', 'INSTITUTION_PENSION'] },
};

export async function completeDeathClaim(tx: Queryable, claim: DeathClaimRow): Promise<void> {
  const settles = SETTLES[claim.kind];
  if (!settles) return;
  const endsOn = claim.death_date ?? todayInChina();
  for (;;) {
    const paying = await db.payingBenefit(tx, claim.person_key, settles.benefits);
    if (!paying) break;
    await db.endBenefit(tx, paying.benefit_id, endsOn);
  }
  await db.terminateSchemes(tx, claim.person_key, settles.schemes);
}
