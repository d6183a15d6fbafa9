import type { Database, Queryable } from '../../src/db/database.js';
import type { ReferralRow } from './referrals.js';

/** WAITING: a serial item not yet sent; REVOKED: granted, then withdrawn (a commitment found false, materials-service.ts). */
export type ItemStatus = 'WAITING' | 'PENDING' | 'COMPLETED' | 'ACCEPTED' | 'REJECTED' | 'FAILED' | 'SKIPPED' | 'REFERRED' | 'REVOKED';
export type SubmissionStatus = 'IN_PROGRESS' | 'ACCEPTED' | 'COMPLETED' | 'PARTIALLY_REJECTED' | 'REJECTED' | 'FAILED';

export interface SubmissionRow {
  id: string;
  idempotency_key: string;
  request_hash: string;
  bundle_code: string;
  scenario: string | null;
  mode: 'PARALLEL' | 'SERIAL' | 'MERGED';
  person_key: string;
  employer_credit_code: string | null;
  channel: string;
  status: SubmissionStatus;
  applicant: Record<string, unknown>;
  /** Who the submission is about and who applied (null for submissions stored before roles were kept). */
  roles: SubmissionRoles | null;
  shared_fields: Record<string, unknown>;
  materials: string[];
  commitments: string[];
  time_limit: Record<string, unknown> | null;
  actor_subject: string | null;
  actor_role: string | null;
  terminal_id: string | null;
  delegation_id: string | null;
  region_code: string | null;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  /** Set while a gateway dispatches it; lapses if that gateway died. */
  dispatch_lease_until: Date | null;
  /** The date the whole case is promised to be finished by, kept up to date (null: a limit set by local policy has no figure). */
  promised_by: string | null;
}

/** The subject (whose records change) and the applicant (who applied), as stored. */
export interface SubmissionRoles {
  readonly subject: { readonly kind: 'PERSON'; readonly personKey: string } | { readonly kind: 'EMPLOYER'; readonly creditCode: string };
  readonly applicant:
    | { readonly role: 'SUBJECT'; readonly personKey: string; readonly relationship: null }
    | {
        readonly role: 'FAMILY_MEMBER' | 'EMPLOYER_HANDLER';
        readonly personKey: string;
        readonly name: string | null;
        readonly idType: string;
        readonly idNumber: string;
        readonly phone: string | null;
        readonly relationship: string | null;
      };
}

export interface SubmissionItemRow {
  submission_id: string;
  item_code: string;
  position: number;
  selection: string;
  added_reason: string | null;
  owner: string;
  mutation: string | null;
  idempotency_key: string;
  fields: Record<string, unknown>;
  status: ItemStatus;
  attempts: number;
  retryable: boolean;
  next_attempt_at: Date | null;
  last_error: string | null;
  record_type: string | null;
  record_id: string | null;
  reference: string | null;
  rejection: { code: string; message: string; field: string | null } | null;
  skip_reason: string | null;
  working_days: number | null;
  calendar_days: number | null;
  accepted_at: Date | null;
  due_date: string | null;
  finished_at: Date | null;
  met_due_date: boolean | null;
  /** When the item could start (submitted; in a serial case, when the one before it finished): its limit counts from here. */
  ready_at: Date | null;
  /** A decision the gateway owes the owning subgraph (a merged action withdrawn as a whole); null when none. */
  owed_decision: OwedDecision | null;
}

/** A decision the gateway records in a subgraph on its own (the decision mutation is idempotent: sent until recorded). */
export interface OwedDecision {
  readonly outcome: 'COMPLETE' | 'REJECT';
  readonly reason: string | null;
  readonly decidedBy: string;
}

export interface SubmissionEventRow {
  id: number;
  submission_id: string;
  item_code: string | null;
  from_status: string | null;
  to_status: string;
  detail: string | null;
  at: Date;
}

export type NewSubmission = Omit<SubmissionRow, 'status' | 'created_at' | 'updated_at' | 'finished_at' | 'dispatch_lease_until' | 'promised_by'>;
export type NewSubmissionItem = Pick<
  SubmissionItemRow,
  'item_code' | 'position' | 'selection' | 'added_reason' | 'owner' | 'mutation' | 'idempotency_key' | 'fields' | 'working_days' | 'calendar_days'
