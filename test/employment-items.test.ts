import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { addDays, addMonths, todayInChina } from '../src/policy/calendar.js';
import { MEN_RETIREMENT, retirementDate, WOMEN_CADRE_RETIREMENT, WOMEN_WORKER_RETIREMENT } from '../src/policy/retirement.js';
import { workingAge } from '../subgraphs/employment/policy.js';
import { applicantOf, decideItem, dispatchFor, dispatchItem, expectRejected, newcomerIdNumber, type Outcome } from './support/items.js';
import { personKey } from '../src/identity/person-key.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

type Dispatch = ReturnType<typeof dispatchFor>;
const today = todayInChina();
const LOST_JOB = { unemploymentType: 'DISMISSED_BY_EMPLOYER', formerEmployer: '南京示例软件有限公司', unemploymentDate: '2025-10-31' };

/** A demo person's dispatch, with extra dispatch fields (sharedFields…). */
const forPerson = (person: DemoPerson, itemCode: string, extra: Record<string, unknown> = {}) => dispatchFor(stack, person, itemCode, extra);
/** A fresh person (own key, no records) born on `birthDate`. */
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

const register = (dispatch: Dispatch) => dispatchItem(stack, dispatch, undefined, 'UNEMPLOYMENT_REGISTRATION');
const applyCertificate = (dispatch: Dispatch, input: Record<string, unknown> = { paperCertificate: false }) =>
  dispatchItem(stack, dispatch, input, 'EMPLOYMENT_CERTIFICATE');
const recognize = (dispatch: Dispatch, difficultyCategory: string) =>
  dispatchItem(stack, dispatch, { difficultyCategory }, 'EMPLOYMENT_DIFFICULTY_RECOGNITION');
const claimTraining = (dispatch: Dispatch) => dispatchItem(stack, dispatch, undefined, 'VOCATIONAL_TRAINING_SUBSIDY');
const JOB = { desiredJob: '软件测试工程师', expectedMonthlySalary: '8000', desiredRegion: '江苏省南京市', resumeVisibility: 'ALL_EMPLOYERS' };
const requestJob = (dispatch: Dispatch, input: Record<string, unknown> = JOB) => dispatchItem(stack, dispatch, input, 'JOB_INTRODUCTION');
const decide = (dispatch: Dispatch, decision: Record<string, unknown>) =>
  decideItem(stack, 'employment', dispatch.idempotencyKey, { decidedBy: 'counter-012', ...decision });

const rows = <Row>(sql: string, params: unknown[]) => stack.databases.get('employment')!.query<Row>(sql, params);
const count = async (table: string, personId: string) =>
  (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM employment.${table} WHERE person_key = $1`, [personId]))[0]!.n;
const entities = async <T>(representations: Array<Record<string, unknown>>, selection: string) => {
  const { data, errors } = await stack.graphql<{ _entities: T[] }>(
    `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
    { r: representations },
    stack.subgraphs.get('employment')!.url,
  );
  expect(errors).toBeUndefined();
  return data!._entities;
};
const personFacts = async (personId: string) =>
  (
    await entities<{
      unemploymentStatus: { registered: boolean; registrationNumber: string | null; hardToEmploy: boolean; hardToEmployCategory: string | null };
      employmentCertificate: { certificateNumber: string; paperCertificate: boolean } | null;
      vocationalTrainings: Array<{ id: string; subsidized: boolean }>;
    }>(
      [{ __typename: 'Person', id: personId }],
      '... on Person { unemploymentStatus { registered registrationNumber hardToEmploy hardToEmployCategory } employmentCertificate { certificateNumber paperCertificate } vocationalTrainings { id subsidized } }',
    )
  )[0]!;

/** Sends the same dispatch three times (once, then twice at once): one outcome each time. */
async function sendThrice(send: () => Promise<{ data?: { outcome: Outcome }; errors?: unknown }>): Promise<Outcome> {
  const first = await send();
  expect(first.errors).toBeUndefined();
  const [again, concurrent] = await Promise.all([send(), send()]);
  expect(again.data!.outcome).toEqual(first.data!.outcome);
  expect(concurrent.data!.outcome).toEqual(first.data!.outcome);
  return first.data!.outcome;
}

