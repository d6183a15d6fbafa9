import { describe, expect, it } from '@jest/globals';
import type { SubgraphName } from '../src/config.js';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { loadCatalog } from '../src/catalog/index.js';
import { cardApplication, institutionHiringApplication, SUBMIT, SUBMISSION_FIELDS, unemploymentApplication, type Submitted } from './support/forms.js';
import { useStack } from './support/use-stack.js';

// The three national bundles that together touch all five subgraphs, submitted end to end.
const stack = useStack();

const catalog = loadCatalog();
let unemploymentSubmission: Submitted;
const choosable = (bundleCode: string) =>
  catalog.bundles
    .get(bundleCode)!
    .items.filter((e) => e.selection !== 'AUTOMATIC')
    .map((e) => e.code);
const submit = async (input: unknown) => {
  const { data, errors } = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
  expect(errors).toBeUndefined();
  return data!.submitBundle;
};

/** Every dispatched item reached the subgraph that owns it: one ledger row there, under its key. */
async function expectHandledOnceByOwners(submission: Submitted) {
  for (const item of submission.items) {
    if (item.status === 'REFERRED') {
      expect(catalog.items.get(item.itemCode)!.owner.kind).toBe('department');
      continue;
    }
    const owner = item.owner as SubgraphName;
    const schema = owner === 'civil-service' ? 'civil_service' : owner;
    const rows = await stack.databases
      .get(owner)!
      .query<{ status: string; record_id: string | null }>(`SELECT status, record_id FROM ${schema}.item_ledger WHERE idempotency_key = $1`, [
        `${submission.id}:${item.itemCode}`,
      ]);
    expect({ item: item.itemCode, rows: rows.length, status: rows[0]?.status }).toEqual({ item: item.itemCode, rows: 1, status: item.status });
    if (item.status !== 'REJECTED') expect({ item: item.itemCode, record: rows[0]!.record_id }).toEqual({ item: item.itemCode, record: expect.any(String) });
  }
}

