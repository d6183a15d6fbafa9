import type { Migration } from '../../src/db/migrations.js';

/**
 * The audit trail (`gateway.audit_event`), applied after the gateway's own migrations. Append
 * only: a trigger refuses UPDATE, DELETE and TRUNCATE for every role, superusers included (a
 * trigger binds them too; only a schema change — dropping it, or `session_replication_role` — lifts
 * that, and those are DDL an operator does, not something the application can do by mistake), and the
 * privileges are revoked from PUBLIC so that an application role is refused before the trigger.
 */
export const auditMigrations: readonly Migration[] = [
  {
    id: '100-audit-events',
    sql: `
      CREATE TABLE gateway.audit_event (
        id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at                   timestamptz NOT NULL DEFAULT now(),
        -- Who: the token's subject (staff id, account, terminal id) and role; anonymous callers as 'anonymous'.
        actor_subject        text NOT NULL,
        actor_role           text NOT NULL,
        terminal             text,
        channel              text,
        -- What: the operation as the client named it (may be null) and its type.
        operation_name       text,
        operation_type       text NOT NULL CHECK (operation_type IN ('query', 'mutation', 'subscription')),
        -- Whose data: the opaque person key (a keyed hash), never an ID number; null for a
        -- mutation that touched no person.
        person_key           text,
        -- Which fields: the schema coordinates the operation selected (Person.name, BankAccount.accountNumber …), never values.
        fields               text[] NOT NULL,
        -- 'ok', or the error codes the client was given (comma-separated).
        outcome              text NOT NULL,
        request_id           text NOT NULL,
        submission_id        text,
        -- 帮办代办: the delegation acted under and the principal's person key.
        delegation_id        text,
        principal_person_key text
      );
      CREATE INDEX audit_event_at ON gateway.audit_event (at DESC, id DESC);
      CREATE INDEX audit_event_person ON gateway.audit_event (person_key, at DESC, id DESC);
      CREATE INDEX audit_event_actor ON gateway.audit_event (actor_subject, at DESC, id DESC);

      CREATE FUNCTION gateway.audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'gateway.audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END;
      $$;
      -- Per statement, so that even an UPDATE or DELETE matching no row is refused.
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON gateway.audit_event
        FOR EACH STATEMENT EXECUTE FUNCTION gateway.audit_event_append_only();
      -- From PUBLIC, and from the owner (the application's user that ran this migration).
      REVOKE UPDATE, DELETE, TRUNCATE ON gateway.audit_event FROM PUBLIC;
      REVOKE UPDATE, DELETE, TRUNCATE ON gateway.audit_event FROM CURRENT_USER;
    `,
  },
];