describe('policy: statutory retirement age (渐进式延迟法定退休年龄办法)', () => {
  it.each([
    ['men born 1964-12 keep 60', '1964-12-10', MEN_RETIREMENT, '2024-12-10'],
    ['men born 1965-01 retire at 60 and 1 month', '1965-01-10', MEN_RETIREMENT, '2025-02-10'],
    ['men born 1976-08 retire at 62 and 11 months', '1976-08-31', MEN_RETIREMENT, '2039-07-31'],
    ['men born 1976-09 retire at 63', '1976-09-01', MEN_RETIREMENT, '2039-09-01'],
    ['women cadres born 1981-09 retire at 58', '1981-09-15', WOMEN_CADRE_RETIREMENT, '2039-09-15'],
    ['women workers born 1984-10 retire at 54 and 11 months', '1984-10-20', WOMEN_WORKER_RETIREMENT, '2039-09-20'],
    ['women workers born 1984-11 retire at 55', '1984-11-20', WOMEN_WORKER_RETIREMENT, '2039-11-20'],
  ] as const)('%s', (_name, birthDate, schedule, expected) => {
    expect(retirementDate(birthDate, schedule)).toBe(expected);
  });

  it('working age is 16 up to the retirement day (women: the later, cadre age)', () => {
    expect(workingAge({ birthDate: '2010-06-01', gender: 'MALE' }, '2026-05-31')).toEqual({ ok: false, reason: 'UNDER_AGE', limit: '2026-06-01' });
    expect(workingAge({ birthDate: '2010-06-01', gender: 'MALE' }, '2026-06-01')).toEqual({ ok: true });
    expect(workingAge({ birthDate: '1970-01-15', gender: 'FEMALE' }, '2025-02-14')).toEqual({ ok: true });
    expect(workingAge({ birthDate: '1970-01-15', gender: 'FEMALE' }, '2025-02-15')).toEqual({ ok: false, reason: 'RETIREMENT_AGE', limit: '2025-02-15' });
  });
});

