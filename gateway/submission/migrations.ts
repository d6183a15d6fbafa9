import type { Migration } from '../../src/db/migrations.js';

/** The gateway's own tables: submissions, their items (the outbox) and their history. */
export const gatewayMigrations: readonly Migration[] = [
  {
    id: '001-submissions',
    sql: `
      CREATE TABLE gateway.submission (
        id                   text PRIMARY KEY,
        idempotency_key      text NOT NULL UNIQUE,
        request_hash         text NOT NULL,
        bundle_code          text NOT NULL,
        scenario             text,
        mode                 text NOT NULL CHECK (mode IN ('PARALLEL', 'SERIAL', 'MERGED')),
        person_key           text NOT NULL,
        employer_credit_code text,
        channel              text NOT NULL,
        status               text NOT NULL,
        -- What dispatch needs after a restart: the applicant and the shared form (personal data,
        -- kept here as the system of record; never in logs).
        applicant            jsonb NOT NULL,
        shared_fields        jsonb NOT NULL,
        materials            jsonb NOT NULL,
        commitments          jsonb NOT NULL,
        time_limit           jsonb,
        dispatch_lease_until timestamptz,
        created_at           timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        finished_at          timestamptz
      );
      CREATE INDEX submission_person ON gateway.submission (person_key, created_at DESC);
      CREATE INDEX submission_created ON gateway.submission (created_at DESC, id DESC);

      CREATE TABLE gateway.submission_item (
        submission_id   text NOT NULL REFERENCES gateway.submission (id),
        item_code       text NOT NULL,
        position        integer NOT NULL,
        selection       text NOT NULL,
        added_reason    text,
        owner           text NOT NULL,
        mutation        text,
        idempotency_key text NOT NULL UNIQUE,
        fields          jsonb NOT NULL,
        status          text NOT NULL CHECK (status IN ('PENDING', 'COMPLETED', 'ACCEPTED', 'REJECTED', 'FAILED', 'SKIPPED', 'REFERRED')),
        attempts        integer NOT NULL DEFAULT 0,
        retryable       boolean NOT NULL DEFAULT true,
        next_attempt_at timestamptz,
        last_error      text,
        record_type     text,
        record_id       text,
        reference       text,
        rejection       jsonb,
        skip_reason     text,
        working_days    integer,
        accepted_at     timestamptz,
        due_date        date,
        finished_at     timestamptz,
        met_due_date    boolean,
        PRIMARY KEY (submission_id, item_code)
      );
      CREATE INDEX submission_item_unfinished ON gateway.submission_item (status, next_attempt_at) WHERE status IN ('PENDING', 'FAILED');

      CREATE TABLE gateway.submission_event (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        submission_id text NOT NULL REFERENCES gateway.submission (id),
        item_code     text,
        from_status   text,
        to_status     text NOT NULL,
        detail        text,
        at            timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX submission_event_submission ON gateway.submission_event (submission_id, id);
    `,
  },
  {
    // Statutes that count calendar days (单位参保登记 15 日, 劳动能力鉴定 and 工伤认定 60 日) give their
    // items a due date too: the limit is kept beside working_days, one of the two at most.
    id: '002-item-calendar-days',
    sql: `ALTER TABLE gateway.submission_item ADD COLUMN calendar_days integer;`,
  },
];

/**
 * The two roles of a submission (after the audit trail, whose events record them too): the subject
 * (a person, or an employer by its credit code) and the applicant (the subject, a family member,
 * an employer's handler) with the applicant's own person key.
 */
export const rolesMigrations: readonly Migration[] = [
  {
    id: '110-submission-roles',
    sql: `
      ALTER TABLE gateway.submission ADD COLUMN roles jsonb;
      CREATE INDEX submission_applicant ON gateway.submission ((roles #>> '{applicant,personKey}'), created_at DESC);
      ALTER TABLE gateway.audit_event ADD COLUMN applicant_role text;
      ALTER TABLE gateway.audit_event ADD COLUMN applicant_person_key text;
      ALTER TABLE gateway.audit_event ADD COLUMN subject_credit_code text;
    `,
  },
];

/**
 * A submission is a durable case (#12). SERIAL items after the first wait (WAITING) until the one
 * before them is finished, then become PENDING — the outbox recovery sends — in the transaction
 * that recorded that finish; `ready_at` is when an item could start (its limit counts from
 * there); `owed_decision` is a decision the gateway owes a subgraph (a MERGED action refused as
 * a whole withdraws its accepted items), sent again until it is recorded; `promised_by` is the
 * date the whole case is promised by, kept up to date as items finish.
 */
export const caseMigrations: readonly Migration[] = [
  {
    id: '120-durable-cases',
    sql: `
      ALTER TABLE gateway.submission_item DROP CONSTRAINT submission_item_status_check;
      ALTER TABLE gateway.submission_item ADD CONSTRAINT submission_item_status_check
        CHECK (status IN ('WAITING', 'PENDING', 'COMPLETED', 'ACCEPTED', 'REJECTED', 'FAILED', 'SKIPPED', 'REFERRED'));
      ALTER TABLE gateway.submission_item ADD COLUMN ready_at timestamptz;
      ALTER TABLE gateway.submission_item ADD COLUMN owed_decision jsonb;
      UPDATE gateway.submission_item i SET ready_at = s.created_at FROM gateway.submission s WHERE s.id = i.submission_id;
      CREATE INDEX submission_item_owed ON gateway.submission_item (submission_id) WHERE owed_decision IS NOT NULL;
      ALTER TABLE gateway.submission ADD COLUMN promised_by date;
    `,
  },
];
