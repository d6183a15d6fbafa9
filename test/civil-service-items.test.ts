import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { retirementDate, termYears } from '../subgraphs/civil-service/policy.js';
import { applicantOf, decideItem, dispatchFor, dispatchItem } from './support/items.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

type Dispatch = ReturnType<typeof dispatchFor>;
const HOSPITAL = DEMO_EMPLOYERS.hospital.creditCode;
const byHospital = (person: DemoPerson, itemCode: string, extra: Record<string, unknown> = {}) =>
  dispatchFor(stack, person, itemCode, { employerCreditCode: HOSPITAL, ...extra });
const hireOf = (person: DemoPerson, extra: Record<string, unknown> = {}) =>
  byHospital(person, 'NEW_HIRE_INFO', {
    sharedFields: { birthDate: person.birthDate, educationLevel: 'MASTER', degree: 'MASTER', graduateSchool: '南京示例医科大学' },
    ...extra,
  });
const TERM = {
  post: '临床医师',
  postCategory: 'PROFESSIONAL_TECHNICAL',
  postGrade: '专业技术十二级',
  termStart: '2026-09-01',
  termEnd: '2029-08-31',
  contractYears: 3,
};

const register = (dispatch: Dispatch, input: Record<string, unknown> = TERM) => dispatchItem(stack, dispatch, input, 'NEW_HIRE_INFO');
const approveSalary = (dispatch: Dispatch) => dispatchItem(stack, dispatch, undefined, 'NEW_HIRE_SALARY_APPROVAL');
const decide = (key: string, decision: Record<string, unknown>) => decideItem(stack, 'civil-service', key, decision);
const COMPLETE = { outcome: 'COMPLETE', decidedBy: 'counter-021' };

const db = () => stack.databases.get('civil-service')!;
const appointmentsOf = (person: DemoPerson) =>
  db().query<{ appointment_number: string; status: string; starts_on: string }>(
    'SELECT appointment_number, status, starts_on FROM civil_service.appointment WHERE person_key = $1 ORDER BY starts_on',
    [applicantOf(stack, person).personId],
  );
const salaryApprovalsOf = (person: DemoPerson) =>
  db().query<{ approval_number: string; status: string; appointment_number: string | null }>(
    'SELECT approval_number, status, appointment_number FROM civil_service.salary_approval WHERE person_key = $1 ORDER BY applied_at',
    [applicantOf(stack, person).personId],
  );

