import type { Migration } from '../../src/db/migrations.js';

export const employmentMigrations: readonly Migration[] = [
  {
    id: '001-registrations',
    sql: `
      CREATE TABLE employment.employment_registration (
        registration_number  text PRIMARY KEY,
        person_key           text NOT NULL,
        employer_credit_code text NOT NULL,
        started_on           date NOT NULL,
        ended_on             date,
        created_at           timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX employment_registration_person ON employment.employment_registration (person_key);
      CREATE TABLE employment.unemployment_registration (
        registration_number text PRIMARY KEY,
        person_key          text NOT NULL,
        registered_on       date NOT NULL,
        ended_on            date,
        created_at          timestamptz NOT NULL DEFAULT now()
      );
      -- At most one unemployment registration in force per person.
      CREATE UNIQUE INDEX unemployment_registration_in_force ON employment.unemployment_registration (person_key) WHERE ended_on IS NULL;
      CREATE TABLE employment.hard_to_employ_recognition (
        person_key    text PRIMARY KEY,
        category      text NOT NULL,
        recognized_on date NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];
