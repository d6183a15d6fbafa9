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
  constructor(readonly db: Database) {}

  archives(keys: readonly string[]): Promise<ArchiveRow[]> {
    return this.db.query<ArchiveRow>('SELECT * FROM archive.personnel_archive WHERE person_key = ANY($1)', [keys]);
  }

  memberships(keys: readonly string[]): Promise<MembershipRow[]> {
    return this.db.query<MembershipRow>('SELECT * FROM archive.party_membership WHERE person_key = ANY($1)', [keys]);
  }

  openArchiveTransfers(keys: readonly string[]): Promise<ArchiveTransferRow[]> {
    return this.db.query<ArchiveTransferRow>(`SELECT * FROM archive.archive_transfer WHERE person_key = ANY($1) AND status = 'ACCEPTED'`, [keys]);
  }

  async insertArchiveIfAbsent(row: ArchiveRow): Promise<void> {
    await this.db.query(
      `INSERT INTO archive.personnel_archive (person_key, holder, holder_region_code, received_on, status)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [row.person_key, row.holder, row.holder_region_code, row.received_on, row.status],
    );
  }

  async insertMembershipIfAbsent(row: Omit<MembershipRow, 'status'>): Promise<void> {
    await this.db.query(`INSERT INTO archive.party_membership (person_key, category, joined_on, organization) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [
      row.person_key,
      row.category,
      row.joined_on,
      row.organization,
    ]);
  }
}

/** Writes made inside an item's ledger transaction (`tx`), so record and ledger commit together. */
export const archiveWrites = {
  /** The archive row, locked: two transfers of one archive cannot both pass the rules. */
  async archiveForUpdate(tx: Queryable, personKey: string): Promise<ArchiveRow | undefined> {
    const [row] = await tx.query<ArchiveRow>('SELECT * FROM archive.personnel_archive WHERE person_key = $1 FOR UPDATE', [personKey]);
    return row;
  },

  /** The archive is being transferred out (its transfer record is inserted alongside). */
  async markArchiveTransferringOut(tx: Queryable, personKey: string): Promise<void> {
    await tx.query(`UPDATE archive.personnel_archive SET status = 'TRANSFERRING_OUT', updated_at = now() WHERE person_key = $1`, [personKey]);
  },

  async membershipForUpdate(tx: Queryable, personKey: string): Promise<MembershipRow | undefined> {
    const [row] = await tx.query<MembershipRow>('SELECT * FROM archive.party_membership WHERE person_key = $1 FOR UPDATE', [personKey]);
    return row;
  },

  /** The membership is being transferred out (its transfer record is inserted alongside). */
  async markMembershipTransferringOut(tx: Queryable, personKey: string): Promise<void> {
    await tx.query(`UPDATE archive.party_membership SET status = 'TRANSFERRING_OUT', updated_at = now() WHERE person_key = $1`, [personKey]);
  },
};