async function entities<T>(representations: unknown[], selection: string) {
  const { data, errors } = await stack.graphql<{ _entities: T[] }>(
    `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
    { r: representations },
    stack.subgraphs.get('civil-service')!.url,
  );
  expect(errors).toBeUndefined();
  return data!._entities;
}
const appointmentsShown = async (person: DemoPerson) =>
  (
    await entities<{ appointments: Array<{ id: string; post: string; status: string }> }>(
      [{ __typename: 'Person', id: applicantOf(stack, person).personId }],
      '... on Person { appointments { id post status } }',
    )
  )[0]!.appointments;

describe('NEW_HIRE_INFO (registerInstitutionNewHire)', () => {
  it('accepts a new hire from a public institution, once per key, and makes the appointment ACTIVE when the counter completes it', async () => {
    const dispatch = hireOf(DEMO_PEOPLE.liuYang, { submissionId: 'sub-hire-1' });
    const first = await register(dispatch, { ...TERM, previousEmployer: '南京示例软件有限公司' });
    expect(first.errors).toBeUndefined();
    expect(first.data!.outcome).toMatchObject({ itemCode: 'NEW_HIRE_INFO', status: 'ACCEPTED', recordType: 'Appointment', rejection: null });
    const number = first.data!.outcome.recordId!;
    expect(number).toMatch(/^PY320506\d{4}\d{6}$/);
    expect(first.data!.outcome.reference).toBe(number);

    const [again, concurrent] = await Promise.all([register(dispatch), register(dispatch)]);
    expect(again.data!.outcome).toEqual(first.data!.outcome);
    expect(concurrent.data!.outcome).toEqual(first.data!.outcome);
    expect(await appointmentsOf(DEMO_PEOPLE.liuYang)).toEqual([{ appointment_number: number, status: 'PENDING_REGISTRATION', starts_on: '2026-09-01' }]);
    expect(await appointmentsShown(DEMO_PEOPLE.liuYang)).toEqual([{ id: number, post: '临床医师', status: 'PENDING_REGISTRATION' }]);

    const [appointment] = await entities<Record<string, unknown>>(
      [{ __typename: 'Appointment', id: number }],
      '... on Appointment { id person { id } institution { creditCode } post postCategory grade startsOn endsOn contractYears previousEmployer educationLevel degree graduateSchool status salaryApproval { id } }',
    );
    expect(appointment).toEqual({
      id: number,
      person: { id: dispatch.applicant.personId },
      institution: { creditCode: HOSPITAL },
      post: '临床医师',
      postCategory: 'PROFESSIONAL_TECHNICAL',
      grade: '专业技术十二级',
      startsOn: '2026-09-01',
      endsOn: '2029-08-31',
      contractYears: 3,
      previousEmployer: '南京示例软件有限公司',
      educationLevel: 'MASTER',
      degree: 'MASTER',
      graduateSchool: '南京示例医科大学',
      status: 'PENDING_REGISTRATION',
      salaryApproval: null,
    });

    expect((await decide(dispatch.idempotencyKey, COMPLETE)).data!.outcome).toMatchObject({ status: 'COMPLETED', recordId: number });
    expect(await appointmentsShown(DEMO_PEOPLE.liuYang)).toEqual([{ id: number, post: '临床医师', status: 'ACTIVE' }]);
    // The history keeps the engine's statuses, with who and which submission.
    expect(
      await db().query('SELECT record_type, status, changed_by, submission_id FROM civil_service.record_history WHERE record_id = $1 ORDER BY history_id', [
        number,
      ]),
    ).toEqual([
      { record_type: 'Appointment', status: 'ACCEPTED', changed_by: dispatch.applicant.personId, submission_id: 'sub-hire-1' },
      { record_type: 'Appointment', status: 'COMPLETED', changed_by: 'counter-021', submission_id: 'sub-hire-1' },
    ]);
  });

  it("rejects a term that overlaps the person's appointment at the same institution, and records nothing", async () => {
    // 李娜 is appointed at the hospital 2024-09-01 … 2029-08-31.
    const overlap = await register(hireOf(DEMO_PEOPLE.liNa));
    expect(overlap.data!.outcome).toMatchObject({ status: 'REJECTED', recordId: null, rejection: { code: 'APPOINTMENT_OVERLAP', field: 'termStart' } });
    expect((await appointmentsOf(DEMO_PEOPLE.liNa)).map((a) => a.appointment_number)).toEqual(['PY3205062024000001']);
    // The next term, right after the current one, does not overlap.
    const next = await register(hireOf(DEMO_PEOPLE.liNa), { ...TERM, termStart: '2029-09-01', termEnd: '2034-08-31', contractYears: 5 });
    expect(next.data!.outcome.status).toBe('ACCEPTED');
  });

  it('two overlapping registrations sent at once: one is accepted, the other rejected', async () => {
    const term = { ...TERM, termStart: '2027-01-01', termEnd: '2029-12-31' };
    const outcomes = await Promise.all([register(hireOf(DEMO_PEOPLE.chenJing), term), register(hireOf(DEMO_PEOPLE.chenJing), term)]);
    expect(outcomes.map((o) => o.data!.outcome.status).sort()).toEqual(['ACCEPTED', 'REJECTED']);
    expect(outcomes.find((o) => o.data!.outcome.status === 'REJECTED')!.data!.outcome.rejection!.code).toBe('APPOINTMENT_OVERLAP');
    expect(await appointmentsOf(DEMO_PEOPLE.chenJing)).toHaveLength(1);
  });

  it.each([
    ['TERM_END_BEFORE_START', 'termEnd', { ...TERM, termEnd: '2026-09-01' }],
    ['CONTRACT_YEARS_MISMATCH', 'contractYears', { ...TERM, contractYears: 5 }],
    ['CONTRACT_YEARS_MISMATCH', 'contractYears', { ...TERM, termEnd: '2026-12-31', contractYears: 0 }],
  ])('rejects an inconsistent term with %s on %s, and records nothing', async (code, field, input) => {
    const { data } = await register(hireOf(DEMO_PEOPLE.zhangWei), input);
    expect(data!.outcome).toMatchObject({ status: 'REJECTED', recordId: null, rejection: { code, field } });
    expect(await appointmentsOf(DEMO_PEOPLE.zhangWei)).toEqual([]);
  });

  it('rejects a hire at or past the statutory retirement age for the post', async () => {
    // 王芳 (born 1965-11, woman in a cadre post): 55, reached in 2020.
    const old = await register(hireOf(DEMO_PEOPLE.wangFang));
    expect(old.data!.outcome).toMatchObject({ status: 'REJECTED', rejection: { code: 'PAST_RETIREMENT_AGE', field: 'termStart' } });
    expect(old.data!.outcome.rejection!.message).toContain('2020-11-20');
    expect(await appointmentsOf(DEMO_PEOPLE.wangFang)).toEqual([]);
    // 陈静 (born 1978-02): in a 工勤技能 post she retires at 50 + 19 months (2029-09-14), in a cadre post at 55 + 25 months.
    const term = { ...TERM, termStart: '2030-01-01', termEnd: '2032-12-31' };
    const worker = await register(hireOf(DEMO_PEOPLE.chenJing), { ...term, postCategory: 'SKILLED_WORKER', postGrade: '技术工三级' });
    expect(worker.data!.outcome.rejection).toMatchObject({ code: 'PAST_RETIREMENT_AGE' });
    expect(worker.data!.outcome.rejection!.message).toContain('2029-09-14');
    expect((await register(hireOf(DEMO_PEOPLE.chenJing), term)).data!.outcome.status).toBe('ACCEPTED');
  });

  it.each([
    ['a 专业技术 grade on a 管理 post', { postCategory: 'MANAGEMENT', postGrade: '专业技术十二级' }],
    ['a grade above the top of its category', { postCategory: 'SKILLED_WORKER', postGrade: '技术工六级' }],
    ['no grade at all', { postGrade: '资深' }],
  ])('rejects %s (POST_GRADE_INVALID at postGrade), and records nothing', async (_case, post) => {
    const before = await appointmentsOf(DEMO_PEOPLE.liuYang);
    const { data } = await register(hireOf(DEMO_PEOPLE.liuYang), { ...TERM, termStart: '2031-01-01', termEnd: '2033-12-31', ...post });
    expect(data!.outcome).toMatchObject({ status: 'REJECTED', recordId: null, rejection: { code: 'POST_GRADE_INVALID', field: 'postGrade' } });
    expect(await appointmentsOf(DEMO_PEOPLE.liuYang)).toEqual(before);
  });

  it('rejects a birth date that differs from the ID document, a missing employer and a unit that is no public institution', async () => {
    const birth = await register(hireOf(DEMO_PEOPLE.zhangWei, { sharedFields: { birthDate: '1985-07-16' } }));
    expect(birth.data!.outcome.rejection).toMatchObject({ code: 'BIRTH_DATE_MISMATCH', field: 'birthDate' });
    const noEmployer = await register(hireOf(DEMO_PEOPLE.zhangWei, { employerCreditCode: undefined }));
    expect(noEmployer.data!.outcome.rejection).toMatchObject({ code: 'EMPLOYER_REQUIRED', field: 'dispatch.employerCreditCode' });
    const company = await register(hireOf(DEMO_PEOPLE.zhangWei, { employerCreditCode: DEMO_EMPLOYERS.software.creditCode }));
    expect(company.data!.outcome.rejection).toMatchObject({ code: 'NOT_PUBLIC_INSTITUTION', field: 'dispatch.employerCreditCode' });
    expect(await appointmentsOf(DEMO_PEOPLE.zhangWei)).toEqual([]);
  });

  it("a registration the counter rejects is not listed among the person's appointments", async () => {
    const dispatch = hireOf(DEMO_PEOPLE.zhangWei);
    const accepted = await register(dispatch, { ...TERM, termStart: '2031-01-01', termEnd: '2035-12-31', contractYears: 5 });
    expect(accepted.data!.outcome.status).toBe('ACCEPTED');
    expect(await appointmentsShown(DEMO_PEOPLE.zhangWei)).toEqual([{ id: accepted.data!.outcome.recordId, post: '临床医师', status: 'PENDING_REGISTRATION' }]);
    const refused = await decide(dispatch.idempotencyKey, { outcome: 'REJECT', reason: '岗位未经核准', decidedBy: 'counter-021' });
    expect(refused.data!.outcome.status).toBe('REJECTED');
    expect(await appointmentsShown(DEMO_PEOPLE.zhangWei)).toEqual([]);
    expect(await appointmentsOf(DEMO_PEOPLE.zhangWei)).toEqual([
      { appointment_number: accepted.data!.outcome.recordId, status: 'REJECTED', starts_on: '2031-01-01' },
    ]);
  });
});

describe('NEW_HIRE_SALARY_APPROVAL (approveNewHireSalary)', () => {
  it('accepts the approval for an appointment on record, once per key, and completes it once', async () => {
    const dispatch = byHospital(DEMO_PEOPLE.liNa, 'NEW_HIRE_SALARY_APPROVAL');
    const first = await approveSalary(dispatch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.outcome).toMatchObject({ itemCode: 'NEW_HIRE_SALARY_APPROVAL', status: 'ACCEPTED', recordType: 'SalaryApproval', rejection: null });
    expect(first.data!.outcome.reference).toMatch(/^GZ\d{8}\d{6}$/);
    const [again, concurrent] = await Promise.all([approveSalary(dispatch), approveSalary(dispatch)]);
    expect(again.data!.outcome).toEqual(first.data!.outcome);
    expect(concurrent.data!.outcome).toEqual(first.data!.outcome);
    const approvalNumber = first.data!.outcome.recordId!;
    expect(await salaryApprovalsOf(DEMO_PEOPLE.liNa)).toEqual([
      { approval_number: approvalNumber, status: 'ACCEPTED', appointment_number: 'PY3205062024000001' },
    ]);

    const open = await approveSalary(byHospital(DEMO_PEOPLE.liNa, 'NEW_HIRE_SALARY_APPROVAL'));
    expect(open.data!.outcome.rejection).toMatchObject({ code: 'SALARY_APPROVAL_OPEN' });

    expect((await decide(dispatch.idempotencyKey, COMPLETE)).data!.outcome.status).toBe('COMPLETED');
    const [approval] = await entities<Record<string, unknown>>(
      [{ __typename: 'SalaryApproval', id: approvalNumber }],
      '... on SalaryApproval { id status person { id } institution { creditCode } post postCategory grade appointment { id salaryApproval { id status } } }',
    );
    expect(approval).toEqual({
      id: approvalNumber,
      status: 'COMPLETED',
      person: { id: dispatch.applicant.personId },
      institution: { creditCode: HOSPITAL },
      // Determined on the appointment's post and grade.
      post: '护士',
      postCategory: 'PROFESSIONAL_TECHNICAL',
      grade: '专业技术十二级',
      appointment: { id: 'PY3205062024000001', salaryApproval: { id: approvalNumber, status: 'COMPLETED' } },
    });
    const twice = await approveSalary(byHospital(DEMO_PEOPLE.liNa, 'NEW_HIRE_SALARY_APPROVAL'));
    expect(twice.data!.outcome).toMatchObject({ status: 'REJECTED', rejection: { code: 'SALARY_ALREADY_APPROVED' } });
    expect(await salaryApprovalsOf(DEMO_PEOPLE.liNa)).toHaveLength(1);
  });

  it('rejects an approval for someone with no appointment at the institution, outside a submission', async () => {
    const { data } = await approveSalary(byHospital(DEMO_PEOPLE.wangFang, 'NEW_HIRE_SALARY_APPROVAL'));
    expect(data!.outcome).toMatchObject({ status: 'REJECTED', recordId: null, rejection: { code: 'NO_APPOINTMENT', field: null } });
    const noEmployer = await approveSalary(dispatchFor(stack, DEMO_PEOPLE.wangFang, 'NEW_HIRE_SALARY_APPROVAL'));
    expect(noEmployer.data!.outcome.rejection).toMatchObject({ code: 'EMPLOYER_REQUIRED' });
    expect(await salaryApprovalsOf(DEMO_PEOPLE.wangFang)).toEqual([]);
  });

  it('in a parallel submission, arriving before NEW_HIRE_INFO: accepted, linked to the appointment when it is registered, completed only once it is ACTIVE', async () => {
    const submissionId = 'sub-parallel-1';
    const salary = byHospital(DEMO_PEOPLE.zhangWei, 'NEW_HIRE_SALARY_APPROVAL', { submissionId });
    const accepted = await approveSalary(salary);
    expect(accepted.data!.outcome.status).toBe('ACCEPTED');
    expect(await salaryApprovalsOf(DEMO_PEOPLE.zhangWei)).toEqual([
      { approval_number: accepted.data!.outcome.recordId, status: 'ACCEPTED', appointment_number: null },
    ]);
    // The counter cannot approve a salary before the appointment exists.
    expect((await decide(salary.idempotencyKey, COMPLETE)).errors![0]!.extensions).toMatchObject({ code: 'APPOINTMENT_NOT_ACTIVE' });

    const hire = hireOf(DEMO_PEOPLE.zhangWei, { submissionId });
    const hired = await register(hire, { ...TERM, termStart: '2027-03-01', termEnd: '2030-02-28' });
    expect(hired.data!.outcome.status).toBe('ACCEPTED');
    expect(await salaryApprovalsOf(DEMO_PEOPLE.zhangWei)).toEqual([
      { approval_number: accepted.data!.outcome.recordId, status: 'ACCEPTED', appointment_number: hired.data!.outcome.recordId },
    ]);
    // Registered but not yet completed: still no approval.
    expect((await decide(salary.idempotencyKey, COMPLETE)).errors![0]!.extensions).toMatchObject({ code: 'APPOINTMENT_NOT_ACTIVE' });
    expect((await decide(hire.idempotencyKey, COMPLETE)).data!.outcome.status).toBe('COMPLETED');
    expect((await decide(salary.idempotencyKey, COMPLETE)).data!.outcome.status).toBe('COMPLETED');
    expect((await salaryApprovalsOf(DEMO_PEOPLE.zhangWei)).map((a) => a.status)).toEqual(['COMPLETED']);
    // The appointment that arrived later gave the approval its post and grade.
    const [approval] = await entities<Record<string, unknown>>(
      [{ __typename: 'SalaryApproval', id: accepted.data!.outcome.recordId! }],
      '... on SalaryApproval { post postCategory grade }',
    );
    expect(approval).toEqual({ post: TERM.post, postCategory: TERM.postCategory, grade: TERM.postGrade });
  });

  it('in a parallel submission whose NEW_HIRE_INFO is refused, the approval can only be rejected', async () => {
    const submissionId = 'sub-parallel-2';
    const salary = byHospital(DEMO_PEOPLE.wangFang, 'NEW_HIRE_SALARY_APPROVAL', { submissionId });
    expect((await approveSalary(salary)).data!.outcome.status).toBe('ACCEPTED');
    expect((await register(hireOf(DEMO_PEOPLE.wangFang, { submissionId }))).data!.outcome.rejection).toMatchObject({ code: 'PAST_RETIREMENT_AGE' });
    expect((await decide(salary.idempotencyKey, COMPLETE)).errors![0]!.extensions).toMatchObject({ code: 'APPOINTMENT_NOT_ACTIVE' });
    expect((await decide(salary.idempotencyKey, { outcome: 'REJECT', reason: '无聘用记录', decidedBy: 'counter-021' })).data!.outcome.status).toBe('REJECTED');
    expect(await salaryApprovalsOf(DEMO_PEOPLE.wangFang)).toEqual([expect.objectContaining({ status: 'REJECTED', appointment_number: null })]);
  });

  it('in a parallel submission, both items at once: the approval always ends linked to the new appointment', async () => {
    // Another public institution (a valid GB 32100 code of a 事业单位), where 陈静 has no appointment yet.
    const school = '123201024660012348';
    // Twice (a second, later term in a new submission), as the order of arrival varies.
    for (const index of [0, 1]) {
      const submissionId = `sub-parallel-3-${index}`;
      const hire = dispatchFor(stack, DEMO_PEOPLE.chenJing, 'NEW_HIRE_INFO', { employerCreditCode: school, submissionId });
      const salary = dispatchFor(stack, DEMO_PEOPLE.chenJing, 'NEW_HIRE_SALARY_APPROVAL', { employerCreditCode: school, submissionId });
      const term = { ...TERM, termStart: `${2026 + index * 3}-09-01`, termEnd: `${2029 + index * 3}-08-31` };
      const [hired, approved] = await Promise.all([register(hire, term), approveSalary(salary)]);
      expect([hired.data!.outcome.status, approved.data!.outcome.status]).toEqual(['ACCEPTED', 'ACCEPTED']);
      const [row] = await db().query<{ appointment_number: string | null }>(
        'SELECT appointment_number FROM civil_service.salary_approval WHERE approval_number = $1',
        [approved.data!.outcome.recordId],
      );
      expect(row!.appointment_number).toBe(hired.data!.outcome.recordId);
      // Completed in order, the approval goes through; then the next round starts clean.
      expect((await decide(hire.idempotencyKey, COMPLETE)).data!.outcome.status).toBe('COMPLETED');
      expect((await decide(salary.idempotencyKey, COMPLETE)).data!.outcome.status).toBe('COMPLETED');
    }
  });
});

describe('civil-service rule figures', () => {
  it.each([
    ['1964-12-15', 'MALE', 'MANAGEMENT', '2024-12-15'],
    ['1965-01-10', 'MALE', 'MANAGEMENT', '2025-02-10'],
    ['1976-09-01', 'MALE', 'SKILLED_WORKER', '2039-09-01'],
    ['1969-12-31', 'FEMALE', 'PROFESSIONAL_TECHNICAL', '2024-12-31'],
    ['1981-09-30', 'FEMALE', 'MANAGEMENT', '2039-09-30'],
    ['1975-02-28', 'FEMALE', 'SKILLED_WORKER', '2025-03-28'],
    ['1984-11-30', 'FEMALE', 'SKILLED_WORKER', '2039-11-30'],
  ] as const)('born %s, %s in a %s post, reaches the statutory retirement age on %s', (birthDate, gender, post, expected) => {
    expect(retirementDate(birthDate, gender, post)).toBe(expected);
  });

  it('counts a term from its first to its last day in whole years', () => {
    expect(termYears('2024-09-01', '2029-08-31')).toBe(5);
    expect(termYears('2026-09-01', '2029-08-31')).toBe(3);
    expect(termYears('2026-01-31', '2027-01-30')).toBe(1);
  });
});
