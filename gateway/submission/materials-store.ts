/**
 * The materials of a submission, per item, as PostgreSQL keeps them: handed in, held on file by a
 * back office (免提交), to follow by a deadline (容缺受理), replaced by a commitment (告知承诺) to be
 * verified (核查); and the record of a false commitment on the person (失信).
 */
import type { Database, Queryable } from '../../src/db/database.js';
import type { Migration } from '../../src/db/migrations.js';

export const materialsMigrations: readonly Migration[] = [
  {
    id: '150-materials-commitments',
    sql: `
      -- A false commitment revokes what was granted: an item's outcome may become REVOKED.
      ALTER TABLE gateway.submission_item DROP CONSTRAINT submission_item_status_check;
      ALTER TABLE gateway.submission_item ADD CONSTRAINT submission_item_status_check
        CHECK (status IN ('WAITING', 'PENDING', 'COMPLETED', 'ACCEPTED', 'REJECTED', 'FAILED', 'SKIPPED', 'REFERRED', 'REVOKED'));

      CREATE TABLE gateway.submission_material (
        submission_id text NOT NULL,
        item_code     text NOT NULL,
        material_id   text NOT NULL,
        key           boolean NOT NULL,
        -- SUBMITTED with the form; ON_FILE held by a back office (source says which record);
        -- COMMITTED replaced by a commitment; PENDING to follow by due_date (容缺), then SUPPLIED or LAPSED.
        status        text NOT NULL CHECK (status IN ('SUBMITTED', 'ON_FILE', 'COMMITTED', 'PENDING', 'SUPPLIED', 'LAPSED')),
        source        text,
        due_date      date,
        supplied_at   timestamptz,
        supplied_by   text,
        PRIMARY KEY (submission_id, item_code, material_id),
        FOREIGN KEY (submission_id, item_code) REFERENCES gateway.submission_item (submission_id, item_code),
        CHECK ((status = 'PENDING') <= (due_date IS NOT NULL))
      );
      CREATE INDEX submission_material_due ON gateway.submission_material (due_date) WHERE status = 'PENDING';

      CREATE TABLE gateway.commitment (
        submission_id     text NOT NULL,
        item_code         text NOT NULL,
        -- The materials the commitment stands in for.
        materials         jsonb NOT NULL,
        status            text NOT NULL CHECK (status IN ('PENDING', 'TRUE', 'FALSE')),
        verification_due  date NOT NULL,
        verified_at       timestamptz,
        verified_by       text,
        finding           text,
        PRIMARY KEY (submission_id, item_code),
        FOREIGN KEY (submission_id, item_code) REFERENCES gateway.submission_item (submission_id, item_code),
        CHECK ((status = 'FALSE') <= (finding IS NOT NULL))
      );
      CREATE INDEX commitment_due ON gateway.commitment (verification_due) WHERE status = 'PENDING';

      -- 失信: a commitment found false, on the person (by opaque key), for the counter to see.
      CREATE TABLE gateway.dishonesty_record (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_key    text NOT NULL,
        submission_id text NOT NULL,
        item_code     text NOT NULL,
        finding       text NOT NULL,
        recorded_by   text NOT NULL,
        recorded_at   timestamptz NOT NULL DEFAULT now(),
        UNIQUE (submission_id, item_code),
        FOREIGN KEY (submission_id, item_code) REFERENCES gateway.submission_item (submission_id, item_code)
      );
      CREATE INDEX dishonesty_record_person ON gateway.dishonesty_record (person_key, recorded_at DESC);
    `,
  },
];

export type MaterialStatus = 'SUBMITTED' | 'ON_FILE' | 'COMMITTED' | 'PENDING' | 'SUPPLIED' | 'LAPSED';

export interface SubmissionMaterialRow {
  submission_id: string;
  item_code: string;
  material_id: string;
  key: boolean;
  status: MaterialStatus;
  source: string | null;
  due_date: string | null;
  supplied_at: Date | null;
  supplied_by: string | null;
}

export interface CommitmentRow {
  submission_id: string;
  item_code: string;
  materials: string[];
  status: 'PENDING' | 'TRUE' | 'FALSE';
  verification_due: string;
  verified_at: Date | null;
  verified_by: string | null;
  finding: string | null;
}

export interface DishonestyRow {
  id: string;
  person_key: string;
  submission_id: string;
  item_code: string;
  finding: string;
  recorded_by: string;
  recorded_at: Date;
}

export type NewMaterialRow = Pick<SubmissionMaterialRow, 'item_code' | 'material_id' | 'key' | 'status' | 'source' | 'due_date'>;
export type NewCommitmentRow = Pick<CommitmentRow, 'item_code' | 'materials' | 'verification_due'>;