describe('UNEMPLOYMENT_REGISTRATION (registerUnemployment)', () => {
  it("accepts once per key, and the counter's completion puts the registration in force", async () => {
    const dispatch = forPerson(DEMO_PEOPLE.zhangWei, 'UNEMPLOYMENT_REGISTRATION', { sharedFields: LOST_JOB });
    const personId = dispatch.applicant.personId;
    const outcome = await sendThrice(() => register(dispatch));
    expect(outcome).toMatchObject({ itemCode: 'UNEMPLOYMENT_REGISTRATION', status: 'ACCEPTED', recordType: 'UnemploymentRegistration', rejection: null });
    expect(outcome.reference).toMatch(/^SY\d{14}$/);
    expect(outcome.recordId).toBe(outcome.reference);
    // Dated in China time, whatever the server's clock zone.
    expect(outcome.reference!.slice(2, 10)).toBe(today.replace(/-/g, ''));
    expect(
      await rows(
        'SELECT registration_number, status, unemployment_type, former_employer, unemployment_date, registered_on, ended_on FROM employment.unemployment_registration WHERE person_key = $1',
        [personId],
      ),
    ).toEqual([
      {
        registration_number: outcome.recordId,
        status: 'ACCEPTED',
        unemployment_type: 'DISMISSED_BY_EMPLOYER',
        former_employer: '南京示例软件有限公司',
        unemployment_date: '2025-10-31',
        registered_on: today,
        ended_on: null,
      },
    ]);
    expect((await personFacts(personId)).unemploymentStatus.registered).toBe(false);

    expect((await decide(dispatch, { outcome: 'COMPLETE' })).data!.outcome).toMatchObject({ status: 'COMPLETED', recordId: outcome.recordId });
    expect((await personFacts(personId)).unemploymentStatus).toMatchObject({ registered: true, registrationNumber: outcome.recordId });
    // The status history: who accepted it and who completed it (defineRecord).
    expect(
      await rows('SELECT status, changed_by FROM employment.record_history WHERE record_type = $1 AND record_id = $2 ORDER BY history_id', [
        'UnemploymentRegistration',
        outcome.recordId,
      ]),
    ).toEqual([
      { status: 'ACCEPTED', changed_by: personId },
      { status: 'COMPLETED', changed_by: 'counter-012' },
    ]);
    expect(
      await entities(
        [{ __typename: 'UnemploymentRegistration', id: outcome.recordId }],
        '... on UnemploymentRegistration { id status unemploymentType formerEmployer unemploymentDate person { id } }',
      ),
    ).toEqual([
      {
        id: outcome.recordId,
        status: 'COMPLETED',
        unemploymentType: 'DISMISSED_BY_EMPLOYER',
        formerEmployer: '南京示例软件有限公司',
        unemploymentDate: '2025-10-31',
        person: { id: personId },
      },
    ]);

    // One registration in force per person.
    expectRejected(await register(forPerson(DEMO_PEOPLE.zhangWei, 'UNEMPLOYMENT_REGISTRATION', { sharedFields: LOST_JOB })), 'UNEMPLOYMENT_ALREADY_REGISTERED');
    expect(await count('unemployment_registration', personId)).toBe(1);
  });

  it('two different applications of one person at once: one accepted, the other refused while it is open; after a rejection a new one is accepted', async () => {
    const first = forNewcomer('UNEMPLOYMENT_REGISTRATION', '1990-05-05', 'MALE', { sharedFields: LOST_JOB });
    const second = { ...first, idempotencyKey: randomUUID() };
    const outcomes = (await Promise.all([register(first), register(second)])).map((r) => r.data!.outcome);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['ACCEPTED', 'REJECTED']);
    expect(outcomes.find((o) => o.status === 'REJECTED')!.rejection!.code).toBe('UNEMPLOYMENT_REGISTRATION_OPEN');
    expect(await count('unemployment_registration', first.applicant.personId)).toBe(1);

    const acceptedKey = outcomes[0]!.status === 'ACCEPTED' ? first : second;
    expect((await decide(acceptedKey, { outcome: 'REJECT', reason: '材料不全' })).data!.outcome).toMatchObject({
      status: 'REJECTED',
      rejection: { code: 'REJECTED_BY_COUNTER', message: '材料不全' },
    });
    expect((await personFacts(first.applicant.personId)).unemploymentStatus.registered).toBe(false);
    const again = await register({ ...first, idempotencyKey: randomUUID() });
    expect(again.data!.outcome.status).toBe('ACCEPTED');
  });

  it.each(['unemploymentType', 'formerEmployer', 'unemploymentDate'])('needs the shared field %s', async (field) => {
    const dispatch = forNewcomer('UNEMPLOYMENT_REGISTRATION', '1990-05-05', 'MALE', { sharedFields: { ...LOST_JOB, [field]: undefined } });
    expectRejected(await register(dispatch), 'UNEMPLOYMENT_FACTS_MISSING', field);
    expect(await count('unemployment_registration', dispatch.applicant.personId)).toBe(0);
  });

  it('refuses a 失业时间 in the future', async () => {
    const dispatch = forNewcomer('UNEMPLOYMENT_REGISTRATION', '1990-05-05', 'MALE', { sharedFields: { ...LOST_JOB, unemploymentDate: addMonths(today, 1) } });
    expectRejected(await register(dispatch), 'UNEMPLOYMENT_DATE_IN_FUTURE', 'unemploymentDate');
    expect(await count('unemployment_registration', dispatch.applicant.personId)).toBe(0);
  });

  it('refuses people outside working age: past retirement (王芳, 61) or under 16', async () => {
    const retired = forPerson(DEMO_PEOPLE.wangFang, 'UNEMPLOYMENT_REGISTRATION', { sharedFields: LOST_JOB });
    expectRejected(await register(retired), 'NOT_OF_WORKING_AGE');
    const child = forNewcomer('UNEMPLOYMENT_REGISTRATION', addMonths(today, -15 * 12), 'FEMALE', { sharedFields: LOST_JOB });
    expectRejected(await register(child), 'NOT_OF_WORKING_AGE');
    expect(await count('unemployment_registration', retired.applicant.personId)).toBe(0);
    expect(await count('unemployment_registration', child.applicant.personId)).toBe(0);
  });

  it('refuses someone whose employment registration is still open (李娜), or a 失业时间 within a registered employment (张伟 2016–2025)', async () => {
    const employed = forPerson(DEMO_PEOPLE.liNa, 'UNEMPLOYMENT_REGISTRATION', { sharedFields: LOST_JOB });
    expectRejected(await register(employed), 'CURRENTLY_EMPLOYED');
    expect(await count('unemployment_registration', employed.applicant.personId)).toBe(0);
    const zhang = forPerson(DEMO_PEOPLE.zhangWei, 'UNEMPLOYMENT_REGISTRATION', { sharedFields: { ...LOST_JOB, unemploymentDate: '2020-01-01' } });
    const before = await count('unemployment_registration', zhang.applicant.personId);
    expectRejected(await register(zhang), 'EMPLOYED_ON_UNEMPLOYMENT_DATE', 'unemploymentDate');
    expect(await count('unemployment_registration', zhang.applicant.personId)).toBe(before);
  });

  it('refuses someone whose employer filed their hire (劳动用工备案, in force and begun): not 处于无业状态; a contract that begins later does not count', async () => {
    const hired = (start: string) => async (dispatch: Dispatch) => {
      const filing = { ...dispatch, idempotencyKey: randomUUID(), itemCode: 'LABOR_FILING_HIRE', employerCreditCode: DEMO_EMPLOYERS.software.creditCode };
      const input = { contractType: 'OPEN_ENDED', contractStartDate: start, jobTitle: '文员', workLocation: '南京市', monthlyWage: '5000' };
      expect((await dispatchItem(stack, filing, input)).data!.outcome.status).toBe('ACCEPTED');
    };
    const employed = forNewcomer('UNEMPLOYMENT_REGISTRATION', '1991-06-06', 'MALE', { sharedFields: LOST_JOB });
    await hired(addDays(today, -60))(employed);
    expectRejected(await register(employed), 'CURRENTLY_EMPLOYED');
    const startsLater = forNewcomer('UNEMPLOYMENT_REGISTRATION', '1991-07-07', 'MALE', { sharedFields: LOST_JOB });
    await hired(addDays(today, 10))(startsLater);
    expect((await register(startsLater)).data!.outcome.status).toBe('ACCEPTED');
  });

  it('refuses a dispatch naming another item', async () => {
    const { errors } = await register(forPerson(DEMO_PEOPLE.zhangWei, 'UNEMPLOYMENT_BENEFIT', { sharedFields: LOST_JOB }));
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dispatch.itemCode' });
  });
});

