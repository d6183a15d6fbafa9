import type { Database, Queryable } from '../../src/db/database.js';
import { todayInChina } from '../../src/policy/calendar.js';

export interface ArchiveRow {
  person_key: string;
  holder: string;
  /** Null once the archive went to a unit known by name only. */
  holder_region_code: string | null;
  received_on: string;
  /** TRANSFERRED_OUT: sent on by confidential post; the holder is the unit it went to. */
  status: 'HELD' | 'TRANSFERRING_OUT' | 'TRANSFERRED_OUT';
}

/** One move of an archive from one holder to the next (archive.archive_move, append-only). */
export interface ArchiveMoveRow {
  move_id: string;
  person_key: string;
  previous_move_id: string | null;
  kind: 'RECEIVED' | 'TRANSFERRED_OUT';
  from_holder: string;
  to_holder: string;
  channel: 'CONFIDENTIAL_POST' | null;
  record_number: string;
  moved_on: string;
  recorded_at: Date;
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
  letter_number: string | null;
  letter_date: string | null;
  receiving_address: string | null;
  channel: 'CONFIDENTIAL_POST';
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

  /** Every move of these people's archives, oldest first (the chain's order). */
  moves(keys: readonly string[]): Promise<ArchiveMoveRow[]> {
    return this.db.query<ArchiveMoveRow>('SELECT * FROM archive.archive_move WHERE person_key = ANY($1) ORDER BY move_id', [keys]);
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

  /**
   * Appends a move to the archive's chain, after its last move (the caller holds the archive's
   * lock, so no two moves follow the same one; the unique previous_move_id would refuse it anyway).
   */
  async appendMove(
    tx: Queryable,
    move: Pick<ArchiveMoveRow, 'person_key' | 'kind' | 'from_holder' | 'to_holder' | 'channel' | 'record_number'>,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO archive.archive_move (person_key, previous_move_id, kind, from_holder, to_holder, channel, record_number, moved_on)
       SELECT $1, (SELECT max(move_id) FROM archive.archive_move WHERE person_key = $1), $2, $3, $4, $5, $6, $7`,
      [move.person_key, move.kind, move.from_holder, move.to_holder, move.channel, move.record_number, todayInChina()],
    );
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
