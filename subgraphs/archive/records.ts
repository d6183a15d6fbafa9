/**
 * The records the archive items create (`defineRecord`): the transfer of a personnel archive
 * and of a party membership, with what the counter's decision does to the archive or membership.
 */
import type { Queryable } from '../../src/db/database.js';
import type { ItemDecisionInput } from '../../src/contract/item-contract.js';
import { defineRecord, recordSet } from '../../src/subgraph/records.js';
import { ARCHIVE_TRANSFER_WORKING_DAYS } from './policy.js';
import { archiveReceptions, membershipReceptions, talentServices } from './reception-records.js';
import { todayInChina } from '../../src/policy/calendar.js';
import { archiveWrites, type ArchiveMoveRow, type ArchiveTransferRow, type MembershipTransferRow } from './store.js';

export function toArchiveTransfer(row: ArchiveTransferRow) {
  return {
    id: row.transfer_number,
    person: { id: row.person_key },
    status: row.status,
    fromHolder: row.from_holder,
    fromHolderRegionCode: row.from_holder_region_code,
    receivingUnitName: row.receiving_unit_name,
    receivingUnit: row.receiving_unit_credit_code ? { creditCode: row.receiving_unit_credit_code } : null,
    transferLetterNumber: row.letter_number,
    transferLetterDate: row.letter_date,
    channel: row.channel,
    timeLimitWorkingDays: ARCHIVE_TRANSFER_WORKING_DAYS,
    appliedAt: row.applied_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}

export function toArchiveMove(row: ArchiveMoveRow) {
  return {
    kind: row.kind,
    fromHolder: row.from_holder,
    toHolder: row.to_holder,
    channel: row.channel,
    recordNumber: row.record_number,
    movedOn: row.moved_on,
  };
}

function toMembershipTransfer(row: MembershipTransferRow) {
  return {
    id: row.transfer_number,
    person: { id: row.person_key },
    status: row.status,
    category: row.category,
    fromOrganization: row.from_organization,
    receivingPartyBranch: row.receiving_party_branch,
    letterIssuedOn: row.letter_issued_on,
    appliedAt: row.applied_at.toISOString(),
  };
}

/** 流动人员人事档案转出: sent by confidential post, the archive leaves this holder; not sent, it stays held here. */
export const archiveTransfers = defineRecord({
  typename: 'ArchiveTransfer',
  table: 'archive.archive_transfer',
  key: 'transfer_number',
  numberPrefix: 'DZ',
  sequence: 'archive.archive_transfer_seq',
  toEntity: toArchiveTransfer,
  onDecision: async (tx: Queryable, transfer: ArchiveTransferRow, decision: ItemDecisionInput) => {
    if (decision.outcome !== 'COMPLETE') {
      await tx.query(`UPDATE archive.personnel_archive SET status = 'HELD', updated_at = now() WHERE person_key = $1`, [transfer.person_key]);
      return;
    }
    // Sent: the hiring unit holds it now. The archive stays on record with its moves (never deleted).
    const toHolder = transfer.receiving_unit_name ?? transfer.receiving_unit_credit_code!;
    await tx.query(
      `UPDATE archive.personnel_archive SET status = 'TRANSFERRED_OUT', holder = $2, holder_region_code = $3, received_on = $4, updated_at = now()
        WHERE person_key = $1 AND status = 'TRANSFERRING_OUT'`,
      [transfer.person_key, toHolder, transfer.receiving_unit_credit_code?.slice(2, 8) ?? null, todayInChina()],
    );
    await archiveWrites.appendMove(tx, {
      person_key: transfer.person_key,
      kind: 'TRANSFERRED_OUT',
      from_holder: transfer.from_holder,
      to_holder: toHolder,
      channel: transfer.channel,
      record_number: transfer.transfer_number,
    });
  },
});

/** 党员组织关系转出: the 介绍信 issued, the membership names the receiving branch and is no longer held here. */
export const membershipTransfers = defineRecord({
  typename: 'PartyMembershipTransfer',
  table: 'archive.party_membership_transfer',
  key: 'transfer_number',
  numberPrefix: 'JS',
  sequence: 'archive.party_membership_transfer_seq',
  toEntity: toMembershipTransfer,
  onDecision: async (tx: Queryable, transfer: MembershipTransferRow, decision: ItemDecisionInput) => {
    if (decision.outcome === 'REJECT') {
      await tx.query(`UPDATE archive.party_membership SET status = 'HELD', updated_at = now() WHERE person_key = $1`, [transfer.person_key]);
      return;
    }
    await tx.query(`UPDATE archive.party_membership SET status = 'TRANSFERRED_OUT', organization = $2, updated_at = now() WHERE person_key = $1`, [
      transfer.person_key,
      transfer.receiving_party_branch,
    ]);
    const [{ today }] = (await tx.query<{ today: string }>('SELECT current_date::text AS today')) as [{ today: string }];
    return { letter_issued_on: today };
  },
});

export const archiveRecords = recordSet([archiveTransfers, membershipTransfers, archiveReceptions, membershipReceptions, talentServices]);
