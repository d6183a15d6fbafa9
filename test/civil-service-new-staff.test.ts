import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { personKey } from '../src/identity/person-key.js';
import { applicantOf, decideItem, dispatchFor, dispatchItem, newcomerIdNumber, type Outcome } from './support/items.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

const HOSPITAL = DEMO_EMPLOYERS.hospital;
const COMPLETE = { outcome: 'COMPLETE', decidedBy: 'counter-031' };
type Dispatch = ReturnType<typeof dispatchFor>;

/** A fresh person (own key, no records) hired by the hospital, in one submission. */
function newcomer(birthDate = '1990-03-08', gender: 'MALE' | 'FEMALE' = 'FEMALE') {
  const idNumber = newcomerIdNumber(birthDate, gender);
  const applicant = {
    ...applicantOf(stack, DEMO_PEOPLE.liuYang),
    idNumber,
    personId: personKey(stack.config.personKeySecret, 'RESIDENT_ID_CARD', idNumber),
    birthDate,
    gender,
  };
  const submissionId = `sub-${idNumber}`;
  return (itemCode: string, extra: Record<string, unknown> = {}) =>
    dispatchFor(stack, DEMO_PEOPLE.liuYang, itemCode, {
      applicant,
      submissionId,
      employerCreditCode: HOSPITAL.creditCode,
      sharedFields: { unitName: HOSPITAL.name },
      ...extra,
    });
}
const send = async (dispatch: Dispatch, input?: Record<string, unknown>) => {
  const { data, errors } = await dispatchItem(stack, dispatch, input);
  expect(errors).toBeUndefined();
  return data!.outcome;
};
const rejection = async (dispatch: Dispatch, input?: Record<string, unknown>) => {
  const outcome = await send(dispatch, input);
  expect(outcome).toMatchObject({ status: 'REJECTED', recordId: null });
  return { code: outcome.rejection!.code, field: outcome.rejection!.field };
};
const prior = (outcome: Outcome) => ({
  itemCode: outcome.itemCode,
  status: outcome.status,
  recordType: outcome.recordType,
  recordId: outcome.recordId,
  reference: outcome.reference,
});

