import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { addDays, addMonths, todayInChina } from '../src/policy/calendar.js';
import { personKey } from '../src/identity/person-key.js';
import {
  anotherItem,
  applicantOf,
  decideItem,
  dispatchFor,
  dispatchItem,
  entityOf,
  expectAccepted,
  expectRejected,
  newcomerIdNumber,
} from './support/items.js';
import { SUBMIT, type Submitted } from './support/forms.js';
import { useStack } from './support/use-stack.js';

// 创业 items of employment: guidance, training, 创业担保贷款资格认定, the start-up subsidies.
const stack = useStack();

type Dispatch = ReturnType<typeof dispatchFor>;
const today = todayInChina();
const SOFTWARE = DEMO_EMPLOYERS.software.creditCode;
const CERAMICS = DEMO_EMPLOYERS.ceramics.creditCode;

const forNewcomer = (itemCode: string, extra: Record<string, unknown> = {}, birthDate = '1997-07-07') => {
  const idNumber = newcomerIdNumber(birthDate, 'MALE');
  return dispatchFor(stack, DEMO_PEOPLE.liuYang, itemCode, {
    applicant: {
      ...applicantOf(stack, DEMO_PEOPLE.liuYang),
      idNumber,
      personId: personKey(stack.config.personKeySecret, 'RESIDENT_ID_CARD', idNumber),
      birthDate,
      gender: 'MALE',
    },
    ...extra,
  });
};
const next = (dispatch: Dispatch, itemCode: string = dispatch.itemCode, extra: Record<string, unknown> = {}) => anotherItem(dispatch, itemCode, extra);
const send = (dispatch: Dispatch, input?: unknown) => dispatchItem(stack, dispatch, input);
const decide = (dispatch: Dispatch) => decideItem(stack, 'employment', dispatch.idempotencyKey, { decidedBy: 'counter-021', outcome: 'COMPLETE' });
const entity = <T>(typename: string, id: string, selection: string) => entityOf<T>(stack, 'employment', typename, id, selection);

const PERSONAL_LOAN = {
  founderIdentity: 'GRADUATE',
  loanAmount: '200000',
  loanTermMonths: 36,
  lendingBank: '示例银行南京分行',
  guaranteeMethod: '创业担保基金担保',
  loanPurpose: '购置设备与流动资金',
  outstandingLoans: '无',
};
const ENTERPRISE_LOAN = {
  enterpriseType: '小型企业',
  loanAmount: '3000000',
  loanTermMonths: 24,
  lendingBank: '示例银行南京分行',
  guaranteeMethod: '创业担保基金担保',
  totalEmployees: 40,
  keyGroupHires: 6,
};

describe('创业开业指导 and 创业培训', () => {
  it('accepts guidance and a training enrolment, one of each open at a time; refuses someone past retirement age', async () => {
    const guidance = forNewcomer('BUSINESS_START_GUIDANCE');
    const outcome = expectAccepted(await send(guidance), 'EntrepreneurshipServiceRequest', 'CY');
    expect(await entity('EntrepreneurshipServiceRequest', outcome.recordId!, 'kind status trainingType')).toEqual({
      kind: 'START_GUIDANCE',
      status: 'ACCEPTED',
      trainingType: null,
    });
    expectRejected(await send(next(guidance)), 'ENTREPRENEURSHIP_SERVICE_OPEN');
    const training = next(guidance, 'ENTREPRENEURSHIP_TRAINING');
    const enrolled = expectAccepted(await send(training, { trainingType: 'SYB' }), 'EntrepreneurshipServiceRequest', 'CY');
    expect(await entity('EntrepreneurshipServiceRequest', enrolled.recordId!, 'kind trainingType')).toEqual({ kind: 'TRAINING', trainingType: 'SYB' });
    expectRejected(await send(next(training), { trainingType: 'GYB' }), 'ENTREPRENEURSHIP_SERVICE_OPEN');
    await decide(training);
    expectAccepted(await send(next(training), { trainingType: 'IYB' }), 'EntrepreneurshipServiceRequest', 'CY');

    expectRejected(await send(dispatchFor(stack, DEMO_PEOPLE.wangFang, 'BUSINESS_START_GUIDANCE')), 'NOT_OF_WORKING_AGE');
    expectRejected(await send(dispatchFor(stack, DEMO_PEOPLE.wangFang, 'ENTREPRENEURSHIP_TRAINING'), { trainingType: 'GYB' }), 'NOT_OF_WORKING_AGE');
  });
});