/** Writes a new submission's materials and commitments, in the transaction that stores the submission. */
export async function recordSubmissionMaterials(
  tx: Queryable,
  submissionId: string,
  materials: readonly NewMaterialRow[],
  commitments: readonly NewCommitmentRow[],
): Promise<void> {
  for (const m of materials) {
    await tx.query(
      `INSERT INTO gateway.submission_material (submission_id, item_code, material_id, key, status, source, due_date) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [submissionId, m.item_code, m.material_id, m.key, m.status, m.source, m.due_date],
    );
  }
  for (const c of commitments) {
    await tx.query(`INSERT INTO gateway.commitment (submission_id, item_code, materials, status, verification_due) VALUES ($1, $2, $3, 'PENDING', $4)`, [
      submissionId,
      c.item_code,
      JSON.stringify(c.materials),
      c.verification_due,
    ]);
  }
}

const DATE_COLUMNS = `to_char(due_date, 'YYYY-MM-DD') AS due_date`;

export class MaterialsStore {
  constructor(private readonly db: Database) {}

  materials(submissionIds: readonly string[]): Promise<SubmissionMaterialRow[]> {
    return this.db.query<SubmissionMaterialRow>(
      `SELECT submission_id, item_code, material_id, key, status, source, ${DATE_COLUMNS}, supplied_at, supplied_by
         FROM gateway.submission_material WHERE submission_id = ANY($1) ORDER BY submission_id, item_code, material_id`,
      [submissionIds],
    );
  }

  commitments(submissionIds: readonly string[]): Promise<CommitmentRow[]> {
    return this.db.query<CommitmentRow>(
      `SELECT submission_id, item_code, materials, status, to_char(verification_due, 'YYYY-MM-DD') AS verification_due, verified_at, verified_by, finding
         FROM gateway.commitment WHERE submission_id = ANY($1) ORDER BY submission_id, item_code`,
      [submissionIds],
    );
  }

  /** Marks a pending material handed in; false when it was not pending (handed in already, or lapsed). */
  async supply(submissionId: string, itemCode: string, materialId: string, by: string): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE gateway.submission_material SET status = 'SUPPLIED', supplied_at = now(), supplied_by = $4
        WHERE submission_id = $1 AND item_code = $2 AND material_id = $3 AND status = 'PENDING' RETURNING 1`,
      [submissionId, itemCode, materialId, by],
    );
    return rows.length === 1;
  }

  /**
   * Pending materials whose deadline passed before `today` (a date in China), oldest first, of items
   * dispatched already (an item still being sent waits: it cannot be decided yet, nor hold up the rest).
   */
  overdue(today: string, limit: number): Promise<SubmissionMaterialRow[]> {
    return this.db.query<SubmissionMaterialRow>(
      `SELECT m.submission_id, m.item_code, m.material_id, m.key, m.status, m.source, to_char(m.due_date, 'YYYY-MM-DD') AS due_date, m.supplied_at, m.supplied_by
         FROM gateway.submission_material m
         JOIN gateway.submission_item i ON i.submission_id = m.submission_id AND i.item_code = m.item_code
        WHERE m.status = 'PENDING' AND m.due_date < $1::date AND i.status NOT IN ('PENDING', 'FAILED')
        ORDER BY m.due_date, m.submission_id, m.item_code LIMIT $2`,
      [today, limit],
    );
  }

  async lapse(submissionId: string, itemCode: string): Promise<void> {
    await this.db.query(`UPDATE gateway.submission_material SET status = 'LAPSED' WHERE submission_id = $1 AND item_code = $2 AND status = 'PENDING'`, [
      submissionId,
      itemCode,
    ]);
  }

  /** Records the verification's result on a PENDING commitment; false when it was verified already. */
  async verify(submissionId: string, itemCode: string, result: { truthful: boolean; by: string; finding: string | null }): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE gateway.commitment SET status = $3, verified_at = now(), verified_by = $4, finding = $5
        WHERE submission_id = $1 AND item_code = $2 AND status = 'PENDING' RETURNING 1`,
      [submissionId, itemCode, result.truthful ? 'TRUE' : 'FALSE', result.by, result.finding],
    );
    return rows.length === 1;
  }

  async recordDishonesty(tx: Queryable, row: Omit<DishonestyRow, 'id' | 'recorded_at'>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway.dishonesty_record (person_key, submission_id, item_code, finding, recorded_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (submission_id, item_code) DO NOTHING`,
      [row.person_key, row.submission_id, row.item_code, row.finding, row.recorded_by],
    );
  }

  /** A line in the item's history (no change of its status): a material handed in, a commitment verified. */
  async note(submissionId: string, itemCode: string, detail: string): Promise<void> {
    await this.db.query(
      `INSERT INTO gateway.submission_event (submission_id, item_code, from_status, to_status, detail)
       SELECT submission_id, item_code, status, status, $3 FROM gateway.submission_item WHERE submission_id = $1 AND item_code = $2`,
      [submissionId, itemCode, detail],
    );
  }

  dishonestyOf(personKey: string): Promise<DishonestyRow[]> {
    return this.db.query<DishonestyRow>('SELECT * FROM gateway.dishonesty_record WHERE person_key = $1 ORDER BY recorded_at DESC, id DESC', [personKey]);
  }
}
