/**
 * 创业 items: 创业开业指导, 创业培训, 创业担保贷款资格认定 (个人 / 企业) and the start-up subsidies
 * (创业补贴, 一次性创业补贴, 场地租金, 带动就业, 创业基地运营, 创业失败社保补贴). All TIME_LIMITED and
 * completed by the counter. Subsidy amounts, and which founders each local subsidy covers, are the
 * local policy's (no national figure): the subgraph checks what the national rules and the records
 * can tell, and the counter fixes the amount.
 */
import { rejected } from '../../../src/subgraph/item-ledger.js';
import type { Queryable } from '../../../src/db/database.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { todayInChina } from '../../../src/policy/calendar.js';
import type { EmploymentItemHandlers } from '../generated/items.js';
import { employmentLocalPolicy, STARTUP_LOAN_KEY_GROUP_SHARE } from '../policy.js';
import { entrepreneurshipServices, startupLoans, startupSubsidies } from '../records.js';
import { checkWorkingAge, employerOf, enterpriseOf } from '../rules.js';
import { employmentWrites } from '../writes.js';

const blank = (dispatch: ItemDispatch, field: string) => rejected(dispatch.itemCode, 'REQUIRED_FIELD_BLANK', `${field} may not be blank`, field);
const notPositive = (dispatch: ItemDispatch, field: string, value: unknown) =>
  rejected(dispatch.itemCode, 'VALUE_NOT_POSITIVE', `${field} must be more than 0, got ${String(value)}`, field);
const inFuture = (dispatch: ItemDispatch, field: string, date: string) =>
  rejected(dispatch.itemCode, 'DATE_IN_FUTURE', `${field} ${date} is after today`, field);

/** The first blank one of the given text fields, as a rejection. */
function firstBlank(dispatch: ItemDispatch, input: object, fields: readonly string[]): ItemOutcome | null {
  const values = input as Record<string, unknown>;
  const field = fields.find((name) => typeof values[name] !== 'string' || !values[name].trim());
  return field ? blank(dispatch, field) : null;
}

/**
 * 创办者身份 checked against the records where they can tell: 城镇登记失业人员 needs an unemployment
 * registration in force, 就业困难人员 a recognition (就业促进法 第52条). Other identities are proved
 * by their material at the counter. For 创业担保贷款 `OTHER` is no eligible group (财金〔2020〕21号
 * lists them: the enum's other values).
 */
async function checkFounderIdentity(tx: Queryable, dispatch: ItemDispatch, identity: string, forLoan: boolean): Promise<ItemOutcome | null> {
  const personKey = dispatch.applicant.personId;
  if (identity === 'REGISTERED_UNEMPLOYED') {
    const registration = await employmentWrites.currentUnemploymentRegistration(tx, personKey);
    if (registration?.status !== 'COMPLETED') {
      return rejected(
        dispatch.itemCode,
        'FOUNDER_IDENTITY_NOT_MET',
        '城镇登记失业人员: the applicant has no unemployment registration in force',
        'founderIdentity',
      );
    }
  }
  if (identity === 'EMPLOYMENT_DIFFICULTY' && !(await employmentWrites.hardToEmployRecognition(tx, personKey))) {
    return rejected(
      dispatch.itemCode,
      'FOUNDER_IDENTITY_NOT_MET',
      '就业困难人员: the applicant was never recognised as one (就业困难人员认定 comes first)',
      'founderIdentity',
    );
  }
  if (forLoan && identity === 'OTHER') {
    return rejected(
      dispatch.itemCode,
      'FOUNDER_NOT_ELIGIBLE',
      '创业担保贷款 is for the groups 财金〔2020〕21号 lists; 其他 is none of them',
      'founderIdentity',
    );
  }
  return null;
}

/** Amount and term within the local caps (defaults from 财金〔2020〕21号, local-policy.yaml). */
function checkLoanTerms(dispatch: ItemDispatch, input: { loanAmount: string; loanTermMonths: number }, cap: number, termYears: number): ItemOutcome | null {
  const amount = Number(input.loanAmount);
  if (!(amount > 0)) return notPositive(dispatch, 'loanAmount', input.loanAmount);
  if (amount > cap) return rejected(dispatch.itemCode, 'LOAN_AMOUNT_OVER_CAP', `拟贷款金额 ${input.loanAmount} exceeds the cap of ${cap} yuan`, 'loanAmount');
  if (input.loanTermMonths < 1) return notPositive(dispatch, 'loanTermMonths', input.loanTermMonths);
  if (input.loanTermMonths > termYears * 12) {
    return rejected(dispatch.itemCode, 'LOAN_TERM_TOO_LONG', `拟贷款期限 ${input.loanTermMonths} months exceeds ${termYears} years`, 'loanTermMonths');
  }
  return null;
}