describe('STARTUP_LOAN_PERSONAL (certifyPersonalStartupLoan)', () => {
  it('certifies a graduate founder within the local cap and term; one certification open at a time', async () => {
    const dispatch = forNewcomer('STARTUP_LOAN_PERSONAL');
    const outcome = expectAccepted(await send(dispatch, PERSONAL_LOAN), 'StartupLoanCertification', 'DK');
    expect(await entity('StartupLoanCertification', outcome.recordId!, 'kind founderIdentity loanAmount loanTermMonths')).toEqual({
      kind: 'PERSONAL',
      founderIdentity: 'GRADUATE',
      loanAmount: '200000.00',
      loanTermMonths: 36,
    });
    expectRejected(await send(next(dispatch), PERSONAL_LOAN), 'STARTUP_LOAN_OPEN');
  });

  it.each([
    ['an amount over the local cap (startupLoanPersonalCap 200000)', { loanAmount: '200000.01' }, 'LOAN_AMOUNT_OVER_CAP', 'loanAmount'],
    ['a term over 3 years (startupLoanPersonalTermYears)', { loanTermMonths: 37 }, 'LOAN_TERM_TOO_LONG', 'loanTermMonths'],
    ['an amount of 0', { loanAmount: '0' }, 'VALUE_NOT_POSITIVE', 'loanAmount'],
    ['a blank lending bank', { lendingBank: ' ' }, 'REQUIRED_FIELD_BLANK', 'lendingBank'],
    ['a founder of no eligible group (其他)', { founderIdentity: 'OTHER' }, 'FOUNDER_NOT_ELIGIBLE', 'founderIdentity'],
    ['城镇登记失业人员 without an unemployment registration', { founderIdentity: 'REGISTERED_UNEMPLOYED' }, 'FOUNDER_IDENTITY_NOT_MET', 'founderIdentity'],
    ['就业困难人员 never recognised', { founderIdentity: 'EMPLOYMENT_DIFFICULTY' }, 'FOUNDER_IDENTITY_NOT_MET', 'founderIdentity'],
  ])('refuses %s', async (_name, change, code, field) => {
    expectRejected(await send(forNewcomer('STARTUP_LOAN_PERSONAL'), { ...PERSONAL_LOAN, ...change }), code, field);
  });
});

describe('STARTUP_LOAN_ENTERPRISE (certifyEnterpriseStartupLoan)', () => {
  it('certifies a small business whose key-group hires reach 15 % of its staff; one open per enterprise', async () => {
    const dispatch = forNewcomer('STARTUP_LOAN_ENTERPRISE', { employerCreditCode: SOFTWARE });
    const outcome = expectAccepted(await send(dispatch, ENTERPRISE_LOAN), 'StartupLoanCertification', 'DK');
    expect(await entity('StartupLoanCertification', outcome.recordId!, 'kind employer { creditCode } totalEmployees keyGroupHires')).toEqual({
      kind: 'ENTERPRISE',
      employer: { creditCode: SOFTWARE },
      totalEmployees: 40,
      keyGroupHires: 6,
    });
    expectRejected(await send(forNewcomer('STARTUP_LOAN_ENTERPRISE', { employerCreditCode: SOFTWARE }), ENTERPRISE_LOAN), 'STARTUP_LOAN_OPEN');
    // Above 100 staff, 8 % is enough.
    expectAccepted(
      await send(forNewcomer('STARTUP_LOAN_ENTERPRISE', { employerCreditCode: CERAMICS }), { ...ENTERPRISE_LOAN, totalEmployees: 200, keyGroupHires: 16 }),
      'StartupLoanCertification',
      'DK',
    );
  });

  it.each([
    ['key-group hires below 15 %', { keyGroupHires: 5 }, 'KEY_GROUP_SHARE_TOO_LOW', 'keyGroupHires'],
    ['above 100 staff, below 8 %', { totalEmployees: 200, keyGroupHires: 15 }, 'KEY_GROUP_SHARE_TOO_LOW', 'keyGroupHires'],
    ['more key-group hires than staff', { keyGroupHires: 41 }, 'KEY_GROUP_HIRES_INVALID', 'keyGroupHires'],
    ['an amount over the local cap (startupLoanEnterpriseCap 3000000)', { loanAmount: '3000001' }, 'LOAN_AMOUNT_OVER_CAP', 'loanAmount'],
    ['a term over 2 years', { loanTermMonths: 25 }, 'LOAN_TERM_TOO_LONG', 'loanTermMonths'],
  ])('refuses %s', async (_name, change, code, field) => {
    expectRejected(
      await send(forNewcomer('STARTUP_LOAN_ENTERPRISE', { employerCreditCode: DEMO_EMPLOYERS.hospital.creditCode }), { ...ENTERPRISE_LOAN, ...change }),
      code,
      field,
    );
  });

  it('refuses an application naming no enterprise', async () => {
    expectRejected(await send(forNewcomer('STARTUP_LOAN_ENTERPRISE'), ENTERPRISE_LOAN), 'EMPLOYER_REQUIRED', 'employerCreditCode');
  });
});

