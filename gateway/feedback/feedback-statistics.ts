import type { Queryable } from '../../src/db/database.js';
import { MINIMUM_GROUP_SIZE, suppressSmallGroups, type Group } from '../audit/statistics-store.js';

export interface FeedbackStatisticsFilter {
  readonly from?: string;
  readonly to?: string;
  readonly bundleCode?: string;
}

const atLeastMinimum = (count: number) => (count > 0 && count < MINIMUM_GROUP_SIZE ? null : count);
const round2 = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/**
 * Aggregates of ratings, follow-ups and 办不成事 reports for analysts: counts and a median only,
 * small groups hidden as in `statistics`. Never a row, a comment, a rater or a staff member.
 */
export class FeedbackStatisticsStore {
  constructor(private readonly db: Queryable) {}

  async compute(filter: FeedbackStatisticsFilter, today: string) {
    const window = (column: string, bundleColumn: string) => {
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (filter.from) add(`${column} >= (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, filter.from);
      if (filter.to) add(`${column} < (?::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`, filter.to);
      if (filter.bundleCode) add(`${bundleColumn} = ?`, filter.bundleCode);
      return { where: where.length ? `AND ${where.join(' AND ')}` : '', params };
    };
    const groups = async (sql: string, params: unknown[]): Promise<Group[]> =>
      (await this.db.query<{ key: string; count: number }>(sql, params)).map((r) => ({ key: r.key, count: Number(r.count) }));

    const r = window('r.rated_at', 'r.bundle_code');
    const byLevel = (round: number) =>
      groups(`SELECT r.level AS key, count(*)::int AS count FROM gateway.rating r WHERE r.round = ${round} ${r.where} GROUP BY 1`, r.params);
    const [firstRound, secondRound, byBundle, [defaults]] = await Promise.all([
      byLevel(1),
      byLevel(2),
      groups(`SELECT r.bundle_code AS key, count(*)::int AS count FROM gateway.rating r WHERE r.round = 1 ${r.where} GROUP BY 1`, r.params),
      this.db.query<{ count: number }>(`SELECT count(*)::int AS count FROM gateway.rating r WHERE r.round = 1 AND r.source = 'DEFAULT' ${r.where}`, r.params),
    ]);

    const f = window('f.opened_at', 'r.bundle_code');
    const todayParam = `$${f.params.length + 1}`;
    const followUps = await groups(
      `SELECT CASE WHEN f.status = 'OPEN' AND f.due_date < ${todayParam}::date THEN 'OPEN_PAST_DUE'
                   WHEN f.status = 'OPEN' THEN 'OPEN'
                   WHEN (f.answered_at AT TIME ZONE 'Asia/Shanghai')::date <= f.due_date THEN 'ANSWERED_ON_TIME'
                   ELSE 'ANSWERED_LATE' END AS key, count(*)::int AS count
         FROM gateway.rating_follow_up f JOIN gateway.rating r ON r.id = f.rating_id WHERE true ${f.where} GROUP BY 1`,
      [...f.params, today],
    );

    const n = window('n.reported_at', 'n.bundle_code');
    const nToday = `$${n.params.length + 1}`;
    const [byReason, byState, [median]] = await Promise.all([
      groups(`SELECT n.reason AS key, count(*)::int AS count FROM gateway.not_done_report n WHERE true ${n.where} GROUP BY 1`, n.params),
      groups(
        `SELECT CASE WHEN n.status = 'OPEN' AND n.due_date < ${nToday}::date THEN 'OPEN_PAST_DUE'
                     WHEN n.status = 'OPEN' THEN 'OPEN'
                     WHEN (n.answered_at AT TIME ZONE 'Asia/Shanghai')::date <= n.due_date THEN 'ANSWERED_ON_TIME'
                     ELSE 'ANSWERED_LATE' END AS key, count(*)::int AS count
           FROM gateway.not_done_report n WHERE true ${n.where} GROUP BY 1`,
        [...n.params, today],
      ),
      this.db.query<{ median: number | null; count: number }>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM n.answered_at - n.reported_at) / 3600) AS median, count(n.answered_at)::int AS count
           FROM gateway.not_done_report n WHERE n.answered_at IS NOT NULL ${n.where}`,
        n.params,
      ),
    ]);
    const bad = firstRound.filter((g) => g.key === 'DISSATISFIED' || g.key === 'VERY_DISSATISFIED').reduce((sum, g) => sum + g.count, 0);
    return {
      minimumGroupSize: MINIMUM_GROUP_SIZE,
      ratingsByLevel: suppressSmallGroups(firstRound),
      defaultRatings: atLeastMinimum(Number(defaults?.count ?? 0)),
      ratingsByBundle: suppressSmallGroups(byBundle),
      badRatings: atLeastMinimum(bad),
      reRatingsByLevel: suppressSmallGroups(secondRound),
      followUps: suppressSmallGroups(followUps),
      notDoneByReason: suppressSmallGroups(byReason),
      notDoneByState: suppressSmallGroups(byState),
      notDoneMedianAnswerHours: median && Number(median.count) >= MINIMUM_GROUP_SIZE && median.median !== null ? round2(Number(median.median)) : null,
    };
  }
}
