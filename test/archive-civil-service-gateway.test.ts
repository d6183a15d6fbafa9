import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { addDays, todayInChina } from '../src/policy/calendar.js';
import { handlerOf, institutionHiringApplication, SUBMIT, SUBMISSION_FIELDS, type Submitted, type SubmittedItem } from './support/forms.js';
import { useStack } from './support/use-stack.js';

// The archive and civil-service rules of #11, each both ways through the gateway: submitBundle,
// the counter's decideSubmissionItem, and the person's facts as federation serves them.
const stack = useStack();

const HOSPITAL = DEMO_EMPLOYERS.hospital;
const LETTER = { transferLetterNumber: '苏吴医调〔2026〕9号', transferLetterDate: '2026-01-05', archiveReceivingAddress: '江苏省苏州市吴中区示例路8号 人事科' };

async function submit(input: unknown): Promise<Submitted> {
  const { data, errors } = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
  expect(errors).toBeUndefined();
  return data!.submitBundle;
}
const itemOf = (submission: Submitted, code: string): SubmittedItem => submission.items.find((i) => i.itemCode === code)!;

const DECIDE = `mutation ($id: ID!, $code: String!, $decision: SubmissionItemDecisionInput!) {
  decideSubmissionItem(submissionId: $id, itemCode: $code, decision: $decision) { ${SUBMISSION_FIELDS} } }`;
const decide = (submission: Submitted, code: string, outcome: 'COMPLETE' | 'REJECT' = 'COMPLETE') =>
  stack.graphql<{ decideSubmissionItem: Submitted }>(DECIDE, {
    id: submission.id,
    code,
    decision: { outcome, decidedBy: 'counter-gw', ...(outcome === 'REJECT' ? { reason: '材料不符' } : {}) },
  });

async function submissionOf(submission: Submitted): Promise<Submitted> {
  const { data, errors } = await stack.graphql<{ submission: Submitted }>(`query ($id: ID!) { submission(id: $id) { ${SUBMISSION_FIELDS} } }`, {
    id: submission.id,
  });
  expect(errors).toBeUndefined();
  return data!.submission;
}

const ARCHIVE = `query ($idType: IdDocumentType!, $idNumber: String!) { person(idType: $idType, idNumber: $idNumber) {
  personnelArchive { holder status moves { kind fromHolder toHolder channel recordNumber movedOn } }
  appointments { appointmentNumber post postCategory grade startsOn endsOn status institution { creditCode } salaryApproval { status post grade } } } }`;
async function factsOf(person: DemoPerson) {
  const { data, errors } = await stack.graphql<{
    person: {
      personnelArchive: { holder: string; status: string; moves: Array<Record<string, unknown>> } | null;
      appointments: Array<Record<string, unknown>>;
    };
  }>(ARCHIVE, { idType: person.idType, idNumber: person.idNumber });
  expect(errors).toBeUndefined();
  return data!.person;
}

/** 事业单位聘用工作人员“一件事” (national) by the hospital, with only these items. */
function hiring(person: DemoPerson, items: Record<string, Record<string, unknown>>) {
  const form = institutionHiringApplication(
    person,
    HOSPITAL.creditCode,
    Object.entries(items).map(([code, fields]) => ({ code, fields })),
  );
  // The new hire's education is asked only with 新聘用人员信息.
  const { birthDate, educationLevel, degree, graduateSchool, ...shared } = form.sharedFields;
  const education = { birthDate, educationLevel, degree, graduateSchool };
  return { ...form, sharedFields: { ...shared, unitName: HOSPITAL.name, ...('NEW_HIRE_INFO' in items ? education : {}) } };
}