describe('start-up subsidies', () => {
  it('创业补贴: a registered unemployed founder (completed registration) is accepted; one application open', async () => {
    const unemployed = forNewcomer('UNEMPLOYMENT_REGISTRATION', {
      sharedFields: { unemploymentType: 'EMPLOYER_CLOSED', formerEmployer: '某厂', unemploymentDate: addMonths(today, -1) },
    });
    await send(unemployed);
    await decide(unemployed);
    const claim = next(unemployed, 'STARTUP_SUBSIDY');
    expectAccepted(await send(claim, { founderIdentity: 'REGISTERED_UNEMPLOYED' }), 'StartupSubsidyApplication', 'CYB');
    expectRejected(await send(next(claim), { founderIdentity: 'REGISTERED_UNEMPLOYED' }), 'STARTUP_SUBSIDY_OPEN');
    expectRejected(await send(forNewcomer('STARTUP_SUBSIDY'), { founderIdentity: 'REGISTERED_UNEMPLOYED' }), 'FOUNDER_IDENTITY_NOT_MET', 'founderIdentity');
  });

  it('一次性创业补贴 is granted once per enterprise, and needs a founding date not in the future', async () => {
    const input = { founderIdentity: 'GRADUATE', establishedDate: addMonths(today, -3), unitBankAccount: '6222020200001234567' };
    const first = forNewcomer('ONE_OFF_STARTUP_SUBSIDY', { employerCreditCode: SOFTWARE });
    const outcome = expectAccepted(await send(first, input), 'StartupSubsidyApplication', 'CYB');
    expect(await entity('StartupSubsidyApplication', outcome.recordId!, 'kind employer { creditCode } establishedDate account')).toEqual({
      kind: 'ONE_OFF_STARTUP_SUBSIDY',
      employer: { creditCode: SOFTWARE },
      establishedDate: input.establishedDate,
      account: '****4567',
    });
    await decide(first);
    expectRejected(await send(next(first), input), 'STARTUP_SUBSIDY_ALREADY_GRANTED');
    expectRejected(
      await send(forNewcomer('ONE_OFF_STARTUP_SUBSIDY', { employerCreditCode: CERAMICS }), { ...input, establishedDate: addDays(today, 1) }),
      'DATE_IN_FUTURE',
      'establishedDate',
    );
    expectRejected(await send(forNewcomer('ONE_OFF_STARTUP_SUBSIDY'), input), 'EMPLOYER_REQUIRED', 'employerCreditCode');
  });

  it.each([
    [
      '场地租金: accepted',
      'STARTUP_VENUE_RENT_SUBSIDY',
      { venueAddress: '南京市示例创业园1号', leaseStartDate: addMonths(today, -2), leaseEndDate: addMonths(today, 10), monthlyRent: '3000' },
      null,
      null,
    ],
    [
      '场地租金: a lease ending before it starts',
      'STARTUP_VENUE_RENT_SUBSIDY',
      { venueAddress: '南京市示例创业园1号', leaseStartDate: addMonths(today, -2), leaseEndDate: addMonths(today, -3), monthlyRent: '3000' },
      'LEASE_END_BEFORE_START',
      'leaseEndDate',
    ],
    [
      '场地租金: a lease not begun',
      'STARTUP_VENUE_RENT_SUBSIDY',
      { venueAddress: '南京市示例创业园1号', leaseStartDate: addDays(today, 5), leaseEndDate: addMonths(today, 10), monthlyRent: '3000' },
      'LEASE_NOT_STARTED',
      'leaseStartDate',
    ],
    [
      '场地租金: a rent of 0',
      'STARTUP_VENUE_RENT_SUBSIDY',
      { venueAddress: '南京市示例创业园1号', leaseStartDate: addMonths(today, -2), leaseEndDate: addMonths(today, 10), monthlyRent: '0' },
      'VALUE_NOT_POSITIVE',
      'monthlyRent',
    ],
    ['带动就业: accepted', 'STARTUP_JOB_CREATION_SUBSIDY', { hiredCount: 3, unitBankAccount: '6222020200001234567' }, null, null],
    ['带动就业: nobody hired', 'STARTUP_JOB_CREATION_SUBSIDY', { hiredCount: 0, unitBankAccount: '6222020200001234567' }, 'VALUE_NOT_POSITIVE', 'hiredCount'],
    [
      '创业基地运营: accepted',
      'INCUBATOR_OPERATION_SUBSIDY',
      { incubatorName: '示例创业孵化基地', incubatedEntities: 12, unitBankAccount: '6222020200001234567' },
      null,
      null,
    ],
    [
      '创业基地运营: no start-up hosted',
      'INCUBATOR_OPERATION_SUBSIDY',
      { incubatorName: '示例创业孵化基地', incubatedEntities: 0, unitBankAccount: '6222020200001234567' },
      'VALUE_NOT_POSITIVE',
      'incubatedEntities',
    ],
    [
      '创业失败社保补贴: accepted',
      'STARTUP_FAILURE_INSURANCE_SUBSIDY',
      { closureDate: addMonths(today, -1), subsidyAccount: '6222020200001234567' },
      null,
      null,
    ],
    [
      '创业失败社保补贴: a closure in the future',
      'STARTUP_FAILURE_INSURANCE_SUBSIDY',
      { closureDate: addDays(today, 1), subsidyAccount: '6222020200001234567' },
      'DATE_IN_FUTURE',
      'closureDate',
    ],
  ])('%s', async (_name, itemCode, input, code, field) => {
    const dispatch = forNewcomer(itemCode, { employerCreditCode: SOFTWARE });
    if (code === null) {
      expectAccepted(await send(dispatch, input), 'StartupSubsidyApplication', 'CYB');
      expectRejected(await send(next(dispatch), input), 'STARTUP_SUBSIDY_OPEN');
    } else {
      expectRejected(await send(dispatch, input), code, field);
    }
  });
});

