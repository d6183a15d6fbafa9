import type { Queryable } from '../../src/db/database.js';
import type { StatisticsFilter } from '../audit/statistics-store.js';

/** One item code's times in a window: counts and hours, before any small group is hidden. */
export interface RawItemSpeed {
  readonly itemCode: string;
  readonly finished: number;
  readonly instant: number;
  readonly dueFinished: number;
  readonly onTime: number;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
}

/** One bundle's times: its submissions finished, and the limits promised and separately summed. */
export interface RawBundleSpeed {
  readonly bundleCode: string;
  readonly finished: number;
  readonly medianHours: number | null;
  readonly p90Hours: number | null;
  readonly bundleLimitWorkingDays: number | null;
  readonly separateLimitsWorkingDays: number | null;
}

const num = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/**
 * 提速办 measured from the gateway's own tables: how long items and bundles actually took, from the
 * submission to the item (or the last item) finished. Aggregates only; never a row.
 */
export class SpeedUpStore {
  constructor(private readonly db: Queryable) {}

  async compute(filter: StatisticsFilter): Promise<{ items: RawItemSpeed[]; bundles: RawBundleSpeed[] }> {
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
    const window = `WITH s AS (SELECT id, bundle_code, created_at, finished_at, time_limit FROM gateway.submission ${where.length ? `WHERE ${where.join(' AND ')}` : ''})`;
    const [items, bundles] = await Promise.all([
      // Finished by the agency (办结 or 不予批准): instant when completed at dispatch, never 受理.
      this.db.query<Record<string, unknown>>(
        `${window}
         SELECT i.item_code,
                count(*)::int AS finished,
                count(*) FILTER (WHERE i.status = 'COMPLETED' AND i.accepted_at IS NULL)::int AS instant,
                count(*) FILTER (WHERE i.accepted_at IS NOT NULL AND i.due_date IS NOT NULL)::int AS due_finished,
                count(*) FILTER (WHERE i.accepted_at IS NOT NULL AND i.due_date IS NOT NULL AND i.met_due_date)::int AS on_time,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.finished_at - s.created_at)) / 3600 AS median_hours,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM i.finished_at - s.created_at)) / 3600 AS p90_hours
           FROM gateway.submission_item i JOIN s ON s.id = i.submission_id
          WHERE i.finished_at IS NOT NULL AND i.status IN ('COMPLETED', 'REJECTED')
          GROUP BY 1`,
        params,
      ),
      // A bundle's submissions finished: the time to the last item, the bundle's limit (the one
      // promised when it was submitted) and the sum of its items' own limits (applying one by one).
      this.db.query<Record<string, unknown>>(
        `${window},
         per AS (
           SELECT s.bundle_code,
                  extract(epoch FROM s.finished_at - s.created_at) / 3600 AS hours,
                  (s.time_limit ->> 'workingDays')::numeric AS bundle_limit,
                  (SELECT sum(i.working_days) FROM gateway.submission_item i WHERE i.submission_id = s.id) AS separate
             FROM s WHERE s.finished_at IS NOT NULL)
         SELECT bundle_code, count(*)::int AS finished,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) AS median_hours,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) AS p90_hours,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY bundle_limit) AS bundle_limit,
                percentile_cont(0.5) WITHIN GROUP (ORDER BY separate) AS separate
           FROM per GROUP BY 1`,
        params,
      ),
    ]);
    return {
      items: items.map((r) => ({
        itemCode: String(r.item_code),
        finished: Number(r.finished),
        instant: Number(r.instant),
        dueFinished: Number(r.due_finished),
        onTime: Number(r.on_time),
        medianHours: num(r.median_hours),
        p90Hours: num(r.p90_hours),
      })),
      bundles: bundles.map((r) => ({
        bundleCode: String(r.bundle_code),
        finished: Number(r.finished),
        medianHours: num(r.median_hours),
        p90Hours: num(r.p90_hours),
        bundleLimitWorkingDays: num(r.bundle_limit),
        separateLimitsWorkingDays: num(r.separate),
      })),
    };
  }
}