> & {
  /** PENDING: sent now; WAITING: a serial item after the first, sent when the one before it is finished. */
  readonly status: 'PENDING' | 'WAITING';
};

export interface SubmissionFilter {
  readonly personKey?: string;
  /** Only submissions taken by this actor (proxies, agent terminals). */
  readonly actorSubject?: string;
  /** Only submissions whose person or employer is in this 行政区划 prefix (clerks). */
  readonly regionPrefix?: string;
  readonly bundleCode?: string;
  readonly status?: SubmissionStatus;
  readonly channel?: string;
  readonly createdFrom?: string;
  readonly createdTo?: string;
  /** Keyset cursor: created_at and id of the last row seen. */
  readonly after?: { createdAt: string; id: string };
  readonly first: number;
}

/** Outcome fields an item update may set. */
export type ItemUpdate = Partial<
  Pick<
    SubmissionItemRow,
    | 'status'
    | 'attempts'
    | 'retryable'
    | 'next_attempt_at'
    | 'last_error'
    | 'record_type'
    | 'record_id'
    | 'reference'
    | 'rejection'
    | 'skip_reason'
    | 'accepted_at'
    | 'due_date'
    | 'finished_at'
    | 'met_due_date'
    | 'ready_at'
    | 'owed_decision'
  >
>;

const UNIQUE_VIOLATION = '23505';

/** All SQL of submissions: the outbox written before dispatch, and the history of every change. */
export class SubmissionStore {
  constructor(private readonly db: Database) {}

