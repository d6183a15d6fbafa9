import type { Migration } from '../../src/db/migrations.js';

/**
 * 免申即办 runs (numbered 3xx, after the gateway's other migrations): a run of one policy over one
 * period, and its candidates. A candidate's submission has the idempotency key of (policy, period,
 * subject), so no run, repeated or resumed after a crash, handles anyone twice.
 */
export const proactiveMigrations: readonly Migration[] = [
  {
    id: '301-proactive-runs',
    sql: `
      CREATE TABLE gateway.proactive_run (
        id             text PRIMARY KEY,
        policy         text NOT NULL,
        period         text NOT NULL,
        -- 行政区划 prefix of the staff member who started it ('' = the whole deployment).
        region_prefix  text NOT NULL,
        phase          text NOT NULL CHECK (phase IN ('LISTING', 'OBJECTION_PERIOD', 'HANDLING', 'FINISHED')),
        confirmation   jsonb NOT NULL,
        objection_until date,
        started_by     text NOT NULL,
        started_at     timestamptz NOT NULL DEFAULT now(),
        finished_at    timestamptz,
        -- Where listing goes on after a restart (the candidate query's cursor), and whether the policy applied at all.
        list_cursor    text,
        triggered      boolean NOT NULL DEFAULT true,
        -- Taken by the gateway working on the run; a lapsed lease lets another take over (crash).
        lease_until    timestamptz,
        lease_owner    text
      );
      CREATE INDEX proactive_run_open ON gateway.proactive_run (phase) WHERE phase <> 'FINISHED';
      CREATE INDEX proactive_run_started ON gateway.proactive_run (started_at DESC, id DESC);

      CREATE TABLE gateway.proactive_candidate (
        run_id               text NOT NULL REFERENCES gateway.proactive_run (id),
        -- The person key, or the employer's credit code and the person key.
        subject              text NOT NULL,
        person_key           text NOT NULL,
        employer_credit_code text,
        facts                jsonb NOT NULL,
        status               text NOT NULL CHECK (status IN ('PENDING', 'HANDLED', 'ALREADY_HANDLED', 'NOT_ELIGIBLE')),
        -- HANDLED: the item's status after dispatch (COMPLETED, ACCEPTED, REJECTED, FAILED).
        outcome              text,
        submission_id        text,
        position             bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (run_id, subject)
      );
      CREATE INDEX proactive_candidate_pending ON gateway.proactive_candidate (run_id, position) WHERE status = 'PENDING';
      CREATE INDEX proactive_candidate_status ON gateway.proactive_candidate (run_id, status);
    `,
  },
];
