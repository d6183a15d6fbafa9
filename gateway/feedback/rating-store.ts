import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import { addDays, todayInChina } from '../../src/policy/calendar.js';
import { deadline, type Period } from './feedback-policy.js';
import type { RatingDimension, RatingLevel } from './feedback-input.js';

export type RatingSource = 'APPLICANT' | 'PROXY' | 'COUNTER_DEVICE' | 'TERMINAL' | 'DEFAULT';

export interface RatingRow {
  id: string;
  submission_id: string;
  item_code: string;
  round: number;
  level: RatingLevel;
  dimensions: RatingDimension[];
  comment: string | null;
  source: RatingSource;
  rated_at: Date;
}

export interface FollowUpRow {
  id: string;
  rating_id: string;
  submission_id: string;
  region_code: string | null;
  owner: string;
  due_date: string;
  status: 'OPEN' | 'ANSWERED';
  contacted_at: Date | null;
  contact_note: string | null;
  correction: string | null;
  reply: string | null;
  answered_at: Date | null;
  opened_at: Date;
  /** Whether the rating again (round 2) exists already. */
  rated_again: boolean;
}

export interface NewRating {
  readonly submissionId: string;
  readonly itemCode: string;
  readonly round: 1 | 2;
  readonly level: RatingLevel;
  readonly dimensions: readonly RatingDimension[];
  readonly comment: string | null;
  readonly source: Exclude<RatingSource, 'DEFAULT'>;
  readonly raterSubject: string;
  readonly raterRole: string;
  readonly bundleCode: string;
  readonly regionCode: string | null;
  /** A 差评 of the first round opens a follow-up. */
  readonly followUp: { readonly owner: string; readonly dueDate: string } | null;
}

const UNIQUE_VIOLATION = '23505';
const RATING_COLUMNS = 'id, submission_id, item_code, round, level, dimensions, comment, source, rated_at';
const FOLLOW_UP_COLUMNS = `f.id, f.rating_id, f.submission_id, f.region_code, f.owner, to_char(f.due_date, 'YYYY-MM-DD') AS due_date, f.status,
  f.contacted_at, f.contact_note, f.correction, f.reply, f.answered_at, f.opened_at,
  EXISTS (SELECT 1 FROM gateway.rating again JOIN gateway.rating first ON first.id = f.rating_id
          WHERE again.submission_id = first.submission_id AND again.item_code = first.item_code AND again.round = 2) AS rated_again`;

/**
 * The last day (China date) a case finished on may have been finished and still be open for rating
 * on `today`: every case finished on it or before has its period over. The period ends on
 * `deadline(finished, period)`; the rating is open through that day.
 */
export function lastClosedFinishDay(today: string, period: Period, holidays: ReadonlySet<string>): string {
  let day = addDays(today, -period.days);
  // A calendar period ending on a rest day runs to the next working day: step back until it is over.
  while (deadline(day, period, holidays) >= today) day = addDays(day, -1);
  return day;
}

