import type { Database } from '../../src/db/database.js';
import type { PriorityReason } from './priority.js';

export interface WorklistFilter {
  /** The clerk's region prefix, or a narrower one within it. */
  readonly regionPrefix: string;
  readonly owner?: string;
  readonly dueBy?: string;
  readonly priority?: boolean;
  readonly pastDue?: boolean;
  /** Today in China: what "past due" is measured against. */
  readonly today: string;
  readonly first: number;
  readonly offset: number;
}

export interface WorkItemRow {
  submission_id: string;
  item_code: string;
  owner: string;
  bundle_code: string;
  region_code: string | null;
  person_key: string;
  applicant_name: string | null;
  accepted_at: Date;
  due_date: string | null;
  past_due: boolean;
  priority: PriorityReason | null;
}

/**
 * A counter's worklist: the ACCEPTED items waiting for a decision. Order: past due first; then
 * 绿色通道 cases; then the rest — each group by due date (none last), then by when accepted.
 */
export class WorklistStore {
  constructor(private readonly db: Database) {}

  async list(filter: WorklistFilter): Promise<{ total: number; pastDue: number; rows: WorkItemRow[] }> {
    const params: unknown[] = [filter.regionPrefix, filter.today];
    const where = [`i.status = 'ACCEPTED'`, `coalesce(s.region_code, '') LIKE $1 || '%'`];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.owner) add('i.owner = ?', filter.owner);
    if (filter.dueBy) add('i.due_date <= ?::date', filter.dueBy);
    if (filter.priority !== undefined) where.push(filter.priority ? 'p.reason IS NOT NULL' : 'p.reason IS NULL');
    if (filter.pastDue !== undefined) where.push(filter.pastDue ? 'i.due_date < $2::date' : '(i.due_date IS NULL OR i.due_date >= $2::date)');
    const from = `FROM gateway.submission_item i JOIN gateway.submission s ON s.id = i.submission_id
      LEFT JOIN gateway.submission_priority p ON p.submission_id = i.submission_id WHERE ${where.join(' AND ')}`;
    const [count] = await this.db.query<{ total: number; past_due: number }>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE i.due_date < $2::date)::int AS past_due ${from}`,
      params,
    );
    const rows = await this.db.query<WorkItemRow>(
      `SELECT i.submission_id, i.item_code, i.owner, s.bundle_code, s.region_code, s.person_key, s.applicant ->> 'name' AS applicant_name,
              i.accepted_at, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, coalesce(i.due_date < $2::date, false) AS past_due, p.reason AS priority
         ${from}
        ORDER BY coalesce(i.due_date < $2::date, false) DESC, (p.reason IS NOT NULL) DESC, i.due_date ASC NULLS LAST, i.accepted_at ASC, i.submission_id, i.item_code
        LIMIT ${filter.first} OFFSET ${filter.offset}`,
      params,
    );
    return { total: Number(count?.total ?? 0), pastDue: Number(count?.past_due ?? 0), rows };
  }
}
