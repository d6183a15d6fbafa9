import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { todayInChina } from '../src/policy/calendar.js';
import { addWorkingDays } from '../src/policy/working-days.js';
import { handlerOf, unemploymentApplication } from './support/forms.js';
import { tokenFor } from './support/tokens.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

const ITEM = `itemCode status rejection { code message field } finishedAt
  materials { id key status source dueDate suppliedAt }
  commitment { materials status verificationDueDate verifiedAt finding }`;
const STATE = `id status items { ${ITEM} } history { itemCode from to detail }`;

interface Item {
  itemCode: string;
  status: string;
  rejection: { code: string; message: string; field: string | null } | null;
  materials: { id: string; key: boolean; status: string; source: string | null; dueDate: string | null; suppliedAt: string | null }[];
  commitment: { materials: string[]; status: string; verificationDueDate: string; verifiedAt: string | null; finding: string | null } | null;
}
interface State {
  id: string;
  status: string;
  items: Item[];
  history: { itemCode: string | null; from: string | null; to: string; detail: string | null }[];
}
interface Reply<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

const itemOf = (state: State, code: string) => state.items.find((i) => i.itemCode === code)!;

async function submit(input: Record<string, unknown>): Promise<Reply<{ submitBundle: State }>> {
  return stack.graphql<{ submitBundle: State }>(`mutation ($input: SubmitBundleInput!) { submitBundle(input: $input) { ${STATE} } }`, { input });
}
async function submitted(input: Record<string, unknown>): Promise<State> {
  const reply = await submit(input);
  expect(reply.errors).toBeUndefined();
  return reply.data!.submitBundle;
}
async function stateOf(id: string): Promise<State> {
  const reply = await stack.graphql<{ submission: State }>(`query ($id: ID!) { submission(id: $id) { ${STATE} } }`, { id });
  expect(reply.errors).toBeUndefined();
  return reply.data!.submission;
}
const addMaterial = (id: string, itemCode: string, material: string, token?: string) =>
  stack.graphql<{ addSubmissionMaterial: State }>(
    `mutation ($id: ID!, $code: String!, $material: String!) { addSubmissionMaterial(submissionId: $id, itemCode: $code, material: $material) { ${STATE} } }`,
    { id, code: itemCode, material },
    undefined,
    token === undefined ? {} : { token },
  );
const decide = (id: string, itemCode: string, outcome: 'COMPLETE' | 'REJECT') =>
  stack.graphql<{ decideSubmissionItem: State }>(
    `mutation ($id: ID!, $code: String!, $decision: SubmissionItemDecisionInput!) { decideSubmissionItem(submissionId: $id, itemCode: $code, decision: $decision) { ${STATE} } }`,
    { id, code: itemCode, decision: { outcome, decidedBy: 'counter-07', ...(outcome === 'REJECT' ? { reason: '不符' } : {}) } },
  );
const verify = (id: string, itemCode: string, verification: Record<string, unknown>) =>
  stack.graphql<{ recordCommitmentVerification: State }>(
    `mutation ($id: ID!, $code: String!, $v: CommitmentVerificationInput!) { recordCommitmentVerification(submissionId: $id, itemCode: $code, verification: $v) { ${STATE} } }`,
    { id, code: itemCode, v: { verifiedBy: 'verifier-02', ...verification } },
  );

/** 就业创业证 on paper (needs the photo: a non-key material) for 刘洋, who has no card, so no photo on file. */
const paperCertificate = (materials: string[] = []) =>
  unemploymentApplication(DEMO_PEOPLE.liuYang, ['EMPLOYMENT_CERTIFICATE'], {
    items: [{ code: 'EMPLOYMENT_CERTIFICATE', fields: { paperCertificate: true } }],
    materials,
  });

const DEFERRAL_DAYS = 5; // schema/catalog/local-policy.yaml materialDeferralDays

