import type { Database, Queryable } from '../../src/db/database.js';

export interface ArchiveRow {
  person_key: string;
  holder: string;
  holder_region_code: string;
  received_on: string;
  status: 'HELD' | 'TRANSFERRING_OUT';
}

export interface MembershipRow {
  person_key: string;
  category: string;
  joined_on: string;
  organization: string;
  status: 'HELD' | 'TRANSFERRING_OUT' | 'TRANSFERRED_OUT';
}

export type TransferStatus = 'ACCEPTED' | 'COMPLETED' | 'REJECTED';

export interface ArchiveTransferRow {
  transfer_number: string;
  person_key: string;
  status: TransferStatus;
  from_holder: string;
  from_holder_region_code: string;
  receiving_unit_name: string | null;
  receiving_unit_credit_code: string | null;
  submission_id: string | null;
  applied_at: Date;
  decided_at: Date | null;
}

export interface MembershipTransferRow {
  transfer_number: string;
  person_key: string;
  status: TransferStatus;
  from_organization: string;
  receiving_party_branch: string;
  category: string;
  submission_id: string | null;
  applied_at: Date;
  letter_issued_on: string | null;
  decided_at: Date | null;
}

/** All SQL of the archive subgraph outside an item's transaction (reads and demo seeds). */
export class ArchiveStore {
  constructor(private readonly db: Database) {}

  archives(keys: readonly string[]): Promise<ArchiveRow[]> {
    return this.db.query<ArchiveRow>('SELECT * FROM archive.personnel_archive WHERE person_key = ANY($1)', [keys]);
  }

  memberships(keys: readonly string[]): Promise<MembershipRow[]> {
    return this.db.query<MembershipRow>('SELECT * FROM archive.party_membership WHERE person_key = ANY($1)', [keys]);
  }

  archiveTransfers(numbers: readonly string[]): Promise<ArchiveTransferRow[]> {
    return this.db.query<ArchiveTransferRow>('SELECT * FROM archive.archive_transfer WHERE transfer_number = ANY($1)', [numbers]);
  }

  openArchiveTransfers(keys: readonly string[]): Promise<ArchiveTransferRow[]> {
    return this.db.query<ArchiveTransferRow>(`SELECT * FROM archive.archive_transfer WHERE person_key = ANY($1) AND status = 'ACCEPTED'`, [keys]);
  }

  membershipTransfers(numbers: readonly string[]): Promise<MembershipTransferRow[]> {
    return this.db.query<MembershipTransferRow>('SELECT * FROM archive.party_membership_transfer WHERE transfer_number = ANY($1)', [numbers]);
  }

  async insertArchiveIfAbsent(row: ArchiveRow): Promise<void> {
    await this.db.query(
      `INSERT INTO archive.personnel_archive (person_key, holder, holder_region_code, received_on, status)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [row.person_key, row.holder, row.holder_region_code, row.received_on, row.status],
    );
  }

  async insertMembershipIfAbsent(row: Omit<MembershipRow, 'status'>): Promise<void> {
    await this.db.query(
      `INSERT INTO archive.party_membership (person_key, category, joined_on, organization) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [row.person_key, row.category, row.joined_on, row.organization],
    );
  }
}

