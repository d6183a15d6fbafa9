import type { Database } from '../../src/db/database.js';
import type { Candidate, ProactivePolicyCode } from './policies.js';

export type RunPhase = 'LISTING' | 'OBJECTION_PERIOD' | 'HANDLING' | 'FINISHED';
export type CandidateStatus = 'PENDING' | 'HANDLED' | 'ALREADY_HANDLED' | 'NOT_ELIGIBLE';

export interface Confirmation {
  readonly kind: 'STAFF_CONFIRMED' | 'PUBLIC_NOTICE';
  /** The approval (审批) or the notice (公示) by its document number. */
  readonly reference: string;
  readonly objectionDays: number | null;
}

export interface RunRow {
  id: string;
  policy: ProactivePolicyCode;
  period: string;
  region_prefix: string;
  phase: RunPhase;
  confirmation: Confirmation;
  objection_until: string | null;
  started_by: string;
  started_at: Date;
  finished_at: Date | null;
  list_cursor: string | null;
  triggered: boolean;
  lease_until: Date | null;
  lease_owner: string | null;
}

export interface CandidateRow {
  run_id: string;
  subject: string;
  person_key: string;
  employer_credit_code: string | null;
  facts: Record<string, unknown>;
  status: CandidateStatus;
  outcome: string | null;
  submission_id: string | null;
}

export type RunCounts = Record<CandidateStatus, number> & { outcomes: Record<string, number> };

/** All SQL of 免申即办 runs. */
export class ProactiveStore {
  constructor(private readonly db: Database) {}

  async create(run: Pick<RunRow, 'id' | 'policy' | 'period' | 'region_prefix' | 'confirmation' | 'started_by' | 'objection_until'>): Promise<RunRow> {
    const [row] = await this.db.query<RunRow>(
      `INSERT INTO gateway.proactive_run (id, policy, period, region_prefix, phase, confirmation, objection_until, started_by)
       VALUES ($1, $2, $3, $4, 'LISTING', $5, $6, $7) RETURNING *`,
      [run.id, run.policy, run.period, run.region_prefix, JSON.stringify(run.confirmation), run.objection_until, run.started_by],
    );
    return row!;
  }

  async byId(id: string): Promise<RunRow | undefined> {
    const [row] = await this.db.query<RunRow>(`SELECT *, to_char(objection_until, 'YYYY-MM-DD') AS objection_until FROM gateway.proactive_run WHERE id = $1`, [
      id,
    ]);
    return row;
  }

  list(filter: { policy?: string; regionPrefix?: string; first: number }): Promise<RunRow[]> {
    return this.db.query<RunRow>(
      `SELECT *, to_char(objection_until, 'YYYY-MM-DD') AS objection_until FROM gateway.proactive_run
        WHERE ($1::text IS NULL OR policy = $1) AND ($2::text IS NULL OR region_prefix LIKE $2 || '%')
        ORDER BY started_at DESC, id DESC LIMIT $3`,
      [filter.policy ?? null, filter.regionPrefix ?? null, filter.first],
    );
  }

  /** Takes the run for `seconds` unless another gateway (another `owner`) holds it; renewing one's own lease is the same call. */
  async takeLease(id: string, owner: string, seconds: number): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE gateway.proactive_run SET lease_until = now() + make_interval(secs => $3), lease_owner = $2
        WHERE id = $1 AND phase <> 'FINISHED' AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $2) RETURNING id`,
      [id, owner, seconds],
    );
    return rows.length === 1;
  }

  async releaseLease(id: string): Promise<void> {
    await this.db.query('UPDATE gateway.proactive_run SET lease_until = NULL WHERE id = $1', [id]);
  }

  /** Runs not finished whose lease has lapsed (their gateway stopped or crashed), oldest first. */
  async resumable(limit: number): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM gateway.proactive_run WHERE phase <> 'FINISHED' AND (lease_until IS NULL OR lease_until < now()) ORDER BY started_at LIMIT $1`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /** One page of candidates stored and the cursor moved past it, in one transaction (a crash repeats the page, harmlessly). */
  async addPage(runId: string, candidates: readonly Candidate[], cursor: string | null, triggered: boolean): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (candidates.length > 0) {
        await tx.query(
          `INSERT INTO gateway.proactive_candidate (run_id, subject, person_key, employer_credit_code, facts, status)
           SELECT $1, c.subject, c.person_key, c.employer_credit_code, c.facts, 'PENDING'
             FROM jsonb_to_recordset($2::jsonb) AS c(subject text, person_key text, employer_credit_code text, facts jsonb)
           ON CONFLICT (run_id, subject) DO NOTHING`,
          [
            runId,
            JSON.stringify(
              candidates.map((c) => ({ subject: c.subject, person_key: c.personKey, employer_credit_code: c.employerCreditCode, facts: c.facts })),
            ),
          ],
        );
      }
      await tx.query('UPDATE gateway.proactive_run SET list_cursor = $2, triggered = $3 WHERE id = $1', [runId, cursor, triggered]);
    });
  }

  async setPhase(id: string, phase: RunPhase): Promise<void> {
    await this.db.query(`UPDATE gateway.proactive_run SET phase = $2, finished_at = CASE WHEN $2 = 'FINISHED' THEN now() END WHERE id = $1`, [id, phase]);
  }

  pending(runId: string, limit: number): Promise<CandidateRow[]> {
    return this.db.query<CandidateRow>(`SELECT * FROM gateway.proactive_candidate WHERE run_id = $1 AND status = 'PENDING' ORDER BY position LIMIT $2`, [
      runId,
      limit,
    ]);
  }

  async settle(
    runId: string,
    subject: string,
    status: Exclude<CandidateStatus, 'PENDING'>,
    outcome: string | null,
    submissionId: string | null,
  ): Promise<void> {
    await this.db.query(
      `UPDATE gateway.proactive_candidate SET status = $3, outcome = $4, submission_id = $5 WHERE run_id = $1 AND subject = $2 AND status = 'PENDING'`,
      [runId, subject, status, outcome, submissionId],
    );
  }

  async counts(runId: string): Promise<RunCounts> {
    const rows = await this.db.query<{ status: CandidateStatus; outcome: string | null; count: number }>(
      `SELECT status, outcome, count(*)::int AS count FROM gateway.proactive_candidate WHERE run_id = $1 GROUP BY 1, 2`,
      [runId],
    );
    const counts: RunCounts = { PENDING: 0, HANDLED: 0, ALREADY_HANDLED: 0, NOT_ELIGIBLE: 0, outcomes: {} };
    for (const row of rows) {
      counts[row.status] += Number(row.count);
      if (row.status === 'HANDLED' && row.outcome) counts.outcomes[row.outcome] = (counts.outcomes[row.outcome] ?? 0) + Number(row.count);
    }
    return counts;
  }
}