describe('容缺受理: a non-key material may follow', () => {
  it('is accepted with the material pending and a deadline, rejected at the deadline without it (the sweep, on a test clock)', async () => {
    const validated = await stack.graphql<{ validateBundle: { valid: boolean; errors: unknown[]; deferredMaterials: unknown[] } }>(
      'query ($input: ValidateBundleInput!) { validateBundle(input: $input) { valid errors { code field } deferredMaterials { id requiredBy dueInWorkingDays } } }',
      { input: (({ idempotencyKey: _k, ...rest }) => rest)(paperCertificate()) },
    );
    expect(validated.data!.validateBundle).toEqual({
      valid: true,
      errors: [],
      deferredMaterials: [{ id: 'photo-2inch', requiredBy: ['EMPLOYMENT_CERTIFICATE'], dueInWorkingDays: DEFERRAL_DAYS }],
    });

    const state = await submitted(paperCertificate());
    const due = addWorkingDays(todayInChina(), DEFERRAL_DAYS);
    expect(itemOf(state, 'EMPLOYMENT_CERTIFICATE')).toMatchObject({
      status: 'ACCEPTED',
      materials: [{ id: 'photo-2inch', key: false, status: 'PENDING', source: null, dueDate: due, suppliedAt: null }],
    });

    // The deadline is a row in PostgreSQL, stored with the submission: a restarted or other gateway sweeps it.
    const rows = await stack.databases
      .get('gateway')!
      .query("SELECT item_code, material_id, status, to_char(due_date, 'YYYY-MM-DD') AS due FROM gateway.submission_material WHERE submission_id = $1", [
        state.id,
      ]);
    expect(rows).toEqual([{ item_code: 'EMPLOYMENT_CERTIFICATE', material_id: 'photo-2inch', status: 'PENDING', due }]);

    // Before the deadline nothing happens; the day after it, the item is rejected with the reason.
    expect(await stack.gateway.app.materialDeadlines.runOnce(new Date())).toBe(0);
    const dayAfter = new Date(`${addWorkingDays(due, 1)}T04:00:00Z`);
    expect(await stack.gateway.app.materialDeadlines.runOnce(dayAfter)).toBe(1);
    const after = await stateOf(state.id);
    expect(after.status).toBe('REJECTED');
    expect(itemOf(after, 'EMPLOYMENT_CERTIFICATE')).toMatchObject({
      status: 'REJECTED',
      rejection: { code: 'MATERIAL_NOT_SUPPLIED', field: 'materials.photo-2inch', message: expect.stringContaining(`${due} 前补齐`) },
      materials: [{ id: 'photo-2inch', status: 'LAPSED' }],
    });
    // Said in Chinese to the applicant.
    expect(after.history).toEqual(expect.arrayContaining([expect.objectContaining({ itemCode: 'EMPLOYMENT_CERTIFICATE', from: 'ACCEPTED', to: 'REJECTED' })]));
    // Too late now; a second pass changes nothing.
    const late = await addMaterial(state.id, 'EMPLOYMENT_CERTIFICATE', 'photo-2inch');
    expect(late.errors![0]!.extensions).toMatchObject({ code: 'MATERIAL_NOT_PENDING', field: 'material' });
    expect(await stack.gateway.app.materialDeadlines.runOnce(dayAfter)).toBe(0);
  });

  it('is accepted, the material added later, then completed; not completed while it is missing', async () => {
    const state = await submitted(paperCertificate());
    expect(itemOf(state, 'EMPLOYMENT_CERTIFICATE').status).toBe('ACCEPTED');

    const early = await decide(state.id, 'EMPLOYMENT_CERTIFICATE', 'COMPLETE');
    expect(early.errors![0]!.extensions).toMatchObject({ code: 'MATERIAL_PENDING', field: 'decision.outcome' });

    // Only the applicant, their proxy, or a clerk of the region adds it.
    const outside = await addMaterial(state.id, 'EMPLOYMENT_CERTIFICATE', 'photo-2inch', await tokenFor(stack, 'clerk', { sub: 'clerk-sz', region: '3205' }));
    expect(outside.errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_FOUND', field: 'submissionId' });
    const wrong = await addMaterial(state.id, 'EMPLOYMENT_CERTIFICATE', 'termination-proof');
    expect(wrong.errors![0]!.extensions).toMatchObject({ code: 'MATERIAL_NOT_PENDING', field: 'material' });
    const unknown = await addMaterial(state.id, 'EMPLOYMENT_CERTIFICATE', 'selfie');
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'material' });

    const citizen = await tokenFor(stack, 'citizen', { sub: 'citizen-liuyang', id_number: DEMO_PEOPLE.liuYang.idNumber });
    const added = await addMaterial(state.id, 'EMPLOYMENT_CERTIFICATE', 'photo-2inch', citizen);
    expect(added.errors).toBeUndefined();
    expect(itemOf(added.data!.addSubmissionMaterial, 'EMPLOYMENT_CERTIFICATE').materials).toEqual([
      expect.objectContaining({ id: 'photo-2inch', status: 'SUPPLIED', suppliedAt: expect.any(String) }),
    ]);
    // Again: harmless.
    expect((await addMaterial(state.id, 'EMPLOYMENT_CERTIFICATE', 'photo-2inch', citizen)).errors).toBeUndefined();

    const completed = await decide(state.id, 'EMPLOYMENT_CERTIFICATE', 'COMPLETE');
    expect(completed.errors).toBeUndefined();
    expect(itemOf(completed.data!.decideSubmissionItem, 'EMPLOYMENT_CERTIFICATE').status).toBe('COMPLETED');
    expect(completed.data!.decideSubmissionItem.status).toBe('COMPLETED');
    // The sweep, long after, leaves it alone.
    await stack.gateway.app.materialDeadlines.runOnce(new Date(Date.now() + 60 * 86_400_000));
    expect(itemOf(await stateOf(state.id), 'EMPLOYMENT_CERTIFICATE').status).toBe('COMPLETED');
    expect((await stateOf(state.id)).history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemCode: 'EMPLOYMENT_CERTIFICATE', detail: 'material photo-2inch handed in (容缺补齐) by citizen-liuyang' }),
      ]),
    );
  });

  it('still refuses a key material missing', async () => {
    // 失业登记 needs the termination proof (key); 刘洋 has no ended employment on record.
    const reply = await submit(unemploymentApplication(DEMO_PEOPLE.liuYang, ['UNEMPLOYMENT_REGISTRATION'], { materials: [] }));
    expect(reply.errors![0]!.extensions).toMatchObject({
      code: 'BUNDLE_INVALID',
      errors: [expect.objectContaining({ code: 'MATERIAL_MISSING', field: 'materials.termination-proof' })],
    });
  });
});

