/** 失业保险待遇: 失业保险金申领, 代缴失业人员医疗保险费, 价格临时补贴 (national 失业“一件事”). */
import type { Queryable } from '../../../src/db/database.js';
import { rejected } from '../../../src/subgraph/item-ledger.js';
import type { ItemDispatch } from '../../../src/contract/item-contract.js';
import { INVOLUNTARY_UNEMPLOYMENT_REASONS, UNEMPLOYMENT_BENEFIT_MIN_CONTRIBUTION_MONTHS, insurancePolicy, unemploymentBenefitMonths } from '../policy.js';
import { InsuranceRejection as R } from '../rejections.js';
import { insuranceWrites as db } from '../writes.js';
import { benefitChanges, claims, supplements } from '../records.js';
import { todayInChina } from '../../../src/policy/calendar.js';
import type { InsuranceItemHandlers } from '../generated/items.js';

/**
 * Whether the person draws, has claimed, or qualifies for the unemployment benefit: in a
 * PARALLEL bundle the claim may not be recorded yet when its companions arrive.
 */
async function benefitStanding(tx: Queryable, personKey: string): Promise<boolean> {
  if (await db.payingBenefit(tx, personKey, ['UNEMPLOYMENT_BENEFIT'])) return true;
  if (await claims.hasOpen(tx, personKey)) return true;
  const unemployment = (await db.schemesOf(tx, personKey)).find((s) => s.scheme === 'UNEMPLOYMENT');
  return !!unemployment && unemployment.status !== 'CONTRIBUTING' && unemployment.contribution_months >= UNEMPLOYMENT_BENEFIT_MIN_CONTRIBUTION_MONTHS;
}

const noBenefit = (dispatch: ItemDispatch) =>
  rejected(
    dispatch.itemCode,
    R.NO_UNEMPLOYMENT_BENEFIT,
    'the applicant neither draws nor qualifies for unemployment benefit: this item only goes with 失业保险金',
  );

