import type { Migration } from '../../src/db/migrations.js';

/**
 * 好差评 ratings, their 差评 follow-ups, 办不成事 reports and 绿色通道 priorities: tables of their
 * own beside the submissions (numbered 2xx, after the audit trail's 1xx). No column names a staff
 * member who handled the case: a rating is about the service, and analysts read counts only.
 */
export const feedbackMigrations: readonly Migration[] = [
  {
    id: '210-ratings',
    sql: `
      CREATE TABLE gateway.rating (
        id             text PRIMARY KEY,
        submission_id  text NOT NULL REFERENCES gateway.submission (id),
        -- '' for the whole case; an item's code for an item finished on its own.
        item_code      text NOT NULL DEFAULT '',
        -- 1: the rating; 2: the rating again after a 差评's follow-up was answered (once).
        round          smallint NOT NULL CHECK (round IN (1, 2)),
        level          text NOT NULL CHECK (level IN ('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED')),
        dimensions     text[] NOT NULL DEFAULT '{}',
        -- The rater's own words (personal data possibly): stored, shown to the case's readers, never logged.
        comment        text,
        source         text NOT NULL CHECK (source IN ('APPLICANT', 'PROXY', 'COUNTER_DEVICE', 'TERMINAL', 'DEFAULT')),
        rater_subject  text NOT NULL,
        rater_role     text NOT NULL,
        bundle_code    text NOT NULL,
        region_code    text,
        rated_at       timestamptz NOT NULL DEFAULT now(),
        UNIQUE (submission_id, item_code, round)
      );
      CREATE INDEX rating_rated ON gateway.rating (rated_at DESC);

      CREATE TABLE gateway.rating_follow_up (
        id              text PRIMARY KEY,
        rating_id       text NOT NULL UNIQUE REFERENCES gateway.rating (id),
        submission_id   text NOT NULL REFERENCES gateway.submission (id),
        region_code     text,
        -- Who answers for it: the department owning the item, or the bundle's lead for the case.
        owner           text NOT NULL,
        due_date        date NOT NULL,
        status          text NOT NULL CHECK (status IN ('OPEN', 'ANSWERED')),
        contacted_at    timestamptz,
        contact_note    text,
        correction      text,
        reply           text,
        handled_by      text,
        answered_at     timestamptz,
        opened_at       timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX rating_follow_up_open ON gateway.rating_follow_up (status, due_date);
    `,
  },
  {
    id: '211-not-done-reports',
    sql: `
      CREATE TABLE gateway.not_done_report (
        id               text PRIMARY KEY,
        -- The case, when there is one (a person may also report what they could not even apply for).
        submission_id    text REFERENCES gateway.submission (id),
        bundle_code      text,
        item_code        text,
        person_key       text NOT NULL,
        region_code      text,
        reason           text NOT NULL,
        detail           text NOT NULL,
        reporter_subject text NOT NULL,
        reporter_role    text NOT NULL,
        owner            text NOT NULL,
        due_date         date NOT NULL,
        status           text NOT NULL CHECK (status IN ('OPEN', 'ANSWERED')),
        answer           text,
        resolution       text,
        answered_by      text,
        answered_at      timestamptz,
        reported_at      timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX not_done_report_person ON gateway.not_done_report (person_key, reported_at DESC);
      CREATE INDEX not_done_report_open ON gateway.not_done_report (status, due_date);
    `,
  },
  {
    id: '212-submission-priority',
    sql: `
      CREATE TABLE gateway.submission_priority (
        submission_id  text PRIMARY KEY REFERENCES gateway.submission (id),
        reason         text NOT NULL CHECK (reason IN ('ELDERLY', 'DISABLED', 'HOME_VISIT')),
        percent        integer NOT NULL,
        set_by_subject text NOT NULL,
        set_by_role    text NOT NULL,
        set_at         timestamptz NOT NULL DEFAULT now()
      );
      -- The worklist: ACCEPTED items by due date.
      CREATE INDEX submission_item_accepted_due ON gateway.submission_item (due_date, accepted_at) WHERE status = 'ACCEPTED';
    `,
  },
];