/** 企业录用职工一件事 (Jiangsu) at the counter: the employer asks for its new hire's archive to come here. */
const employerHiring = (person: DemoPerson, items: Record<string, Record<string, unknown>>) => ({
  idempotencyKey: randomUUID(),
  bundleCode: 'jiangsu-employer-hiring',
  channel: 'COUNTER',
  employerCreditCode: DEMO_EMPLOYERS.software.creditCode,
  sharedFields: {
    unitName: DEMO_EMPLOYERS.software.name,
    creditCode: DEMO_EMPLOYERS.software.creditCode,
    // The employer's handler applies, with their own document (the employer is the subject).
    ...handlerOf(DEMO_PEOPLE.chenJing),
    name: person.name,
    gender: person.gender,
    idType: person.idType,
    idNumber: person.idNumber,
    phone: person.phone,
  },
  items: Object.entries(items).map(([code, fields]) => ({ code, fields })),
  materials: [],
  // 现场办理档案接收时，实行告知承诺制: the commitment replaces the proof.
  commitments: Object.keys(items),
});

/** 事业单位新进人员一件事 (Jiangsu, SERIAL) by the hospital. */
const newStaff = (person: DemoPerson, items: Record<string, Record<string, unknown>>) => ({
  idempotencyKey: randomUUID(),
  bundleCode: 'jiangsu-institution-new-staff',
  channel: 'ONLINE',
  employerCreditCode: HOSPITAL.creditCode,
  sharedFields: {
    unitName: HOSPITAL.name,
    creditCode: HOSPITAL.creditCode,
    contactName: '周敏',
    contactPhone: '13900000031',
    name: person.name,
    gender: person.gender,
    idType: person.idType,
    idNumber: person.idNumber,
    phone: person.phone,
  },
  items: Object.entries(items).map(([code, fields]) => ({ code, fields })),
  materials: ['employment-contract'],
  commitments: [],
});
const TRANSFER = {
  originalUnit: '苏州市示例中学',
  post: '药剂师',
  postCategory: 'PROFESSIONAL_TECHNICAL',
  postGrade: '专业技术十级',
  transferDate: '2026-09-01',
};
const SERIAL_ITEMS = {
  STAFF_TRANSFER_IN: TRANSFER,
  SALARY_CHANGE_APPROVAL: { effectiveDate: '2026-09-01', changeReason: '调入定级' },
  HIRE_APPROVAL_FILING: { hireMethod: 'TRANSFER', post: '药剂师', termStart: '2026-09-01', termEnd: '2029-08-31' },
  INSTITUTION_PENSION_STAFF_ADDITION: { startDate: '2026-09-01', contributionBase: '8000' },
};

describe('流动人员人事档案转出 through the gateway', () => {
  it('refuses a 调函 dated after today and one without its number, each at its field; accepts the letter, sends the archive by confidential post, and keeps it on record with its move', async () => {
    const future = await submit(hiring(DEMO_PEOPLE.liuYang, { ARCHIVE_TRANSFER_OUT: { ...LETTER, transferLetterDate: addDays(todayInChina(), 1) } }));
    expect(itemOf(future, 'ARCHIVE_TRANSFER_OUT')).toMatchObject({
      status: 'REJECTED',
      rejection: { code: 'TRANSFER_LETTER_DATE_IN_FUTURE', field: 'transferLetterDate' },
    });
    // A blank letter number is a form fault: refused whole, at the item's field, before any dispatch.
    const unnamed = await stack.graphql(SUBMIT, { input: hiring(DEMO_PEOPLE.liuYang, { ARCHIVE_TRANSFER_OUT: { ...LETTER, transferLetterNumber: ' ' } }) });
    expect(unnamed.errors![0]!.extensions).toMatchObject({
      code: 'BUNDLE_INVALID',
      errors: [{ code: 'FIELD_REQUIRED', field: 'items.ARCHIVE_TRANSFER_OUT.transferLetterNumber' }],
    });
    expect((await factsOf(DEMO_PEOPLE.liuYang)).personnelArchive).toMatchObject({ holder: '北京市朝阳区人才服务中心', status: 'HELD', moves: [] });

    const sent = await submit(hiring(DEMO_PEOPLE.liuYang, { ARCHIVE_TRANSFER_OUT: { ...LETTER, transferLetterDate: todayInChina() } }));
    const transfer = itemOf(sent, 'ARCHIVE_TRANSFER_OUT');
    expect(transfer).toMatchObject({ status: 'ACCEPTED', record: { __typename: 'ArchiveTransfer' } });
    const decided = await decide(sent, 'ARCHIVE_TRANSFER_OUT');
    expect(decided.errors).toBeUndefined();
    expect(itemOf(decided.data!.decideSubmissionItem, 'ARCHIVE_TRANSFER_OUT').status).toBe('COMPLETED');
    expect((await factsOf(DEMO_PEOPLE.liuYang)).personnelArchive).toEqual({
      holder: HOSPITAL.name,
      status: 'TRANSFERRED_OUT',
      moves: [
        {
          kind: 'TRANSFERRED_OUT',
          fromHolder: '北京市朝阳区人才服务中心',
          toHolder: HOSPITAL.name,
          channel: 'CONFIDENTIAL_POST',
          recordNumber: transfer.reference,
          movedOn: todayInChina(),
        },
      ],
    });
    // Sent on, it is no longer held here: a second transfer-out is refused.
    const again = await submit(hiring(DEMO_PEOPLE.liuYang, { ARCHIVE_TRANSFER_OUT: LETTER }));
    expect(itemOf(again, 'ARCHIVE_TRANSFER_OUT')).toMatchObject({ status: 'REJECTED', rejection: { code: 'ARCHIVE_NOT_HELD', field: null } });
  });
});

