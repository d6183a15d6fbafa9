import type { Queryable } from '../../src/db/database.js';

/** Counts below this are never shown: a group of fewer submissions or items may point at one person. */
export const MINIMUM_GROUP_SIZE = 5;

export interface StatisticsFilter {
  /** First day (YYYY-MM-DD, China time) of the window, inclusive. */
  readonly from?: string;
  /** Day (YYYY-MM-DD, China time) the window ends before. */
  readonly to?: string;
  readonly bundleCode?: string;
  readonly channel?: string;
}

export interface Group {
  readonly key: string;
  readonly count: number;
}

export interface RawStatistics {
  readonly submissions: number;
  readonly byBundle: Group[];
  readonly byStatus: Group[];
  readonly byChannel: Group[];
  readonly itemsByStatus: Group[];
  readonly dueDates: { finishedOnTime: number; finishedLate: number; openPastDue: number; openWithinDue: number };
  readonly itemCompletion: { median: number | null; count: number };
  readonly submissionCompletion: { median: number | null; count: number };
}

/** Aggregates of `gateway.submission` and `gateway.submission_item`: counts only, never a row. */
export class StatisticsStore {
  constructor(private readonly db: Queryable) {}

  async compute(filter: StatisticsFilter): Promise<RawStatistics> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.from) add(`created_at >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, filter.from);
    if (filter.to) add(`created_at < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, filter.to);
    if (filter.bundleCode) add('bundle_code = ?', filter.bundleCode);
    if (filter.channel) add('channel = ?', filter.channel);
    const window = `WITH s AS (SELECT id, bundle_code, status, channel, created_at, finished_at FROM gateway.submission ${where.length ? `WHERE ${where.join(' AND ')}` : ''}),
      i AS (SELECT i.* FROM gateway.submission_item i JOIN s ON s.id = i.submission_id)`;
    const groups = (sql: string) => this.db.query<Group>(`${window} ${sql}`, params).then((rows) => rows.map((r) => ({ key: r.key, count: Number(r.count) })));
    const [byBundle, byStatus, byChannel, itemsByStatus, [due], [items], [submissions]] = await Promise.all([
      groups('SELECT bundle_code AS key, count(*)::int AS count FROM s GROUP BY 1'),
      groups('SELECT status AS key, count(*)::int AS count FROM s GROUP BY 1'),
      groups('SELECT channel AS key, count(*)::int AS count FROM s GROUP BY 1'),
      groups('SELECT status AS key, count(*)::int AS count FROM i GROUP BY 1'),
      this.db.query<Record<string, number>>(
        `${window} SELECT
           count(*) FILTER (WHERE finished_at IS NOT NULL AND met_due_date)::int AS on_time,
           count(*) FILTER (WHERE finished_at IS NOT NULL AND NOT met_due_date)::int AS late,
           count(*) FILTER (WHERE finished_at IS NULL AND status = 'ACCEPTED' AND due_date < (now() AT TIME ZONE 'Asia/Shanghai')::date)::int AS open_past_due,
           count(*) FILTER (WHERE finished_at IS NULL AND status = 'ACCEPTED' AND due_date >= (now() AT TIME ZONE 'Asia/Shanghai')::date)::int AS open_within_due
         FROM i WHERE accepted_at IS NOT NULL AND due_date IS NOT NULL`,
        params,
      ),
      this.db.query<{ median: number | null; count: number }>(
        `${window} SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - accepted_at)) / 3600 AS median, count(*)::int AS count
         FROM i WHERE accepted_at IS NOT NULL AND finished_at IS NOT NULL`,
        params,
      ),
      this.db.query<{ median: number | null; count: number }>(
        `${window} SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - created_at)) / 3600 AS median, count(*)::int AS count
         FROM s WHERE finished_at IS NOT NULL`,
        params,
      ),
    ]);
    const median = (row: { median: number | null; count: number } | undefined) => ({
      median: row?.median === null || row?.median === undefined ? null : Number(row.median),
      count: Number(row?.count ?? 0),
    });
    return {
      submissions: byStatus.reduce((sum, g) => sum + g.count, 0),
      byBundle,
      byStatus,
      byChannel,
      itemsByStatus,
      dueDates: {
        finishedOnTime: Number(due?.on_time ?? 0),
        finishedLate: Number(due?.late ?? 0),
        openPastDue: Number(due?.open_past_due ?? 0),
        openWithinDue: Number(due?.open_within_due ?? 0),
      },
      itemCompletion: median(items),
      submissionCompletion: median(submissions),
    };
  }
}

/**
 * Small-cell suppression of one grouping: a count from 1 to `minimum - 1` is hidden (null); and
 * while the hidden counts are a single group or add up to less than `minimum` (which a total
 * would give away by subtraction), the smallest shown group is hidden too. Zero is shown: it
 * points at nobody.
 */
export function suppressSmallGroups<K extends string>(
  groups: readonly { key: K; count: number }[],
  minimum = MINIMUM_GROUP_SIZE,
): { key: K; count: number | null }[] {
  const sorted = [...groups].sort((a, b) => a.count - b.count || a.key.localeCompare(b.key));
  const hidden = new Set(sorted.filter((g) => g.count > 0 && g.count < minimum).map((g) => g.key));
  const hiddenSum = () => sorted.filter((g) => hidden.has(g.key)).reduce((sum, g) => sum + g.count, 0);
  while (hidden.size > 0 && (hidden.size < 2 || hiddenSum() < minimum)) {
    const next = sorted.find((g) => g.count > 0 && !hidden.has(g.key));
    if (!next) break;
    hidden.add(next.key);
  }
  return groups.map((g) => ({ key: g.key, count: hidden.has(g.key) ? null : g.count }));
}
