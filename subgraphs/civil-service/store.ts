import type { Database } from '../../src/db/database.js';

export interface AppointmentRow {
  appointment_number: string;
  person_key: string;
  institution_credit_code: string;
  post: string;
  post_category: string;
  grade: string;
  starts_on: string;
  ends_on: string | null;
  status: string;
}

/** All SQL of the civil-service subgraph. */
export class CivilServiceStore {
  constructor(private readonly db: Database) {}

  appointments(keys: readonly string[]): Promise<AppointmentRow[]> {
    return this.db.query<AppointmentRow>(
      'SELECT * FROM civil_service.appointment WHERE person_key = ANY($1) ORDER BY starts_on DESC',
      [keys],
    );
  }

  async insertAppointmentIfAbsent(row: AppointmentRow): Promise<void> {
    await this.db.query(
      `INSERT INTO civil_service.appointment (appointment_number, person_key, institution_credit_code, post, post_category, grade, starts_on, ends_on, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [row.appointment_number, row.person_key, row.institution_credit_code, row.post, row.post_category, row.grade,
        row.starts_on, row.ends_on, row.status],
    );
  }
}
