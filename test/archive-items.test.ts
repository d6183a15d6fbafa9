import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { addDays, todayInChina } from '../src/policy/calendar.js';
import { applicantOf, decideItem, dispatchFor, dispatchItem, expectRejected } from './support/items.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

type Dispatch = ReturnType<typeof dispatchFor>;
const hiringUnit = { employerCreditCode: DEMO_EMPLOYERS.hospital.creditCode, sharedFields: { unitName: DEMO_EMPLOYERS.hospital.name } };
/** The hiring unit's 档案调函 and where the confidential post takes the archive. */
const LETTER = { transferLetterNumber: '苏吴医调〔2026〕1号', transferLetterDate: '2026-01-05', archiveReceivingAddress: '江苏省苏州市吴中区示例路8号 人事科' };
const transferArchive = (dispatch: Dispatch, letter: Record<string, unknown> = LETTER) => dispatchItem(stack, dispatch, letter, 'ARCHIVE_TRANSFER_OUT');
const transferMembership = (dispatch: Dispatch, receivingPartyBranch = '苏州市吴中区示例医院党支部') =>
  dispatchItem(stack, dispatch, { receivingPartyBranch }, 'PARTY_MEMBERSHIP_TRANSFER_OUT');
const decide = (key: string, decision: Record<string, unknown>) => decideItem(stack, 'archive', key, decision);

const db = () => stack.databases.get('archive')!;
const archiveTransfersOf = (personId: string) =>
  db().query<{ transfer_number: string; status: string; receiving_unit_credit_code: string | null }>(
    'SELECT transfer_number, status, receiving_unit_credit_code FROM archive.archive_transfer WHERE person_key = $1 ORDER BY applied_at',
    [personId],
  );
const membershipTransfersOf = (personId: string) =>
  db().query<{ transfer_number: string; status: string; receiving_party_branch: string }>(
    'SELECT transfer_number, status, receiving_party_branch FROM archive.party_membership_transfer WHERE person_key = $1 ORDER BY applied_at',
    [personId],
  );

/** The person's archive facts, asked of the archive subgraph as the gateway would (_entities). */
async function factsOf(person: DemoPerson) {
  const { data, errors } = await stack.graphql<{
    _entities: Array<{
      personnelArchive: { holder: string; status: string; outgoingTransfer: { id: string } | null } | null;
      partyMembership: { organization: string; status: string } | null;
    }>;
  }>(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { personnelArchive { holder status outgoingTransfer { id } } partyMembership { organization status } } } }',
    { r: [{ __typename: 'Person', id: applicantOf(stack, person).personId }] },
    stack.subgraphs.get('archive')!.url,
  );
  expect(errors).toBeUndefined();
  return data!._entities[0]!;
}

async function movesOf(person: DemoPerson) {
  const { data, errors } = await stack.graphql<{ _entities: Array<{ personnelArchive: { moves: unknown[] } | null }> }>(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { personnelArchive { moves { kind fromHolder toHolder channel recordNumber movedOn } } } } }',
    { r: [{ __typename: 'Person', id: applicantOf(stack, person).personId }] },
    stack.subgraphs.get('archive')!.url,
  );
  expect(errors).toBeUndefined();
  return data!._entities[0]!.personnelArchive?.moves;
}