describe('EMPLOYMENT_CERTIFICATE (applyEmploymentCertificate)', () => {
  it('accepts once per key, issues the certificate on completion, and never a second one', async () => {
    const dispatch = forPerson(DEMO_PEOPLE.liuYang, 'EMPLOYMENT_CERTIFICATE');
    const personId = dispatch.applicant.personId;
    const outcome = await sendThrice(() => applyCertificate(dispatch, { paperCertificate: true }));
    expect(outcome).toMatchObject({ itemCode: 'EMPLOYMENT_CERTIFICATE', status: 'ACCEPTED', recordType: 'EmploymentCertificateApplication', rejection: null });
    expect(outcome.reference).toMatch(/^JC\d{14}$/);
    expect(
      await rows(
        'SELECT application_number, status, paper_certificate, certificate_number FROM employment.employment_certificate_application WHERE person_key = $1',
        [personId],
      ),
    ).toEqual([{ application_number: outcome.recordId, status: 'ACCEPTED', paper_certificate: true, certificate_number: null }]);
    expect((await personFacts(personId)).employmentCertificate).toBeNull();

    await decide(dispatch, { outcome: 'COMPLETE' });
    const certificate = (await personFacts(personId)).employmentCertificate!;
    expect(certificate).toEqual({ certificateNumber: expect.stringMatching(/^JYCY\d{12}$/), paperCertificate: true });
    expect(
      await entities(
        [{ __typename: 'EmploymentCertificateApplication', id: outcome.recordId }],
        '... on EmploymentCertificateApplication { status certificate { certificateNumber issuedOn } person { id } }',
      ),
    ).toEqual([{ status: 'COMPLETED', certificate: { certificateNumber: certificate.certificateNumber, issuedOn: today }, person: { id: personId } }]);

    expectRejected(await applyCertificate(forPerson(DEMO_PEOPLE.liuYang, 'EMPLOYMENT_CERTIFICATE')), 'EMPLOYMENT_CERTIFICATE_ALREADY_HELD');
    expect(await count('employment_certificate_application', personId)).toBe(1);
  });

  it('refuses a second application while the first is open; a rejected one leaves the way free', async () => {
    const first = forNewcomer('EMPLOYMENT_CERTIFICATE', '1995-01-01', 'FEMALE');
    expect((await applyCertificate(first)).data!.outcome.status).toBe('ACCEPTED');
    expectRejected(await applyCertificate({ ...first, idempotencyKey: randomUUID() }), 'EMPLOYMENT_CERTIFICATE_APPLICATION_OPEN');
    expect(await count('employment_certificate_application', first.applicant.personId)).toBe(1);
    await decide(first, { outcome: 'REJECT', reason: '照片不合格' });
    expect((await applyCertificate({ ...first, idempotencyKey: randomUUID() }, {})).data!.outcome.status).toBe('ACCEPTED');
  });

  it('refuses someone past retirement age', async () => {
    const dispatch = forPerson(DEMO_PEOPLE.wangFang, 'EMPLOYMENT_CERTIFICATE');
    expectRejected(await applyCertificate(dispatch), 'NOT_OF_WORKING_AGE');
    expect(await count('employment_certificate_application', dispatch.applicant.personId)).toBe(0);
  });
});

