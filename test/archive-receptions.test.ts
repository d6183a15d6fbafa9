import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { personKey } from '../src/identity/person-key.js';
import { addMonths, todayInChina } from '../src/policy/calendar.js';
import { applicantOf, decideItem, dispatchFor, dispatchItem, newcomerIdNumber } from './support/items.js';
import { useStack } from './support/use-stack.js';

const stack = useStack();

type Dispatch = ReturnType<typeof dispatchFor>;
const COMPLETE = { outcome: 'COMPLETE', decidedBy: 'counter-041' };
const HOSPITAL = DEMO_EMPLOYERS.hospital.creditCode;

/** A fresh person (own key, no records), born 1990-03-08; the dispatches of one person share it. */
const regionOf = (dispatch: Dispatch) => dispatch.applicant.idNumber.slice(0, 6);
function newcomer() {
  const gender = 'FEMALE' as const;
  const full = newcomerIdNumber('1990-03-08', gender);
  const applicant = {
    ...applicantOf(stack, DEMO_PEOPLE.liuYang),
    idNumber: full,
    personId: personKey(stack.config.personKeySecret, 'RESIDENT_ID_CARD', full),
    birthDate: '1990-03-08',
    gender,
  };
  return (itemCode: string, extra: Record<string, unknown> = {}) => dispatchFor(stack, DEMO_PEOPLE.liuYang, itemCode, { applicant, ...extra });
}
const demo = (person: DemoPerson, itemCode: string) => dispatchFor(stack, person, itemCode);
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
const decide = (dispatch: Dispatch) => decideItem(stack, 'archive', dispatch.idempotencyKey, COMPLETE);

async function factsOf(personId: string) {
  const { data, errors } = await stack.graphql<{
    _entities: Array<{
      personnelArchive: { holder: string; status: string } | null;
      partyMembership: { organization: string; category: string; status: string } | null;
    }>;
  }>(
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { personnelArchive { holder status } partyMembership { organization category status } } } }',
    { r: [{ __typename: 'Person', id: personId }] },
    stack.subgraphs.get('archive')!.url,
  );
  expect(errors).toBeUndefined();
  return data!._entities[0]!;
}
const count = async (table: string, personId: string) =>
  Number((await stack.databases.get('archive')!.query<{ n: string }>(`SELECT count(*) AS n FROM archive.${table} WHERE person_key = $1`, [personId]))[0]!.n);

const MAILED = {
  originalArchiveAgency: '北京市海淀区人才服务中心',
  deliveryMethod: 'MAIL',
  deliveryAddress: '江苏省南京市玄武区示例路1号',
  deliveryRecipient: '王明',
  deliveryPhone: '13800000011',
};

describe('ARCHIVE_TRANSFER_IN (receivePersonnelArchive)', () => {
  it('receives an archive: accepted, then held here once completed; one holder at a time, and it may then be sent on', async () => {
    const of = newcomer();
    const dispatch = of('ARCHIVE_TRANSFER_IN');
    const outcome = await send(dispatch, MAILED);
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'ArchiveReception', rejection: null });
    expect(outcome.reference).toMatch(/^DJ\d{14}$/);
    expect(await send(dispatch, MAILED)).toEqual(outcome);
    expect(await factsOf(dispatch.applicant.personId)).toMatchObject({ personnelArchive: null });
    expect(await rejection(of('ARCHIVE_TRANSFER_IN'), MAILED)).toEqual({ code: 'ARCHIVE_RECEPTION_OPEN', field: null });

    expect((await decide(dispatch)).data!.outcome.status).toBe('COMPLETED');
    expect(await factsOf(dispatch.applicant.personId)).toMatchObject({
      personnelArchive: { holder: `${regionOf(dispatch)} 公共就业和人才服务机构`, status: 'HELD' },
    });
    expect(await rejection(of('ARCHIVE_TRANSFER_IN'), MAILED)).toEqual({ code: 'ARCHIVE_ALREADY_HELD', field: null });
    // The next move of the chain: out, with the hiring unit's 调函.
    const out = await send(of('ARCHIVE_TRANSFER_OUT', { employerCreditCode: HOSPITAL }), {
      transferLetterNumber: '苏吴医调〔2026〕3号',
      transferLetterDate: '2026-01-05',
      archiveReceivingAddress: '江苏省苏州市吴中区示例路8号 人事科',
    });
    expect(out).toMatchObject({ status: 'ACCEPTED', recordType: 'ArchiveTransfer' });
  });

  it('refuses a blank former holder, a mailed letter without its address, and an archive already held here; records nothing', async () => {
    const dispatch = newcomer()('ARCHIVE_TRANSFER_IN');
    expect(await rejection(dispatch, { ...MAILED, originalArchiveAgency: ' ' })).toEqual({ code: 'ORIGINAL_AGENCY_REQUIRED', field: 'originalArchiveAgency' });
    expect(await rejection(newcomer()('ARCHIVE_TRANSFER_IN'), { ...MAILED, deliveryAddress: null })).toEqual({
      code: 'DELIVERY_ADDRESS_REQUIRED',
      field: 'deliveryAddress',
    });
    expect(
      await rejection(demo(DEMO_PEOPLE.zhangWei, 'ARCHIVE_TRANSFER_IN'), { originalArchiveAgency: '南京市玄武区人才服务中心', deliveryMethod: 'PICKUP' }),
    ).toEqual({ code: 'ARCHIVE_ALREADY_HELD', field: null });
    expect(await count('archive_reception', dispatch.applicant.personId)).toBe(0);
  });
});