describe('创业“一件事” (national) through the gateway', () => {
  it('刘洋 founds a studio: his chosen services and the three automatic items (就业登记, 《就业创业证》, 劳动用工备案) are all accepted', async () => {
    const person: DemoPerson = DEMO_PEOPLE.liuYang;
    const input = {
      idempotencyKey: randomUUID(),
      bundleCode: 'national-entrepreneurship',
      channel: 'ONLINE',
      sharedFields: {
        name: person.name,
        gender: person.gender,
        idType: person.idType,
        idNumber: person.idNumber,
        idValidUntil: '2035-01-01',
        phone: person.phone,
        enterpriseName: '南京示例设计工作室',
        enterpriseAddress: '江苏省南京市玄武区示例路8号',
        personalBankAccount: '6222020200007654321',
      },
      items: [
        { code: 'BUSINESS_START_GUIDANCE', fields: {} },
        { code: 'STARTUP_LOAN_PERSONAL', fields: PERSONAL_LOAN },
        { code: 'STARTUP_SUBSIDY', fields: { founderIdentity: 'GRADUATE' } },
        // 附件1 六(六)2 lists no contract details for the automatic filing: the bundle asks none.
        { code: 'LABOR_FILING_HIRE', fields: {} },
      ],
      materials: [],
      commitments: [],
    };
    const { data, errors } = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
    expect(errors).toBeUndefined();
    const outcome = Object.fromEntries(data!.submitBundle.items.map((i) => [i.itemCode, [i.selection, i.status, i.record?.__typename ?? null]]));
    expect(outcome).toEqual({
      BUSINESS_START_GUIDANCE: ['OPTIONAL', 'ACCEPTED', 'EntrepreneurshipServiceRequest'],
      STARTUP_LOAN_PERSONAL: ['OPTIONAL', 'ACCEPTED', 'StartupLoanCertification'],
      STARTUP_SUBSIDY: ['OPTIONAL', 'ACCEPTED', 'StartupSubsidyApplication'],
      EMPLOYMENT_REGISTRATION: ['AUTOMATIC', 'ACCEPTED', 'EmploymentRegistrationApplication'],
      EMPLOYMENT_CERTIFICATE: ['AUTOMATIC', 'ACCEPTED', 'EmploymentCertificateApplication'],
      LABOR_FILING_HIRE: ['AUTOMATIC', 'ACCEPTED', 'LaborFiling'],
    });
  });
});
