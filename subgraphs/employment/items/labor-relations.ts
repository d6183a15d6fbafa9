/**
 * 劳动关系 items: 就业登记, 劳动用工备案 (招用; 解除、终止) and 电子劳动合同. All TIME_LIMITED: each
 * records an ACCEPTED filing that the counter completes (records.ts says what completion does).
 */
import { rejected } from '../../../src/subgraph/item-ledger.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { addDays, todayInChina } from '../../../src/policy/calendar.js';
import { retirementDate, retirementSchedule } from '../../../src/policy/retirement.js';
import type { EmploymentItemHandlers } from '../generated/items.js';
import { employmentLocalPolicy } from '../policy.js';
import { electronicLaborContracts, employmentRegistrationApplications, laborFilings } from '../records.js';
import { checkWorkingAge, employerOf } from '../rules.js';
import { employmentWrites } from '../writes.js';

const noEmployer = (dispatch: ItemDispatch): ItemOutcome =>
  rejected(
    dispatch.itemCode,
    'EMPLOYER_REQUIRED',
    'name the employer: its unified social credit code (单位) or, for a founder, the enterprise founded (enterpriseName)',
    'employerCreditCode',
  );

const blank = (dispatch: ItemDispatch, field: string) => rejected(dispatch.itemCode, 'REQUIRED_FIELD_BLANK', `${field} may not be blank`, field);

/**
 * The day a labour contract ended by retirement: 劳动合同法 第44条 and 劳动合同法实施条例 第21条
 * (劳动者达到法定退休年龄的，劳动合同终止), the statutory age by birth month under the gradual
 * reform. A woman's age depends on her post: the form's 身份 (retireeIdentity) says which; without
 * it nothing is derived.
 */
function retirementTermination(dispatch: ItemDispatch): string | null {
  const { gender, birthDate } = dispatch.applicant;
  const identity = dispatch.sharedFields?.retireeIdentity;
  if (gender === 'FEMALE' && identity !== 'CADRE' && identity !== 'WORKER') return null;
  return retirementDate(birthDate, retirementSchedule(gender, gender === 'MALE' ? 'CADRE' : (identity as 'CADRE' | 'WORKER')));
}

/** The contract's 具体信息 a hire filing gives: all together, or none (创业, 附件1 六(六)2: 待补充). */
const CONTRACT_DETAILS = ['contractType', 'contractStartDate', 'jobTitle', 'workLocation', 'monthlyWage'] as const;
type HireInput = Parameters<EmploymentItemHandlers['LABOR_FILING_HIRE']>[1];
type HireDetails = { [K in keyof HireInput]-?: K extends (typeof CONTRACT_DETAILS)[number] ? NonNullable<HireInput[K]> : HireInput[K] };

function contractDetails(input: HireInput): HireDetails | 'TO_FOLLOW' | 'PARTIAL' {
  const given = CONTRACT_DETAILS.filter((f) => input[f] !== undefined && input[f] !== null);
  if (given.length === CONTRACT_DETAILS.length) return input as HireDetails;
  return given.length === 0 && !input.contractEndDate ? 'TO_FOLLOW' : 'PARTIAL';
}

/**
 * A hire filed without its contract's details (创业“一件事”, 劳动用工备案 自动办理): the filing records
 * the hire; type, dates, post, place and wage stay empty until the employer supplies them
 * (如勾选“劳动用工备案”，用人单位应及时补充招用员工具体信息, 人社部发〔2021〕23号 附件1). Working age is
 * checked on the filing day, the one date known.
 */
async function fileHireDetailsToFollow(
  tx: Parameters<EmploymentItemHandlers['LABOR_FILING_HIRE']>[0],
  dispatch: ItemDispatch,
  employer: ReturnType<typeof employerOf>,
): Promise<ItemOutcome> {
  const age = checkWorkingAge(dispatch, todayInChina());
  if (age) return age;
  const inForce = await hireInForce(tx, dispatch.applicant.personId, employer);
  if (inForce) return filingExists(dispatch, inForce.filing_number);
  const number = await laborFilings.insert(tx, dispatch, {
    person_key: dispatch.applicant.personId,
    kind: 'HIRE',
    employer_credit_code: employer.creditCode,
    employer_name: employer.name,
  });
  return laborFilings.accepted(dispatch, number);
}

const hireInForce = async (tx: Parameters<EmploymentItemHandlers['LABOR_FILING_HIRE']>[0], personKey: string, employer: ReturnType<typeof employerOf>) =>
  (await employmentWrites.hireFilingsInForce(tx, personKey)).find((f) =>
    employer.creditCode ? f.employer_credit_code === employer.creditCode : f.employer_name === employer.name,
  );

const filingExists = (dispatch: ItemDispatch, filingNumber: string) =>
  rejected(dispatch.itemCode, 'LABOR_FILING_EXISTS', `hire filing ${filingNumber} with this employer is on file and not ended: file its termination first`);