describe('EMPLOYMENT_DIFFICULTY_RECOGNITION (recognizeEmploymentDifficulty)', () => {
  it('大龄失业人员 (陈静, a woman of 48): accepted once per key, recognised on completion, never twice', async () => {
    const dispatch = forPerson(DEMO_PEOPLE.chenJing, 'EMPLOYMENT_DIFFICULTY_RECOGNITION');
    const personId = dispatch.applicant.personId;
    const outcome = await sendThrice(() => recognize(dispatch, 'OLDER_WORKER'));
    expect(outcome).toMatchObject({
      itemCode: 'EMPLOYMENT_DIFFICULTY_RECOGNITION',
      status: 'ACCEPTED',
      recordType: 'EmploymentDifficultyRecognition',
      rejection: null,
    });
    expect(outcome.reference).toMatch(/^KN\d{14}$/);
    expect(
      await rows('SELECT application_number, status, category FROM employment.difficulty_recognition_application WHERE person_key = $1', [personId]),
    ).toEqual([{ application_number: outcome.recordId, status: 'ACCEPTED', category: 'OLDER_WORKER' }]);
    expect((await personFacts(personId)).unemploymentStatus.hardToEmploy).toBe(false);

    await decide(dispatch, { outcome: 'COMPLETE' });
    expect((await personFacts(personId)).unemploymentStatus).toMatchObject({ hardToEmploy: true, hardToEmployCategory: 'OLDER_WORKER' });
    expect(
      await entities(
        [{ __typename: 'EmploymentDifficultyRecognition', id: outcome.recordId }],
        '... on EmploymentDifficultyRecognition { status difficultyCategory person { id } }',
      ),
    ).toEqual([{ status: 'COMPLETED', difficultyCategory: 'OLDER_WORKER', person: { id: personId } }]);
    expectRejected(await recognize(forPerson(DEMO_PEOPLE.chenJing, 'EMPLOYMENT_DIFFICULTY_RECOGNITION'), 'DISABLED'), 'ALREADY_RECOGNIZED');
    expect(await count('difficulty_recognition_application', personId)).toBe(1);
  });

  it.each([
    ['a man of 49', 'MALE', 49],
    ['a woman of 39', 'FEMALE', 39],
  ] as const)('大龄失业人员 is refused for %s', async (_name, gender, age) => {
    const dispatch = forNewcomer('EMPLOYMENT_DIFFICULTY_RECOGNITION', addMonths(today, -age * 12 - 6), gender);
    expectRejected(await recognize(dispatch, 'OLDER_WORKER'), 'DIFFICULTY_CATEGORY_NOT_MET', 'difficultyCategory');
    expect(await count('difficulty_recognition_application', dispatch.applicant.personId)).toBe(0);
  });

  it('a man of 50 qualifies as 大龄失业人员', async () => {
    const dispatch = forNewcomer('EMPLOYMENT_DIFFICULTY_RECOGNITION', addMonths(today, -50 * 12), 'MALE');
    expect((await recognize(dispatch, 'OLDER_WORKER')).data!.outcome.status).toBe('ACCEPTED');
  });

  it('连续失业一年以上: refused for a 失业时间 three months ago; 张伟 (employment ended 2025-10-31) qualifies, and the counter may still reject', async () => {
    const recent = forNewcomer('EMPLOYMENT_DIFFICULTY_RECOGNITION', '1990-05-05', 'MALE', {
      sharedFields: { ...LOST_JOB, unemploymentDate: addMonths(today, -3) },
    });
    expectRejected(await recognize(recent, 'LONG_TERM_UNEMPLOYED'), 'DIFFICULTY_CATEGORY_NOT_MET', 'unemploymentDate');
    expect(await count('difficulty_recognition_application', recent.applicant.personId)).toBe(0);

    const zhang = forPerson(DEMO_PEOPLE.zhangWei, 'EMPLOYMENT_DIFFICULTY_RECOGNITION');
    expect((await recognize(zhang, 'LONG_TERM_UNEMPLOYED')).data!.outcome.status).toBe('ACCEPTED');
    expectRejected(await recognize({ ...zhang, idempotencyKey: randomUUID() }, 'LONG_TERM_UNEMPLOYED'), 'DIFFICULTY_RECOGNITION_OPEN');
    expect((await decide(zhang, { outcome: 'REJECT', reason: '期间有灵活就业记录' })).data!.outcome.status).toBe('REJECTED');
    expect((await personFacts(zhang.applicant.personId)).unemploymentStatus.hardToEmploy).toBe(false);
  });

  it('refuses someone still employed (李娜) and someone past retirement age (王芳)', async () => {
    const employed = forPerson(DEMO_PEOPLE.liNa, 'EMPLOYMENT_DIFFICULTY_RECOGNITION');
    expectRejected(await recognize(employed, 'DISABLED'), 'CURRENTLY_EMPLOYED');
    const retired = forPerson(DEMO_PEOPLE.wangFang, 'EMPLOYMENT_DIFFICULTY_RECOGNITION');
    expectRejected(await recognize(retired, 'OLDER_WORKER'), 'NOT_OF_WORKING_AGE');
    expect(await count('difficulty_recognition_application', employed.applicant.personId)).toBe(0);
    expect(await count('difficulty_recognition_application', retired.applicant.personId)).toBe(0);
  });
});

