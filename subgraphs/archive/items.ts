import { todayInChina } from '../../src/policy/calendar.js';
import { rejected } from '../../src/subgraph/item-ledger.js';
import { archiveItemResolvers, type ArchiveItemHandlers } from './generated/items.js';
import { receptionHandlers } from './reception-items.js';
import { archiveRecords, archiveTransfers, membershipTransfers } from './records.js';
import { archiveWrites } from './store.js';

/** The archive subgraph's items, by catalog code (schema/catalog/items/archive.yaml). */
const handlers = {
  /**
   * 流动人员人事档案转出 with the hiring unit's 档案调函 (人社部发〔2021〕23号 附件1 五（五）1): sent by
   * confidential post (机要通信) within 15 working days to the address the letter gives, never
   * handed to the person (人社部发〔2021〕112号). Only an archive held here is sent. The unit is the
   * shared field 单位名称 (unitName) or, failing it, the employer applying (dispatch.employerCreditCode).
   */
  ARCHIVE_TRANSFER_OUT: async (tx, input, dispatch) => {
    const code = dispatch.itemCode;
    const letterNumber = input.transferLetterNumber.trim();
    if (!letterNumber) return rejected(code, 'TRANSFER_LETTER_REQUIRED', "the hiring unit's 档案调函 is named by its number", 'transferLetterNumber');
    if (input.transferLetterDate > todayInChina()) {
      return rejected(code, 'TRANSFER_LETTER_DATE_IN_FUTURE', `档案调函 dated ${input.transferLetterDate}, after today`, 'transferLetterDate');
    }
    const receivingAddress = input.archiveReceivingAddress.trim();
    if (!receivingAddress) {
      return rejected(code, 'RECEIVING_ADDRESS_REQUIRED', 'the confidential post (机要通信) needs the address the archive goes to', 'archiveReceivingAddress');
    }
    const unitName =
      typeof dispatch.sharedFields?.unitName === 'string' && dispatch.sharedFields.unitName.trim() ? dispatch.sharedFields.unitName.trim() : null;
    const creditCode = dispatch.employerCreditCode ?? null;
    if (!unitName && !creditCode) {
      return rejected(code, 'RECEIVING_UNIT_MISSING', 'the 调函 must come from the hiring unit: name the unit (单位名称) or apply as the unit', 'unitName');
    }
    const { applicant } = dispatch;
    const archive = await archiveWrites.archiveForUpdate(tx, applicant.personId);
    if (!archive || archive.status === 'TRANSFERRED_OUT') {
      return rejected(
        code,
        'ARCHIVE_NOT_HELD',
        'no personnel archive of the applicant is held by this agency: the transfer is asked of the agency that holds it',
      );
    }
    if (archive.status === 'TRANSFERRING_OUT') {
      return rejected(code, 'ARCHIVE_TRANSFER_OPEN', 'the archive is already being transferred out');
    }
    const number = await archiveTransfers.insert(tx, dispatch, {
      person_key: applicant.personId,
      from_holder: archive.holder,
      from_holder_region_code: archive.holder_region_code,
      receiving_unit_name: unitName,
      receiving_unit_credit_code: creditCode,
      letter_number: letterNumber,
      letter_date: input.transferLetterDate,
      receiving_address: receivingAddress,
      submission_id: dispatch.submissionId ?? null,
    });
    await archiveWrites.markArchiveTransferringOut(tx, applicant.personId);
    return archiveTransfers.accepted(dispatch, number);
  },

  /** 党员组织关系转出: a 介绍信 to the receiving party branch, issued at the counter. */
  PARTY_MEMBERSHIP_TRANSFER_OUT: async (tx, input, dispatch) => {
    const { applicant } = dispatch;
    const receivingPartyBranch = input.receivingPartyBranch.trim();
    if (!receivingPartyBranch) {
      return rejected(dispatch.itemCode, 'RECEIVING_BRANCH_MISSING', 'name the party branch the membership moves to', 'receivingPartyBranch');
    }
    const membership = await archiveWrites.membershipForUpdate(tx, applicant.personId);
    if (!membership || membership.status === 'TRANSFERRED_OUT') {
      return rejected(dispatch.itemCode, 'PARTY_MEMBERSHIP_NOT_HELD', "the applicant's party membership is not held by a party organisation here");
    }
    if (membership.status === 'TRANSFERRING_OUT') {
      return rejected(dispatch.itemCode, 'PARTY_TRANSFER_OPEN', 'the membership is already being transferred out');
    }
    if (receivingPartyBranch === membership.organization) {
      return rejected(
        dispatch.itemCode,
        'SAME_PARTY_ORGANIZATION',
        'the receiving branch is the organisation that already holds the membership',
        'receivingPartyBranch',
      );
    }
    const number = await membershipTransfers.insert(tx, dispatch, {
      person_key: applicant.personId,
      from_organization: membership.organization,
      receiving_party_branch: receivingPartyBranch,
      category: membership.category,
      submission_id: dispatch.submissionId ?? null,
    });
    await archiveWrites.markMembershipTransferringOut(tx, applicant.personId);
    return membershipTransfers.accepted(dispatch, number);
  },
} satisfies Partial<ArchiveItemHandlers>;

export const archiveItemMutations = {
  ...archiveItemResolvers({ ...handlers, ...receptionHandlers }),

  decideArchiveItem: archiveRecords.decision,
};