describe('流动人员人事档案接收 through the gateway: one holder at a time, its moves a chain', () => {
  it('refuses an archive already held here; receives one held elsewhere (commitment at the counter), and after it was sent on receives it back, the chain growing', async () => {
    const held = await submit(
      employerHiring(DEMO_PEOPLE.zhangWei, { ARCHIVE_TRANSFER_IN: { originalArchiveAgency: '南京市鼓楼区人才服务中心', deliveryMethod: 'PICKUP' } }),
    );
    expect(itemOf(held, 'ARCHIVE_TRANSFER_IN')).toMatchObject({ status: 'REJECTED', rejection: { code: 'ARCHIVE_ALREADY_HELD', field: null } });

    // The commitment replaces the proof only at the counter (现场办理): online it is a form fault, nothing stored.
    const online = await stack.graphql(SUBMIT, {
      input: {
        ...employerHiring(DEMO_PEOPLE.chenJing, { ARCHIVE_TRANSFER_IN: { originalArchiveAgency: '成都市人才服务中心', deliveryMethod: 'PICKUP' } }),
        channel: 'ONLINE',
      },
    });
    expect(online.errors![0]!.extensions).toMatchObject({
      code: 'BUNDLE_INVALID',
      errors: expect.arrayContaining([expect.objectContaining({ code: 'COMMITMENT_NOT_ALLOWED', field: 'commitments.ARCHIVE_TRANSFER_IN' })]),
    });
    // Online with the proof itself is fine as far as the form goes.
    const validated = await stack.graphql<{ validateBundle: { valid: boolean; errors: unknown[] } }>(
      'query ($input: ValidateBundleInput!) { validateBundle(input: $input) { valid errors { code field } } }',
      {
        input: {
          bundleCode: 'jiangsu-employer-hiring',
          channel: 'ONLINE',
          employerCreditCode: DEMO_EMPLOYERS.software.creditCode,
          sharedFields: employerHiring(DEMO_PEOPLE.chenJing, {}).sharedFields,
          items: [{ code: 'ARCHIVE_TRANSFER_IN', fields: { originalArchiveAgency: '成都市人才服务中心', deliveryMethod: 'PICKUP' } }],
          materials: ['archive-reception-proof'],
        },
      },
    );
    expect(validated.data!.validateBundle).toEqual({ valid: true, errors: [] });

    // 陈静's archive is held by no agency here.
    const received = await submit(
      employerHiring(DEMO_PEOPLE.chenJing, { ARCHIVE_TRANSFER_IN: { originalArchiveAgency: '成都市人才服务中心', deliveryMethod: 'PICKUP' } }),
    );
    const reception = itemOf(received, 'ARCHIVE_TRANSFER_IN');
    expect(reception).toMatchObject({ status: 'ACCEPTED', record: { __typename: 'ArchiveReception' } });
    expect((await factsOf(DEMO_PEOPLE.chenJing)).personnelArchive).toBeNull();
    expect((await decide(received, 'ARCHIVE_TRANSFER_IN')).errors).toBeUndefined();
    const here = (await factsOf(DEMO_PEOPLE.chenJing)).personnelArchive!;
    expect(here).toMatchObject({
      status: 'HELD',
      moves: [{ kind: 'RECEIVED', fromHolder: '成都市人才服务中心', recordNumber: reception.reference, channel: null }],
    });
    const agency = here.holder;
    expect(here.moves[0]!.toHolder).toBe(agency);

    // Sent on to the hospital, then received back from it: three moves, each from the holder before.
    const sent = await submit(hiring(DEMO_PEOPLE.chenJing, { ARCHIVE_TRANSFER_OUT: LETTER }));
    expect((await decide(sent, 'ARCHIVE_TRANSFER_OUT')).errors).toBeUndefined();
    const back = await submit(
      employerHiring(DEMO_PEOPLE.chenJing, { ARCHIVE_TRANSFER_IN: { originalArchiveAgency: HOSPITAL.name, deliveryMethod: 'PICKUP' } }),
    );
    expect(itemOf(back, 'ARCHIVE_TRANSFER_IN').status).toBe('ACCEPTED');
    expect((await decide(back, 'ARCHIVE_TRANSFER_IN')).errors).toBeUndefined();
    const chain = (await factsOf(DEMO_PEOPLE.chenJing)).personnelArchive!;
    expect(chain.status).toBe('HELD');
    expect(chain.moves.map((m) => [m.kind, m.fromHolder, m.toHolder])).toEqual([
      ['RECEIVED', '成都市人才服务中心', agency],
      ['TRANSFERRED_OUT', agency, HOSPITAL.name],
      ['RECEIVED', HOSPITAL.name, agency],
    ]);
  });
});

