import type { Database } from '../../src/db/database.js';

export interface EmploymentRegistrationRow {
  registration_number: string;
  person_key: string;
  employer_credit_code: string;
  started_on: string;
  ended_on: string | null;
}

export interface UnemploymentRow {
  person_key: string;
  registration_number: string | null;
  registered_on: string | null;
  hard_to_employ: boolean;
}

/** All SQL of the employment subgraph. */
export class EmploymentStore {
  constructor(private readonly db: Database) {}

  employmentRegistrations(keys: readonly string[]): Promise<EmploymentRegistrationRow[]> {
    return this.db.query<EmploymentRegistrationRow>(
      'SELECT * FROM employment.employment_registration WHERE person_key = ANY($1) ORDER BY started_on DESC',
      [keys],
    );
  }

  /** One row per asked person, whether or not they were ever registered. */
  unemploymentStatus(keys: readonly string[]): Promise<UnemploymentRow[]> {
    return this.db.query<UnemploymentRow>(
      `SELECT k.person_key, u.registration_number, u.registered_on, (h.person_key IS NOT NULL) AS hard_to_employ
         FROM unnest($1::text[]) AS k (person_key)
         LEFT JOIN employment.unemployment_registration u ON u.person_key = k.person_key AND u.ended_on IS NULL
         LEFT JOIN employment.hard_to_employ_recognition h ON h.person_key = k.person_key`,
      [keys],
    );
  }

  async insertEmploymentRegistration(row: EmploymentRegistrationRow): Promise<void> {
    await this.db.query(
      `INSERT INTO employment.employment_registration (registration_number, person_key, employer_credit_code, started_on, ended_on)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [row.registration_number, row.person_key, row.employer_credit_code, row.started_on, row.ended_on],
    );
  }
}
