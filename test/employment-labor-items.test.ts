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
import { handlerOf, SUBMIT, type Submitted } from './support/forms.js';
import { useStack } from './support/use-stack.js';

// 劳动关系 items of employment: 就业登记, 劳动用工备案 (招用 / 解除、终止), 电子劳动合同.
const stack = useStack();

type Dispatch = ReturnType<typeof dispatchFor>;
const today = todayInChina();
const SOFTWARE = DEMO_EMPLOYERS.software.creditCode;
const HOSPITAL = DEMO_EMPLOYERS.hospital.creditCode;

const forPerson = (person: DemoPerson, itemCode: string, extra: Record<string, unknown> = {}) => dispatchFor(stack, person, itemCode, extra);
const forNewcomer = (itemCode: string, birthDate: string, gender: 'MALE' | 'FEMALE', extra: Record<string, unknown> = {}) => {
  const idNumber = newcomerIdNumber(birthDate, gender);
  return dispatchFor(stack, DEMO_PEOPLE.liuYang, itemCode, {
    applicant: {
      ...applicantOf(stack, DEMO_PEOPLE.liuYang),
      idNumber,
      personId: personKey(stack.config.personKeySecret, 'RESIDENT_ID_CARD', idNumber),
      birthDate,
      gender,
    },
    ...extra,
  });
};
/** The same person, another item (a fresh key). */
const next = (dispatch: Dispatch, itemCode: string = dispatch.itemCode, extra: Record<string, unknown> = {}) => anotherItem(dispatch, itemCode, extra);

const send = (dispatch: Dispatch, input?: unknown) => dispatchItem(stack, dispatch, input);
const decide = (dispatch: Dispatch, decision: Record<string, unknown> = { outcome: 'COMPLETE' }) =>
  decideItem(stack, 'employment', dispatch.idempotencyKey, { decidedBy: 'counter-007', ...decision });