describe('VOCATIONAL_TRAINING_SUBSIDY (applyVocationalTrainingSubsidy)', () => {
  it("claims 张伟's certified training once per key; the training counts as subsidised on completion and cannot be claimed again", async () => {
    const dispatch = forPerson(DEMO_PEOPLE.zhangWei, 'VOCATIONAL_TRAINING_SUBSIDY');
    const personId = dispatch.applicant.personId;
    const outcome = await sendThrice(() => claimTraining(dispatch));
    expect(outcome).toMatchObject({
      itemCode: 'VOCATIONAL_TRAINING_SUBSIDY',
      status: 'ACCEPTED',
      recordType: 'VocationalTrainingSubsidyApplication',
      rejection: null,
    });
    expect(outcome.reference).toMatch(/^PX\d{14}$/);
    expect(
      await rows('SELECT application_number, training_record_id, status FROM employment.training_subsidy_application WHERE person_key = $1', [personId]),
    ).toEqual([{ application_number: outcome.recordId, training_record_id: 'PXJL3201022026000001', status: 'ACCEPTED' }]);
    // Claimed while open: a second claim finds nothing left.
    expectRejected(await claimTraining(forPerson(DEMO_PEOPLE.zhangWei, 'VOCATIONAL_TRAINING_SUBSIDY')), 'TRAINING_ALREADY_SUBSIDIZED');

    await decide(dispatch, { outcome: 'COMPLETE' });
    expect((await personFacts(personId)).vocationalTrainings).toEqual([{ id: 'PXJL3201022026000001', subsidized: true }]);
    expect(
      await entities(
        [{ __typename: 'VocationalTrainingSubsidyApplication', id: outcome.recordId }],
        '... on VocationalTrainingSubsidyApplication { status training { id course certificateNumber subsidized } person { id } }',
      ),
    ).toEqual([
      {
        status: 'COMPLETED',
        training: { id: 'PXJL3201022026000001', course: '电工（四级/中级工）', certificateNumber: 'S000032010004261000123', subsidized: true },
        person: { id: personId },
      },
    ]);
    expect(await count('training_subsidy_application', personId)).toBe(1);
  });

  it('refuses someone with no training record (刘洋), and one whose training has no certificate yet (陈静)', async () => {
    const none = forPerson(DEMO_PEOPLE.liuYang, 'VOCATIONAL_TRAINING_SUBSIDY');
    expectRejected(await claimTraining(none), 'NO_TRAINING_RECORD');
    const uncertified = forPerson(DEMO_PEOPLE.chenJing, 'VOCATIONAL_TRAINING_SUBSIDY');
    expectRejected(await claimTraining(uncertified), 'TRAINING_NOT_CERTIFIED');
    expect(await count('training_subsidy_application', none.applicant.personId)).toBe(0);
    expect(await count('training_subsidy_application', uncertified.applicant.personId)).toBe(0);
  });
});

