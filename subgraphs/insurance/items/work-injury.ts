/**
 * 工伤保险 (工伤保险条例): 工伤认定, then what a recognised injury gives — medical, rehabilitation and
 * hospital-meal costs, out-of-area treatment and its travel, assistive devices, non-agreement
 * emergency care, disability benefits, the one-time medical grant on leaving, and benefit changes.
 */
import type { Queryable } from '../../../src/db/database.js';
import { rejected } from '../../../src/subgraph/item-ledger.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { todayInChina } from '../../../src/policy/calendar.js';
import { InsuranceRejection as R } from '../rejections.js';
import { insuranceWrites as db } from '../writes.js';
import { injuryClaims } from '../records.js';
import { applyingEmployer } from './common.js';
import type { InsuranceItemHandlers } from '../generated/items.js';

type ClaimKind =
  | 'MEDICAL_EXPENSES'
  | 'INPATIENT_FOOD'
  | 'OUT_OF_AREA_REPORT'
  | 'OUT_OF_AREA_TRAVEL'
  | 'MEDICAL_REHAB_FOOD'
  | 'ASSISTIVE_DEVICE'
  | 'NON_AGREEMENT_EMERGENCY'
  | 'DISABILITY'
  | 'ONE_OFF_MEDICAL_GRANT'
  | 'BENEFIT_CHANGE';

const positive = (amount: string | null | undefined) => Number(amount) > 0;
const gradeNumber = (grade: string) => Number(grade.replace('GRADE_', ''));

/** The fund pays only for an injury recognised as work-related (工伤保险条例 第17、30条). */
async function claim(
  tx: Queryable,
  dispatch: ItemDispatch,
  kind: ClaimKind,
  columns: { amount?: string; receipt_count?: number; disability_grade?: string; details?: object },
  check?: () => Promise<ItemOutcome | null> | ItemOutcome | null,
): Promise<ItemOutcome> {
  const personKey = dispatch.applicant.personId;
  const recognised = await db.injuryClaim(tx, personKey, 'RECOGNITION', ['COMPLETED']);
  if (!recognised) return rejected(dispatch.itemCode, R.INJURY_NOT_RECOGNISED, 'the applicant has no recognised work injury: 工伤认定 comes first');
  if (columns.amount !== undefined && !positive(columns.amount)) {
    return rejected(dispatch.itemCode, R.AMOUNT_INVALID, `the amount must be positive, got ${columns.amount}`, 'amount');
  }
  if (columns.receipt_count !== undefined && columns.receipt_count < 1) {
    return rejected(dispatch.itemCode, R.AMOUNT_INVALID, 'at least one receipt backs a claim', 'receiptCount');
  }
  const refusal = await check?.();
  if (refusal) return refusal;
  if (await injuryClaims.hasOpen(tx, personKey, kind)) {
    return rejected(dispatch.itemCode, R.APPLICATION_IN_PROGRESS, 'a claim of the same kind of the applicant is still being handled');
  }
  const number = await injuryClaims.insert(tx, dispatch, {
    person_key: personKey,
    kind,
    amount: columns.amount ?? null,
    receipt_count: columns.receipt_count ?? null,
    disability_grade: columns.disability_grade ?? null,
    details: JSON.stringify(columns.details ?? {}),
    employer_credit_code: recognised.employer_credit_code,
    region_code: recognised.region_code,
  });
  return injuryClaims.accepted(dispatch, number);
}

const noConclusion = async (tx: Queryable, dispatch: ItemDispatch) =>
  (await db.lastAppraisal(tx, dispatch.applicant.personId))
    ? null
    : rejected(dispatch.itemCode, R.NO_APPRAISAL_CONCLUSION, 'there is no work-ability conclusion of the applicant: 劳动能力鉴定 comes first');