describe('PARTY_MEMBERSHIP_TRANSFER_IN (transferInPartyMembership)', () => {
  const today = todayInChina();
  it('a full member of more than a year is received, and the membership is held here once completed', async () => {
    const of = newcomer();
    const dispatch = of('PARTY_MEMBERSHIP_TRANSFER_IN');
    const outcome = await send(dispatch, { memberCategory: 'FULL_MEMBER', partyJoinDate: '2015-07-01' });
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'PartyMembershipReception' });
    expect(outcome.reference).toMatch(/^JR\d{14}$/);
    expect(await rejection(of('PARTY_MEMBERSHIP_TRANSFER_IN'), { memberCategory: 'FULL_MEMBER', partyJoinDate: '2015-07-01' })).toEqual({
      code: 'PARTY_TRANSFER_IN_OPEN',
      field: null,
    });
    expect((await decide(dispatch)).data!.outcome.status).toBe('COMPLETED');
    expect(await factsOf(dispatch.applicant.personId)).toMatchObject({
      partyMembership: { organization: `${regionOf(dispatch)} 公共就业和人才服务机构 党组织`, category: 'FULL_MEMBER', status: 'HELD' },
    });
    expect(await rejection(of('PARTY_MEMBERSHIP_TRANSFER_IN'), { memberCategory: 'FULL_MEMBER', partyJoinDate: '2015-07-01' })).toEqual({
      code: 'PARTY_MEMBERSHIP_ALREADY_HELD',
      field: null,
    });
    // A probationary member within the year is received too.
    expect(
      (await send(newcomer()('PARTY_MEMBERSHIP_TRANSFER_IN'), { memberCategory: 'PROBATIONARY_MEMBER', partyJoinDate: addMonths(today, -6) })).status,
    ).toBe('ACCEPTED');
  });

  it.each([
    ['a full member still within the year of probation', 'FULL_MEMBER', addMonths(todayInChina(), -6), 'PROBATION_NOT_OVER', 'memberCategory'],
    ['a probationary member past the longest probation', 'PROBATIONARY_MEMBER', addMonths(todayInChina(), -25), 'PROBATION_OVERDUE', 'memberCategory'],
    ['a joining date before the 18th birthday', 'FULL_MEMBER', '2007-07-01', 'JOINED_UNDER_18', 'partyJoinDate'],
    ['a joining date after today', 'PROBATIONARY_MEMBER', '2099-07-01', 'JOIN_DATE_IN_FUTURE', 'partyJoinDate'],
  ])('refuses %s', async (_case, memberCategory, partyJoinDate, code, field) => {
    const dispatch = newcomer()('PARTY_MEMBERSHIP_TRANSFER_IN');
    expect(await rejection(dispatch, { memberCategory, partyJoinDate })).toEqual({ code, field });
    expect(await count('party_membership_reception', dispatch.applicant.personId)).toBe(0);
  });
});

