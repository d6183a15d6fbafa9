import type { Queryable } from '../../src/db/database.js';

/** One item of a finished submission, as the data set states it. */
export interface FinishedItem {
  readonly code: string;
  /** Hours from the submission to the item finished. */
  readonly hours: number;
  /** 即时办结 (COMPLETED at dispatch, never 受理). */
  readonly instant?: boolean;
  readonly workingDays?: number | null;
  /** Finished by its due date (受理 items). */
  readonly onTime?: boolean;
  readonly status?: 'COMPLETED' | 'REJECTED';
}

export interface FinishedSubmission {
  readonly bundleCode: string;
  readonly channel?: string;
  /** Days before now it was made. */
  readonly daysAgo: number;
  readonly bundleLimitWorkingDays: number | null;
  readonly items: readonly FinishedItem[];
}

/**
 * Finished submissions and their items written straight into the gateway's tables, in one
 * statement each however many: a data set with known times for the speed-up statistics (tests,
 * and the bench's 100,000). No person is real: each gets an opaque key of its own.
 */
export async function insertFinishedSubmissions(db: Queryable, prefix: string, submissions: readonly FinishedSubmission[]): Promise<void> {
  const rows = submissions.map((s, n) => ({
    id: `${prefix}-${n}`,
    bundle: s.bundleCode,
    channel: s.channel ?? 'ONLINE',
    days: s.daysAgo,
    limit: s.bundleLimitWorkingDays,
    hours: Math.max(0, ...s.items.map((i) => i.hours)),
  }));
  await db.query(
    `INSERT INTO gateway.submission (id, idempotency_key, request_hash, bundle_code, mode, person_key, channel, status, applicant, shared_fields, materials, commitments,
       time_limit, created_at, updated_at, finished_at)
     SELECT r.id, r.id, 'data-set', r.bundle, 'PARALLEL', 'p' || md5(r.id), r.channel, 'COMPLETED', '{}', '{}', '[]', '[]',
            jsonb_build_object('workingDays', r."limit"),
            now() - make_interval(days => r.days), now(), now() - make_interval(days => r.days) + make_interval(secs => r.hours * 3600)
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, bundle text, channel text, days int, "limit" int, hours float8)`,
    [JSON.stringify(rows)],
  );
  const items = submissions.flatMap((s, n) =>
    s.items.map((item, position) => ({
      sid: `${prefix}-${n}`,
      code: item.code,
      position,
      days: s.daysAgo,
      hours: item.hours,
      instant: item.instant ?? false,
      wd: item.workingDays ?? null,
      ontime: item.onTime ?? true,
      status: item.status ?? 'COMPLETED',
    })),
  );
  await db.query(
    `INSERT INTO gateway.submission_item (submission_id, item_code, position, selection, owner, idempotency_key, fields, status, working_days,
       accepted_at, due_date, finished_at, met_due_date)
     SELECT i.sid, i.code, i.position, 'OPTIONAL', 'data-set', i.sid || ':' || i.code, '{}', i.status, i.wd,
            CASE WHEN i.instant THEN NULL ELSE now() - make_interval(days => i.days) END,
            CASE WHEN i.instant THEN NULL ELSE (now() - make_interval(days => i.days))::date + 14 END,
            now() - make_interval(days => i.days) + make_interval(secs => i.hours * 3600),
            CASE WHEN i.instant THEN true ELSE i.ontime END
       FROM jsonb_to_recordset($1::jsonb) AS i(sid text, code text, position int, days int, hours float8, instant boolean, wd int, ontime boolean, status text)`,
    [JSON.stringify(items)],
  );
}