/** Writes made inside an item's ledger transaction (`tx`), so record and ledger commit together. */
export const archiveWrites = {
  /** The archive row, locked: two transfers of one archive cannot both pass the rules. */
  async archiveForUpdate(tx: Queryable, personKey: string): Promise<ArchiveRow | undefined> {
    const [row] = await tx.query<ArchiveRow>('SELECT * FROM archive.personnel_archive WHERE person_key = $1 FOR UPDATE', [personKey]);
    return row;
  },

  async insertArchiveTransfer(tx: Queryable, row: Pick<ArchiveTransferRow, 'person_key' | 'from_holder' | 'from_holder_region_code' | 'receiving_unit_name' | 'receiving_unit_credit_code' | 'submission_id'>): Promise<ArchiveTransferRow> {
    const [created] = await tx.query<ArchiveTransferRow>(
      `INSERT INTO archive.archive_transfer (transfer_number, person_key, status, from_holder, from_holder_region_code, receiving_unit_name, receiving_unit_credit_code, submission_id)
       VALUES ('DZ' || to_char(now(), 'YYYYMMDD') || lpad(nextval('archive.archive_transfer_seq')::text, 6, '0'), $1, 'ACCEPTED', $2, $3, $4, $5, $6)
       RETURNING *`,
      [row.person_key, row.from_holder, row.from_holder_region_code, row.receiving_unit_name, row.receiving_unit_credit_code, row.submission_id],
    );
    await tx.query(`UPDATE archive.personnel_archive SET status = 'TRANSFERRING_OUT', updated_at = now() WHERE person_key = $1`, [row.person_key]);
    return created!;
  },

  /** Sent by confidential post: the archive leaves this holder (the transfer stays as history). */
  async completeArchiveTransfer(tx: Queryable, transferNumber: string): Promise<void> {
    const [transfer] = await tx.query<ArchiveTransferRow>(
      `UPDATE archive.archive_transfer SET status = 'COMPLETED', decided_at = now() WHERE transfer_number = $1 RETURNING *`, [transferNumber]);
    await tx.query(`DELETE FROM archive.personnel_archive WHERE person_key = $1 AND status = 'TRANSFERRING_OUT'`, [transfer!.person_key]);
  },

  /** Not sent: the archive stays held here. */
  async rejectArchiveTransfer(tx: Queryable, transferNumber: string): Promise<void> {
    const [transfer] = await tx.query<ArchiveTransferRow>(
      `UPDATE archive.archive_transfer SET status = 'REJECTED', decided_at = now() WHERE transfer_number = $1 RETURNING *`, [transferNumber]);
    await tx.query(`UPDATE archive.personnel_archive SET status = 'HELD', updated_at = now() WHERE person_key = $1`, [transfer!.person_key]);
  },

  async membershipForUpdate(tx: Queryable, personKey: string): Promise<MembershipRow | undefined> {
    const [row] = await tx.query<MembershipRow>('SELECT * FROM archive.party_membership WHERE person_key = $1 FOR UPDATE', [personKey]);
    return row;
  },

  async insertMembershipTransfer(tx: Queryable, row: Pick<MembershipTransferRow, 'person_key' | 'from_organization' | 'receiving_party_branch' | 'category' | 'submission_id'>): Promise<MembershipTransferRow> {
    const [created] = await tx.query<MembershipTransferRow>(
      `INSERT INTO archive.party_membership_transfer (transfer_number, person_key, status, from_organization, receiving_party_branch, category, submission_id)
       VALUES ('JS' || to_char(now(), 'YYYYMMDD') || lpad(nextval('archive.party_membership_transfer_seq')::text, 6, '0'), $1, 'ACCEPTED', $2, $3, $4, $5)
       RETURNING *`,
      [row.person_key, row.from_organization, row.receiving_party_branch, row.category, row.submission_id],
    );
    await tx.query(`UPDATE archive.party_membership SET status = 'TRANSFERRING_OUT', updated_at = now() WHERE person_key = $1`, [row.person_key]);
    return created!;
  },

  /** The 介绍信 is issued: the membership now names the receiving branch and is no longer held here. */
  async completeMembershipTransfer(tx: Queryable, transferNumber: string): Promise<void> {
    const [transfer] = await tx.query<MembershipTransferRow>(
      `UPDATE archive.party_membership_transfer SET status = 'COMPLETED', letter_issued_on = current_date, decided_at = now()
        WHERE transfer_number = $1 RETURNING *`, [transferNumber]);
    await tx.query(
      `UPDATE archive.party_membership SET status = 'TRANSFERRED_OUT', organization = $2, updated_at = now() WHERE person_key = $1`,
      [transfer!.person_key, transfer!.receiving_party_branch]);
  },

  async rejectMembershipTransfer(tx: Queryable, transferNumber: string): Promise<void> {
    const [transfer] = await tx.query<MembershipTransferRow>(
      `UPDATE archive.party_membership_transfer SET status = 'REJECTED', decided_at = now() WHERE transfer_number = $1 RETURNING *`, [transferNumber]);
    await tx.query(`UPDATE archive.party_membership SET status = 'HELD', updated_at = now() WHERE person_key = $1`, [transfer!.person_key]);
  },
};
