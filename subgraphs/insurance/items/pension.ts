/**
 * 养老保险待遇 and contributions put right: 企业职工待遇审核, 机关事业单位待遇核准, 城乡居民待遇申领 and
 * 补缴, 欠费补缴, 多重关系退费, and 劳动能力鉴定 (for a work injury or an early retirement for illness).
 */
import { rejected } from '../../../src/subgraph/item-ledger.js';
import { addMonths, monthsBetween, todayInChina } from '../../../src/policy/calendar.js';
import { RESIDENT_PENSION_AGE, RESIDENT_PENSION_MIN_MONTHS, RESIDENT_PENSION_SCHEME_START, insurancePolicy } from '../policy.js';
import { InsuranceRejection as R } from '../rejections.js';
import { insuranceWrites as db } from '../writes.js';
import { adjustments, appraisals, retirements } from '../records.js';
import { applyingEmployer, handlingRegion, noAgency } from './common.js';
import type { InsuranceItemHandlers } from '../generated/items.js';

const PENSION_SCHEMES = ['ENTERPRISE_PENSION', 'INSTITUTION_PENSION', 'RESIDENT_PENSION'];

/** 城乡居民: months a person must have paid, 15 years, less for who was near 60 when the scheme began. */
function residentMinimumMonths(birthDate: string): number {
  const sixty = addMonths(birthDate, RESIDENT_PENSION_AGE * 12);
  return Math.max(0, Math.min(RESIDENT_PENSION_MIN_MONTHS, monthsBetween(RESIDENT_PENSION_SCHEME_START, sixty)));
}

