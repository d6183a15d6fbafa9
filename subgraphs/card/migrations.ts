import { recordHistoryMigration } from '../../src/subgraph/records.js';
import type { Migration } from '../../src/db/migrations.js';
import { CARD_VALIDITY_YEARS } from './policy.js';

export const cardMigrations: readonly Migration[] = [
  {
    id: '001-people-and-cards',
    sql: `
      CREATE TABLE card.person (
        person_key         text PRIMARY KEY,
        name               text NOT NULL,
        gender             text NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
        birth_date         date NOT NULL,
        id_type            text NOT NULL,
        id_number          text NOT NULL,
        id_valid_until     date,
        phone              text,
        household_address  text,
        residence_address  text,
        nationality        text NOT NULL DEFAULT 'CHN',
        ethnicity          text,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (id_type, id_number)
      );
      CREATE TABLE card.social_security_card (
        card_number                text PRIMARY KEY,
        person_key                 text NOT NULL REFERENCES card.person (person_key),
        status                     text NOT NULL,
        issued_on                  date,
        insurance_function_enabled boolean NOT NULL DEFAULT false,
        bank_name                  text,
        bank_account               text,
        bank_activated             boolean NOT NULL DEFAULT false,
        created_at                 timestamptz NOT NULL DEFAULT now()
      );
      -- One card in force per person; cancelled cards stay as history.
      CREATE UNIQUE INDEX social_security_card_in_force ON card.social_security_card (person_key) WHERE status <> 'CANCELLED';
    `,
  },
  {
    id: '002-card-applications',
    sql: `
      CREATE TABLE card.card_application (
        application_number text PRIMARY KEY,
        person_key         text NOT NULL REFERENCES card.person (person_key),
        status             text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        delivery_method    text NOT NULL CHECK (delivery_method IN ('PICKUP', 'MAIL')),
        delivery_address   text,
        delivery_recipient text,
        delivery_phone     text,
        issued_card_number text REFERENCES card.social_security_card (card_number),
        applied_at         timestamptz NOT NULL DEFAULT now(),
        decided_at         timestamptz
      );
      -- One open application per person: a second one waits for the first to be decided.
      CREATE UNIQUE INDEX card_application_open ON card.card_application (person_key) WHERE status = 'ACCEPTED';
      CREATE SEQUENCE card.card_number_seq START 100001;
      CREATE SEQUENCE card.application_number_seq START 1;
    `,
  },
  {
    id: '003-card-lifecycle',
    sql: `
      -- What the card lifecycle items need to know about a card: its expiry (换领), generation and
      -- printed name (换发), the lapse of a temporary loss (临时挂失), and when it was cancelled.
      ALTER TABLE card.social_security_card
        ADD COLUMN valid_until date,
        ADD COLUMN generation integer NOT NULL DEFAULT 3,
        ADD COLUMN printed_name text,
        ADD COLUMN temporary_loss_expires_at timestamptz,
        ADD COLUMN cancelled_at timestamptz;
      UPDATE card.social_security_card c SET printed_name = p.name FROM card.person p WHERE p.person_key = c.person_key;
      UPDATE card.social_security_card SET valid_until = (issued_on + interval '${CARD_VALIDITY_YEARS} years')::date WHERE issued_on IS NOT NULL;

      -- 补领 / 换领 / 换发: a new card in place of the one in force.
      CREATE TABLE card.card_replacement (
        replacement_number  text PRIMARY KEY,
        person_key          text NOT NULL REFERENCES card.person (person_key),
        kind                text NOT NULL CHECK (kind IN ('REISSUE', 'RENEWAL', 'REPLACEMENT')),
        status              text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        reason              text NOT NULL,
        replaced_card_number text NOT NULL REFERENCES card.social_security_card (card_number),
        issued_card_number  text REFERENCES card.social_security_card (card_number),
        applied_at          timestamptz NOT NULL DEFAULT now(),
        decided_at          timestamptz
      );
      -- One open replacement per person.
      CREATE UNIQUE INDEX card_replacement_open ON card.card_replacement (person_key) WHERE status = 'ACCEPTED';
      CREATE INDEX card_replacement_person ON card.card_replacement (person_key);
      CREATE SEQUENCE card.replacement_number_seq START 1;

      -- 挂失 / 解挂, done on the spot.
      CREATE TABLE card.card_loss_report (
        report_number text PRIMARY KEY,
        person_key    text NOT NULL REFERENCES card.person (person_key),
        card_number   text NOT NULL REFERENCES card.social_security_card (card_number),
        operation     text NOT NULL CHECK (operation IN ('TEMPORARY_LOSS', 'FORMAL_LOSS', 'UNLOCK')),
        channel       text NOT NULL,
        reported_at   timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz
      );
      CREATE INDEX card_loss_report_person ON card.card_loss_report (person_key);
      CREATE SEQUENCE card.loss_report_number_seq START 1;

      -- 社保功能启用, 银行账户激活, 密码修改与重置: only that the service happened (never a PIN).
      CREATE TABLE card.card_service_record (
        record_number text PRIMARY KEY,
        person_key    text NOT NULL REFERENCES card.person (person_key),
        card_number   text NOT NULL REFERENCES card.social_security_card (card_number),
        service       text NOT NULL CHECK (service IN ('INSURANCE_FUNCTION_ENABLED', 'BANK_ACCOUNT_ACTIVATED', 'PIN_CHANGED', 'PIN_RESET')),
        channel       text NOT NULL,
        performed_at  timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX card_service_record_person ON card.card_service_record (person_key);
      CREATE SEQUENCE card.service_record_number_seq START 1;
    `,
  },
  {
    id: '004-record-engine',
    sql: `
      -- The INSTANT items' records join the record engine: they are COMPLETED when made.
      ALTER TABLE card.card_loss_report
        ADD COLUMN status text NOT NULL DEFAULT 'COMPLETED' CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        ADD COLUMN decided_at timestamptz;
      ALTER TABLE card.card_service_record
        ADD COLUMN status text NOT NULL DEFAULT 'COMPLETED' CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        ADD COLUMN decided_at timestamptz;
    `,
  },
  recordHistoryMigration('card', '005-record-history'),
  {
    id: '006-card-cancellation',
    sql: `
      -- 社保功能注销 after the holder's death, applied for by a family member: the card is
      -- cancelled when completed (its bank function stays with the bank).
      CREATE TABLE card.card_cancellation (
        cancellation_number text PRIMARY KEY,
        person_key          text NOT NULL REFERENCES card.person (person_key),
        card_number         text NOT NULL REFERENCES card.social_security_card (card_number),
        status              text NOT NULL CHECK (status IN ('ACCEPTED', 'COMPLETED', 'REJECTED')),
        death_date          date NOT NULL,
        agent_name          text NOT NULL,
        agent_id_number     text NOT NULL,
        agent_phone         text,
        agent_relationship  text NOT NULL,
        submission_id       text,
        applied_at          timestamptz NOT NULL DEFAULT now(),
        decided_at          timestamptz
      );
      CREATE UNIQUE INDEX card_cancellation_open ON card.card_cancellation (person_key) WHERE status = 'ACCEPTED';
    `,
  },
  {
    id: '007-card-lifecycle-history',
    sql: `
      -- The card lifecycle as a state machine (card-lifecycle.ts): a card exists from its 申领
      -- (APPLIED), is made (MADE), issued (ISSUED) and enabled (ACTIVE); a lost card that is
      -- replaced is REISSUED. Every change of state is a row of card_transition.
      CREATE TABLE card.card_transition (
        transition_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        card_number   text NOT NULL REFERENCES card.social_security_card (card_number),
        from_status   text,
        to_status     text NOT NULL,
        event         text NOT NULL,
        changed_by    text NOT NULL,
        channel       text,
        submission_id text,
        changed_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX card_transition_card ON card.card_transition (card_number, transition_id);

      -- An issued card whose social-insurance function is not enabled yet is ISSUED, not ACTIVE.
      UPDATE card.social_security_card SET status = 'ISSUED' WHERE status = 'ACTIVE' AND NOT insurance_function_enabled;
      -- A card replaced after a loss (补领 completed) was REISSUED.
      UPDATE card.social_security_card c SET status = 'REISSUED'
        FROM card.card_replacement r
       WHERE r.kind = 'REISSUE' AND r.status = 'COMPLETED' AND r.replaced_card_number = c.card_number;
      -- An application still open gets its card, APPLIED (the card now exists from the 申领).
      INSERT INTO card.social_security_card (card_number, person_key, status, printed_name)
        SELECT 'K' || nextval('card.card_number_seq'), a.person_key, 'APPLIED', p.name
          FROM card.card_application a JOIN card.person p USING (person_key)
         WHERE a.status = 'ACCEPTED' AND a.issued_card_number IS NULL;
      UPDATE card.card_application a SET issued_card_number = c.card_number
        FROM card.social_security_card c
       WHERE a.status = 'ACCEPTED' AND a.issued_card_number IS NULL AND c.person_key = a.person_key AND c.status = 'APPLIED';

      ALTER TABLE card.social_security_card ADD CONSTRAINT social_security_card_status
        CHECK (status IN ('APPLIED', 'MADE', 'ISSUED', 'ACTIVE', 'TEMPORARILY_LOST', 'LOST', 'REISSUED', 'CANCELLED'));
      -- One valid card per person: any card not in a final state.
      DROP INDEX card.social_security_card_in_force;
      CREATE UNIQUE INDEX social_security_card_in_force ON card.social_security_card (person_key) WHERE status NOT IN ('REISSUED', 'CANCELLED');

      -- The history begins with each card's state now.
      INSERT INTO card.card_transition (card_number, from_status, to_status, event, changed_by)
        SELECT card_number, NULL, status, 'MIGRATED', 'migration' FROM card.social_security_card ORDER BY created_at, card_number;
    `,
  },
];
