import type { Migration } from '../../src/db/migrations.js';

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
];