describe('免提交: what a back office holds is not asked again', () => {
  it('the form says which materials the shared record covers for this person, and submitBundle does not ask them', async () => {
    const onFile = (person: DemoPerson) =>
      stack.graphql<{ materialsOnFile: { id: string; source: string }[] }>(
        'query ($n: String!) { materialsOnFile(idType: RESIDENT_ID_CARD, idNumber: $n) { id name source } }',
        { n: person.idNumber },
      );
    // 张伟: his employment ended (the termination proof is behind it) and his card was made with his photo.
    expect((await onFile(DEMO_PEOPLE.zhangWei)).data!.materialsOnFile).toEqual([
      expect.objectContaining({ id: 'photo-2inch', source: 'cardInForce' }),
      expect.objectContaining({ id: 'termination-proof', source: 'endedEmployment' }),
    ]);
    expect((await onFile(DEMO_PEOPLE.liuYang)).data!.materialsOnFile).toEqual([]);
    // The person rule: a citizen asks for themselves only.
    const other = await stack.graphql(
      'query ($n: String!) { materialsOnFile(idType: RESIDENT_ID_CARD, idNumber: $n) { id } }',
      { n: DEMO_PEOPLE.zhangWei.idNumber },
      undefined,
      { token: await tokenFor(stack, 'citizen', { sub: 'c-ly', id_number: DEMO_PEOPLE.liuYang.idNumber }) },
    );
    expect(other.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });

    // The form says which materials a shared record may cover, and which may follow.
    const form = await stack.graphql<{ form: { materials: { id: string; key: boolean; deferrable: boolean; sharedRecord: string | null }[] } }>(
      '{ form(bundleCode: "national-unemployment", items: ["UNEMPLOYMENT_REGISTRATION", "EMPLOYMENT_CERTIFICATE"]) { materials { id key deferrable sharedRecord } } }',
    );
    expect(form.data!.form.materials).toEqual(
      expect.arrayContaining([
        { id: 'termination-proof', key: true, deferrable: false, sharedRecord: 'endedEmployment' },
        { id: 'photo-2inch', key: false, deferrable: true, sharedRecord: 'cardInForce' },
      ]),
    );

    const state = await submitted(
      unemploymentApplication(DEMO_PEOPLE.zhangWei, ['UNEMPLOYMENT_REGISTRATION', 'EMPLOYMENT_CERTIFICATE'], {
        items: [
          { code: 'UNEMPLOYMENT_REGISTRATION', fields: {} },
          { code: 'EMPLOYMENT_CERTIFICATE', fields: { paperCertificate: true } },
        ],
        materials: [],
      }),
    );
    expect(itemOf(state, 'UNEMPLOYMENT_REGISTRATION').materials).toEqual([
      expect.objectContaining({ id: 'termination-proof', status: 'ON_FILE', source: 'endedEmployment', dueDate: null }),
    ]);
    expect(itemOf(state, 'EMPLOYMENT_CERTIFICATE').materials).toEqual([
      expect.objectContaining({ id: 'photo-2inch', status: 'ON_FILE', source: 'cardInForce' }),
    ]);
  });

  it('leaves a blank 转出地 blank: the current agency is the 转入地, never the agency transferred from (no SAME_AGENCY)', async () => {
    const transfer = (fields: Record<string, unknown>) => ({
      idempotencyKey: randomUUID(),
      bundleCode: 'jiangsu-insurance-transfer-in',
      channel: 'COUNTER',
      sharedFields: {
        name: DEMO_PEOPLE.zhangWei.name,
        gender: DEMO_PEOPLE.zhangWei.gender,
        idType: DEMO_PEOPLE.zhangWei.idType,
        idNumber: DEMO_PEOPLE.zhangWei.idNumber,
        phone: DEMO_PEOPLE.zhangWei.phone,
      },
      items: [{ code: 'UNEMPLOYMENT_INSURANCE_TRANSFER_IN', fields }],
      materials: [],
      commitments: [],
    });
    const blank = await submit(transfer({}));
    expect(blank.errors![0]!.extensions).toMatchObject({
      code: 'BUNDLE_INVALID',
      errors: [expect.objectContaining({ code: 'FIELD_REQUIRED', field: 'items.UNEMPLOYMENT_INSURANCE_TRANSFER_IN.transferOutAgencyName' })],
    });
    const given = await submitted(transfer({ transferOutAgencyName: '北京市朝阳区社会保险事业管理中心' }));
    const item = itemOf(given, 'UNEMPLOYMENT_INSURANCE_TRANSFER_IN');
    expect(item.rejection?.code).not.toBe('SAME_AGENCY');
    expect(item.status).toBe('ACCEPTED');
  });
});