/** SQL of 好差评: ratings, the default ones, and 差评 follow-ups. */
export class RatingStore {
  constructor(
    private readonly db: Database,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  today(): string {
    return todayInChina(this.clock());
  }

  /**
   * 默认好评: every finished case whose period is over and that has no rating of its own gets one,
   * 满意, source DEFAULT, dated at the end of its period. Idempotent (the unique key); run before
   * anything reads or writes ratings, so nothing depends on a timer having run.
   */
  async recordDefaults(period: Period, holidays: ReadonlySet<string>, submissionId?: string): Promise<number> {
    const closedThrough = lastClosedFinishDay(this.today(), period, holidays);
    const rows = await this.db.query<{ id: string }>(
      `INSERT INTO gateway.rating (id, submission_id, item_code, round, level, source, rater_subject, rater_role, bundle_code, region_code, rated_at)
       SELECT 'rat_' || gen_random_uuid(), s.id, '', 1, 'SATISFIED', 'DEFAULT', 'system', 'system', s.bundle_code, s.region_code,
              s.finished_at + make_interval(days => $2::int)
         FROM gateway.submission s
        WHERE s.finished_at IS NOT NULL
          AND s.finished_at < (($1::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND ($3::text IS NULL OR s.id = $3)
          AND NOT EXISTS (SELECT 1 FROM gateway.rating r WHERE r.submission_id = s.id AND r.item_code = '' AND r.round = 1)
       ON CONFLICT (submission_id, item_code, round) DO NOTHING
       RETURNING id`,
      [closedThrough, period.days, submissionId ?? null],
    );
    return rows.length;
  }

  /** Whether a case (or item) finished at `finishedAt` is past its rating period `today`. */
  periodOver(finishedAt: Date, period: Period, holidays: ReadonlySet<string>): boolean {
    return todayInChina(finishedAt) <= lastClosedFinishDay(this.today(), period, holidays);
  }

  async ratingsOf(submissionId: string): Promise<RatingRow[]> {
    return this.db.query<RatingRow>(`SELECT ${RATING_COLUMNS} FROM gateway.rating WHERE submission_id = $1 ORDER BY item_code, round`, [submissionId]);
  }

  async followUpsOfRatings(ratingIds: readonly string[]): Promise<FollowUpRow[]> {
    if (ratingIds.length === 0) return [];
    return this.db.query<FollowUpRow>(`SELECT ${FOLLOW_UP_COLUMNS} FROM gateway.rating_follow_up f WHERE f.rating_id = ANY($1)`, [ratingIds]);
  }

  /** The rating and, for a first-round 差评, its follow-up, in one transaction. Null: that rating exists already. */
  async insert(rating: NewRating): Promise<RatingRow | null> {
    try {
      return await this.db.transaction(async (tx) => {
        const [row] = await tx.query<RatingRow>(
          `INSERT INTO gateway.rating (id, submission_id, item_code, round, level, dimensions, comment, source, rater_subject, rater_role, bundle_code, region_code)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${RATING_COLUMNS}`,
          [
            `rat_${randomUUID()}`,
            rating.submissionId,
            rating.itemCode,
            rating.round,
            rating.level,
            rating.dimensions,
            rating.comment,
            rating.source,
            rating.raterSubject,
            rating.raterRole,
            rating.bundleCode,
            rating.regionCode,
          ],
        );
        if (rating.followUp) {
          await tx.query(
            `INSERT INTO gateway.rating_follow_up (id, rating_id, submission_id, region_code, owner, due_date, status)
             VALUES ($1, $2, $3, $4, $5, $6, 'OPEN')`,
            [`fol_${randomUUID()}`, row!.id, rating.submissionId, rating.regionCode, rating.followUp.owner, rating.followUp.dueDate],
          );
        }
        return row!;
      });
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return null;
      throw error;
    }
  }

  async followUp(id: string): Promise<FollowUpRow | undefined> {
    const [row] = await this.db.query<FollowUpRow>(`SELECT ${FOLLOW_UP_COLUMNS} FROM gateway.rating_follow_up f WHERE f.id = $1`, [id]);
    return row;
  }

  /** Follow-ups of a region (prefix), open first, by due date. */
  async followUps(filter: { regionPrefix: string; status?: 'OPEN' | 'ANSWERED'; overdue?: boolean; first: number }): Promise<FollowUpRow[]> {
    return this.db.query<FollowUpRow>(
      `SELECT ${FOLLOW_UP_COLUMNS} FROM gateway.rating_follow_up f
        WHERE coalesce(f.region_code, '') LIKE $1 || '%'
          AND ($2::text IS NULL OR f.status = $2)
          AND (NOT $3::boolean OR (f.status = 'OPEN' AND f.due_date < $4::date))
        ORDER BY f.status = 'OPEN' DESC, f.due_date, f.opened_at
        LIMIT $5`,
      [filter.regionPrefix, filter.status ?? null, filter.overdue ?? false, this.today(), filter.first],
    );
  }

  /**
   * Records handling; a reply answers the follow-up. Fields already recorded stay unless given
   * again. Null: the follow-up was answered before (a reply is final).
   */
  async recordHandling(
    id: string,
    handling: { contactedAt: string | null; contactNote: string | null; correction: string | null; reply: string | null },
    handledBy: string,
  ): Promise<FollowUpRow | null> {
    const rows = await this.db.query<{ id: string }>(
      `UPDATE gateway.rating_follow_up
          SET contacted_at = coalesce($2::timestamptz, contacted_at),
              contact_note = coalesce($3, contact_note),
              correction = coalesce($4, correction),
              reply = coalesce($5, reply),
              handled_by = $6,
              status = CASE WHEN $5::text IS NULL THEN status ELSE 'ANSWERED' END,
              answered_at = CASE WHEN $5::text IS NULL THEN answered_at ELSE now() END
        WHERE id = $1 AND status = 'OPEN'
        RETURNING id`,
      [id, handling.contactedAt, handling.contactNote, handling.correction, handling.reply, handledBy],
    );
    return rows.length ? ((await this.followUp(id)) ?? null) : null;
  }
}