/** One application of a kind open at a time; `once`: granted at most once (一次性). */
async function checkSubsidyOnce(tx: Queryable, dispatch: ItemDispatch, creditCode: string | null, once: boolean): Promise<ItemOutcome | null> {
  const earlier = await employmentWrites.startupSubsidies(tx, dispatch.itemCode, dispatch.applicant.personId, creditCode);
  const open = earlier.find((a) => a.status === 'ACCEPTED');
  if (open) return rejected(dispatch.itemCode, 'STARTUP_SUBSIDY_OPEN', `application ${open.application_number} of this subsidy is still being handled`);
  const granted = earlier.find((a) => a.status === 'COMPLETED');
  if (once && granted)
    return rejected(dispatch.itemCode, 'STARTUP_SUBSIDY_ALREADY_GRANTED', `this one-off subsidy was granted (${granted.application_number})`);
  return null;
}

async function subsidy(tx: Queryable, dispatch: ItemDispatch, creditCode: string | null, columns: Record<string, unknown>): Promise<ItemOutcome> {
  const number = await startupSubsidies.insert(tx, dispatch, {
    person_key: dispatch.applicant.personId,
    kind: dispatch.itemCode,
    employer_credit_code: creditCode,
    ...columns,
  });
  return startupSubsidies.accepted(dispatch, number);
}