async function entity(typename: string, id: string, fields: string) {
  const { data, errors } = await stack.graphql<{ _entities: Array<Record<string, unknown> | null> }>(
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${typename} { ${fields} } } }`,
    { r: [{ __typename: typename, id }] },
    stack.subgraphs.get('archive')!.url,
  );
  expect(errors).toBeUndefined();
  return data!._entities[0];
}

describe('ARCHIVE_TRANSFER_OUT (transferOutPersonnelArchive)', () => {
  it('accepts the transfer of an archive held here, once per key, shows it TRANSFERRING_OUT, and removes it from this holder when sent', async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'ARCHIVE_TRANSFER_OUT', { submissionId: 'sub-archive-1', ...hiringUnit });
    const first = await transferArchive(dispatch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.outcome).toMatchObject({ itemCode: 'ARCHIVE_TRANSFER_OUT', status: 'ACCEPTED', recordType: 'ArchiveTransfer', rejection: null });
    expect(first.data!.outcome.reference).toMatch(/^DZ\d{8}\d{6}$/);
    expect(first.data!.outcome.recordId).toBe(first.data!.outcome.reference);

    const [again, concurrent] = await Promise.all([transferArchive(dispatch), transferArchive(dispatch)]);
    expect(again.data!.outcome).toEqual(first.data!.outcome);
    expect(concurrent.data!.outcome).toEqual(first.data!.outcome);
    const personId = dispatch.applicant.personId;
    expect(await archiveTransfersOf(personId)).toEqual([
      { transfer_number: first.data!.outcome.recordId, status: 'ACCEPTED', receiving_unit_credit_code: DEMO_EMPLOYERS.hospital.creditCode },
    ]);
    expect((await factsOf(DEMO_PEOPLE.zhangWei)).personnelArchive).toEqual({
      holder: '南京市玄武区人才服务中心',
      status: 'TRANSFERRING_OUT',
      outgoingTransfer: { id: first.data!.outcome.recordId },
    });
    expect(
      await entity(
        'ArchiveTransfer',
        first.data!.outcome.recordId!,
        'id status fromHolder receivingUnitName receivingUnit { creditCode } timeLimitWorkingDays person { id }',
      ),
    ).toEqual({
      id: first.data!.outcome.recordId,
      status: 'ACCEPTED',
      fromHolder: '南京市玄武区人才服务中心',
      receivingUnitName: DEMO_EMPLOYERS.hospital.name,
      receivingUnit: { creditCode: DEMO_EMPLOYERS.hospital.creditCode },
      timeLimitWorkingDays: 15,
      person: { id: personId },
    });

    // A second transfer while this one is under way: refused, nothing written.
    const second = await transferArchive(dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'ARCHIVE_TRANSFER_OUT', hiringUnit));
    expect(second.data!.outcome).toMatchObject({ status: 'REJECTED', recordId: null, rejection: { code: 'ARCHIVE_TRANSFER_OPEN', field: null } });
    expect(await archiveTransfersOf(personId)).toHaveLength(1);

    const sent = await decide(dispatch.idempotencyKey, { outcome: 'COMPLETE', decidedBy: 'counter-011' });
    expect(sent.data!.outcome).toMatchObject({ status: 'COMPLETED', recordId: first.data!.outcome.recordId });
    // The hospital holds it now; the archive and its move stay on record (never deleted).
    expect((await factsOf(DEMO_PEOPLE.zhangWei)).personnelArchive).toEqual({
      holder: DEMO_EMPLOYERS.hospital.name,
      status: 'TRANSFERRED_OUT',
      outgoingTransfer: null,
    });
    expect(await movesOf(DEMO_PEOPLE.zhangWei)).toEqual([
      {
        kind: 'TRANSFERRED_OUT',
        fromHolder: '南京市玄武区人才服务中心',
        toHolder: DEMO_EMPLOYERS.hospital.name,
        channel: 'CONFIDENTIAL_POST',
        recordNumber: first.data!.outcome.recordId,
        movedOn: todayInChina(),
      },
    ]);
    expect(await entity('ArchiveTransfer', first.data!.outcome.recordId!, 'status transferLetterNumber transferLetterDate channel')).toEqual({
      status: 'COMPLETED',
      transferLetterNumber: LETTER.transferLetterNumber,
      transferLetterDate: LETTER.transferLetterDate,
      channel: 'CONFIDENTIAL_POST',
    });
    // History is append-only, even to the database's owner.
    await expect(db().query('DELETE FROM archive.archive_move')).rejects.toThrow(/append-only/);
    await expect(db().query(`UPDATE archive.archive_move SET to_holder = 'x'`)).rejects.toThrow(/append-only/);
    // Gone from this holder: a new transfer finds nothing to send.
    const after = await transferArchive(dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'ARCHIVE_TRANSFER_OUT', hiringUnit));
    expect(after.data!.outcome.rejection).toMatchObject({ code: 'ARCHIVE_NOT_HELD' });
  });

  it('rejects the transfer of an archive this agency does not hold, and records nothing', async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.liNa, 'ARCHIVE_TRANSFER_OUT', hiringUnit);
    const { data } = await transferArchive(dispatch);
    expect(data!.outcome).toMatchObject({ status: 'REJECTED', recordType: null, recordId: null, rejection: { code: 'ARCHIVE_NOT_HELD', field: null } });
    expect(await archiveTransfersOf(dispatch.applicant.personId)).toEqual([]);
  });

  it('rejects a transfer that names no hiring unit, and leaves the archive HELD', async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.liuYang, 'ARCHIVE_TRANSFER_OUT', { sharedFields: { unitName: '  ' } });
    const { data } = await transferArchive(dispatch);
    expect(data!.outcome).toMatchObject({ status: 'REJECTED', rejection: { code: 'RECEIVING_UNIT_MISSING', field: 'unitName' } });
    expect(await archiveTransfersOf(dispatch.applicant.personId)).toEqual([]);
    expect((await factsOf(DEMO_PEOPLE.liuYang)).personnelArchive).toMatchObject({ status: 'HELD', outgoingTransfer: null });
  });

  it("refuses a transfer without the 调函's number, with a letter dated after today, or with no address for the confidential post; records nothing", async () => {
    const tomorrow = addDays(todayInChina(), 1);
    for (const [letter, code, field] of [
      [{ ...LETTER, transferLetterNumber: ' ' }, 'TRANSFER_LETTER_REQUIRED', 'transferLetterNumber'],
      [{ ...LETTER, transferLetterDate: tomorrow }, 'TRANSFER_LETTER_DATE_IN_FUTURE', 'transferLetterDate'],
      [{ ...LETTER, archiveReceivingAddress: '  ' }, 'RECEIVING_ADDRESS_REQUIRED', 'archiveReceivingAddress'],
    ] as const) {
      const dispatch = dispatchFor(stack, DEMO_PEOPLE.liuYang, 'ARCHIVE_TRANSFER_OUT', hiringUnit);
      expectRejected(await transferArchive(dispatch, letter), code, field);
      expect(await archiveTransfersOf(dispatch.applicant.personId)).toEqual([]);
    }
  });

  it('a transfer the counter rejects leaves the archive HELD here', async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.liuYang, 'ARCHIVE_TRANSFER_OUT', { sharedFields: { unitName: '南京示例软件有限公司' } });
    const accepted = await transferArchive(dispatch);
    expect(accepted.data!.outcome.status).toBe('ACCEPTED');
    expect((await factsOf(DEMO_PEOPLE.liuYang)).personnelArchive!.status).toBe('TRANSFERRING_OUT');
    const refused = await decide(dispatch.idempotencyKey, { outcome: 'REJECT', reason: '调函单位与档案接收单位不符', decidedBy: 'counter-011' });
    expect(refused.data!.outcome).toMatchObject({ status: 'REJECTED', rejection: { code: 'REJECTED_BY_COUNTER', message: '调函单位与档案接收单位不符' } });
    expect((await factsOf(DEMO_PEOPLE.liuYang)).personnelArchive).toEqual({ holder: '北京市朝阳区人才服务中心', status: 'HELD', outgoingTransfer: null });
    expect(await archiveTransfersOf(dispatch.applicant.personId)).toEqual([
      { transfer_number: accepted.data!.outcome.recordId, status: 'REJECTED', receiving_unit_credit_code: null },
    ]);
  });

  it('two transfers of one archive sent at once: one is accepted, the other ARCHIVE_TRANSFER_OPEN', async () => {
    const send = () => transferArchive(dispatchFor(stack, DEMO_PEOPLE.liuYang, 'ARCHIVE_TRANSFER_OUT', hiringUnit));
    const outcomes = await Promise.all([send(), send()]);
    expect(outcomes.map((o) => o.data!.outcome.status).sort()).toEqual(['ACCEPTED', 'REJECTED']);
    expect(outcomes.find((o) => o.data!.outcome.status === 'REJECTED')!.data!.outcome.rejection!.code).toBe('ARCHIVE_TRANSFER_OPEN');
    expect((await archiveTransfersOf(applicantOf(stack, DEMO_PEOPLE.liuYang).personId)).map((t) => t.status)).toEqual(['REJECTED', 'ACCEPTED']);
  });

  it('refuses a dispatch naming another item', async () => {
    const { errors } = await transferArchive(dispatchFor(stack, DEMO_PEOPLE.liuYang, 'ARCHIVE_TRANSFER_IN'));
    expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dispatch.itemCode' });
  });
});

describe('PARTY_MEMBERSHIP_TRANSFER_OUT (transferOutPartyMembership)', () => {
  it('accepts the transfer of a membership held here, once per key, and issues the 介绍信 to the receiving branch', async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'PARTY_MEMBERSHIP_TRANSFER_OUT', hiringUnit);
    const first = await transferMembership(dispatch);
    expect(first.errors).toBeUndefined();
    expect(first.data!.outcome).toMatchObject({
      itemCode: 'PARTY_MEMBERSHIP_TRANSFER_OUT',
      status: 'ACCEPTED',
      recordType: 'PartyMembershipTransfer',
      rejection: null,
    });
    expect(first.data!.outcome.reference).toMatch(/^JS\d{8}\d{6}$/);
    const [again, concurrent] = await Promise.all([transferMembership(dispatch), transferMembership(dispatch)]);
    expect(again.data!.outcome).toEqual(first.data!.outcome);
    expect(concurrent.data!.outcome).toEqual(first.data!.outcome);
    const personId = dispatch.applicant.personId;
    expect(await membershipTransfersOf(personId)).toEqual([
      { transfer_number: first.data!.outcome.recordId, status: 'ACCEPTED', receiving_party_branch: '苏州市吴中区示例医院党支部' },
    ]);
    expect((await factsOf(DEMO_PEOPLE.zhangWei)).partyMembership).toEqual({
      organization: '南京市玄武区人才服务中心流动党员党支部',
      status: 'TRANSFERRING_OUT',
    });

    const second = await transferMembership(dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'PARTY_MEMBERSHIP_TRANSFER_OUT'));
    expect(second.data!.outcome).toMatchObject({ status: 'REJECTED', rejection: { code: 'PARTY_TRANSFER_OPEN' } });
    expect(await membershipTransfersOf(personId)).toHaveLength(1);

    expect((await decide(dispatch.idempotencyKey, { outcome: 'COMPLETE', decidedBy: 'counter-012' })).data!.outcome.status).toBe('COMPLETED');
    expect((await factsOf(DEMO_PEOPLE.zhangWei)).partyMembership).toEqual({ organization: '苏州市吴中区示例医院党支部', status: 'TRANSFERRED_OUT' });
    const letter = await entity(
      'PartyMembershipTransfer',
      first.data!.outcome.recordId!,
      'status category fromOrganization receivingPartyBranch letterIssuedOn person { id }',
    );
    expect(letter).toMatchObject({
      status: 'COMPLETED',
      category: 'FULL_MEMBER',
      fromOrganization: '南京市玄武区人才服务中心流动党员党支部',
      receivingPartyBranch: '苏州市吴中区示例医院党支部',
      person: { id: personId },
    });
    expect(letter!.letterIssuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // No longer held here: nothing more to transfer out.
    const after = await transferMembership(dispatchFor(stack, DEMO_PEOPLE.zhangWei, 'PARTY_MEMBERSHIP_TRANSFER_OUT'), '另一党支部');
    expect(after.data!.outcome.rejection).toMatchObject({ code: 'PARTY_MEMBERSHIP_NOT_HELD' });
  });

  it('rejects someone whose membership is not held here, and records nothing', async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.liuYang, 'PARTY_MEMBERSHIP_TRANSFER_OUT');
    const { data } = await transferMembership(dispatch);
    expect(data!.outcome).toMatchObject({ status: 'REJECTED', recordId: null, rejection: { code: 'PARTY_MEMBERSHIP_NOT_HELD', field: null } });
    expect(await membershipTransfersOf(dispatch.applicant.personId)).toEqual([]);
  });

  it('rejects a transfer to the organisation that already holds the membership, or to no branch', async () => {
    const same = dispatchFor(stack, DEMO_PEOPLE.liNa, 'PARTY_MEMBERSHIP_TRANSFER_OUT');
    expect((await transferMembership(same, '苏州市吴中区示例医院党支部')).data!.outcome).toMatchObject({
      status: 'REJECTED',
      rejection: { code: 'SAME_PARTY_ORGANIZATION', field: 'receivingPartyBranch' },
    });
    const blank = dispatchFor(stack, DEMO_PEOPLE.liNa, 'PARTY_MEMBERSHIP_TRANSFER_OUT');
    expect((await transferMembership(blank, '   ')).data!.outcome).toMatchObject({
      status: 'REJECTED',
      rejection: { code: 'RECEIVING_BRANCH_MISSING', field: 'receivingPartyBranch' },
    });
    expect(await membershipTransfersOf(same.applicant.personId)).toEqual([]);
    expect((await factsOf(DEMO_PEOPLE.liNa)).partyMembership).toEqual({ organization: '苏州市吴中区示例医院党支部', status: 'HELD' });
  });

  it('a transfer the counter rejects leaves the membership HELD where it was', async () => {
    const dispatch = dispatchFor(stack, DEMO_PEOPLE.liNa, 'PARTY_MEMBERSHIP_TRANSFER_OUT');
    expect((await transferMembership(dispatch, '南京示例软件有限公司党支部')).data!.outcome.status).toBe('ACCEPTED');
    expect((await factsOf(DEMO_PEOPLE.liNa)).partyMembership!.status).toBe('TRANSFERRING_OUT');
    expect(
      (await decide(dispatch.idempotencyKey, { outcome: 'REJECT', reason: '预备党员转正前暂缓转出', decidedBy: 'counter-012' })).data!.outcome.status,
    ).toBe('REJECTED');
    expect((await factsOf(DEMO_PEOPLE.liNa)).partyMembership).toEqual({ organization: '苏州市吴中区示例医院党支部', status: 'HELD' });
    expect((await membershipTransfersOf(dispatch.applicant.personId)).map((t) => t.status)).toEqual(['REJECTED']);
  });

  it('two transfers of one membership sent at once: one is accepted, the other PARTY_TRANSFER_OPEN', async () => {
    const send = () => transferMembership(dispatchFor(stack, DEMO_PEOPLE.liNa, 'PARTY_MEMBERSHIP_TRANSFER_OUT'), '南京示例软件有限公司党支部');
    const outcomes = await Promise.all([send(), send()]);
    expect(outcomes.map((o) => o.data!.outcome.status).sort()).toEqual(['ACCEPTED', 'REJECTED']);
    expect(outcomes.find((o) => o.data!.outcome.status === 'REJECTED')!.data!.outcome.rejection!.code).toBe('PARTY_TRANSFER_OPEN');
    expect((await membershipTransfersOf(applicantOf(stack, DEMO_PEOPLE.liNa).personId)).map((t) => t.status)).toEqual(['REJECTED', 'ACCEPTED']);
  });
});
