import type { Database, Queryable } from '../../src/db/database.js';

export type AppointmentStatus = 'PENDING_REGISTRATION' | 'PENDING_FILING' | 'ACTIVE' | 'ENDED' | 'REJECTED';

export interface AppointmentRow {
  appointment_number: string;
  person_key: string;
  institution_credit_code: string;
  post: string;
  post_category: string;
  grade: string;
  starts_on: string;
  ends_on: string | null;
  status: AppointmentStatus;
  previous_employer?: string | null;
  contract_years?: number | null;
  education_level?: string | null;
  degree?: string | null;
  graduate_school?: string | null;
  submission_id?: string | null;
}

export interface SalaryApprovalRow {
  approval_number: string;
  person_key: string;
  institution_credit_code: string;
  appointment_number: string | null;
  /** The appointment's post, category and grade the salary is determined on (null until it is known). */
  post: string | null;
  post_category: string | null;
  grade: string | null;
  status: 'ACCEPTED' | 'COMPLETED' | 'REJECTED';
  submission_id: string | null;
  applied_at: Date;
  decided_at: Date | null;
}

/** Appointments that stand (a rejected registration is history, not an appointment). */
const STANDING = `status <> 'REJECTED'`;

/** All SQL of the civil-service subgraph outside an item's transaction (reads and demo seeds). */
export class CivilServiceStore {
  constructor(readonly db: Database) {}

  appointments(keys: readonly string[]): Promise<AppointmentRow[]> {
    return this.db.query<AppointmentRow>(`SELECT * FROM civil_service.appointment WHERE person_key = ANY($1) AND ${STANDING} ORDER BY starts_on DESC`, [keys]);
  }

  /** The latest approval that is not rejected, per appointment. */
  salaryApprovalsOfAppointments(numbers: readonly string[]): Promise<SalaryApprovalRow[]> {
    return this.db.query<SalaryApprovalRow>(
      `SELECT DISTINCT ON (appointment_number) * FROM civil_service.salary_approval
        WHERE appointment_number = ANY($1) AND status <> 'REJECTED' ORDER BY appointment_number, applied_at DESC`,
      [numbers],
    );
  }

  async insertAppointmentIfAbsent(row: AppointmentRow): Promise<void> {
    await this.db.query(
      `INSERT INTO civil_service.appointment (appointment_number, person_key, institution_credit_code, post, post_category, grade, starts_on, ends_on, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [row.appointment_number, row.person_key, row.institution_credit_code, row.post, row.post_category, row.grade, row.starts_on, row.ends_on, row.status],
    );
  }
}

/** Writes made inside an item's ledger transaction (`tx`), so record and ledger commit together. */
export const civilServiceWrites = {
  /**
   * Serialises every item about one person at one institution (different idempotency keys):
   * two overlapping registrations cannot both pass, and a salary approval either sees the
   * appointment or is linked by it.
   */
  async lockPersonAtInstitution(tx: Queryable, personKey: string, creditCode: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`civil_service:person-at:${personKey}:${creditCode}`]);
  },

  async overlappingAppointment(tx: Queryable, personKey: string, creditCode: string, termStart: string, termEnd: string): Promise<AppointmentRow | undefined> {
    const [row] = await tx.query<AppointmentRow>(
      `SELECT * FROM civil_service.appointment
        WHERE person_key = $1 AND institution_credit_code = $2 AND status IN ('PENDING_REGISTRATION', 'PENDING_FILING', 'ACTIVE')
          AND starts_on <= $4 AND (ends_on IS NULL OR ends_on >= $3)
        LIMIT 1`,
      [personKey, creditCode, termStart, termEnd],
    );
    return row;
  },

  /** A salary approval of the same submission that arrived before its appointment now points at it. */
  async linkSalaryApprovals(tx: Queryable, appointmentNumber: string, personKey: string, creditCode: string, submissionId: string): Promise<void> {
    await tx.query(
      `UPDATE civil_service.salary_approval SET appointment_number = $1
        WHERE appointment_number IS NULL AND status = 'ACCEPTED' AND person_key = $2 AND institution_credit_code = $3 AND submission_id = $4`,
      [appointmentNumber, personKey, creditCode, submissionId],
    );
  },

  /** The appointment a salary approval is for: the standing one at the institution, latest first. */
  async standingAppointment(tx: Queryable, personKey: string, creditCode: string): Promise<AppointmentRow | undefined> {
    const [row] = await tx.query<AppointmentRow>(
      `SELECT * FROM civil_service.appointment
        WHERE person_key = $1 AND institution_credit_code = $2 AND status IN ('PENDING_REGISTRATION', 'PENDING_FILING', 'ACTIVE')
        ORDER BY (status = 'ACTIVE') DESC, starts_on DESC LIMIT 1`,
      [personKey, creditCode],
    );
    return row;
  },

  /** The standing appointment registered by this submission's NEW_HIRE_INFO, if it has arrived. */
  async submissionAppointment(tx: Queryable, personKey: string, creditCode: string, submissionId: string): Promise<AppointmentRow | undefined> {
    const [row] = await tx.query<AppointmentRow>(
      `SELECT * FROM civil_service.appointment
        WHERE person_key = $1 AND institution_credit_code = $2 AND submission_id = $3 AND status IN ('PENDING_REGISTRATION', 'PENDING_FILING', 'ACTIVE')
        ORDER BY starts_on DESC LIMIT 1`,
      [personKey, creditCode, submissionId],
    );
    return row;
  },

  async openSalaryApproval(tx: Queryable, personKey: string, creditCode: string): Promise<SalaryApprovalRow | undefined> {
    const [row] = await tx.query<SalaryApprovalRow>(
      `SELECT * FROM civil_service.salary_approval WHERE person_key = $1 AND institution_credit_code = $2 AND status = 'ACCEPTED'`,
      [personKey, creditCode],
    );
    return row;
  },

  async completedSalaryApproval(tx: Queryable, appointmentNumber: string): Promise<SalaryApprovalRow | undefined> {
    const [row] = await tx.query<SalaryApprovalRow>(
      `SELECT * FROM civil_service.salary_approval WHERE appointment_number = $1 AND status = 'COMPLETED' LIMIT 1`,
      [appointmentNumber],
    );
    return row;
  },

  async appointment(tx: Queryable, appointmentNumber: string): Promise<AppointmentRow | undefined> {
    const [row] = await tx.query<AppointmentRow>('SELECT * FROM civil_service.appointment WHERE appointment_number = $1', [appointmentNumber]);
    return row;
  },
};