export const entrepreneurshipHandlers = {
  /** 创业开业指导 (就业促进法 第23条: support for self-employment): for someone of working age, one request open. */
  BUSINESS_START_GUIDANCE: async (tx, _input, dispatch) => {
    const age = checkWorkingAge(dispatch, todayInChina());
    if (age) return age;
    if (await entrepreneurshipServices.hasOpen(tx, dispatch.applicant.personId, 'START_GUIDANCE')) {
      return rejected(dispatch.itemCode, 'ENTREPRENEURSHIP_SERVICE_OPEN', 'a start-up guidance request of the applicant is still open');
    }
    const number = await entrepreneurshipServices.insert(tx, dispatch, { person_key: dispatch.applicant.personId, kind: 'START_GUIDANCE' });
    return entrepreneurshipServices.accepted(dispatch, number);
  },

  /** 创业培训 (就业促进法 第50条 training for those who want to start a business): working age, one enrolment open. */
  ENTREPRENEURSHIP_TRAINING: async (tx, input, dispatch) => {
    const age = checkWorkingAge(dispatch, todayInChina());
    if (age) return age;
    if (await entrepreneurshipServices.hasOpen(tx, dispatch.applicant.personId, 'TRAINING')) {
      return rejected(dispatch.itemCode, 'ENTREPRENEURSHIP_SERVICE_OPEN', 'an entrepreneurship training enrolment of the applicant is still open');
    }
    const number = await entrepreneurshipServices.insert(tx, dispatch, {
      person_key: dispatch.applicant.personId,
      kind: 'TRAINING',
      training_type: input.trainingType,
    });
    return entrepreneurshipServices.accepted(dispatch, number);
  },

  /**
   * 个人创业担保贷款资格认定 (财金〔2020〕21号): an eligible founder of working age, within the
   * local cap and term (local-policy startupLoanPersonalCap, startupLoanPersonalTermYears), one
   * certification open at a time. The spouse's outstanding loans are the counter's check.
   */
  STARTUP_LOAN_PERSONAL: async (tx, input, dispatch) => {
    const blankField = firstBlank(dispatch, input, ['lendingBank', 'guaranteeMethod', 'loanPurpose', 'outstandingLoans']);
    if (blankField) return blankField;
    const policy = employmentLocalPolicy();
    const terms = checkLoanTerms(dispatch, input, policy.startupLoanPersonalCap, policy.startupLoanPersonalTermYears);
    if (terms) return terms;
    const age = checkWorkingAge(dispatch, todayInChina());
    if (age) return age;
    const identity = await checkFounderIdentity(tx, dispatch, input.founderIdentity, true);
    if (identity) return identity;
    const open = await employmentWrites.openStartupLoan(tx, 'PERSONAL', dispatch.applicant.personId);
    if (open) return rejected(dispatch.itemCode, 'STARTUP_LOAN_OPEN', `certification ${open.certification_number} of the applicant is still being handled`);
    const number = await startupLoans.insert(tx, dispatch, {
      person_key: dispatch.applicant.personId,
      kind: 'PERSONAL',
      founder_identity: input.founderIdentity,
      loan_amount: input.loanAmount,
      loan_term_months: input.loanTermMonths,
      lending_bank: input.lendingBank.trim(),
      guarantee_method: input.guaranteeMethod.trim(),
      loan_purpose: input.loanPurpose.trim(),
      outstanding_loans: input.outstandingLoans.trim(),
    });
    return startupLoans.accepted(dispatch, number);
  },

  /**
   * 企业吸纳就业创业担保贷款资格认定 (财金〔2020〕21号): new hires of the eligible groups reach 15 % of
   * the staff (8 % above 100), within the local cap and term (startupLoanEnterpriseCap,
   * startupLoanEnterpriseTermYears); one certification open per enterprise.
   */
  STARTUP_LOAN_ENTERPRISE: async (tx, input, dispatch) => {
    const enterprise = enterpriseOf(dispatch);
    if ('rejection' in enterprise) return enterprise.rejection;
    const blankField = firstBlank(dispatch, input, ['enterpriseType', 'lendingBank', 'guaranteeMethod']);
    if (blankField) return blankField;
    const policy = employmentLocalPolicy();
    const terms = checkLoanTerms(dispatch, input, policy.startupLoanEnterpriseCap, policy.startupLoanEnterpriseTermYears);
    if (terms) return terms;
    if (input.totalEmployees < 1) return notPositive(dispatch, 'totalEmployees', input.totalEmployees);
    if (input.keyGroupHires < 0 || input.keyGroupHires > input.totalEmployees) {
      return rejected(
        dispatch.itemCode,
        'KEY_GROUP_HIRES_INVALID',
        `招用重点人群数 ${input.keyGroupHires} must be between 0 and 职工总数 ${input.totalEmployees}`,
        'keyGroupHires',
      );
    }
    const share = input.totalEmployees > 100 ? STARTUP_LOAN_KEY_GROUP_SHARE.above100 : STARTUP_LOAN_KEY_GROUP_SHARE.upTo100;
    if (input.keyGroupHires < input.totalEmployees * share) {
      return rejected(
        dispatch.itemCode,
        'KEY_GROUP_SHARE_TOO_LOW',
        `招用重点人群 ${input.keyGroupHires} of ${input.totalEmployees} staff is below ${share * 100} %`,
        'keyGroupHires',
      );
    }
    const open = await employmentWrites.openStartupLoan(tx, 'ENTERPRISE', enterprise.creditCode);
    if (open) return rejected(dispatch.itemCode, 'STARTUP_LOAN_OPEN', `certification ${open.certification_number} of the enterprise is still being handled`);
    const number = await startupLoans.insert(tx, dispatch, {
      person_key: dispatch.applicant.personId,
      kind: 'ENTERPRISE',
      employer_credit_code: enterprise.creditCode,
      enterprise_type: input.enterpriseType.trim(),
      loan_amount: input.loanAmount,
      loan_term_months: input.loanTermMonths,
      lending_bank: input.lendingBank.trim(),
      guarantee_method: input.guaranteeMethod.trim(),
      total_employees: input.totalEmployees,
      key_group_hires: input.keyGroupHires,
    });
    return startupLoans.accepted(dispatch, number);
  },

  /** 创业补贴申领 (a person): working age, the founder identity the records can check, one open. */
  STARTUP_SUBSIDY: async (tx, input, dispatch) => {
    const age = checkWorkingAge(dispatch, todayInChina());
    if (age) return age;
    const identity = await checkFounderIdentity(tx, dispatch, input.founderIdentity, false);
    if (identity) return identity;
    const once = await checkSubsidyOnce(tx, dispatch, null, false);
    if (once) return once;
    return subsidy(tx, dispatch, null, { founder_identity: input.founderIdentity });
  },

  /** 一次性创业补贴: the enterprise founded (not in the future), granted once per enterprise. */
  ONE_OFF_STARTUP_SUBSIDY: async (tx, input, dispatch) => {
    const enterprise = enterpriseOf(dispatch);
    if ('rejection' in enterprise) return enterprise.rejection;
    if (input.establishedDate > todayInChina()) return inFuture(dispatch, 'establishedDate', input.establishedDate);
    const identity = await checkFounderIdentity(tx, dispatch, input.founderIdentity, false);
    if (identity) return identity;
    const once = await checkSubsidyOnce(tx, dispatch, enterprise.creditCode, true);
    if (once) return once;
    return subsidy(tx, dispatch, enterprise.creditCode, {
      founder_identity: input.founderIdentity,
      established_date: input.establishedDate,
      account: input.unitBankAccount,
    });
  },

  /** 创业场地租金补贴: a lease that has begun and ends after it begins, a positive rent; one open. */
  STARTUP_VENUE_RENT_SUBSIDY: async (tx, input, dispatch) => {
    const blankField = firstBlank(dispatch, input, ['venueAddress']);
    if (blankField) return blankField;
    if (input.leaseEndDate <= input.leaseStartDate) {
      return rejected(
        dispatch.itemCode,
        'LEASE_END_BEFORE_START',
        `租赁终止日期 ${input.leaseEndDate} is not after its start ${input.leaseStartDate}`,
        'leaseEndDate',
      );
    }
    if (input.leaseStartDate > todayInChina()) {
      return rejected(
        dispatch.itemCode,
        'LEASE_NOT_STARTED',
        `the lease starts on ${input.leaseStartDate}: rent is subsidised once it is paid`,
        'leaseStartDate',
      );
    }
    if (!(Number(input.monthlyRent) > 0)) return notPositive(dispatch, 'monthlyRent', input.monthlyRent);
    // A person or an enterprise applies (both applicant kinds).
    const creditCode = employerOf(dispatch).creditCode;
    const once = await checkSubsidyOnce(tx, dispatch, creditCode, false);
    if (once) return once;
    return subsidy(tx, dispatch, creditCode, {
      venue_address: input.venueAddress.trim(),
      lease_start_date: input.leaseStartDate,
      lease_end_date: input.leaseEndDate,
      monthly_rent: input.monthlyRent,
      account: input.subsidyAccount ?? null,
    });
  },

  /** 创业带动就业补贴: the enterprise hired at least one person (the minimum and the amount per hire are local). */
  STARTUP_JOB_CREATION_SUBSIDY: async (tx, input, dispatch) => {
    const enterprise = enterpriseOf(dispatch);
    if ('rejection' in enterprise) return enterprise.rejection;
    if (input.hiredCount < 1) return notPositive(dispatch, 'hiredCount', input.hiredCount);
    const once = await checkSubsidyOnce(tx, dispatch, enterprise.creditCode, false);
    if (once) return once;
    return subsidy(tx, dispatch, enterprise.creditCode, { hired_count: input.hiredCount, account: input.unitBankAccount });
  },

  /** 创业基地运营补贴: the incubator's operator names it and hosts at least one start-up. */
  INCUBATOR_OPERATION_SUBSIDY: async (tx, input, dispatch) => {
    const enterprise = enterpriseOf(dispatch);
    if ('rejection' in enterprise) return enterprise.rejection;
    const blankField = firstBlank(dispatch, input, ['incubatorName']);
    if (blankField) return blankField;
    if (input.incubatedEntities < 1) return notPositive(dispatch, 'incubatedEntities', input.incubatedEntities);
    const once = await checkSubsidyOnce(tx, dispatch, enterprise.creditCode, false);
    if (once) return once;
    return subsidy(tx, dispatch, enterprise.creditCode, {
      incubator_name: input.incubatorName.trim(),
      incubated_entities: input.incubatedEntities,
      account: input.unitBankAccount,
    });
  },

  /** 创业失败社保补贴: the business has closed (a date not in the future); granted once per enterprise. */
  STARTUP_FAILURE_INSURANCE_SUBSIDY: async (tx, input, dispatch) => {
    const enterprise = enterpriseOf(dispatch);
    if ('rejection' in enterprise) return enterprise.rejection;
    if (input.closureDate > todayInChina()) return inFuture(dispatch, 'closureDate', input.closureDate);
    const once = await checkSubsidyOnce(tx, dispatch, enterprise.creditCode, true);
    if (once) return once;
    return subsidy(tx, dispatch, enterprise.creditCode, { closure_date: input.closureDate, account: input.subsidyAccount });
  },
} satisfies Partial<EmploymentItemHandlers>;
