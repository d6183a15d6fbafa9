/** 单位参保登记, 减员申报 and 退工停保登记: the employer's side of registration (创业, 解除终止劳动关系). */
import type { Queryable } from '../../../src/db/database.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { rejected } from '../../../src/subgraph/item-ledger.js';
import { validateCreditCode } from '../../../src/catalog/identity-documents.js';
import { InsuranceRejection as R } from '../rejections.js';
import { insuranceWrites as db } from '../writes.js';
import { employerRegistrations, reductions } from '../records.js';
import { todayInChina } from '../../../src/policy/calendar.js';
import { applyingEmployer, noAgency } from './common.js';
import type { InsuranceItemHandlers } from '../generated/items.js';

/**
 * The kind of an employer from its unified social credit code (GB 32100-2015): the first
 * character is the registering authority (1 机构编制), the second the kind under it (1 机关,
 * 2 事业单位); every other code (工商 9, 民政 5 …) pays the enterprise scheme.
 */
export function employerKindOf(creditCode: string): 'ENTERPRISE' | 'PUBLIC_INSTITUTION' | 'GOVERNMENT_AGENCY' {
  if (creditCode.startsWith('11')) return 'GOVERNMENT_AGENCY';
  if (creditCode.startsWith('12')) return 'PUBLIC_INSTITUTION';
  return 'ENTERPRISE';
}

/** The employer stops contributing for a person it insures (减员, 退工停保). */
async function declareReduction(
  tx: Queryable,
  dispatch: ItemDispatch,
  kind: 'REDUCTION' | 'TERMINATION_STOP',
  reason: string,
  date: string,
  dateField: string,
): Promise<ItemOutcome> {
  const code = dispatch.itemCode;
  const personKey = dispatch.applicant.personId;
  const applying = await applyingEmployer(tx, dispatch, true);
  if ('rejection' in applying) return applying.rejection;
  const employer = applying.employer!;
  if (date > todayInChina()) {
    return rejected(code, R.REDUCTION_DATE_IN_FUTURE, `the date ${date} has not come yet: declare it once the employment has ended`, dateField);
  }
  const schemes = (await db.schemesOf(tx, personKey))
    .filter((s) => s.status === 'CONTRIBUTING' && s.employer_credit_code === employer.credit_code)
    .map((s) => s.scheme)
    .sort();
  if (schemes.length === 0) {
    return rejected(code, R.NOT_INSURED_BY_EMPLOYER, `the employer ${employer.credit_code} does not contribute for the applicant: there is nobody to reduce`);
  }
  if (await db.openReduction(tx, personKey, employer.credit_code)) {
    return rejected(code, R.APPLICATION_IN_PROGRESS, 'a 减员 of the applicant by this employer is still being handled');
  }
  const number = await reductions.insert(tx, dispatch, {
    person_key: personKey,
    kind,
    employer_credit_code: employer.credit_code,
    reduction_reason: reason,
    reduction_date: date,
    schemes,
  });
  return reductions.accepted(dispatch, number);
}

export const employerHandlers = {
  // 社会保险法 第57条: the employer applies within 30 days of its founding, the agency reviews within 15 days.
  EMPLOYER_INSURANCE_REGISTRATION: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const creditCode = dispatch.employerCreditCode?.trim().toUpperCase();
    if (!creditCode) {
      return rejected(code, R.EMPLOYER_REQUIRED, 'name the employer registering: its unified social credit code', 'employerCreditCode');
    }
    const check = validateCreditCode(creditCode);
    if (!check.ok) return rejected(code, R.CREDIT_CODE_INVALID, `the unified social credit code is not valid: ${check.reason}`, 'employerCreditCode');
    if (await db.employer(tx, creditCode)) {
      return rejected(code, R.EMPLOYER_ALREADY_REGISTERED, `the employer ${creditCode} is already registered with social insurance here`, 'employerCreditCode');
    }
    if (await db.openEmployerRegistration(tx, creditCode)) {
      return rejected(code, R.APPLICATION_IN_PROGRESS, `a registration of the employer ${creditCode} is still being handled`, 'employerCreditCode');
    }
    const name = dispatch.sharedFields?.enterpriseName;
    if (typeof name !== 'string' || !name.trim()) {
      return rejected(code, R.ENTERPRISE_NAME_REQUIRED, 'the form gives no name of the employer registering (创办单位名称)', 'enterpriseName');
    }
    const types = [...new Set(input.insuranceTypes)];
    if (types.length === 0) return rejected(code, R.INSURANCE_TYPES_EMPTY, 'choose at least one insurance type', 'insuranceTypes');
    if (types.includes('ENTERPRISE_PENSION') && types.includes('INSTITUTION_PENSION')) {
      return rejected(code, R.CONFLICTING_PENSION_SCHEMES, 'an employer registers one employee pension scheme: 企业职工 or 机关事业单位', 'insuranceTypes');
    }
    const kind = employerKindOf(creditCode);
    // 机关事业单位养老保险 covers 机关 and 事业单位 only (国发〔2015〕2号 第二条).
    if (types.includes('INSTITUTION_PENSION') && kind === 'ENTERPRISE') {
      return rejected(code, R.SCHEME_NOT_FOR_EMPLOYER, '机关事业单位养老保险 is not open to an enterprise: register 企业职工基本养老保险', 'insuranceTypes');
    }
    const region = creditCode.slice(2, 8); // GB 32100: characters 3–8 are the registering region
    if (!(await db.agency(tx, region))) return noAgency(dispatch);
    const number = await employerRegistrations.insert(tx, dispatch, {
      person_key: dispatch.applicant.personId,
      credit_code: creditCode,
      enterprise_name: name.trim(),
      employer_kind: kind,
      schemes: types,
      by_construction_project: input.byConstructionProject ?? false,
      region_code: region,
    });
    return employerRegistrations.accepted(dispatch, number);
  },

  // 社会保险经办条例 第10条: the employer declares the 减员 of who no longer works for it.
  CONTRIBUTOR_REDUCTION: (tx, input, dispatch) => declareReduction(tx, dispatch, 'REDUCTION', input.reductionReason, input.reductionDate, 'reductionDate'),

  // 江苏 退工停保登记: 减员 with the contract's end (经办条例 第10条; 就业服务与就业管理规定 第62条).
  EMPLOYER_TERMINATION_INSURANCE_STOP: (tx, input, dispatch) =>
    declareReduction(tx, dispatch, 'TERMINATION_STOP', input.reductionReason, input.terminationDate, 'terminationDate'),
} satisfies Partial<InsuranceItemHandlers>;
