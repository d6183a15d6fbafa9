import type { Migration } from '../../src/db/migrations.js';

export const insuranceMigrations: readonly Migration[] = [
  {
    id: '001-employers-schemes-benefits',
    sql: `
      CREATE TABLE insurance.handling_agency (
        region_code text PRIMARY KEY,
        name        text NOT NULL
      );
      CREATE TABLE insurance.employer (
        credit_code    text PRIMARY KEY,
        name           text NOT NULL,
        region_code    text NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('ENTERPRISE', 'PUBLIC_INSTITUTION', 'GOVERNMENT_AGENCY')),
        insured_since  date,
        created_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE insurance.insured_scheme (
        person_key           text NOT NULL,
        scheme               text NOT NULL,
        status               text NOT NULL CHECK (status IN ('CONTRIBUTING', 'SUSPENDED', 'TERMINATED')),
        since                date NOT NULL,
        contribution_months  integer NOT NULL DEFAULT 0 CHECK (contribution_months >= 0),
        employer_credit_code text REFERENCES insurance.employer (credit_code),
        region_code          text NOT NULL REFERENCES insurance.handling_agency (region_code),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (person_key, scheme)
      );
      CREATE TABLE insurance.benefit (
        benefit_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        person_key     text NOT NULL,
        kind           text NOT NULL,
        status         text NOT NULL CHECK (status IN ('PAYING', 'SUSPENDED', 'ENDED')),
        monthly_amount numeric(15, 2),
        started_on     date NOT NULL,
        ends_on        date,
        created_at     timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX benefit_person ON insurance.benefit (person_key);
    `,
  },
];
