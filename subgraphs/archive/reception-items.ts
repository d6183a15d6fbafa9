/**
 * The archive items that bring a person in: 流动人员人事档案接收, 党员组织关系转入, 高校毕业生
 * 接收手续, 流动人才党员流动管理服务 and 人才集体户口准入. All TIME_LIMITED: accepted here,
 * completed or refused at the counter (`decideArchiveItem`).
 *
 * Legal basis: 流动人员人事档案管理服务规定 (人社部发〔2021〕112号, as cited locally: the archive
 * moves by confidential post or courier, never carried by the person; one holder at a time);
 * 中国共产党章程 第一条 (admitted from 18), 第七条 (one year's probation, extended by at most a
 * year), and 中国共产党党员教育管理工作条例 (流动党员); 高校毕业生接收 and 人才集体户 by local rule.
 */
import type { Queryable } from '../../src/db/database.js';
import type { ItemDispatch, ItemOutcome } from '../../src/contract/item-contract.js';
import { addMonths, ageOn, todayInChina } from '../../src/policy/calendar.js';
import { rejected } from '../../src/subgraph/item-ledger.js';
import type { ArchiveItemHandlers, PartyMemberCategory } from './generated/items.js';
import { PARTY_MIN_AGE, PROBATION_MAX_MONTHS, PROBATION_MONTHS, receivingAgencyOf } from './policy.js';
import { archiveReceptions, membershipReceptions, talentServices } from './reception-records.js';
import { archiveWrites } from './store.js';

const blank = (text: string | null | undefined) => !text || text.trim() === '';
const sharedString = (dispatch: ItemDispatch, name: string) => {
  const value = dispatch.sharedFields?.[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
};
/** One person's archive items run one after another. */
const lockPerson = (tx: Queryable, personKey: string) => tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`archive:person:${personKey}`]);

/** 预备党员 / 正式党员 consistent with the joining date (党章 第一条, 第七条). */
function membershipDateRule(dispatch: ItemDispatch, category: PartyMemberCategory, joinedOn: string): ItemOutcome | null {
  const code = dispatch.itemCode;
  const today = todayInChina();
  if (joinedOn > today) return rejected(code, 'JOIN_DATE_IN_FUTURE', `入党日期 ${joinedOn} is after today`, 'partyJoinDate');
  if (ageOn(dispatch.applicant.birthDate, joinedOn) < PARTY_MIN_AGE) {
    return rejected(code, 'JOINED_UNDER_18', `入党日期 ${joinedOn} is before the member's 18th birthday (党章 第一条)`, 'partyJoinDate');
  }
  if (category === 'FULL_MEMBER' && addMonths(joinedOn, PROBATION_MONTHS) > today) {
    return rejected(
      code,
      'PROBATION_NOT_OVER',
      `joined on ${joinedOn}: the one-year probation (党章 第七条) is not over, so the member is probationary`,
      'memberCategory',
    );
  }
  if (category === 'PROBATIONARY_MEMBER' && addMonths(joinedOn, PROBATION_MAX_MONTHS) <= today) {
    return rejected(
      code,
      'PROBATION_OVERDUE',
      `joined on ${joinedOn}: probation, extended at most a year, ended by ${addMonths(joinedOn, PROBATION_MAX_MONTHS)}`,
      'memberCategory',
    );
  }
  return null;
}