describe('MOBILE_TALENT_PARTY_MANAGEMENT (registerMobileTalentPartyMember)', () => {
  it('registers a floating member whose membership stays with the original organisation, once at a time', async () => {
    const of = newcomer();
    const outcome = await send(of('MOBILE_TALENT_PARTY_MANAGEMENT'), {
      memberCategory: 'FULL_MEMBER',
      originalPartyOrganization: '北京市海淀区示例公司党支部',
    });
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'PartyMembershipReception' });
    expect(outcome.reference).toMatch(/^LD\d{14}$/);
    expect(
      await rejection(of('MOBILE_TALENT_PARTY_MANAGEMENT'), { memberCategory: 'FULL_MEMBER', originalPartyOrganization: '北京市海淀区示例公司党支部' }),
    ).toEqual({ code: 'MOBILE_MEMBER_OPEN', field: null });
  });

  it('refuses a blank original organisation, and a member whose membership is held here', async () => {
    expect(await rejection(newcomer()('MOBILE_TALENT_PARTY_MANAGEMENT'), { memberCategory: 'FULL_MEMBER', originalPartyOrganization: ' ' })).toEqual({
      code: 'ORIGINAL_ORGANIZATION_REQUIRED',
      field: 'originalPartyOrganization',
    });
    expect(
      await rejection(demo(DEMO_PEOPLE.zhangWei, 'MOBILE_TALENT_PARTY_MANAGEMENT'), { memberCategory: 'FULL_MEMBER', originalPartyOrganization: '某党支部' }),
    ).toEqual({ code: 'PARTY_MEMBERSHIP_ALREADY_HELD', field: null });
  });
});

describe('GRADUATE_RECEPTION (receiveGraduate)', () => {
  it("into the agency's care, or by the employer applying; once at a time", async () => {
    const of = newcomer();
    const outcome = await send(of('GRADUATE_RECEPTION'), { receptionType: 'BY_TALENT_AGENCY' });
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'TalentService' });
    expect(outcome.reference).toMatch(/^BY\d{14}$/);
    expect(await rejection(of('GRADUATE_RECEPTION'), { receptionType: 'BY_TALENT_AGENCY' })).toEqual({ code: 'GRADUATE_RECEPTION_OPEN', field: null });
    expect((await send(newcomer()('GRADUATE_RECEPTION', { employerCreditCode: HOSPITAL }), { receptionType: 'BY_EMPLOYER' })).status).toBe('ACCEPTED');
  });

  it('refuses a reception by the employer that no employer applies for', async () => {
    expect(await rejection(newcomer()('GRADUATE_RECEPTION'), { receptionType: 'BY_EMPLOYER' })).toEqual({ code: 'EMPLOYER_REQUIRED', field: 'receptionType' });
  });
});

describe('TALENT_COLLECTIVE_HUKOU (admitTalentCollectiveHukou)', () => {
  it('admits a talent whose archive is held here, once at a time', async () => {
    const outcome = await send(demo(DEMO_PEOPLE.zhangWei, 'TALENT_COLLECTIVE_HUKOU'), { accompanyingMembers: 2 });
    expect(outcome).toMatchObject({ status: 'ACCEPTED', recordType: 'TalentService' });
    expect(outcome.reference).toMatch(/^HK\d{14}$/);
    expect(await rejection(demo(DEMO_PEOPLE.zhangWei, 'TALENT_COLLECTIVE_HUKOU'), {})).toEqual({ code: 'HUKOU_APPLICATION_OPEN', field: null });
  });

  it('refuses a talent whose archive is not held here, and a negative number of accompanying members', async () => {
    expect(await rejection(newcomer()('TALENT_COLLECTIVE_HUKOU'), {})).toEqual({ code: 'ARCHIVE_NOT_HELD', field: null });
    expect(await rejection(demo(DEMO_PEOPLE.liuYang, 'TALENT_COLLECTIVE_HUKOU'), { accompanyingMembers: -1 })).toEqual({
      code: 'ACCOMPANYING_MEMBERS_INVALID',
      field: 'accompanyingMembers',
    });
  });
});