export const unemploymentHandlers = {
  UNEMPLOYMENT_BENEFIT: async (tx, input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const code = dispatch.itemCode;
    if (await claims.hasOpen(tx, personKey)) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, 'an earlier unemployment benefit claim of the applicant is still being handled');
    }
    if (await db.payingBenefit(tx, personKey, ['UNEMPLOYMENT_BENEFIT'])) {
      return rejected(code, R.ALREADY_DRAWING_UNEMPLOYMENT_BENEFIT, 'the applicant already draws unemployment benefit');
    }
    // 失业保险条例 第14条; 社会保险法 第45条: at least one year of contributions.
    const unemployment = (await db.schemesOf(tx, personKey)).find((s) => s.scheme === 'UNEMPLOYMENT');
    if (!unemployment) {
      return rejected(
        code,
        R.NO_UNEMPLOYMENT_INSURANCE,
        'the applicant has no unemployment insurance record: 失业保险金 needs at least 12 months of contributions',
      );
    }
    if (unemployment.status === 'CONTRIBUTING') {
      return rejected(code, R.CONTRIBUTIONS_NOT_STOPPED, 'an employer still pays unemployment insurance for the applicant: it must declare the 减员 first');
    }
    const months = unemploymentBenefitMonths(unemployment.contribution_months);
    if (months === null) {
      return rejected(
        code,
        R.INSUFFICIENT_CONTRIBUTIONS,
        `the applicant has ${unemployment.contribution_months} months of unemployment insurance contributions, at least ${UNEMPLOYMENT_BENEFIT_MIN_CONTRIBUTION_MONTHS} are needed`,
      );
    }
    // 非因本人意愿中断就业 (失业保险金申领发放办法 第4条), as declared in 基本信息.
    const reason = dispatch.sharedFields?.unemploymentType;
    if (typeof reason !== 'string') {
      return rejected(code, R.UNEMPLOYMENT_TYPE_MISSING, 'the reason of unemployment (失业类型) is needed to claim the benefit', 'unemploymentType');
    }
    if (!INVOLUNTARY_UNEMPLOYMENT_REASONS.has(reason)) {
      return rejected(
        code,
        R.VOLUNTARY_UNEMPLOYMENT,
        "unemployment benefit is paid only when the job was lost against the person's will, not after 本人主动辞职",
        'unemploymentType',
      );
    }
    const unemploymentDate = typeof dispatch.sharedFields?.unemploymentDate === 'string' ? dispatch.sharedFields.unemploymentDate : null;
    if (unemploymentDate && unemploymentDate > todayInChina()) {
      return rejected(code, R.UNEMPLOYMENT_DATE_IN_FUTURE, `the unemployment date ${unemploymentDate} has not come yet`, 'unemploymentDate');
    }
    const formerEmployer = dispatch.sharedFields?.formerEmployer;
    const claimNumber = await claims.insert(tx, dispatch, {
      person_key: personKey,
      unemployment_reason: reason,
      unemployment_date: unemploymentDate,
      former_employer: typeof formerEmployer === 'string' ? formerEmployer : null,
      contribution_months: unemployment.contribution_months,
      entitled_months: months,
      monthly_amount: insurancePolicy().unemploymentBenefitMonthlyAmount,
      // Unset: paid to the social security card's bank account (the gateway fills the default).
      bank_account: input.bankAccount?.trim() || null,
      region_code: unemployment.region_code,
    });
    return claims.accepted(dispatch, claimNumber);
  },

  // 社会保险法 第48条: during the benefit the unemployment fund pays the medical premium; the person pays nothing.
  UNEMPLOYED_MEDICAL_PREMIUM: async (tx, _input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    if (await supplements.hasOpen(tx, personKey, 'MEDICAL_PREMIUM')) {
      return rejected(dispatch.itemCode, R.APPLICATION_IN_PROGRESS, 'the medical premium of the applicant is already being arranged');
    }
    if (!(await benefitStanding(tx, personKey))) return noBenefit(dispatch);
    const number = await supplements.insert(tx, dispatch, { person_key: personKey, kind: 'MEDICAL_PREMIUM' });
    return supplements.accepted(dispatch, number);
  },

  // 发改价格〔2021〕1553号: for benefit recipients, while CPI (or food CPI) year on year meets the trigger.
  PRICE_SUBSIDY: async (tx, _input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    if (await supplements.hasOpen(tx, personKey, 'PRICE_SUBSIDY')) {
      return rejected(dispatch.itemCode, R.APPLICATION_IN_PROGRESS, 'a price subsidy of the applicant is already being handled');
    }
    if (!(await benefitStanding(tx, personKey))) return noBenefit(dispatch);
    const policy = insurancePolicy();
    const index = await db.latestPriceIndex(tx);
    if (!index || (index.cpi_yoy_percent < policy.priceSubsidyCpiTriggerPercent && index.food_cpi_yoy_percent < policy.priceSubsidyFoodCpiTriggerPercent)) {
      return rejected(
        dispatch.itemCode,
        R.PRICE_SUBSIDY_NOT_TRIGGERED,
        index
          ? `the price subsidy is not in force: CPI ${index.cpi_yoy_percent} % and food CPI ${index.food_cpi_yoy_percent} % (${index.month.slice(0, 7)}) are below the triggers of ${policy.priceSubsidyCpiTriggerPercent} % and ${policy.priceSubsidyFoodCpiTriggerPercent} %`
          : 'the price subsidy is not in force: no price index has been published',
      );
    }
    const number = await supplements.insert(tx, dispatch, { person_key: personKey, kind: 'PRICE_SUBSIDY', trigger_month: index.month });
    return supplements.accepted(dispatch, number);
  },

  // 失业保险条例 第15条 (重新就业, 应征服兵役, 移居境外, 享受基本养老保险待遇 …): the benefit stops;
  // the stop is reported within 20 working days of the event (社会保险经办条例 第25条).
  UNEMPLOYMENT_BENEFIT_STOP: async (tx, _input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const benefit = await db.payingBenefit(tx, personKey, ['UNEMPLOYMENT_BENEFIT']);
    if (!benefit) {
      return rejected(dispatch.itemCode, R.NOT_DRAWING_UNEMPLOYMENT_BENEFIT, 'the applicant draws no unemployment benefit: there is nothing to stop');
    }
    if (await benefitChanges.hasOpen(tx, personKey, 'UNEMPLOYMENT_BENEFIT_STOP')) {
      return rejected(dispatch.itemCode, R.APPLICATION_IN_PROGRESS, "a stop of the applicant's unemployment benefit is already being handled");
    }
    const number = await benefitChanges.insert(tx, dispatch, { person_key: personKey, kind: 'UNEMPLOYMENT_BENEFIT_STOP', benefit_id: benefit.benefit_id });
    return benefitChanges.accepted(dispatch, number);
  },
} satisfies Partial<InsuranceItemHandlers>;