export const receptionHandlers = {
  /**
   * 流动人员人事档案接收: the former holder is named; the 调函 is fetched at the counter or mailed
   * (address, recipient and phone). Refused: the archive is already held here
   * (ARCHIVE_ALREADY_HELD), or a reception is already under way (ARCHIVE_RECEPTION_OPEN).
   */
  ARCHIVE_TRANSFER_IN: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    if (blank(input.originalArchiveAgency))
      return rejected(code, 'ORIGINAL_AGENCY_REQUIRED', '原档案管理服务机构 must name who holds the archive now', 'originalArchiveAgency');
    if (input.deliveryMethod === 'MAIL' && (blank(input.deliveryAddress) || blank(input.deliveryRecipient) || blank(input.deliveryPhone))) {
      return rejected(code, 'DELIVERY_ADDRESS_REQUIRED', 'a 调函 sent by post needs the address, recipient and phone', 'deliveryAddress');
    }
    const { personId, idNumber } = dispatch.applicant;
    await lockPerson(tx, personId);
    const held = await archiveWrites.archiveForUpdate(tx, personId);
    if (held && held.status !== 'TRANSFERRED_OUT')
      return rejected(code, 'ARCHIVE_ALREADY_HELD', `the archive is already held here by ${held.holder}: an archive has one holder at a time`);
    if (await archiveReceptions.hasOpen(tx, personId)) return rejected(code, 'ARCHIVE_RECEPTION_OPEN', 'a reception of this archive is already under way');
    const agency = receivingAgencyOf(dispatch.employerCreditCode, idNumber);
    const mailed = input.deliveryMethod === 'MAIL';
    const number = await archiveReceptions.insert(tx, dispatch, {
      person_key: personId,
      from_holder: input.originalArchiveAgency.trim(),
      to_holder: agency.name,
      to_holder_region_code: agency.regionCode,
      delivery_method: input.deliveryMethod,
      delivery_address: mailed ? input.deliveryAddress!.trim() : null,
      delivery_recipient: mailed ? input.deliveryRecipient!.trim() : null,
      delivery_phone: mailed ? input.deliveryPhone!.trim() : null,
      submission_id: dispatch.submissionId ?? null,
    });
    return archiveReceptions.accepted(dispatch, number);
  },

  /**
   * 党员组织关系转入, with the 介绍信: the category must fit the joining date; refused when the
   * membership is already held here (PARTY_MEMBERSHIP_ALREADY_HELD) or a transfer-in is open.
   */
  PARTY_MEMBERSHIP_TRANSFER_IN: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const invalid = membershipDateRule(dispatch, input.memberCategory, input.partyJoinDate);
    if (invalid) return invalid;
    const { personId, idNumber } = dispatch.applicant;
    await lockPerson(tx, personId);
    const membership = await archiveWrites.membershipForUpdate(tx, personId);
    if (membership && membership.status !== 'TRANSFERRED_OUT') {
      return rejected(code, 'PARTY_MEMBERSHIP_ALREADY_HELD', `the membership is already held here by ${membership.organization}`);
    }
    if (await membershipReceptions.hasOpen(tx, personId, 'TRANSFER_IN'))
      return rejected(code, 'PARTY_TRANSFER_IN_OPEN', 'a transfer-in of this membership is already under way');
    const number = await membershipReceptions.insert(tx, dispatch, {
      person_key: personId,
      kind: 'TRANSFER_IN',
      category: input.memberCategory,
      joined_on: input.partyJoinDate,
      original_organization: membership?.organization ?? null,
      receiving_organization: `${receivingAgencyOf(dispatch.employerCreditCode, idNumber).name} 党组织`,
      submission_id: dispatch.submissionId ?? null,
    });
    return membershipReceptions.accepted(dispatch, number);
  },

  /**
   * 流动人才党员流动管理服务: a member whose membership stays with the original organisation is
   * managed here while away. Refused: no original organisation; the membership is held here
   * already (then the member is no floating member); an open registration.
   */
  MOBILE_TALENT_PARTY_MANAGEMENT: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    if (blank(input.originalPartyOrganization)) {
      return rejected(code, 'ORIGINAL_ORGANIZATION_REQUIRED', '原所在党组织 must name the organisation that holds the membership', 'originalPartyOrganization');
    }
    const { personId, idNumber } = dispatch.applicant;
    await lockPerson(tx, personId);
    const membership = await archiveWrites.membershipForUpdate(tx, personId);
    if (membership && membership.status !== 'TRANSFERRED_OUT') {
      return rejected(code, 'PARTY_MEMBERSHIP_ALREADY_HELD', `the membership is held here by ${membership.organization}: the member is not a floating member`);
    }
    if (await membershipReceptions.hasOpen(tx, personId, 'MOBILE_MEMBER'))
      return rejected(code, 'MOBILE_MEMBER_OPEN', 'a registration of this floating member is already under way');
    const number = await membershipReceptions.insert(tx, dispatch, {
      person_key: personId,
      kind: 'MOBILE_MEMBER',
      category: input.memberCategory,
      joined_on: null,
      original_organization: input.originalPartyOrganization.trim(),
      receiving_organization: `${receivingAgencyOf(dispatch.employerCreditCode, idNumber).name} 流动党员党组织`,
      submission_id: dispatch.submissionId ?? null,
    });
    return membershipReceptions.accepted(dispatch, number);
  },

  /**
   * 高校毕业生接收手续: by the hiring unit (BY_EMPLOYER, which must be the applicant unit) or
   * into the care of the talent agency (BY_TALENT_AGENCY). Refused: BY_EMPLOYER with no unit
   * (EMPLOYER_REQUIRED); an open reception.
   */
  GRADUATE_RECEPTION: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    if (input.receptionType === 'BY_EMPLOYER' && !dispatch.employerCreditCode) {
      return rejected(code, 'EMPLOYER_REQUIRED', 'a reception by the employer is applied for by that employer (dispatch.employerCreditCode)', 'receptionType');
    }
    const { personId } = dispatch.applicant;
    await lockPerson(tx, personId);
    if (await talentServices.hasOpen(tx, personId, 'GRADUATE_RECEPTION'))
      return rejected(code, 'GRADUATE_RECEPTION_OPEN', 'a reception of this graduate is already under way');
    const number = await talentServices.insert(tx, dispatch, {
      person_key: personId,
      kind: 'GRADUATE_RECEPTION',
      reception_type: input.receptionType,
      employer_credit_code: input.receptionType === 'BY_EMPLOYER' ? dispatch.employerCreditCode : null,
      submission_id: dispatch.submissionId ?? null,
    });
    return talentServices.accepted(dispatch, number);
  },

  /**
   * 人才集体户口准入: the talent's household joins the agency's collective household, which is
   * kept for people whose archive it holds. Refused: the archive is not held here
   * (ARCHIVE_NOT_HELD); a negative number of accompanying members; an open application.
   */
  TALENT_COLLECTIVE_HUKOU: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const members = input.accompanyingMembers ?? 0;
    if (!Number.isInteger(members) || members < 0)
      return rejected(code, 'ACCOMPANYING_MEMBERS_INVALID', '随迁人数 is a whole number, 0 or more', 'accompanyingMembers');
    const { personId } = dispatch.applicant;
    await lockPerson(tx, personId);
    const archive = await archiveWrites.archiveForUpdate(tx, personId);
    if (!archive || archive.status === 'TRANSFERRED_OUT') {
      return rejected(
        code,
        'ARCHIVE_NOT_HELD',
        'the collective household is for talents whose archive is held here: have it received first (流动人员人事档案接收)',
      );
    }
    if (await talentServices.hasOpen(tx, personId, 'COLLECTIVE_HUKOU'))
      return rejected(code, 'HUKOU_APPLICATION_OPEN', 'an admission of this person is already under way');
    const number = await talentServices.insert(tx, dispatch, {
      person_key: personId,
      kind: 'COLLECTIVE_HUKOU',
      household_address: sharedString(dispatch, 'householdAddress'),
      accompanying_members: members,
      submission_id: dispatch.submissionId ?? null,
    });
    return talentServices.accepted(dispatch, number);
  },
} satisfies Partial<ArchiveItemHandlers>;