describe('事业单位新进人员一件事 (SERIAL) through the gateway: later items build on earlier ones', () => {
  it('a grade outside the post category refuses the transfer-in at postGrade, and the required items after it are skipped', async () => {
    const submission = await submit(newStaff(DEMO_PEOPLE.liuYang, { ...SERIAL_ITEMS, STAFF_TRANSFER_IN: { ...TRANSFER, postGrade: '管理九级' } }));
    expect(itemOf(submission, 'STAFF_TRANSFER_IN')).toMatchObject({ status: 'REJECTED', rejection: { code: 'POST_GRADE_INVALID', field: 'postGrade' } });
    for (const code of ['SALARY_CHANGE_APPROVAL', 'HIRE_APPROVAL_FILING']) expect(itemOf(submission, code).status).toBe('SKIPPED');
  });

  it('the salary change rests on the transfer-in and waits for it; the filing approves the appointment on its post and grade', async () => {
    const submission = await submit(newStaff(DEMO_PEOPLE.zhangWei, SERIAL_ITEMS));
    // Serial: the salary change is sent only once the transfer-in is completed; until then it waits.
    expect(itemOf(submission, 'STAFF_TRANSFER_IN').status).toBe('ACCEPTED');
    for (const code of ['SALARY_CHANGE_APPROVAL', 'HIRE_APPROVAL_FILING']) expect(itemOf(submission, code).status).toBe('WAITING');

    const early = await decide(submission, 'SALARY_CHANGE_APPROVAL');
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_PENDING', field: 'itemCode' });
    expect(itemOf(await submissionOf(submission), 'SALARY_CHANGE_APPROVAL').status).toBe('WAITING');
    const transfer = await decide(submission, 'STAFF_TRANSFER_IN');
    expect(transfer.errors).toBeUndefined();
    expect(itemOf(transfer.data!.decideSubmissionItem, 'SALARY_CHANGE_APPROVAL').status).toBe('ACCEPTED');
    const salary = await decide(submission, 'SALARY_CHANGE_APPROVAL');
    expect(salary.errors).toBeUndefined();
    expect(itemOf(salary.data!.decideSubmissionItem, 'SALARY_CHANGE_APPROVAL').status).toBe('COMPLETED');

    expect((await factsOf(DEMO_PEOPLE.zhangWei)).appointments).toEqual([]);
    expect((await decide(submission, 'HIRE_APPROVAL_FILING')).errors).toBeUndefined();
    expect((await factsOf(DEMO_PEOPLE.zhangWei)).appointments).toEqual([
      expect.objectContaining({
        post: '药剂师',
        postCategory: 'PROFESSIONAL_TECHNICAL',
        grade: '专业技术十级',
        startsOn: '2026-09-01',
        endsOn: '2029-08-31',
        status: 'ACTIVE',
        institution: { creditCode: HOSPITAL.creditCode },
      }),
    ]);
  });
});