describe('JOB_INTRODUCTION (requestJobIntroduction)', () => {
  it('accepts once per key, shows the request through _entities, and is completed by the counter', async () => {
    const dispatch = forPerson(DEMO_PEOPLE.liuYang, 'JOB_INTRODUCTION');
    const personId = dispatch.applicant.personId;
    const outcome = await sendThrice(() => requestJob(dispatch));
    expect(outcome).toMatchObject({ itemCode: 'JOB_INTRODUCTION', status: 'ACCEPTED', recordType: 'JobIntroductionRequest', rejection: null });
    expect(outcome.reference).toMatch(/^ZJ\d{14}$/);
    expect(await count('job_introduction_request', personId)).toBe(1);
    const select = '... on JobIntroductionRequest { status desiredJob expectedMonthlySalary desiredRegion resumeVisibility person { id } }';
    expect(await entities([{ __typename: 'JobIntroductionRequest', id: outcome.recordId }], select)).toEqual([
      {
        status: 'ACCEPTED',
        desiredJob: '软件测试工程师',
        expectedMonthlySalary: '8000.00',
        desiredRegion: '江苏省南京市',
        resumeVisibility: 'ALL_EMPLOYERS',
        person: { id: personId },
      },
    ]);
    expectRejected(await requestJob(forPerson(DEMO_PEOPLE.liuYang, 'JOB_INTRODUCTION')), 'JOB_INTRODUCTION_OPEN');
    await decide(dispatch, { outcome: 'COMPLETE' });
    expect((await entities<{ status: string }>([{ __typename: 'JobIntroductionRequest', id: outcome.recordId }], select))[0]!.status).toBe('COMPLETED');
    expect((await requestJob(forPerson(DEMO_PEOPLE.liuYang, 'JOB_INTRODUCTION'))).data!.outcome.status).toBe('ACCEPTED');
  });

  it.each([
    ['a salary of 0', { expectedMonthlySalary: '0' }, 'SALARY_NOT_POSITIVE', 'expectedMonthlySalary'],
    ['a blank desired job', { desiredJob: '  ' }, 'REQUIRED_FIELD_BLANK', 'desiredJob'],
    ['a blank region', { desiredRegion: '' }, 'REQUIRED_FIELD_BLANK', 'desiredRegion'],
  ])('refuses %s', async (_name, change, code, field) => {
    const dispatch = forNewcomer('JOB_INTRODUCTION', '1995-01-01', 'MALE');
    expectRejected(await requestJob(dispatch, { ...JOB, ...change }), code, field);
    expect(await count('job_introduction_request', dispatch.applicant.personId)).toBe(0);
  });

  it('refuses someone past retirement age', async () => {
    const dispatch = forPerson(DEMO_PEOPLE.wangFang, 'JOB_INTRODUCTION');
    expectRejected(await requestJob(dispatch), 'NOT_OF_WORKING_AGE');
    expect(await count('job_introduction_request', dispatch.applicant.personId)).toBe(0);
  });
});

describe('decideEmploymentItem', () => {
  it('refuses an unknown key, a decision on a rejected item, and a rejection without reason', async () => {
    const unknown = await decideItem(stack, 'employment', randomUUID(), { outcome: 'COMPLETE', decidedBy: 'counter-012' });
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_FOUND' });

    const refused = forPerson(DEMO_PEOPLE.wangFang, 'JOB_INTRODUCTION');
    expectRejected(await requestJob(refused), 'NOT_OF_WORKING_AGE');
    expect((await decide(refused, { outcome: 'COMPLETE' })).errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_PENDING' });

    const noReason = await decide(refused, { outcome: 'REJECT' });
    expect(noReason.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'decision.reason' });
  });
});