describe('告知承诺: a commitment instead of a proof, verified later (核查)', () => {
  /** 企业录用职工 at the counter: the archive comes here on the employer's commitment instead of the reception proof. */
  const archiveOnCommitment = (person: DemoPerson) => ({
    idempotencyKey: randomUUID(),
    bundleCode: 'jiangsu-employer-hiring',
    channel: 'COUNTER',
    employerCreditCode: DEMO_EMPLOYERS.software.creditCode,
    sharedFields: {
      unitName: DEMO_EMPLOYERS.software.name,
      creditCode: DEMO_EMPLOYERS.software.creditCode,
      ...handlerOf(DEMO_PEOPLE.liNa),
      name: person.name,
      gender: person.gender,
      idType: person.idType,
      idNumber: person.idNumber,
      phone: person.phone,
    },
    items: [{ code: 'ARCHIVE_TRANSFER_IN', fields: { originalArchiveAgency: '成都市人才服务中心', deliveryMethod: 'PICKUP' } }],
    materials: [],
    commitments: ['ARCHIVE_TRANSFER_IN'],
  });

  it('records the commitment with its verification due; verified false, the item is revoked and a 失信 is recorded on the person', async () => {
    const state = await submitted(archiveOnCommitment(DEMO_PEOPLE.chenJing));
    const item = itemOf(state, 'ARCHIVE_TRANSFER_IN');
    expect(item).toMatchObject({
      status: 'ACCEPTED',
      materials: [{ id: 'archive-reception-proof', key: true, status: 'COMMITTED' }],
      commitment: { materials: ['archive-reception-proof'], status: 'PENDING', verificationDueDate: addWorkingDays(todayInChina(), 20), verifiedAt: null },
    });

    const noFinding = await verify(state.id, 'ARCHIVE_TRANSFER_IN', { truthful: false });
    expect(noFinding.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'verification.finding' });
    const notSigned = await verify(state.id, 'CARD_APPLICATION', { truthful: true });
    expect(notSigned.errors![0]!.extensions).toMatchObject({ code: 'COMMITMENT_NOT_FOUND', field: 'itemCode' });
    // Only the back office (a citizen has no submission:decide).
    const citizen = await stack.graphql(
      'mutation ($id: ID!) { recordCommitmentVerification(submissionId: $id, itemCode: "ARCHIVE_TRANSFER_IN", verification: { truthful: false, finding: "x", verifiedBy: "me" }) { id } }',
      { id: state.id },
      undefined,
      { token: await tokenFor(stack, 'citizen', { sub: 'c-cj', id_number: DEMO_PEOPLE.chenJing.idNumber }) },
    );
    expect(citizen.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });

    const revoked = await verify(state.id, 'ARCHIVE_TRANSFER_IN', { truthful: false, finding: '劳动合同系伪造' });
    expect(revoked.errors).toBeUndefined();
    const after = revoked.data!.recordCommitmentVerification;
    expect(itemOf(after, 'ARCHIVE_TRANSFER_IN')).toMatchObject({
      status: 'REVOKED',
      rejection: { code: 'COMMITMENT_FALSE', field: 'commitments.ARCHIVE_TRANSFER_IN', message: expect.stringContaining('劳动合同系伪造') },
      commitment: { status: 'FALSE', finding: '劳动合同系伪造', verifiedAt: expect.any(String) },
    });
    expect(after.status).toBe('REJECTED');
    expect(after.history).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ itemCode: 'ARCHIVE_TRANSFER_IN', to: 'REVOKED', detail: 'revoked: commitment found false (核查不实) by verifier-02' }),
      ]),
    );
    // The same result again is harmless; a contrary one is refused.
    expect((await verify(state.id, 'ARCHIVE_TRANSFER_IN', { truthful: false, finding: '劳动合同系伪造' })).errors).toBeUndefined();
    const contrary = await verify(state.id, 'ARCHIVE_TRANSFER_IN', { truthful: true });
    expect(contrary.errors![0]!.extensions).toMatchObject({ code: 'COMMITMENT_ALREADY_VERIFIED', field: 'verification.truthful' });

    // 失信 on the person: the counter of the region sees it; a clerk elsewhere does not.
    const breaches = (token?: string) =>
      stack.graphql<{ commitmentBreaches: { submissionId: string; itemCode: string; itemName: string; finding: string }[] }>(
        'query ($n: String!) { commitmentBreaches(idType: RESIDENT_ID_CARD, idNumber: $n) { submissionId itemCode itemName finding recordedAt } }',
        { n: DEMO_PEOPLE.chenJing.idNumber },
        undefined,
        token === undefined ? {} : { token },
      );
    expect((await breaches()).data!.commitmentBreaches).toEqual([
      expect.objectContaining({ submissionId: state.id, itemCode: 'ARCHIVE_TRANSFER_IN', finding: '劳动合同系伪造' }),
    ]);
    const elsewhere = await breaches(await tokenFor(stack, 'clerk', { sub: 'clerk-px', region: '3603' }));
    expect(elsewhere.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('verified true: recorded, the item goes on', async () => {
    const state = await submitted(archiveOnCommitment(DEMO_PEOPLE.wangFang));
    expect(itemOf(state, 'ARCHIVE_TRANSFER_IN').status).toBe('ACCEPTED');
    const held = await verify(state.id, 'ARCHIVE_TRANSFER_IN', { truthful: true });
    expect(held.errors).toBeUndefined();
    expect(itemOf(held.data!.recordCommitmentVerification, 'ARCHIVE_TRANSFER_IN')).toMatchObject({
      status: 'ACCEPTED',
      commitment: { status: 'TRUE', finding: null },
    });
  });
});