export const workInjuryHandlers = {
  // 工伤保险条例 第17–20条: the employer (30 days) or the worker (1 year) applies; decided in 60 days.
  WORK_INJURY_RECOGNITION: async (tx, _input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const applying = await applyingEmployer(tx, dispatch, false);
    if ('rejection' in applying) return applying.rejection;
    const insured = (await db.schemesOf(tx, personKey)).find(
      (s) => s.scheme === 'WORK_INJURY' && (!applying.employer || s.employer_credit_code === applying.employer.credit_code),
    );
    if (!insured) {
      return rejected(
        dispatch.itemCode,
        R.NO_WORK_INJURY_INSURANCE,
        applying.employer
          ? `the employer ${applying.employer.credit_code} has no work-injury insurance for the applicant: it bears the costs itself (工伤保险条例 第62条)`
          : 'the applicant has no work-injury insurance record here',
      );
    }
    if (await injuryClaims.hasOpen(tx, personKey, 'RECOGNITION')) {
      return rejected(dispatch.itemCode, R.APPLICATION_IN_PROGRESS, 'a work-injury recognition of the applicant is still being handled');
    }
    const number = await injuryClaims.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'RECOGNITION',
      employer_credit_code: insured.employer_credit_code,
      region_code: insured.region_code,
    });
    return injuryClaims.accepted(dispatch, number);
  },

  // 工伤保险条例 第30条; 经办条例 第22条 (20 working days): outpatient and inpatient parts add up to the whole.
  INJURY_MEDICAL_EXPENSES: (tx, input, dispatch) =>
    claim(tx, dispatch, 'MEDICAL_EXPENSES', { amount: input.amount, receipt_count: input.receiptCount, details: { expenseTypes: input.expenseTypes } }, () => {
      const parts = [
        [input.outpatientAmount, input.outpatientReceiptCount],
        [input.inpatientAmount, input.inpatientReceiptCount],
      ] as const;
      const given = parts.filter(([amount]) => amount !== undefined && amount !== null);
      if (given.length === 0) return null;
      const sum = given.reduce((total, [amount]) => total + Math.round(Number(amount) * 100), 0);
      if (sum !== Math.round(Number(input.amount) * 100)) {
        return rejected(
          dispatch.itemCode,
          R.AMOUNT_INVALID,
          `the outpatient and inpatient amounts add up to ${(sum / 100).toFixed(2)}, not ${input.amount}`,
          'amount',
        );
      }
      const receipts = given.reduce((total, [, count]) => total + (count ?? 0), 0);
      return receipts === input.receiptCount
        ? null
        : rejected(
            dispatch.itemCode,
            R.AMOUNT_INVALID,
            `the outpatient and inpatient receipts add up to ${receipts}, not ${input.receiptCount}`,
            'receiptCount',
          );
    }),

  // 工伤保险条例 第30条: 住院伙食补助费 while in hospital for the injury (the daily rate is local).
  INPATIENT_FOOD_ALLOWANCE: (tx, _input, dispatch) => claim(tx, dispatch, 'INPATIENT_FOOD', {}),

  // 工伤保险条例 第30条: treatment outside the pooling region is reported (and approved) first.
  OUT_OF_AREA_TREATMENT_REPORT: (tx, _input, dispatch) => claim(tx, dispatch, 'OUT_OF_AREA_REPORT', {}),

  // 工伤保险条例 第30条: travel and lodging of approved treatment outside the region.
  OUT_OF_AREA_TRAVEL_EXPENSES: (tx, input, dispatch) =>
    claim(tx, dispatch, 'OUT_OF_AREA_TRAVEL', { amount: input.amount, receipt_count: input.receiptCount }, async () =>
      (await db.injuryClaim(tx, dispatch.applicant.personId, 'OUT_OF_AREA_REPORT', ['ACCEPTED', 'COMPLETED']))
        ? null
        : rejected(dispatch.itemCode, R.OUT_OF_AREA_NOT_REPORTED, 'no treatment outside the region was reported: 异地工伤就医报告 comes first'),
    ),

  // 工伤保险条例 第30、31条 (medical, rehabilitation, hospital meals); 经办条例 第22条.
  INJURY_MEDICAL_REHAB_FOOD_CLAIM: (tx, input, dispatch) =>
    claim(tx, dispatch, 'MEDICAL_REHAB_FOOD', { amount: input.amount, receipt_count: input.receiptCount, details: { claimTypes: input.claimTypes } }),

  // 工伤保险条例 第32条: assistive devices confirmed necessary by the appraisal committee.
  ASSISTIVE_DEVICE_EXPENSES: (tx, input, dispatch) =>
    claim(tx, dispatch, 'ASSISTIVE_DEVICE', { amount: input.amount, receipt_count: input.receiptCount, details: { deviceName: input.deviceName } }, () =>
      noConclusion(tx, dispatch),
    ),

  // 工伤保险条例 第30条: emergency care may be at the nearest hospital, outside the agreement.
  NON_AGREEMENT_EMERGENCY_EXPENSES: (tx, input, dispatch) =>
    claim(
      tx,
      dispatch,
      'NON_AGREEMENT_EMERGENCY',
      { amount: input.amount, receipt_count: input.receiptCount, details: { hospitalName: input.hospitalName, emergencyDate: input.emergencyDate } },
      () =>
        input.emergencyDate > todayInChina()
          ? rejected(dispatch.itemCode, R.DATE_IN_FUTURE, `the emergency date ${input.emergencyDate} has not come yet`, 'emergencyDate')
          : null,
    ),

  // 工伤保险条例 第35–37条: 一次性伤残补助金 for every grade; 伤残津贴 from the fund for grades 1–4 only
  // (grades 5–6 are paid by the employer, 第36条); after the appraisal's conclusion.
  DISABILITY_BENEFITS: (tx, input, dispatch) =>
    claim(tx, dispatch, 'DISABILITY', { disability_grade: input.disabilityGrade, details: { benefitTypes: [...new Set(input.benefitTypes)] } }, async () => {
      if (input.benefitTypes.length === 0) return rejected(dispatch.itemCode, R.BENEFIT_NOT_FOR_GRADE, 'choose at least one benefit', 'benefitTypes');
      if (input.benefitTypes.includes('DISABILITY_ALLOWANCE') && gradeNumber(input.disabilityGrade) > 4) {
        return rejected(
          dispatch.itemCode,
          R.BENEFIT_NOT_FOR_GRADE,
          '伤残津贴 is paid by the fund for grades 1–4 only (工伤保险条例 第35、36条)',
          'benefitTypes',
        );
      }
      return noConclusion(tx, dispatch);
    }),

  // 工伤保险条例 第36、37条: grades 5–10, when the employment ends.
  ONE_OFF_INJURY_MEDICAL_GRANT: (tx, input, dispatch) =>
    claim(tx, dispatch, 'ONE_OFF_MEDICAL_GRANT', { disability_grade: input.disabilityGrade, details: { terminationDate: input.terminationDate } }, async () => {
      if (gradeNumber(input.disabilityGrade) < 5) {
        return rejected(
          dispatch.itemCode,
          R.BENEFIT_NOT_FOR_GRADE,
          'grades 1–4 keep their employment relationship and draw 伤残津贴: there is no one-time grant',
          'disabilityGrade',
        );
      }
      if (input.terminationDate > todayInChina()) {
        return rejected(dispatch.itemCode, R.DATE_IN_FUTURE, `the employment has not ended yet (${input.terminationDate})`, 'terminationDate');
      }
      return noConclusion(tx, dispatch);
    }),

  // 工伤保险条例 第28、40条: benefits change with a re-appraisal or the yearly adjustment; only a benefit being paid.
  WORK_INJURY_BENEFIT_CHANGE: (tx, _input, dispatch) =>
    claim(tx, dispatch, 'BENEFIT_CHANGE', {}, async () =>
      (await db.payingBenefit(tx, dispatch.applicant.personId, ['WORK_INJURY']))
        ? null
        : rejected(dispatch.itemCode, R.NO_WORK_INJURY_BENEFIT, 'the applicant draws no long-term work-injury benefit to change'),
    ),
} satisfies Partial<InsuranceItemHandlers>;