const rows = <Row>(sql: string, params: unknown[]) => stack.databases.get('employment')!.query<Row>(sql, params);
const count = async (table: string, personId: string) =>
  (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM employment.${table} WHERE person_key = $1`, [personId]))[0]!.n;
const entity = <T>(typename: string, id: string, selection: string) => entityOf<T>(stack, 'employment', typename, id, selection);

const HIRE = {
  contractType: 'FIXED_TERM',
  contractStartDate: today,
  contractEndDate: addMonths(today, 36),
  jobTitle: '软件测试工程师',
  workLocation: '江苏省南京市玄武区示例路1号',
  monthlyWage: '8500',
};

describe('EMPLOYMENT_REGISTRATION (registerEmployment)', () => {
  it('the employer registers a hire; completion registers the employment and ends the unemployment registration in force', async () => {
    const unemployed = forNewcomer('UNEMPLOYMENT_REGISTRATION', '1992-03-03', 'MALE', {
      sharedFields: { unemploymentType: 'CONTRACT_EXPIRED', formerEmployer: '某公司', unemploymentDate: addMonths(today, -2) },
    });
    const personId = unemployed.applicant.personId;
    expect((await send(unemployed)).data!.outcome.status).toBe('ACCEPTED');
    await decide(unemployed);

    const hire = next(unemployed, 'EMPLOYMENT_REGISTRATION', { employerCreditCode: SOFTWARE, sharedFields: { unitName: '南京示例软件有限公司' } });
    const outcome = expectAccepted(await send(hire), 'EmploymentRegistrationApplication', 'JY');
    expect((await decide(hire)).data!.outcome.status).toBe('COMPLETED');
    expect(
      await rows('SELECT registration_number, employer_credit_code, started_on, ended_on FROM employment.employment_registration WHERE person_key = $1', [
        personId,
      ]),
    ).toEqual([{ registration_number: outcome.recordId, employer_credit_code: SOFTWARE, started_on: today, ended_on: null }]);
    expect(await rows('SELECT ended_on FROM employment.unemployment_registration WHERE person_key = $1', [personId])).toEqual([{ ended_on: today }]);
    expect(await entity('EmploymentRegistrationApplication', outcome.recordId!, 'status kind employer { creditCode } employerName startedOn')).toEqual({
      status: 'COMPLETED',
      kind: 'HIRED',
      employer: { creditCode: SOFTWARE },
      employerName: '南京示例软件有限公司',
      startedOn: today,
    });

    // Registered: the same employer again, or another one before the end is filed.
    expectRejected(await send(next(hire, 'EMPLOYMENT_REGISTRATION')), 'ALREADY_EMPLOYED_HERE');
    expectRejected(await send(next(hire, 'EMPLOYMENT_REGISTRATION', { employerCreditCode: HOSPITAL })), 'CURRENTLY_EMPLOYED');
    expect(await count('employment_registration_application', personId)).toBe(1);
  });

  it('a founder registers self-employment with the enterprise named (创业); one application at a time', async () => {
    const founder = forNewcomer('EMPLOYMENT_REGISTRATION', '1990-08-08', 'FEMALE', { sharedFields: { enterpriseName: '南京示例文创工作室' } });
    const outcome = expectAccepted(await send(founder), 'EmploymentRegistrationApplication', 'JY');
    expect(await entity('EmploymentRegistrationApplication', outcome.recordId!, 'kind employer { creditCode } employerName')).toEqual({
      kind: 'SELF_EMPLOYED',
      employer: null,
      employerName: '南京示例文创工作室',
    });
    expectRejected(await send(next(founder, 'EMPLOYMENT_REGISTRATION')), 'EMPLOYMENT_REGISTRATION_OPEN');
  });

  it.each([
    ['no employer named', () => forNewcomer('EMPLOYMENT_REGISTRATION', '1990-08-08', 'FEMALE'), 'EMPLOYER_REQUIRED', 'employerCreditCode'],
    [
      'someone past retirement age (王芳)',
      () => forPerson(DEMO_PEOPLE.wangFang, 'EMPLOYMENT_REGISTRATION', { employerCreditCode: SOFTWARE }),
      'NOT_OF_WORKING_AGE',
      null,
    ],
    [
      'someone still employed elsewhere (李娜)',
      () => forPerson(DEMO_PEOPLE.liNa, 'EMPLOYMENT_REGISTRATION', { employerCreditCode: SOFTWARE }),
      'CURRENTLY_EMPLOYED',
      null,
    ],
  ] as const)('refuses %s', async (_name, make, code, field) => {
    const dispatch = make();
    expectRejected(await send(dispatch), code, field);
    expect(await count('employment_registration_application', dispatch.applicant.personId)).toBe(0);
  });
});

describe('LABOR_FILING_HIRE (fileLaborEmploymentHire)', () => {
  it('files a hire with its contract; completed it stands, and a second filing with the same employer is refused', async () => {
    const dispatch = forNewcomer('LABOR_FILING_HIRE', '1996-01-20', 'MALE', { employerCreditCode: SOFTWARE });
    const outcome = expectAccepted(await send(dispatch, HIRE), 'LaborFiling', 'BA');
    expect(
      await entity(
        'LaborFiling',
        outcome.recordId!,
        'status kind employer { creditCode } contractType contractStartDate contractEndDate jobTitle monthlyWage endedOn',
      ),
    ).toEqual({
      status: 'ACCEPTED',
      kind: 'HIRE',
      employer: { creditCode: SOFTWARE },
      contractType: 'FIXED_TERM',
      contractStartDate: today,
      contractEndDate: HIRE.contractEndDate,
      jobTitle: '软件测试工程师',
      monthlyWage: '8500.00',
      endedOn: null,
    });
    await decide(dispatch);
    expectRejected(await send(next(dispatch, 'LABOR_FILING_HIRE'), HIRE), 'LABOR_FILING_EXISTS');
    // Another employer may file its own hire (part-time work is lawful, 劳动合同法 第69条).
    expectAccepted(
      await send(next(dispatch, 'LABOR_FILING_HIRE', { employerCreditCode: HOSPITAL }), { ...HIRE, contractType: 'OPEN_ENDED', contractEndDate: null }),
      'LaborFiling',
      'BA',
    );
    const history = await rows<{ status: string }>(
      'SELECT status FROM employment.record_history WHERE record_type = $1 AND record_id = $2 ORDER BY history_id',
      ['LaborFiling', outcome.recordId],
    );
    expect(history.map((h) => h.status)).toEqual(['ACCEPTED', 'COMPLETED']);
  });

  it.each([
    ['a fixed-term contract without end', { contractEndDate: null }, 'CONTRACT_END_DATE_REQUIRED', 'contractEndDate'],
    ['an open-ended contract with an end', { contractType: 'OPEN_ENDED' }, 'CONTRACT_END_DATE_NOT_ALLOWED', 'contractEndDate'],
    ['an end before the start', { contractEndDate: addDays(today, -1) }, 'CONTRACT_END_BEFORE_START', 'contractEndDate'],
    ['a wage of 0', { monthlyWage: '0' }, 'WAGE_NOT_POSITIVE', 'monthlyWage'],
    ['a blank job title', { jobTitle: ' ' }, 'REQUIRED_FIELD_BLANK', 'jobTitle'],
  ])('refuses %s', async (_name, change, code, field) => {
    const dispatch = forNewcomer('LABOR_FILING_HIRE', '1996-01-20', 'MALE', { employerCreditCode: SOFTWARE });
    expectRejected(await send(dispatch, { ...HIRE, ...change }), code, field);
    expect(await count('labor_filing', dispatch.applicant.personId)).toBe(0);
  });

  it('refuses a hire under 16 on the contract start (劳动法 第15条) and one without employer', async () => {
    const child = forNewcomer('LABOR_FILING_HIRE', addMonths(today, -15 * 12), 'FEMALE', { employerCreditCode: SOFTWARE });
    expectRejected(await send(child, HIRE), 'NOT_OF_WORKING_AGE', 'contractStartDate');
    const nobody = forNewcomer('LABOR_FILING_HIRE', '1996-01-20', 'MALE');
    expectRejected(await send(nobody, HIRE), 'EMPLOYER_REQUIRED', 'employerCreditCode');
  });
});

describe('LABOR_FILING_TERMINATION (fileLaborEmploymentTermination)', () => {
  it('the hospital files 李娜’s termination; completion ends her employment registration', async () => {
    const dispatch = forPerson(DEMO_PEOPLE.liNa, 'LABOR_FILING_TERMINATION', { employerCreditCode: HOSPITAL });
    const ended = addDays(today, -3);
    const outcome = expectAccepted(await send(dispatch, { terminationDate: ended }), 'LaborFiling', 'BA');
    expect(await entity('LaborFiling', outcome.recordId!, 'kind terminationDate terminationDateDerived filedLate')).toEqual({
      kind: 'TERMINATION',
      terminationDate: ended,
      terminationDateDerived: false,
      filedLate: false,
    });
    expectRejected(await send(next(dispatch, 'LABOR_FILING_TERMINATION'), { terminationDate: ended }), 'LABOR_FILING_TERMINATION_OPEN');
    await decide(dispatch);
    expect(await rows('SELECT ended_on FROM employment.employment_registration WHERE person_key = $1', [dispatch.applicant.personId])).toEqual([
      { ended_on: ended },
    ]);
    // Nothing left to end.
    expectRejected(await send(next(dispatch, 'LABOR_FILING_TERMINATION'), { terminationDate: ended }), 'NO_LABOR_RELATION', 'employerCreditCode');
  });

  it('a filing after the local deadline (laborFilingTerminationDays, default 7) is filed, marked late; a date before the start or in the future is refused', async () => {
    const hire = forNewcomer('LABOR_FILING_HIRE', '1993-04-04', 'FEMALE', { employerCreditCode: SOFTWARE });
    await send(hire, { ...HIRE, contractStartDate: addMonths(today, -6) });
    await decide(hire);
    const end = next(hire, 'LABOR_FILING_TERMINATION');
    expectRejected(await send(end, { terminationDate: addDays(today, 1) }), 'TERMINATION_DATE_IN_FUTURE', 'terminationDate');
    expectRejected(await send(next(end, 'LABOR_FILING_TERMINATION'), { terminationDate: addMonths(today, -7) }), 'TERMINATION_BEFORE_START', 'terminationDate');
    const late = next(end, 'LABOR_FILING_TERMINATION');
    const outcome = expectAccepted(await send(late, { terminationDate: addDays(today, -8) }), 'LaborFiling', 'BA');
    expect(await entity('LaborFiling', outcome.recordId!, 'filedLate')).toEqual({ filedLate: true });
    await decide(late);
    // Completed, the termination ends the hire filing it names.
    expect(await rows(`SELECT ended_on FROM employment.labor_filing WHERE person_key = $1 AND kind = 'HIRE'`, [hire.applicant.personId])).toEqual([
      { ended_on: addDays(today, -8) },
    ]);
  });

  it('in 职工退休 the date is derived from the statutory retirement age once reached, and needed otherwise', async () => {
    // A man born 1964-03 retired at 60 in 2024-03; his employment was never closed.
    const retiree = forNewcomer('LABOR_FILING_TERMINATION', '1964-03-10', 'MALE', { sharedFields: { retireeIdentity: 'WORKER' } });
    await rows(
      `INSERT INTO employment.employment_registration (registration_number, person_key, employer_credit_code, started_on) VALUES ($1, $2, $3, '2010-01-01')`,
      [`JYTEST${randomUUID().slice(0, 8)}`, retiree.applicant.personId, SOFTWARE],
    );
    const outcome = expectAccepted(await send(retiree, {}), 'LaborFiling', 'BA');
    expect(await entity('LaborFiling', outcome.recordId!, 'terminationDate terminationDateDerived filedLate')).toEqual({
      terminationDate: '2024-03-10',
      terminationDateDerived: true,
      filedLate: true,
    });

    const working = forNewcomer('LABOR_FILING_TERMINATION', '1980-03-10', 'FEMALE', { sharedFields: { retireeIdentity: 'CADRE' } });
    expectRejected(await send(working, {}), 'TERMINATION_DATE_REQUIRED', 'terminationDate');
    const noIdentity = forNewcomer('LABOR_FILING_TERMINATION', '1960-03-10', 'FEMALE');
    expectRejected(await send(noIdentity, {}), 'TERMINATION_DATE_REQUIRED', 'terminationDate');
  });
});

describe('E_LABOR_CONTRACT (signElectronicLaborContract)', () => {
  it('the employer starts a signing; completion records it signed; one signing at a time per employer', async () => {
    const dispatch = forNewcomer('E_LABOR_CONTRACT', '1998-09-09', 'FEMALE', { employerCreditCode: SOFTWARE });
    const outcome = expectAccepted(await send(dispatch), 'ElectronicLaborContract', 'HT');
    expectRejected(await send(next(dispatch, 'E_LABOR_CONTRACT')), 'E_LABOR_CONTRACT_OPEN');
    await decide(dispatch);
    expect(await entity('ElectronicLaborContract', outcome.recordId!, 'status signedOn employer { creditCode }')).toEqual({
      status: 'COMPLETED',
      signedOn: today,
      employer: { creditCode: SOFTWARE },
    });
  });

  it('refuses a signing with no employer, or with someone past retirement age', async () => {
    expectRejected(await send(forNewcomer('E_LABOR_CONTRACT', '1998-09-09', 'FEMALE')), 'EMPLOYER_REQUIRED', 'employerCreditCode');
    expectRejected(await send(forPerson(DEMO_PEOPLE.wangFang, 'E_LABOR_CONTRACT', { employerCreditCode: SOFTWARE })), 'NOT_OF_WORKING_AGE');
  });
});

describe('through the gateway', () => {
  const submit = async (input: unknown) => {
    const { data, errors } = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
    expect(errors).toBeUndefined();
    return data!.submitBundle;
  };
  const basics = (person: DemoPerson) => ({
    name: person.name,
    gender: person.gender,
    idType: person.idType,
    idNumber: person.idNumber,
    idValidUntil: '2035-01-01',
    phone: person.phone,
    // The employer's handler applies (roles of the employer's bundles).
    ...handlerOf(DEMO_PEOPLE.chenJing),
  });

  it('企业招用员工 (national): the employer hires 刘洋 — 就业登记, 电子劳动合同 and 劳动用工备案 accepted; a second hire is refused with its code', async () => {
    const application = () => ({
      idempotencyKey: randomUUID(),
      bundleCode: 'national-employer-hiring',
      channel: 'ONLINE',
      employerCreditCode: SOFTWARE,
      sharedFields: basics(DEMO_PEOPLE.liuYang),
      items: [
        { code: 'EMPLOYMENT_REGISTRATION', fields: {} },
        { code: 'E_LABOR_CONTRACT', fields: {} },
        { code: 'LABOR_FILING_HIRE', fields: HIRE },
      ],
      materials: [],
      commitments: [],
    });
    const first = await submit(application());
    expect(first.items.map((i) => [i.itemCode, i.status, i.record?.__typename]).sort()).toEqual([
      ['EMPLOYMENT_REGISTRATION', 'ACCEPTED', 'EmploymentRegistrationApplication'],
      ['E_LABOR_CONTRACT', 'ACCEPTED', 'ElectronicLaborContract'],
      ['LABOR_FILING_HIRE', 'ACCEPTED', 'LaborFiling'],
    ]);
    const second = await submit(application());
    expect(Object.fromEntries(second.items.map((i) => [i.itemCode, i.rejection?.code]))).toEqual({
      EMPLOYMENT_REGISTRATION: 'EMPLOYMENT_REGISTRATION_OPEN',
      E_LABOR_CONTRACT: 'E_LABOR_CONTRACT_OPEN',
      LABOR_FILING_HIRE: 'LABOR_FILING_EXISTS',
    });
  });

  it('解除终止劳动合同 (national): 劳动用工备案 is added automatically and filed for 张伟 (rehired this year); for someone with no employment it is refused', async () => {
    const hire = forPerson(DEMO_PEOPLE.zhangWei, 'LABOR_FILING_HIRE', { employerCreditCode: SOFTWARE });
    expectAccepted(await send(hire, { ...HIRE, contractStartDate: '2026-01-05' }), 'LaborFiling', 'BA');
    await decide(hire);
    const application = (person: DemoPerson) => ({
      idempotencyKey: randomUUID(),
      bundleCode: 'national-employer-termination',
      channel: 'ONLINE',
      employerCreditCode: SOFTWARE,
      sharedFields: { name: person.name, idType: person.idType, idNumber: person.idNumber, phone: person.phone, ...handlerOf(DEMO_PEOPLE.chenJing) },
      items: [{ code: 'LABOR_FILING_TERMINATION', fields: { terminationDate: addDays(today, -1) } }],
      materials: [],
      commitments: [],
    });
    const filed = await submit(application(DEMO_PEOPLE.zhangWei));
    expect(filed.items).toEqual([
      expect.objectContaining({ itemCode: 'LABOR_FILING_TERMINATION', selection: 'AUTOMATIC', status: 'ACCEPTED', record: { __typename: 'LaborFiling' } }),
    ]);
    const refused = await submit(application(DEMO_PEOPLE.chenJing));
    expect(refused.items).toEqual([
      expect.objectContaining({
        itemCode: 'LABOR_FILING_TERMINATION',
        status: 'REJECTED',
        rejection: expect.objectContaining({ code: 'NO_LABOR_RELATION', field: 'employerCreditCode' }),
      }),
    ]);
  });
});
