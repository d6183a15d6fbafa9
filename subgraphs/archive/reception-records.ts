/**
 * The records of the archive items that bring a person in (`defineRecord`): 档案接收
 * (ArchiveReception), 党员组织关系转入 and 流动党员管理 (PartyMembershipReception, by kind), and
 * 高校毕业生接收 and 人才集体户口准入 (TalentService, by kind). What completing them does: an
 * archive has one holder at a time, so a received archive becomes held here (its move recorded
 * in the reception); a received membership is held by the receiving organisation.
 */
import { GraphQLError } from 'graphql';
import type { Queryable } from '../../src/db/database.js';
import type { ItemDecisionInput } from '../../src/contract/item-contract.js';
import { todayInChina } from '../../src/policy/calendar.js';
import { defineRecord } from '../../src/subgraph/records.js';
import { archiveWrites } from './store.js';

type RecordStatus = 'ACCEPTED' | 'COMPLETED' | 'REJECTED';
interface Common {
  person_key: string;
  status: RecordStatus;
  submission_id: string | null;
  applied_at: Date;
  decided_at: Date | null;
}
export interface ArchiveReceptionRow extends Common {
  reception_number: string;
  from_holder: string;
  to_holder: string;
  to_holder_region_code: string;
  delivery_method: 'PICKUP' | 'MAIL';
  delivery_address: string | null;
  delivery_recipient: string | null;
  delivery_phone: string | null;
}
export interface MembershipReceptionRow extends Common {
  reception_number: string;
  kind: 'TRANSFER_IN' | 'MOBILE_MEMBER';
  category: string;
  joined_on: string | null;
  original_organization: string | null;
  receiving_organization: string;
}
export interface TalentServiceRow extends Common {
  service_number: string;
  kind: 'GRADUATE_RECEPTION' | 'COLLECTIVE_HUKOU';
  reception_type: string | null;
  employer_credit_code: string | null;
  household_address: string | null;
  accompanying_members: number | null;
}

const common = (row: Common) => ({
  person: { id: row.person_key },
  status: row.status,
  appliedAt: row.applied_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
});
const completing =
  <Row>(complete: (tx: Queryable, row: Row) => Promise<void>) =>
  async (tx: Queryable, row: Row, decision: ItemDecisionInput) => {
    if (decision.outcome === 'COMPLETE') await complete(tx, row);
  };

/** 档案接收: completed, the archive is held here; refused while another holder here still has it. */
export const archiveReceptions = defineRecord({
  typename: 'ArchiveReception',
  table: 'archive.archive_reception',
  key: 'reception_number',
  numberPrefix: 'DJ',
  toEntity: (row: ArchiveReceptionRow) => ({
    id: row.reception_number,
    ...common(row),
    fromAgency: row.from_holder,
    receivingAgency: row.to_holder,
    deliveryMethod: row.delivery_method,
  }),
  onDecision: completing<ArchiveReceptionRow>(async (tx, reception) => {
    // New here, or back after being sent on (TRANSFERRED_OUT): never while held here.
    const [held] = await tx.query(
      `INSERT INTO archive.personnel_archive (person_key, holder, holder_region_code, received_on, status)
       VALUES ($1, $2, $3, $4, 'HELD')
       ON CONFLICT (person_key) DO UPDATE SET holder = $2, holder_region_code = $3, received_on = $4, status = 'HELD', updated_at = now()
         WHERE archive.personnel_archive.status = 'TRANSFERRED_OUT'
       RETURNING person_key`,
      [reception.person_key, reception.to_holder, reception.to_holder_region_code, todayInChina()],
    );
    if (!held) {
      throw new GraphQLError('the archive is already held here: one holder at a time', {
        extensions: { code: 'ARCHIVE_ALREADY_HELD', field: 'idempotencyKey' },
      });
    }
    await archiveWrites.appendMove(tx, {
      person_key: reception.person_key,
      kind: 'RECEIVED',
      from_holder: reception.from_holder,
      to_holder: reception.to_holder,
      channel: null,
      record_number: reception.reception_number,
    });
  }),
});

/** 党员组织关系转入 / 流动党员: a completed transfer-in is held by the receiving organisation (probationary or full, with the joining date). */
export const membershipReceptions = defineRecord({
  typename: 'PartyMembershipReception',
  table: 'archive.party_membership_reception',
  key: 'reception_number',
  numberPrefix: (columns) => (columns.kind === 'TRANSFER_IN' ? 'JR' : 'LD'),
  toEntity: (row: MembershipReceptionRow) => ({
    id: row.reception_number,
    ...common(row),
    kind: row.kind,
    category: row.category,
    joinedOn: row.joined_on,
    originalOrganization: row.original_organization,
    receivingOrganization: row.receiving_organization,
  }),
  onDecision: completing<MembershipReceptionRow>(async (tx, reception) => {
    if (reception.kind !== 'TRANSFER_IN') return;
    await tx.query(
      `INSERT INTO archive.party_membership (person_key, category, joined_on, organization, status) VALUES ($1, $2, $3, $4, 'HELD')
       ON CONFLICT (person_key) DO UPDATE SET category = $2, joined_on = $3, organization = $4, status = 'HELD', updated_at = now()`,
      [reception.person_key, reception.category, reception.joined_on, reception.receiving_organization],
    );
  }),
});

/** 高校毕业生接收 / 人才集体户口准入. */
export const talentServices = defineRecord({
  typename: 'TalentService',
  table: 'archive.talent_service',
  key: 'service_number',
  numberPrefix: (columns) => (columns.kind === 'GRADUATE_RECEPTION' ? 'BY' : 'HK'),
  toEntity: (row: TalentServiceRow) => ({
    id: row.service_number,
    ...common(row),
    kind: row.kind,
    receptionType: row.reception_type,
    accompanyingMembers: row.accompanying_members,
  }),
});