describe('失业“一件事” (national), every item chosen', () => {
  it('dispatches every item to its owner, adds 代缴医疗保险费 by rule, resolves identity once', async () => {
    const identities = await stack.metric('gateway_identity_resolutions_total');
    // Every item the applicant can tick, except the premium: the rule adds it.
    const chosen = choosable('national-unemployment').filter((code) => code !== 'UNEMPLOYED_MEDICAL_PREMIUM');
    const submission = await submit(unemploymentApplication(DEMO_PEOPLE.zhangWei, chosen));
    expect(await stack.metric('gateway_identity_resolutions_total')).toBe(identities + 1);
    // 价格临时补贴 is automatic only while the CPI trigger holds (PRICE_SUBSIDY_TRIGGERED, off here).
    expect(submission.items.map((i) => i.itemCode).sort()).toEqual([...chosen, 'UNEMPLOYED_MEDICAL_PREMIUM'].sort());
    expect(new Set(submission.items.map((i) => i.owner))).toEqual(new Set(['employment', 'insurance', 'card']));
    const premium = submission.items.find((i) => i.itemCode === 'UNEMPLOYED_MEDICAL_PREMIUM')!;
    expect(premium.addedReason).toBeTruthy();
    const benefit = submission.items.find((i) => i.itemCode === 'UNEMPLOYMENT_BENEFIT')!;
    expect(benefit.status).toBe('ACCEPTED');
    expect(benefit.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // He already holds a card: the card office says so, and the rest goes on (parallel).
    expect(submission.items.find((i) => i.itemCode === 'CARD_APPLICATION')).toMatchObject({ status: 'REJECTED', rejection: { code: 'CARD_ALREADY_HELD' } });
    await expectHandledOnceByOwners(submission);
    unemploymentSubmission = submission;
  });

  it('a rule rejects unemployment benefit for someone with no unemployment-insurance record', async () => {
    const submission = await submit(unemploymentApplication(DEMO_PEOPLE.liuYang, ['UNEMPLOYMENT_BENEFIT']));
    const benefit = submission.items.find((i) => i.itemCode === 'UNEMPLOYMENT_BENEFIT')!;
    expect(benefit).toMatchObject({ status: 'REJECTED', rejection: { code: 'NO_UNEMPLOYMENT_INSURANCE' } });
    expect(submission.status).toMatch(/^(REJECTED|PARTIALLY_REJECTED)$/);
  });
});

describe('事业单位聘用工作人员“一件事” (national), the institution applies', () => {
  it('dispatches to civil-service, insurance, card and archive, and refers the other departments’ items', async () => {
    const items = choosable('national-institution-hiring').map((code) => ({
      code,
      fields:
        (
          {
            NEW_HIRE_INFO: {
              post: '护士',
              postCategory: 'PROFESSIONAL_TECHNICAL',
              postGrade: '专业技术十二级',
              termStart: '2026-12-01',
              termEnd: '2029-11-30',
              contractYears: 3,
            },
            // 职工参保登记 and 增员申报 ask nothing here (附件1 五(三)): no 缴费基数, no 险种 (test/bundle-fields.test.ts).
            CARD_APPLICATION: { deliveryMethod: 'PICKUP' },
            PARTY_MEMBERSHIP_TRANSFER_OUT: { receivingPartyBranch: '苏州市吴中区示例医院党支部' },
            ARCHIVE_TRANSFER_OUT: {
              transferLetterNumber: '苏吴医调〔2026〕2号',
              transferLetterDate: '2026-01-05',
              archiveReceivingAddress: '江苏省苏州市吴中区示例路8号 人事科',
            },
            // He has no insurance record to take the region from: the form must say it.
            ...Object.fromEntries(
              [
                'PENSION_TRANSFER_IN_ENTERPRISE',
                'PENSION_TRANSFER_IN_INSTITUTION',
                'PENSION_TRANSFER_IN_MILITARY',
                'PENSION_TRANSFER_IN_MILITARY_SPOUSE',
                'UNEMPLOYMENT_INSURANCE_TRANSFER_IN',
              ].map((transfer) => [transfer, { transferOutAgencyName: '北京市朝阳区社会保险经办机构' }]),
            ),
          } as Record<string, Record<string, unknown>>
        )[code] ?? {},
    }));
    const submission = await submit(institutionHiringApplication(DEMO_PEOPLE.liuYang, DEMO_EMPLOYERS.hospital.creditCode, items));
    expect(new Set(submission.items.map((i) => i.owner))).toEqual(
      new Set(['civil-service', 'insurance', 'card', 'archive', '机构编制部门', '财政部门', '住房公积金管理中心']),
    );
    for (const code of ['NEW_HIRE_INFO', 'CARD_APPLICATION', 'ARCHIVE_TRANSFER_OUT']) {
      expect(submission.items.find((i) => i.itemCode === code)).toMatchObject({ status: 'ACCEPTED' });
    }
    for (const code of ['STAFFING_ENROLLMENT', 'FINANCE_PAYROLL_ENROLLMENT', 'HOUSING_FUND_REGISTRATION']) {
      expect(submission.items.find((i) => i.itemCode === code)).toMatchObject({ status: 'REFERRED' });
    }
    await expectHandledOnceByOwners(submission);
  });
});

describe('申领社会保障卡“一件事” (national)', () => {
  it('dispatches every card item to the card subgraph, each by its own rules', async () => {
    const fields: Record<string, Record<string, unknown>> = {
      CARD_APPLICATION: { deliveryMethod: 'PICKUP' },
      CARD_REISSUE: { reason: '遗失' },
      CARD_RENEWAL: { reason: '有效期将满' },
      CARD_REPLACEMENT: { reason: '换发新一代社会保障卡' },
      CARD_PIN_RESET: { operation: 'RESET' },
      CARD_LOSS_REPORT: { operation: 'TEMPORARY_LOSS' },
    };
    const submission = await submit(
      cardApplication(
        DEMO_PEOPLE.chenJing,
        choosable('national-social-security-card').map((code) => ({ code, fields: fields[code] ?? {} })),
      ),
    );
    expect(submission.items.map((i) => i.owner)).toEqual(submission.items.map(() => 'card'));
    expect(submission.items).toHaveLength(8);
    await expectHandledOnceByOwners(submission);
  });
});

describe('time-limited items finish later, at the counter', () => {
  it('completing an accepted item updates the item, its due-date check and the submission', async () => {
    const submission = await submit(unemploymentApplication(DEMO_PEOPLE.chenJing, ['JOB_INTRODUCTION']));
    expect(submission.status).toBe('ACCEPTED');
    const { data, errors } = await stack.graphql<{ decideSubmissionItem: Submitted }>(
      `mutation ($id: ID!, $d: SubmissionItemDecisionInput!) { decideSubmissionItem(submissionId: $id, itemCode: "JOB_INTRODUCTION", decision: $d) { ${SUBMISSION_FIELDS} } }`,
      { id: submission.id, d: { outcome: 'COMPLETE', decidedBy: 'counter-007' } },
    );
    expect(errors).toBeUndefined();
    expect(data!.decideSubmissionItem.status).toBe('COMPLETED');
    // 职业介绍 has no national time limit ("set by local policy"): no due date, nothing to meet.
    expect(data!.decideSubmissionItem.items[0]).toMatchObject({ status: 'COMPLETED', dueDate: null, metDueDate: null });
    expect(data!.decideSubmissionItem.history.map((h) => h.to)).toEqual(expect.arrayContaining(['ACCEPTED', 'COMPLETED']));
    // The record itself, through federation, from the employment subgraph.
    const record = await stack.graphql<{ submission: { items: { record: { __typename: string; status: string } }[] } }>(
      'query ($id: ID!) { submission(id: $id) { items { record { __typename ... on JobIntroductionRequest { status } } } } }',
      { id: submission.id },
    );
    expect(record.data!.submission.items[0]!.record).toEqual({ __typename: 'JobIntroductionRequest', status: 'COMPLETED' });
    // Deciding again is refused: the item is no longer pending.
    const again = await stack.graphql(
      `mutation ($id: ID!, $d: SubmissionItemDecisionInput!) { decideSubmissionItem(submissionId: $id, itemCode: "JOB_INTRODUCTION", decision: $d) { id } }`,
      { id: submission.id, d: { outcome: 'REJECT', reason: '重复', decidedBy: 'counter-007' } },
    );
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'ITEM_NOT_PENDING', field: 'itemCode' });
  });

  it('an item with a time limit completed in time has met its due date; the bundle waits for the rest', async () => {
    const decide = (itemCode: string) =>
      stack.graphql<{ decideSubmissionItem: Submitted }>(
        `mutation ($id: ID!, $code: String!, $d: SubmissionItemDecisionInput!) { decideSubmissionItem(submissionId: $id, itemCode: $code, decision: $d) { ${SUBMISSION_FIELDS} } }`,
        { id: unemploymentSubmission.id, code: itemCode, d: { outcome: 'COMPLETE', decidedBy: 'counter-008' } },
      );
    const { data, errors } = await decide('UNEMPLOYMENT_BENEFIT');
    expect(errors).toBeUndefined();
    const benefit = data!.decideSubmissionItem.items.find((i) => i.itemCode === 'UNEMPLOYMENT_BENEFIT')!;
    expect(benefit).toMatchObject({ status: 'COMPLETED', metDueDate: true });
    expect(benefit.dueDate).toBe(unemploymentSubmission.items.find((i) => i.itemCode === 'UNEMPLOYMENT_BENEFIT')!.dueDate);
    expect(data!.decideSubmissionItem.status).toBe('PARTIALLY_REJECTED');
  });

  it('lists submissions by person and status with cursor pagination', async () => {
    const query = `query ($f: SubmissionFilter, $after: String) { submissions(filter: $f, first: 1, after: $after) { edges { cursor node { id bundleCode } } pageInfo { hasNextPage endCursor } } }`;
    const filter = { idType: 'RESIDENT_ID_CARD', idNumber: DEMO_PEOPLE.chenJing.idNumber };
    const first = await stack.graphql<{ submissions: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(query, {
      f: filter,
    });
    expect(first.data!.submissions.edges).toHaveLength(1);
    expect(first.data!.submissions.pageInfo.hasNextPage).toBe(true);
    const second = await stack.graphql<typeof first.data & object>(query, { f: filter, after: first.data!.submissions.pageInfo.endCursor });
    expect(second.data!.submissions.edges[0]!.node.id).not.toBe(first.data!.submissions.edges[0]!.node.id);
    const bad = await stack.graphql(query, { f: filter, after: 'not-a-cursor' });
    expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
