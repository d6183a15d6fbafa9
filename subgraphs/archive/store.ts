import type { Database } from '../../src/db/database.js';

export interface ArchiveRow {
  person_key: string;
  holder: string;
  holder_region_code: string;
  received_on: string;
  status: string;
}

export interface MembershipRow {
  person_key: string;
  category: string;
  joined_on: string;
  organization: string;
}

/** All SQL of the archive subgraph. */
export class ArchiveStore {
  constructor(private readonly db: Database) {}

  archives(keys: readonly string[]): Promise<ArchiveRow[]> {
    return this.db.query<ArchiveRow>('SELECT * FROM archive.personnel_archive WHERE person_key = ANY($1)', [keys]);
  }

  memberships(keys: readonly string[]): Promise<MembershipRow[]> {
    return this.db.query<MembershipRow>('SELECT * FROM archive.party_membership WHERE person_key = ANY($1)', [keys]);
  }

  async insertArchiveIfAbsent(row: ArchiveRow): Promise<void> {
    await this.db.query(
      `INSERT INTO archive.personnel_archive (person_key, holder, holder_region_code, received_on, status)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [row.person_key, row.holder, row.holder_region_code, row.received_on, row.status],
    );
  }

  async insertMembershipIfAbsent(row: MembershipRow): Promise<void> {
    await this.db.query(
      `INSERT INTO archive.party_membership (person_key, category, joined_on, organization) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [row.person_key, row.category, row.joined_on, row.organization],
    );
  }
}