async function entity<T>(typename: string, id: string, selection: string): Promise<T> {
  const { data, errors } = await stack.graphql<{ _entities: T[] }>(
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${selection} } } }`,
    { r: [{ __typename: typename, id }] },
    stack.subgraphs.get('civil-service')!.url,
  );
  expect(errors).toBeUndefined();
  return data!._entities[0]!;
}
const count = async (table: string, personId: string) =>
  Number(
    (await stack.databases.get('civil-service')!.query<{ n: string }>(`SELECT count(*) AS n FROM civil_service.${table} WHERE person_key = $1`, [personId]))[0]!
      .n,
  );

const TRANSFER = {
  originalUnit: '苏州市示例中学',
  post: '药剂师',
  postCategory: 'PROFESSIONAL_TECHNICAL',
  postGrade: '专业技术十级',
  transferDate: '2026-09-01',
};
const SALARY = { effectiveDate: '2026-09-01', changeReason: '调入定级' };
const FILING = { hireMethod: 'TRANSFER', post: '药剂师', termStart: '2026-09-01', termEnd: '2029-08-31' };
/** A hire other than a transfer names its post's category and grade. */
const RECRUITED = { hireMethod: 'OPEN_RECRUITMENT', postCategory: 'MANAGEMENT', postGrade: '九级职员' };

describe('事业单位新进人员, in order (SERIAL): each item builds on the ones before it', () => {
  it('人员调入, 工资变动核定 on that transfer, 录用流动人才, 聘用核准备案 of the transfer: all accepted, then completed at the counter', async () => {
    const of = newcomer();
    const transferDispatch = of('STAFF_TRANSFER_IN');
    const transfer = await send(transferDispatch, TRANSFER);
    expect(transfer).toMatchObject({ itemCode: 'STAFF_TRANSFER_IN', status: 'ACCEPTED', recordType: 'StaffTransferIn', rejection: null });
    expect(transfer.reference).toMatch(/^DR\d{14}$/);
    expect(await send(transferDispatch, TRANSFER)).toEqual(transfer); // once per key

    const salaryDispatch = of('SALARY_CHANGE_APPROVAL', { priorOutcomes: [prior(transfer)] });
    const salary = await send(salaryDispatch, SALARY);
    expect(salary).toMatchObject({ status: 'ACCEPTED', recordType: 'SalaryChange' });
    // Determined on the transfer-in's post, category and grade.
    expect(await entity(salary.recordType!, salary.recordId!, 'basisType basisNumber effectiveDate changeReason status post postCategory postGrade')).toEqual({
      basisType: 'StaffTransferIn',
      basisNumber: transfer.recordId,
      effectiveDate: '2026-09-01',
      changeReason: '调入定级',
      status: 'ACCEPTED',
      post: '药剂师',
      postCategory: 'PROFESSIONAL_TECHNICAL',
      postGrade: '专业技术十级',
    });

    const talent = await send(of('HIRE_MOBILE_TALENT_PROCEDURE', { priorOutcomes: [prior(transfer), prior(salary)] }), { archiveAgency: '苏州市人才服务中心' });
    expect(talent).toMatchObject({ status: 'ACCEPTED', recordType: 'HireProcedure' });

    const filingDispatch = of('HIRE_APPROVAL_FILING', { priorOutcomes: [prior(transfer), prior(salary), prior(talent)] });
    const filing = await send(filingDispatch, FILING);
    expect(filing).toMatchObject({ status: 'ACCEPTED', recordType: 'HireFiling' });
    expect(await entity(filing.recordType!, filing.recordId!, 'hireMethod post termStart termEnd transferNumber institution { creditCode }')).toEqual({
      hireMethod: 'TRANSFER',
      post: '药剂师',
      termStart: '2026-09-01',
      termEnd: '2029-08-31',
      transferNumber: transfer.recordId,
      institution: { creditCode: HOSPITAL.creditCode },
    });

    expect((await decideItem(stack, 'civil-service', filingDispatch.idempotencyKey, COMPLETE)).data!.outcome).toMatchObject({
      status: 'COMPLETED',
      recordId: filing.recordId,
    });
    // The filing approved the appointment: made ACTIVE from the transfer-in's post, category and grade.
    const filed = await entity<{ status: string; appointment: Record<string, unknown> }>(
      'HireFiling',
      filing.recordId!,
      'status postCategory postGrade appointment { post postCategory grade startsOn endsOn contractYears previousEmployer status institution { creditCode } }',
    );
    expect(filed).toMatchObject({
      status: 'COMPLETED',
      postCategory: 'PROFESSIONAL_TECHNICAL',
      postGrade: '专业技术十级',
      appointment: {
        post: '药剂师',
        postCategory: 'PROFESSIONAL_TECHNICAL',
        grade: '专业技术十级',
        startsOn: '2026-09-01',
        endsOn: '2029-08-31',
        contractYears: 3,
        previousEmployer: '苏州市示例中学',
        status: 'ACTIVE',
        institution: { creditCode: HOSPITAL.creditCode },
      },
    });
    // The salary change waits for its transfer-in to be completed.
    const salaryKey = salaryDispatch.idempotencyKey;
    expect((await decideItem(stack, 'civil-service', salaryKey, COMPLETE)).errors![0]!.extensions).toMatchObject({ code: 'BASIS_NOT_COMPLETED' });
    expect(await entity('SalaryChange', salary.recordId!, 'status')).toEqual({ status: 'ACCEPTED' });
    expect((await decideItem(stack, 'civil-service', transferDispatch.idempotencyKey, COMPLETE)).data!.outcome.status).toBe('COMPLETED');
    expect(await entity('StaffTransferIn', transfer.recordId!, 'status originalUnit post postCategory postGrade transferDate')).toEqual({
      status: 'COMPLETED',
      originalUnit: '苏州市示例中学',
      post: '药剂师',
      postCategory: 'PROFESSIONAL_TECHNICAL',
      postGrade: '专业技术十级',
      transferDate: '2026-09-01',
    });
    expect((await decideItem(stack, 'civil-service', salaryKey, COMPLETE)).data!.outcome.status).toBe('COMPLETED');
  });
});

describe('STAFF_TRANSFER_IN (transferInInstitutionStaff)', () => {
  it.each([
    ['the applying institution itself as the original unit', { ...TRANSFER, originalUnit: HOSPITAL.name }, 'SAME_UNIT', 'originalUnit'],
    ['a blank original unit', { ...TRANSFER, originalUnit: '  ' }, 'ORIGINAL_UNIT_REQUIRED', 'originalUnit'],
    ['a blank post', { ...TRANSFER, post: ' ' }, 'POST_REQUIRED', 'post'],
    ['a grade of another post category', { ...TRANSFER, postGrade: '管理九级' }, 'POST_GRADE_INVALID', 'postGrade'],
    ['a grade above the category’s top', { ...TRANSFER, postGrade: '专业技术十四级' }, 'POST_GRADE_INVALID', 'postGrade'],
  ])('refuses %s, and records nothing', async (_case, input, code, field) => {
    const dispatch = newcomer()('STAFF_TRANSFER_IN');
    expect(await rejection(dispatch, input)).toEqual({ code, field });
    expect(await count('staff_transfer_in', dispatch.applicant.personId)).toBe(0);
  });

  it('refuses a transfer at or past the statutory retirement age, of someone appointed here on that date, a second one while one is open, and a unit that is no public institution', async () => {
    expect(await rejection(newcomer('1964-05-01', 'MALE')('STAFF_TRANSFER_IN'), TRANSFER)).toEqual({ code: 'PAST_RETIREMENT_AGE', field: 'transferDate' });
    // 李娜 holds an appointment at the hospital 2024-09-01 … 2029-08-31.
    const liNa = dispatchFor(stack, DEMO_PEOPLE.liNa, 'STAFF_TRANSFER_IN', { employerCreditCode: HOSPITAL.creditCode });
    expect(await rejection(liNa, TRANSFER)).toEqual({ code: 'ALREADY_APPOINTED', field: 'transferDate' });
    const of = newcomer();
    expect((await send(of('STAFF_TRANSFER_IN'), TRANSFER)).status).toBe('ACCEPTED');
    expect(await rejection(of('STAFF_TRANSFER_IN'), TRANSFER)).toEqual({ code: 'TRANSFER_IN_OPEN', field: null });
    expect(await rejection(newcomer()('STAFF_TRANSFER_IN', { employerCreditCode: DEMO_EMPLOYERS.ceramics.creditCode }), TRANSFER)).toEqual({
      code: 'NOT_PUBLIC_INSTITUTION',
      field: 'dispatch.employerCreditCode',
    });
  });
});

describe('SALARY_CHANGE_APPROVAL (approveSalaryChange)', () => {
  it('is determined on an ACTIVE appointment when there is no transfer-in, once at a time', async () => {
    const liNa = (extra: Record<string, unknown> = {}) =>
      dispatchFor(stack, DEMO_PEOPLE.liNa, 'SALARY_CHANGE_APPROVAL', { employerCreditCode: HOSPITAL.creditCode, ...extra });
    const change = await send(liNa(), { effectiveDate: '2026-10-01', changeReason: '岗位等级晋升' });
    expect(change).toMatchObject({ status: 'ACCEPTED', recordType: 'SalaryChange' });
    expect(change.reference).toMatch(/^GB\d{14}$/);
    expect(await entity(change.recordType!, change.recordId!, 'basisType basisNumber')).toEqual({
      basisType: 'Appointment',
      basisNumber: 'PY3205062024000001',
    });
    expect(await rejection(liNa(), { effectiveDate: '2026-11-01', changeReason: '薪级工资正常晋升' })).toEqual({ code: 'SALARY_CHANGE_OPEN', field: null });
  });

  it('refuses without a post to determine it on, before the post is taken, on an appointment not yet approved, and without a reason', async () => {
    expect(await rejection(newcomer()('SALARY_CHANGE_APPROVAL'), SALARY)).toEqual({ code: 'NO_APPOINTMENT', field: null });

    const of = newcomer();
    const transfer = await send(of('STAFF_TRANSFER_IN'), TRANSFER);
    expect(await rejection(of('SALARY_CHANGE_APPROVAL', { priorOutcomes: [prior(transfer)] }), { ...SALARY, effectiveDate: '2026-08-31' })).toEqual({
      code: 'EFFECTIVE_BEFORE_START',
      field: 'effectiveDate',
    });
    expect(await rejection(of('SALARY_CHANGE_APPROVAL'), { ...SALARY, changeReason: ' ' })).toEqual({ code: 'REASON_REQUIRED', field: 'changeReason' });
    expect(await count('salary_change', of('X').applicant.personId)).toBe(0);

    // A new hire registered but not yet completed at the counter.
    const hire = newcomer('1995-06-01', 'MALE');
    const registered = await send(hire('NEW_HIRE_INFO', { sharedFields: {} }), {
      post: '护士',
      postCategory: 'PROFESSIONAL_TECHNICAL',
      postGrade: '专业技术十二级',
      termStart: '2026-09-01',
      termEnd: '2029-08-31',
      contractYears: 3,
    });
    expect(registered.status).toBe('ACCEPTED');
    expect(await rejection(hire('SALARY_CHANGE_APPROVAL', { submissionId: 'another' }), SALARY)).toEqual({ code: 'APPOINTMENT_NOT_ACTIVE', field: null });
  });
});

describe('录用手续: HIRE_GRADUATE_PROCEDURE, HIRE_MOBILE_TALENT_PROCEDURE, HIRE_RETURNEE_PROCEDURE', () => {
  it('a new graduate is hired once: another kind of procedure for the same hire conflicts, the same kind again is already open', async () => {
    const of = newcomer('2003-07-01', 'MALE');
    const graduate = await send(of('HIRE_GRADUATE_PROCEDURE'), { reportDate: '2026-08-15' });
    expect(graduate).toMatchObject({ status: 'ACCEPTED', recordType: 'HireProcedure' });
    expect(graduate.reference).toMatch(/^LY\d{14}$/);
    expect(await entity('HireProcedure', graduate.recordId!, 'kind reportDate archiveAgency')).toEqual({
      kind: 'GRADUATE',
      reportDate: '2026-08-15',
      archiveAgency: null,
    });
    expect(await rejection(of('HIRE_MOBILE_TALENT_PROCEDURE'), { archiveAgency: '苏州市人才服务中心' })).toEqual({
      code: 'HIRE_PROCEDURE_CONFLICT',
      field: null,
    });
    expect(await rejection(of('HIRE_GRADUATE_PROCEDURE'), { reportDate: '2026-08-16' })).toEqual({ code: 'HIRE_PROCEDURE_OPEN', field: null });
    expect(await count('hire_procedure', of('X').applicant.personId)).toBe(1);
  });

  it('a floating talent needs the archive holder named', async () => {
    expect(await rejection(newcomer()('HIRE_MOBILE_TALENT_PROCEDURE'), { archiveAgency: ' ' })).toEqual({
      code: 'ARCHIVE_AGENCY_REQUIRED',
      field: 'archiveAgency',
    });
  });

  it('a returned overseas student studied outside mainland China and is back', async () => {
    const returnee = await send(newcomer()('HIRE_RETURNEE_PROCEDURE'), { studyCountry: '英国', returnDate: '2026-06-30' });
    expect(returnee).toMatchObject({ status: 'ACCEPTED', recordType: 'HireProcedure' });
    expect(await entity('HireProcedure', returnee.recordId!, 'kind studyCountry returnDate')).toEqual({
      kind: 'RETURNEE',
      studyCountry: '英国',
      returnDate: '2026-06-30',
    });
    expect(await rejection(newcomer()('HIRE_RETURNEE_PROCEDURE'), { studyCountry: '中国', returnDate: '2026-06-30' })).toEqual({
      code: 'STUDY_COUNTRY_INVALID',
      field: 'studyCountry',
    });
    expect(await rejection(newcomer()('HIRE_RETURNEE_PROCEDURE'), { studyCountry: '香港', returnDate: '2099-01-01' })).toEqual({
      code: 'RETURN_DATE_IN_FUTURE',
      field: 'returnDate',
    });
  });
});

describe('HIRE_APPROVAL_FILING (fileInstitutionHireApproval)', () => {
  it('a hire by open recruitment is filed without a transfer-in; one filing at a time', async () => {
    const of = newcomer();
    const filing = await send(of('HIRE_APPROVAL_FILING'), { ...FILING, ...RECRUITED });
    expect(filing).toMatchObject({ status: 'ACCEPTED', recordType: 'HireFiling' });
    expect(filing.reference).toMatch(/^BA\d{14}$/);
    expect(await entity('HireFiling', filing.recordId!, 'transferNumber')).toEqual({ transferNumber: null });
    expect(await rejection(of('HIRE_APPROVAL_FILING'), { ...FILING, ...RECRUITED, hireMethod: 'OTHER' })).toEqual({ code: 'FILING_OPEN', field: null });
  });

  it('refuses a transfer without a transfer-in, for another post, or before the transfer date; a term ending before it starts; and records nothing', async () => {
    const alone = newcomer()('HIRE_APPROVAL_FILING');
    expect(await rejection(alone, FILING)).toEqual({ code: 'NO_TRANSFER_IN', field: 'hireMethod' });
    expect(await count('hire_filing', alone.applicant.personId)).toBe(0);
    expect(await rejection(newcomer()('HIRE_APPROVAL_FILING'), { ...FILING, termEnd: '2026-09-01' })).toEqual({
      code: 'TERM_END_BEFORE_START',
      field: 'termEnd',
    });

    const of = newcomer();
    const transfer = await send(of('STAFF_TRANSFER_IN'), TRANSFER);
    const after = { priorOutcomes: [prior(transfer)] };
    expect(await rejection(of('HIRE_APPROVAL_FILING', after), { ...FILING, post: '检验师' })).toEqual({ code: 'POST_MISMATCH', field: 'post' });
    expect(await rejection(of('HIRE_APPROVAL_FILING', after), { ...FILING, termStart: '2026-08-01' })).toEqual({
      code: 'TERM_BEFORE_TRANSFER',
      field: 'termStart',
    });
    expect(await rejection(newcomer('1964-05-01', 'MALE')('HIRE_APPROVAL_FILING'), { ...FILING, ...RECRUITED, hireMethod: 'OTHER' })).toEqual({
      code: 'PAST_RETIREMENT_AGE',
      field: 'termStart',
    });
  });

  it('a hire other than a transfer names its category and a grade of it; a transfer keeps the transfer-in’s; records nothing when refused', async () => {
    const alone = newcomer();
    const open = { ...FILING, hireMethod: 'OPEN_RECRUITMENT' };
    expect(await rejection(alone('HIRE_APPROVAL_FILING'), open)).toEqual({ code: 'POST_CATEGORY_REQUIRED', field: 'postCategory' });
    expect(await rejection(alone('HIRE_APPROVAL_FILING'), { ...open, postCategory: 'MANAGEMENT' })).toEqual({
      code: 'POST_GRADE_REQUIRED',
      field: 'postGrade',
    });
    expect(await rejection(alone('HIRE_APPROVAL_FILING'), { ...open, postCategory: 'MANAGEMENT', postGrade: '专业技术十二级' })).toEqual({
      code: 'POST_GRADE_INVALID',
      field: 'postGrade',
    });
    expect(await count('hire_filing', alone('X').applicant.personId)).toBe(0);

    const of = newcomer();
    const after = { priorOutcomes: [prior(await send(of('STAFF_TRANSFER_IN'), TRANSFER))] };
    expect(await rejection(of('HIRE_APPROVAL_FILING', after), { ...FILING, postCategory: 'MANAGEMENT' })).toEqual({
      code: 'POST_CATEGORY_MISMATCH',
      field: 'postCategory',
    });
    expect(await rejection(of('HIRE_APPROVAL_FILING', after), { ...FILING, postGrade: '专业技术九级' })).toEqual({
      code: 'POST_GRADE_MISMATCH',
      field: 'postGrade',
    });
    // Naming the transfer-in's own category and grade is no mismatch.
    expect((await send(of('HIRE_APPROVAL_FILING', after), { ...FILING, postCategory: 'PROFESSIONAL_TECHNICAL', postGrade: '专业技术十级' })).status).toBe(
      'ACCEPTED',
    );
  });

  it('completed, a recruitment filing makes the appointment ACTIVE, on which the salary change is then determined', async () => {
    const of = newcomer();
    const dispatch = of('HIRE_APPROVAL_FILING');
    const filing = await send(dispatch, { ...FILING, ...RECRUITED });
    // Not yet approved: no appointment to determine a salary on.
    expect(await rejection(of('SALARY_CHANGE_APPROVAL', { submissionId: 'other' }), SALARY)).toEqual({ code: 'NO_APPOINTMENT', field: null });
    expect((await decideItem(stack, 'civil-service', dispatch.idempotencyKey, COMPLETE)).data!.outcome.status).toBe('COMPLETED');
    const { appointmentNumber } = await entity<{ appointmentNumber: string }>('HireFiling', filing.recordId!, 'appointmentNumber');
    expect(appointmentNumber).toMatch(/^PY320506\d{10}$/);
    const change = await send(of('SALARY_CHANGE_APPROVAL', { submissionId: 'other' }), SALARY);
    expect(await entity('SalaryChange', change.recordId!, 'basisType basisNumber post postCategory postGrade')).toEqual({
      basisType: 'Appointment',
      basisNumber: appointmentNumber,
      post: '药剂师',
      postCategory: 'MANAGEMENT',
      postGrade: '九级职员',
    });
  });
});