export const laborRelationHandlers = {
  /**
   * 就业登记 (就业服务与就业管理规定 第62条: the employer within 30 days of hiring; a founder for
   * self-employment, 第61条). Of working age (劳动法 第15条; past the statutory retirement age a
   * labour relation ends, 劳动合同法实施条例 第21条); one employment registered at a time (the
   * previous employer files its end first); completion ends an unemployment registration in force.
   */
  EMPLOYMENT_REGISTRATION: async (tx, _input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const today = todayInChina();
    const age = checkWorkingAge(dispatch, today);
    if (age) return age;
    const employer = employerOf(dispatch);
    if (!employer.creditCode && !employer.name) return noEmployer(dispatch);
    const open = (await employmentWrites.employmentRegistrationsOf(tx, personKey)).find((r) => r.ended_on === null);
    if (open && employer.creditCode && open.employer_credit_code === employer.creditCode) {
      return rejected(
        dispatch.itemCode,
        'ALREADY_EMPLOYED_HERE',
        `employment registration ${open.registration_number} with ${employer.creditCode} is still open`,
      );
    }
    if (open) {
      return rejected(
        dispatch.itemCode,
        'CURRENTLY_EMPLOYED',
        `employment registration ${open.registration_number} is still open: the employer files its termination (就业登记注销) first`,
      );
    }
    if (await employmentRegistrationApplications.hasOpen(tx, personKey)) {
      return rejected(dispatch.itemCode, 'EMPLOYMENT_REGISTRATION_OPEN', 'an employment registration of the applicant is still being handled');
    }
    const number = await employmentRegistrationApplications.insert(tx, dispatch, {
      person_key: personKey,
      kind: dispatch.employerCreditCode ? 'HIRED' : 'SELF_EMPLOYED',
      employer_credit_code: employer.creditCode,
      employer_name: employer.name,
      started_on: today,
    });
    return employmentRegistrationApplications.accepted(dispatch, number);
  },

  /**
   * 劳动用工备案（招用）: the employer files the hire within 30 days (劳社部发〔2006〕46号), with the
   * contract's 具体信息 (人社部发〔2021〕23号 附件1). A fixed-term contract has an end after its start
   * (劳动合同法 第12–13条), an open-ended one none (第14条); no one under 16 is hired (劳动法 第15条),
   * nor under a labour contract past the statutory retirement age (劳动合同法实施条例 第21条). The
   * wage must be positive; whether it reaches the local 最低工资 is the province's figure (最低工资
   * 规定 第6条) and the counter's check. One filing in force per person and employer.
   */
  LABOR_FILING_HIRE: async (tx, input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const employer = employerOf(dispatch);
    if (!employer.creditCode && !employer.name) return noEmployer(dispatch);
    const details = contractDetails(input);
    if (details === 'PARTIAL') {
      const missing = CONTRACT_DETAILS.find((f) => input[f] === undefined || input[f] === null)!;
      return rejected(
        dispatch.itemCode,
        'CONTRACT_DETAILS_INCOMPLETE',
        `give all of the contract's details (${CONTRACT_DETAILS.join(', ')}) or none (待补充): ${missing} is missing`,
        missing,
      );
    }
    if (details === 'TO_FOLLOW') return fileHireDetailsToFollow(tx, dispatch, employer);
    for (const field of ['jobTitle', 'workLocation'] as const) if (!details[field].trim()) return blank(dispatch, field);
    if (details.contractType === 'FIXED_TERM' && !details.contractEndDate) {
      return rejected(dispatch.itemCode, 'CONTRACT_END_DATE_REQUIRED', 'a fixed-term contract (固定期限) has an end date', 'contractEndDate');
    }
    if (details.contractType === 'OPEN_ENDED' && details.contractEndDate) {
      return rejected(dispatch.itemCode, 'CONTRACT_END_DATE_NOT_ALLOWED', 'an open-ended contract (无固定期限) has no end date', 'contractEndDate');
    }
    if (details.contractEndDate && details.contractEndDate <= details.contractStartDate) {
      return rejected(
        dispatch.itemCode,
        'CONTRACT_END_BEFORE_START',
        `劳动合同终止日期 ${details.contractEndDate} is not after its start ${details.contractStartDate}`,
        'contractEndDate',
      );
    }
    if (!(Number(details.monthlyWage) > 0)) {
      return rejected(dispatch.itemCode, 'WAGE_NOT_POSITIVE', `月工资 must be more than 0, got ${details.monthlyWage}`, 'monthlyWage');
    }
    const age = checkWorkingAge(dispatch, details.contractStartDate);
    if (age) return { ...age, rejection: { ...age.rejection!, field: 'contractStartDate' } };
    const inForce = await hireInForce(tx, personKey, employer);
    if (inForce) return filingExists(dispatch, inForce.filing_number);
    const number = await laborFilings.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'HIRE',
      employer_credit_code: employer.creditCode,
      employer_name: employer.name,
      contract_type: details.contractType,
      contract_start_date: details.contractStartDate,
      contract_end_date: details.contractEndDate ?? null,
      job_title: details.jobTitle.trim(),
      work_location: details.workLocation.trim(),
      monthly_wage: details.monthlyWage,
    });
    return laborFilings.accepted(dispatch, number);
  },

  /**
   * 劳动用工备案（解除、终止）: a labour relation on record (an open employment registration or hire
   * filing, with the applying employer when one applies) ends on a date not in the future and not
   * before it began. In 职工退休 the date may be left out: the statutory retirement date, once
   * reached (see `retirementTermination`). Filing later than the local deadline
   * (local-policy laborFilingTerminationDays) is still filed, and marked late.
   */
  LABOR_FILING_TERMINATION: async (tx, input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const today = todayInChina();
    let terminationDate = input.terminationDate ?? null;
    const derived = terminationDate === null;
    if (terminationDate === null) {
      const retiresOn = retirementTermination(dispatch);
      if (retiresOn === null || retiresOn > today) {
        return rejected(
          dispatch.itemCode,
          'TERMINATION_DATE_REQUIRED',
          'give the termination date: it is derived only for someone past the statutory retirement age (with 身份 for women)',
          'terminationDate',
        );
      }
      terminationDate = retiresOn;
    }
    if (terminationDate > today) {
      return rejected(
        dispatch.itemCode,
        'TERMINATION_DATE_IN_FUTURE',
        `劳动合同解除或终止时间 ${terminationDate} is after today: file once it has ended`,
        'terminationDate',
      );
    }
    const employer = dispatch.employerCreditCode ?? null;
    const registration = (await employmentWrites.employmentRegistrationsOf(tx, personKey)).find(
      (r) => r.ended_on === null && (employer === null || r.employer_credit_code === employer),
    );
    const hire = (await employmentWrites.hireFilingsInForce(tx, personKey)).find((f) => employer === null || f.employer_credit_code === employer);
    if (!registration && !hire) {
      return rejected(
        dispatch.itemCode,
        'NO_LABOR_RELATION',
        employer ? `no employment of the applicant with ${employer} is on record` : 'no employment of the applicant is on record',
        employer ? 'employerCreditCode' : undefined,
      );
    }
    const startedOn = [registration?.started_on, hire?.contract_start_date].filter((d): d is string => Boolean(d)).sort()[0]!;
    if (terminationDate < startedOn) {
      return rejected(
        dispatch.itemCode,
        'TERMINATION_BEFORE_START',
        `劳动合同解除或终止时间 ${terminationDate} is before the employment began (${startedOn})`,
        derived ? undefined : 'terminationDate',
      );
    }
    if (await laborFilings.hasOpen(tx, personKey, 'TERMINATION')) {
      return rejected(dispatch.itemCode, 'LABOR_FILING_TERMINATION_OPEN', 'a termination filing of the applicant is still being handled');
    }
    const deadline = addDays(terminationDate, employmentLocalPolicy().laborFilingTerminationDays);
    const number = await laborFilings.insert(tx, dispatch, {
      person_key: personKey,
      kind: 'TERMINATION',
      employer_credit_code: employer ?? registration?.employer_credit_code ?? hire?.employer_credit_code ?? null,
      employer_name: hire?.employer_name ?? null,
      termination_date: terminationDate,
      termination_derived: derived,
      filed_late: today > deadline,
      ends_registration: registration?.registration_number ?? null,
      ends_filing: hire?.filing_number ?? null,
    });
    return laborFilings.accepted(dispatch, number);
  },

  /**
   * 电子劳动合同签订 (劳动合同法 第10条: a written contract within a month of hiring; 电子劳动合同
   * 订立指引, 人社厅发〔2021〕54号: the data message form counts as written). The employer applies for
   * a person of working age; one signing in progress per person and employer.
   */
  E_LABOR_CONTRACT: async (tx, _input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const { creditCode } = employerOf(dispatch);
    if (!creditCode)
      return rejected(
        dispatch.itemCode,
        'EMPLOYER_REQUIRED',
        'an electronic labour contract is signed by an employer: the dispatch names none',
        'employerCreditCode',
      );
    const age = checkWorkingAge(dispatch, todayInChina());
    if (age) return age;
    const open = await employmentWrites.openElectronicContract(tx, personKey, creditCode);
    if (open)
      return rejected(dispatch.itemCode, 'E_LABOR_CONTRACT_OPEN', `electronic contract ${open.contract_number} with this employer is still being signed`);
    const number = await electronicLaborContracts.insert(tx, dispatch, { person_key: personKey, employer_credit_code: creditCode });
    return electronicLaborContracts.accepted(dispatch, number);
  },
} satisfies Partial<EmploymentItemHandlers>;