  /**
   * Writes the submission and all its items as PENDING in one transaction, before anything is
   * dispatched, with its dispatch lease taken for `leaseSeconds` (the creator dispatches it next).
   * Returns null when the idempotency key is already taken (the caller reads it).
   */
  async createWithItems(
    submission: NewSubmission,
    items: readonly NewSubmissionItem[],
    leaseSeconds: number,
    readyAt: Date,
    also?: (tx: Queryable) => Promise<void>,
  ): Promise<SubmissionRow | null> {
    try {
      return await this.db.transaction(async (tx) => {
        const [row] = await tx.query<SubmissionRow>(
          `INSERT INTO gateway.submission (id, idempotency_key, request_hash, bundle_code, scenario, mode, person_key, employer_credit_code,
             channel, status, applicant, shared_fields, materials, commitments, time_limit, actor_subject, actor_role, terminal_id, delegation_id, region_code,
             dispatch_lease_until, roles)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'IN_PROGRESS', $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, now() + make_interval(secs => $20), $21) RETURNING *`,
          [
            submission.id,
            submission.idempotency_key,
            submission.request_hash,
            submission.bundle_code,
            submission.scenario,
            submission.mode,
            submission.person_key,
            submission.employer_credit_code,
            submission.channel,
            JSON.stringify(submission.applicant),
            JSON.stringify(submission.shared_fields),
            JSON.stringify(submission.materials),
            JSON.stringify(submission.commitments),
            submission.time_limit ? JSON.stringify(submission.time_limit) : null,
            submission.actor_subject,
            submission.actor_role,
            submission.terminal_id,
            submission.delegation_id,
            submission.region_code,
            leaseSeconds,
            JSON.stringify(submission.roles),
          ],
        );
        for (const item of items) {
          await tx.query(
            `INSERT INTO gateway.submission_item (submission_id, item_code, position, selection, added_reason, owner, mutation, idempotency_key, fields, status,
               working_days, calendar_days, ready_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $12, $10, $11, CASE WHEN $12 = 'PENDING' THEN $13::timestamptz END)`,
            [
              submission.id,
              item.item_code,
              item.position,
              item.selection,
              item.added_reason,
              item.owner,
              item.mutation,
              item.idempotency_key,
              JSON.stringify(item.fields),
              item.working_days,
              item.calendar_days,
              item.status,
              readyAt,
            ],
          );
        }
        await tx.query(`INSERT INTO gateway.submission_event (submission_id, to_status, detail) VALUES ($1, 'IN_PROGRESS', $2)`, [
          submission.id,
          `submitted with ${items.length} items`,
        ]);
        await also?.(tx);
        return row!;
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  /** Work on the submission tables in one transaction (a case's next step decided on its locked items). */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async byId(id: string): Promise<SubmissionRow | undefined> {
    const [row] = await this.db.query<SubmissionRow>('SELECT * FROM gateway.submission WHERE id = $1', [id]);
    return row;
  }

  async byIdempotencyKey(key: string): Promise<SubmissionRow | undefined> {
    const [row] = await this.db.query<SubmissionRow>('SELECT * FROM gateway.submission WHERE idempotency_key = $1', [key]);
    return row;
  }

  items(submissionIds: readonly string[]): Promise<SubmissionItemRow[]> {
    return this.db.query<SubmissionItemRow>('SELECT * FROM gateway.submission_item WHERE submission_id = ANY($1) ORDER BY submission_id, position', [
      submissionIds,
    ]);
  }

  events(submissionIds: readonly string[]): Promise<SubmissionEventRow[]> {
    return this.db.query<SubmissionEventRow>('SELECT * FROM gateway.submission_event WHERE submission_id = ANY($1) ORDER BY id', [submissionIds]);
  }

  async itemByKey(idempotencyKey: string): Promise<SubmissionItemRow | undefined> {
    const [row] = await this.db.query<SubmissionItemRow>('SELECT * FROM gateway.submission_item WHERE idempotency_key = $1', [idempotencyKey]);
    return row;
  }

  /** Updates one item and records the change in the history, in one transaction (with `also`'s writes, e.g. a referral, the case's next step). */
  async updateItem(
    submissionId: string,
    itemCode: string,
    update: ItemUpdate,
    detail?: string,
    also?: (tx: Queryable, before: SubmissionItemRow) => Promise<void>,
  ): Promise<SubmissionItemRow> {
    return this.db.transaction(async (tx) => {
      const { before, after } = await this.updateItemIn(tx, submissionId, itemCode, update, detail);
      await also?.(tx, before);
      return after;
    });
  }

  /** One item's update and its history, inside the caller's transaction. */
  async updateItemIn(
    tx: Queryable,
    submissionId: string,
    itemCode: string,
    update: ItemUpdate,
    detail?: string,
  ): Promise<{ before: SubmissionItemRow; after: SubmissionItemRow }> {
    const [before] = await tx.query<SubmissionItemRow>('SELECT * FROM gateway.submission_item WHERE submission_id = $1 AND item_code = $2 FOR UPDATE', [
      submissionId,
      itemCode,
    ]);
    if (!before) throw new Error(`no item ${itemCode} in submission ${submissionId}`);
    const columns = Object.keys(update) as (keyof ItemUpdate)[];
    const json = (c: keyof ItemUpdate) => (c === 'rejection' || c === 'owed_decision') && update[c];
    const values = columns.map((c) => (json(c) ? JSON.stringify(update[c]) : update[c]));
    const [after] = await tx.query<SubmissionItemRow>(
      `UPDATE gateway.submission_item SET ${columns.map((c, i) => `${c} = $${i + 3}`).join(', ')}
        WHERE submission_id = $1 AND item_code = $2 RETURNING *`,
      [submissionId, itemCode, ...values],
    );
    if (update.status && update.status !== before.status) await this.event(tx, submissionId, itemCode, before.status, update.status, detail);
    else if (detail && update.last_error) await this.event(tx, submissionId, itemCode, before.status, before.status, detail);
    return { before, after: after! };
  }

  /** A submission's items inside a transaction, locked in position order (the case's next step is decided on them). */
  itemsForUpdate(tx: Queryable, submissionId: string): Promise<SubmissionItemRow[]> {
    return tx.query<SubmissionItemRow>('SELECT * FROM gateway.submission_item WHERE submission_id = $1 ORDER BY position FOR UPDATE', [submissionId]);
  }

  /** Items referred to other departments: what was sent, and their answers. */
  referrals(submissionIds: readonly string[]): Promise<ReferralRow[]> {
    return this.db.query<ReferralRow>('SELECT * FROM gateway.referral WHERE submission_id = ANY($1)', [submissionIds]);
  }

  /** Records a department's answer on a referred item still SENT; false when it was answered already. */
  async answerReferral(
    submissionId: string,
    itemCode: string,
    answer: { status: 'ACCEPTED' | 'REFUSED'; by: string; reason: string | null; reference: string | null },
  ): Promise<boolean> {
    const updated = await this.db.query(
      `UPDATE gateway.referral SET status = $3, answered_at = now(), answered_by = $4, refusal_reason = $5, department_reference = $6
        WHERE submission_id = $1 AND item_code = $2 AND status = 'SENT' RETURNING 1`,
      [submissionId, itemCode, answer.status, answer.by, answer.reason, answer.reference],
    );
    return updated.length > 0;
  }

  /** Sets the submission's status (derived from its items) and its promised finish date, and records a change. */
  async setStatus(submissionId: string, status: SubmissionStatus, finished: boolean, promisedBy?: string | null, at?: Date): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [before] = await tx.query<SubmissionRow>('SELECT status FROM gateway.submission WHERE id = $1 FOR UPDATE', [submissionId]);
      if (promisedBy !== undefined) await tx.query('UPDATE gateway.submission SET promised_by = $2 WHERE id = $1', [submissionId, promisedBy]);
      if (!before || before.status === status) {
        // The same status may still finish it (PARTIALLY_REJECTED once the last open item is answered).
        await tx.query(
          'UPDATE gateway.submission SET updated_at = now(), finished_at = CASE WHEN $2 THEN coalesce(finished_at, $3::timestamptz, now()) ELSE NULL END WHERE id = $1',
          [submissionId, finished, at ?? null],
        );
        return;
      }
      await tx.query(
        `UPDATE gateway.submission SET status = $2, updated_at = now(), finished_at = CASE WHEN $3 THEN coalesce(finished_at, $4::timestamptz, now()) ELSE NULL END WHERE id = $1`,
        [submissionId, status, finished, at ?? null],
      );
      await this.event(tx, submissionId, null, before.status, status);
    });
  }

  /** Takes the right to dispatch a submission for `seconds` (crash recovery waits for it to lapse). */
  async takeLease(submissionId: string, seconds: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE gateway.submission SET dispatch_lease_until = now() + make_interval(secs => $2)
        WHERE id = $1 AND (dispatch_lease_until IS NULL OR dispatch_lease_until < now()) RETURNING id`,
      [submissionId, seconds],
    );
    return rows.length === 1;
  }

  async releaseLease(submissionId: string): Promise<void> {
    await this.db.query('UPDATE gateway.submission SET dispatch_lease_until = NULL WHERE id = $1', [submissionId]);
  }

  /** Submissions with items still to dispatch (PENDING, or FAILED and due for a retry) or a decision owed to a subgraph, and no live lease. */
  async unfinishedSubmissionIds(limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT DISTINCT s.id, s.created_at FROM gateway.submission s JOIN gateway.submission_item i ON i.submission_id = s.id
        WHERE (i.status = 'PENDING' OR (i.status = 'FAILED' AND i.retryable AND (i.next_attempt_at IS NULL OR i.next_attempt_at <= now()))
               OR i.owed_decision IS NOT NULL)
          AND (s.dispatch_lease_until IS NULL OR s.dispatch_lease_until < now())
        ORDER BY s.created_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  async list(filter: SubmissionFilter): Promise<SubmissionRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.personKey) add('person_key = ?', filter.personKey);
    if (filter.actorSubject) add('actor_subject = ?', filter.actorSubject);
    if (filter.regionPrefix) add("region_code LIKE ? || '%'", filter.regionPrefix);
    if (filter.bundleCode) add('bundle_code = ?', filter.bundleCode);
    if (filter.status) add('status = ?', filter.status);
    if (filter.channel) add('channel = ?', filter.channel);
    if (filter.createdFrom) add('created_at >= ?::timestamptz', filter.createdFrom);
    if (filter.createdTo) add('created_at < ?::timestamptz', filter.createdTo);
    if (filter.after) {
      params.push(filter.after.createdAt, filter.after.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length})`);
    }
    params.push(filter.first + 1);
    return this.db.query<SubmissionRow>(
      `SELECT * FROM gateway.submission ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }

  private async event(tx: Queryable, submissionId: string, itemCode: string | null, from: string | null, to: string, detail?: string): Promise<void> {
    await tx.query('INSERT INTO gateway.submission_event (submission_id, item_code, from_status, to_status, detail) VALUES ($1, $2, $3, $4, $5)', [
      submissionId,
      itemCode,
      from,
      to,
      detail ?? null,
    ]);
  }
}
