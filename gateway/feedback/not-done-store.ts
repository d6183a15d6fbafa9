import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import type { NotDoneReason, NotDoneResolution } from './feedback-input.js';

export interface NotDoneRow {
  id: string;
  submission_id: string | null;
  bundle_code: string | null;
  item_code: string | null;
  person_key: string;
  region_code: string | null;
  reason: NotDoneReason;
  detail: string;
  reporter_subject: string;
  reporter_role: string;
  owner: string;
  due_date: string;
  status: 'OPEN' | 'ANSWERED';
  answer: string | null;
  resolution: NotDoneResolution | null;
  answered_at: Date | null;
  reported_at: Date;
}

export type NewNotDoneReport = Omit<NotDoneRow, 'id' | 'status' | 'answer' | 'resolution' | 'answered_at' | 'reported_at'>;

const COLUMNS = `id, submission_id, bundle_code, item_code, person_key, region_code, reason, detail, reporter_subject, reporter_role, owner,
  to_char(due_date, 'YYYY-MM-DD') AS due_date, status, answer, resolution, answered_at, reported_at`;

/** Who may see which reports: a clerk's region, a citizen's own, the ones a proxy made. */
export type NotDoneScope = { readonly regionPrefix: string } | { readonly personKey: string } | { readonly reporterSubject: string };

/** SQL of 办不成事 reports (人社部发〔2022〕59号 (九): the 办不成事 window). */
export class NotDoneStore {
  constructor(private readonly db: Database) {}

  async insert(report: NewNotDoneReport): Promise<NotDoneRow> {
    const [row] = await this.db.query<NotDoneRow>(
      `INSERT INTO gateway.not_done_report (id, submission_id, bundle_code, item_code, person_key, region_code, reason, detail, reporter_subject, reporter_role, owner, due_date, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'OPEN') RETURNING ${COLUMNS}`,
      [
        `ndr_${randomUUID()}`,
        report.submission_id,
        report.bundle_code,
        report.item_code,
        report.person_key,
        report.region_code,
        report.reason,
        report.detail,
        report.reporter_subject,
        report.reporter_role,
        report.owner,
        report.due_date,
      ],
    );
    return row!;
  }

  async byId(id: string): Promise<NotDoneRow | undefined> {
    const [row] = await this.db.query<NotDoneRow>(`SELECT ${COLUMNS} FROM gateway.not_done_report WHERE id = $1`, [id]);
    return row;
  }

  async list(scope: NotDoneScope, filter: { status?: 'OPEN' | 'ANSWERED'; overdue?: boolean; today: string; first: number }): Promise<NotDoneRow[]> {
    const [where, value] =
      'regionPrefix' in scope
        ? [`coalesce(region_code, '') LIKE $1 || '%'`, scope.regionPrefix]
        : 'personKey' in scope
          ? ['person_key = $1', scope.personKey]
          : ['reporter_subject = $1', scope.reporterSubject];
    return this.db.query<NotDoneRow>(
      `SELECT ${COLUMNS} FROM gateway.not_done_report
        WHERE ${where} AND ($2::text IS NULL OR status = $2) AND (NOT $3::boolean OR (status = 'OPEN' AND due_date < $4::date))
        ORDER BY status = 'OPEN' DESC, due_date, reported_at LIMIT $5`,
      [value, filter.status ?? null, filter.overdue ?? false, filter.today, filter.first],
    );
  }

  /** The answer, once: null when it was answered before. */
  async answer(id: string, answer: string, resolution: NotDoneResolution, answeredBy: string): Promise<NotDoneRow | null> {
    const [row] = await this.db.query<NotDoneRow>(
      `UPDATE gateway.not_done_report SET status = 'ANSWERED', answer = $2, resolution = $3, answered_by = $4, answered_at = now()
        WHERE id = $1 AND status = 'OPEN' RETURNING ${COLUMNS}`,
      [id, answer, resolution, answeredBy],
    );
    return row ?? null;
  }
}