export const pensionHandlers = {
  // 经办条例 第18条: the employer's 待遇审核 follows the retirement (江苏 退休一件事, serial after 正常退休申请).
  ENTERPRISE_PENSION_BENEFIT_REVIEW: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const personKey = dispatch.applicant.personId;
    const applying = await applyingEmployer(tx, dispatch, true);
    if ('rejection' in applying) return applying.rejection;
    const retirement = await db.retirementOf(tx, personKey, ['NORMAL', 'EARLY']);
    if (!retirement || retirement.scheme !== 'ENTERPRISE_PENSION') {
      return rejected(code, R.RETIREMENT_NOT_APPLIED, 'the applicant has no retirement in 企业职工基本养老保险 to review: 正常退休申请 or 提前退休申请 first');
    }
    // 基本养老金 is paid from the month after retirement: the first day of a month, not before it.
    if (!input.benefitStartDate.endsWith('-01')) {
      return rejected(code, R.BENEFIT_START_INVALID, `a pension starts on the first day of a month, got ${input.benefitStartDate}`, 'benefitStartDate');
    }
    if (retirement.statutory_date && input.benefitStartDate <= retirement.statutory_date && retirement.statutory_date <= todayInChina()) {
      return rejected(
        code,
        R.BENEFIT_START_INVALID,
        `the pension starts the month after retirement (${retirement.statutory_date}), got ${input.benefitStartDate}`,
        'benefitStartDate',
      );
    }
    if (await retirements.hasOpen(tx, personKey, 'ENTERPRISE_BENEFIT_REVIEW')) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'a benefit review of the applicant is still being handled');
    }
    const scheme = (await db.schemesOf(tx, personKey)).find((s) => s.scheme === 'ENTERPRISE_PENSION')!;
    const number = await retirements.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'ENTERPRISE_BENEFIT_REVIEW',
      benefit_start_date: input.benefitStartDate,
      statutory_date: retirement.statutory_date,
      scheme: 'ENTERPRISE_PENSION',
      employer_credit_code: applying.employer!.credit_code,
      region_code: scheme.region_code,
    });
    return retirements.accepted(dispatch, number);
  },

  // 国发〔2015〕2号 第十条 and 经办条例 第18条: the 机关事业单位 sends the retirement approved by the personnel
  // department (its 文号); the agency approves the benefit, paid from the month after retirement.
  INSTITUTION_PENSION_BENEFIT_APPROVAL: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const personKey = dispatch.applicant.personId;
    const applying = await applyingEmployer(tx, dispatch, true);
    if ('rejection' in applying) return applying.rejection;
    if (applying.employer!.kind === 'ENTERPRISE') {
      return rejected(
        code,
        R.SCHEME_NOT_FOR_EMPLOYER,
        '机关事业单位养老保险待遇 is approved for 机关 and 事业单位 staff: an enterprise applies for 企业职工待遇审核',
        'employerCreditCode',
      );
    }
    if (!input.retirementApprovalNumber.trim()) {
      return rejected(code, R.RETIREMENT_APPROVAL_NUMBER_REQUIRED, "give the 退休审批文号 of the personnel department's approval", 'retirementApprovalNumber');
    }
    const scheme = (await db.schemesOf(tx, personKey)).find((s) => s.scheme === 'INSTITUTION_PENSION');
    if (!scheme) return rejected(code, R.NO_PENSION_INSURANCE, 'the applicant has no 机关事业单位养老保险 record here');
    if (await db.payingBenefit(tx, personKey, ['PENSION'])) return rejected(code, R.ALREADY_DRAWING_PENSION, 'the applicant already draws a basic pension');
    if (await retirements.hasOpen(tx, personKey, 'INSTITUTION_BENEFIT_APPROVAL')) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'a benefit approval of the applicant is still being handled');
    }
    const number = await retirements.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'INSTITUTION_BENEFIT_APPROVAL',
      benefit_start_date: input.retirementDate,
      approval_number: input.retirementApprovalNumber.trim(),
      scheme: 'INSTITUTION_PENSION',
      employer_credit_code: applying.employer!.credit_code,
      region_code: scheme.region_code,
    });
    return retirements.accepted(dispatch, number);
  },

  // 国发〔2014〕8号 第十条: from 60 with 15 years of contributions (fewer for who was near 60 when it began).
  RESIDENT_PENSION_BENEFIT: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const personKey = dispatch.applicant.personId;
    const { birthDate } = dispatch.applicant;
    const scheme = (await db.schemesOf(tx, personKey)).find((s) => s.scheme === 'RESIDENT_PENSION');
    if (!scheme) return rejected(code, R.NO_RESIDENT_PENSION, 'the applicant has no 城乡居民基本养老保险 record here');
    const today = todayInChina();
    if (addMonths(birthDate, RESIDENT_PENSION_AGE * 12) > today) {
      return rejected(code, R.RETIREMENT_AGE_NOT_REACHED, `城乡居民养老保险待遇 is paid from the age of ${RESIDENT_PENSION_AGE}`, 'birthDate');
    }
    const needed = residentMinimumMonths(birthDate);
    if (scheme.contribution_months < needed) {
      return rejected(
        code,
        R.INSUFFICIENT_CONTRIBUTION_YEARS,
        `${scheme.contribution_months} months of contributions; ${needed} are needed: 城乡居民养老保险费补缴 first`,
      );
    }
    if (await db.payingBenefit(tx, personKey, ['PENSION', 'RESIDENT_PENSION']))
      return rejected(code, R.ALREADY_DRAWING_PENSION, 'the applicant already draws a basic pension');
    if (await retirements.hasOpen(tx, personKey, 'RESIDENT_BENEFIT')) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'a resident pension claim of the applicant is still being handled');
    }
    const number = await retirements.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'RESIDENT_BENEFIT',
      contribution_months: scheme.contribution_months,
      minimum_months: needed,
      benefit_account: input.benefitAccount?.trim() || null,
      scheme: 'RESIDENT_PENSION',
      region_code: scheme.region_code,
    });
    return retirements.accepted(dispatch, number);
  },

  // 国发〔2014〕8号 第十条: 补缴 is allowed, 累计缴费不超过15年; the grades are the province's (local-policy.yaml).
  RESIDENT_PENSION_ARREARS: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const personKey = dispatch.applicant.personId;
    const policy = insurancePolicy();
    const scheme = (await db.schemesOf(tx, personKey)).find((s) => s.scheme === 'RESIDENT_PENSION');
    if (!scheme) return rejected(code, R.NO_RESIDENT_PENSION, 'the applicant has no 城乡居民基本养老保险 record here: enrol first');
    if (input.arrearsYears < 1) return rejected(code, R.ARREARS_PERIOD_INVALID, 'pay back at least one year', 'arrearsYears');
    if (scheme.contribution_months + input.arrearsYears * 12 > RESIDENT_PENSION_MIN_MONTHS) {
      return rejected(
        code,
        R.ARREARS_BEYOND_15_YEARS,
        `${scheme.contribution_months} months paid and ${input.arrearsYears} years back exceed the 15 years that may be paid back`,
        'arrearsYears',
      );
    }
    const amount = Number(input.annualContribution);
    if (!(amount >= policy.residentPensionAnnualContributionMin && amount <= policy.residentPensionAnnualContributionMax)) {
      return rejected(
        code,
        R.CONTRIBUTION_GRADE_OUT_OF_RANGE,
        `the grade must be between ${policy.residentPensionAnnualContributionMin} and ${policy.residentPensionAnnualContributionMax} yuan a year, got ${input.annualContribution}`,
        'annualContribution',
      );
    }
    if (await adjustments.hasOpen(tx, personKey, 'RESIDENT_ARREARS')) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'a back-payment of the applicant is still being handled');
    }
    const number = await adjustments.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'RESIDENT_ARREARS',
      schemes: ['RESIDENT_PENSION'],
      arrears_years: input.arrearsYears,
      annual_contribution: input.annualContribution,
      region_code: scheme.region_code,
    });
    return adjustments.accepted(dispatch, number);
  },

  // 社会保险法 第60、63条 (the employer's arrears, collected with the months they cover); a flexible
  // worker pays back their own gap as the local rules allow (经办条例 第10条).
  ARREARS_PAYMENT: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const personKey = dispatch.applicant.personId;
    if (input.arrearsFrom > input.arrearsTo) {
      return rejected(code, R.ARREARS_PERIOD_INVALID, `the period ends (${input.arrearsTo}) before it starts (${input.arrearsFrom})`, 'arrearsTo');
    }
    if (input.arrearsTo.slice(0, 7) >= todayInChina().slice(0, 7)) {
      return rejected(code, R.ARREARS_PERIOD_INVALID, 'only months already past can be in arrears: this month is paid as usual', 'arrearsTo');
    }
    const applying = await applyingEmployer(tx, dispatch, false);
    if ('rejection' in applying) return applying.rejection;
    const { employer } = applying;
    const schemes = (await db.schemesOf(tx, personKey)).filter((s) =>
      employer ? s.employer_credit_code === employer.credit_code : s.employer_credit_code === null && s.scheme !== 'RESIDENT_PENSION',
    );
    if (schemes.length === 0) {
      return employer
        ? rejected(code, R.NOT_INSURED_BY_EMPLOYER, `the employer ${employer.credit_code} has never insured the applicant: there are no arrears of its to pay`)
        : rejected(code, R.NO_INSURANCE_RECORD, 'the applicant has no insurance of their own (灵活就业) to pay back into');
    }
    if (await adjustments.hasOpen(tx, personKey, 'ARREARS')) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'a back-payment of the applicant is still being handled');
    }
    const number = await adjustments.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'ARREARS',
      schemes: schemes.map((s) => s.scheme).sort(),
      payment_method: input.paymentMethod,
      period_from: input.arrearsFrom,
      period_to: input.arrearsTo,
      employer_credit_code: employer?.credit_code ?? null,
      region_code: schemes[0]!.region_code,
    });
    return adjustments.accepted(dispatch, number);
  },

  // 城乡养老保险制度衔接暂行办法 (人社部发〔2014〕17号) 第九条: who is in two pension schemes at once keeps
  // the employee scheme; the duplicate resident (or second employee) account is refunded.
  MULTIPLE_ACCOUNT_REFUND: async (tx, _input, dispatch) => {
    const code = dispatch.itemCode;
    const personKey = dispatch.applicant.personId;
    const pensions = (await db.schemesOf(tx, personKey)).filter((s) => PENSION_SCHEMES.includes(s.scheme) && s.status !== 'TERMINATED');
    if (pensions.length < 2) {
      return rejected(code, R.NO_MULTIPLE_RELATIONSHIPS, 'the applicant has one pension relationship only: there is nothing to refund');
    }
    // The employee scheme is kept; the resident one (or, between two employee schemes, the one not contributing) is refunded.
    const kept = pensions.find((s) => s.scheme !== 'RESIDENT_PENSION' && s.status === 'CONTRIBUTING') ?? pensions.find((s) => s.scheme !== 'RESIDENT_PENSION')!;
    const refunded = pensions
      .filter((s) => s !== kept)
      .map((s) => s.scheme)
      .sort();
    if (await adjustments.hasOpen(tx, personKey, 'DUPLICATE_REFUND')) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'a refund of the applicant is still being handled');
    }
    const number = await adjustments.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'DUPLICATE_REFUND',
      schemes: refunded,
      region_code: kept.region_code,
    });
    return adjustments.accepted(dispatch, number);
  },

  // 工伤保险条例 第21–28条 (after a work injury; re-appraisal a year after the conclusion, 第28条);
  // 国发〔1978〕104号 (the complete loss of working ability of an early retirement for illness).
  WORK_ABILITY_APPRAISAL: async (tx, _input, dispatch) => {
    const code = dispatch.itemCode;
    const personKey = dispatch.applicant.personId;
    const schemes = await db.schemesOf(tx, personKey);
    const forRetirement = !!(await db.retirementOf(tx, personKey, ['EARLY'])) || typeof dispatch.sharedFields?.retireeIdentity === 'string';
    const ground = forRetirement
      ? schemes.find((s) => s.scheme === 'ENTERPRISE_PENSION' || s.scheme === 'INSTITUTION_PENSION')
      : schemes.find((s) => s.scheme === 'WORK_INJURY');
    if (!ground) {
      return rejected(
        code,
        R.NO_APPRAISAL_GROUND,
        forRetirement
          ? 'the applicant has no employee pension record for an early retirement to appraise'
          : 'the applicant has no work-injury insurance record: an appraisal follows a recognised work injury',
      );
    }
    const last = await db.lastAppraisal(tx, personKey);
    if (last && addMonths(last, 12) > todayInChina()) {
      return rejected(code, R.APPRAISAL_TOO_SOON, `the last conclusion was on ${last}: a re-appraisal may be asked a year after it`);
    }
    if (await appraisals.hasOpen(tx, personKey)) return rejected(code, R.APPLICATION_IN_PROGRESS, 'an appraisal of the applicant is still being handled');
    const applying = await applyingEmployer(tx, dispatch, false);
    if ('rejection' in applying) return applying.rejection;
    const region = ground.region_code ?? (await handlingRegion(tx, dispatch, schemes));
    if (!region) return noAgency(dispatch);
    const number = await appraisals.insert(tx, dispatch, {
      person_key: personKey,
      kind: forRetirement ? 'ILLNESS_RETIREMENT' : 'WORK_INJURY',
      employer_credit_code: applying.employer?.credit_code ?? null,
      region_code: region,
    });
    return appraisals.accepted(dispatch, number);
  },
} satisfies Partial<InsuranceItemHandlers>;
