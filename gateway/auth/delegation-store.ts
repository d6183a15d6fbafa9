import type { Database } from '../../src/db/database.js';
import type { Migration } from '../../src/db/migrations.js';

/** 委托书: a person (principal) lets a proxy (帮办代办) apply for some items, for a while. */
export interface DelegationRow {
  id: string;
  principal_person_key: string;
  proxy_subject: string;
  proxy_name: string;
  items: string[];
  valid_from: string;
  valid_until: string;
  document_ref: string;
  registered_by: string;
  created_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
  /** 行政区划 of the principal's ID document, for a clerk of that region to record a withdrawal. */
  principal_region: string | null;
}

export const delegationMigrations: readonly Migration[] = [
  {
    id: '010-delegations-and-actors',
    sql: `
      CREATE TABLE gateway.delegation (
        id                   text PRIMARY KEY,
        principal_person_key text NOT NULL,
        proxy_subject        text NOT NULL,
        proxy_name           text NOT NULL,
        items                text[] NOT NULL CHECK (cardinality(items) > 0),
        valid_from           date NOT NULL,
        valid_until          date NOT NULL CHECK (valid_until >= valid_from),
        document_ref         text NOT NULL,
        registered_by        text NOT NULL,
        created_at           timestamptz NOT NULL DEFAULT now(),
        revoked_at           timestamptz
      );
      CREATE INDEX delegation_proxy ON gateway.delegation (proxy_subject, principal_person_key);
      -- Who took each submission, for row-level reads and the audit trail.
      ALTER TABLE gateway.submission
        ADD COLUMN actor_subject text,
        ADD COLUMN actor_role    text,
        ADD COLUMN terminal_id   text,
        ADD COLUMN delegation_id text REFERENCES gateway.delegation (id),
        ADD COLUMN region_code   text;
      CREATE INDEX submission_actor ON gateway.submission (actor_subject, created_at DESC);
      CREATE INDEX submission_region ON gateway.submission (region_code text_pattern_ops);
    `,
  },
  {
    id: '011-delegation-revocation',
    sql: `
      ALTER TABLE gateway.delegation
        ADD COLUMN revoked_by       text,
        ADD COLUMN principal_region text;
    `,
  },
];

export class DelegationStore {
  constructor(private readonly db: Database) {}

  async create(row: Omit<DelegationRow, 'created_at' | 'revoked_at' | 'revoked_by'>): Promise<DelegationRow> {
    const [created] = await this.db.query<DelegationRow>(
      `INSERT INTO gateway.delegation (id, principal_person_key, proxy_subject, proxy_name, items, valid_from, valid_until, document_ref, registered_by, principal_region)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
      [
        row.id,
        row.principal_person_key,
        row.proxy_subject,
        row.proxy_name,
        row.items,
        row.valid_from,
        row.valid_until,
        row.document_ref,
        row.registered_by,
        row.principal_region,
      ],
    );
    return created!;
  }

  /** Withdraws a delegation; withdrawing it again keeps the first withdrawal's time and author. */
  async revoke(id: string, revokedBy: string): Promise<DelegationRow> {
    const [row] = await this.db.query<DelegationRow>(
      `UPDATE gateway.delegation SET revoked_at = COALESCE(revoked_at, now()), revoked_by = COALESCE(revoked_by, $2) WHERE id = $1 RETURNING *`,
      [id, revokedBy],
    );
    return row!;
  }

  async byId(id: string): Promise<DelegationRow | undefined> {
    const [row] = await this.db.query<DelegationRow>('SELECT * FROM gateway.delegation WHERE id = $1', [id]);
    return row;
  }

  /** Delegations in force today from `principalPersonKey` to `proxySubject`. */
  async inForce(principalPersonKey: string, proxySubject: string, today: string): Promise<DelegationRow[]> {
    return this.db.query<DelegationRow>(
      `SELECT * FROM gateway.delegation WHERE principal_person_key = $1 AND proxy_subject = $2 AND revoked_at IS NULL
          AND valid_from <= $3::date AND valid_until >= $3::date`,
      [principalPersonKey, proxySubject, today],
    );
  }
}