describe('事业单位聘用工作人员“一件事”: the new hire’s post and grade, and the salary determined on them', () => {
  const NEW_HIRE = {
    post: '护士',
    postCategory: 'PROFESSIONAL_TECHNICAL',
    postGrade: '专业技术十二级',
    termStart: '2026-12-01',
    termEnd: '2029-11-30',
    contractYears: 3,
  };

  it('refuses a 管理 grade on a 专业技术 post and years that do not match the term, each at its field', async () => {
    const grade = await submit(hiring(DEMO_PEOPLE.wangFang, { NEW_HIRE_INFO: { ...NEW_HIRE, postGrade: '九级职员' } }));
    expect(itemOf(grade, 'NEW_HIRE_INFO')).toMatchObject({ status: 'REJECTED', rejection: { code: 'POST_GRADE_INVALID', field: 'postGrade' } });
    const years = await submit(hiring(DEMO_PEOPLE.wangFang, { NEW_HIRE_INFO: { ...NEW_HIRE, contractYears: 5 } }));
    expect(itemOf(years, 'NEW_HIRE_INFO')).toMatchObject({ status: 'REJECTED', rejection: { code: 'CONTRACT_YEARS_MISMATCH', field: 'contractYears' } });
    const ends = await submit(hiring(DEMO_PEOPLE.wangFang, { NEW_HIRE_INFO: { ...NEW_HIRE, termEnd: '2026-11-30' } }));
    expect(itemOf(ends, 'NEW_HIRE_INFO')).toMatchObject({ status: 'REJECTED', rejection: { code: 'TERM_END_BEFORE_START', field: 'termEnd' } });
  });

  it('the salary approval waits for the approved appointment, then takes its post and grade', async () => {
    const submission = await submit(hiring(DEMO_PEOPLE.chenJing, { NEW_HIRE_INFO: NEW_HIRE, NEW_HIRE_SALARY_APPROVAL: {} }));
    expect(itemOf(submission, 'NEW_HIRE_INFO').status).toBe('ACCEPTED');
    expect(itemOf(submission, 'NEW_HIRE_SALARY_APPROVAL').status).toBe('ACCEPTED');
    const early = await decide(submission, 'NEW_HIRE_SALARY_APPROVAL');
    expect(early.errors![0]!.extensions).toMatchObject({
      code: 'DECISION_REFUSED',
      reason: 'APPOINTMENT_NOT_ACTIVE',
      field: 'itemCode',
    });
    expect((await decide(submission, 'NEW_HIRE_INFO')).errors).toBeUndefined();
    expect((await decide(submission, 'NEW_HIRE_SALARY_APPROVAL')).errors).toBeUndefined();
    expect((await factsOf(DEMO_PEOPLE.chenJing)).appointments).toEqual([
      expect.objectContaining({
        post: '护士',
        grade: '专业技术十二级',
        status: 'ACTIVE',
        salaryApproval: { status: 'COMPLETED', post: '护士', grade: '专业技术十二级' },
      }),
    ]);
  });
});
