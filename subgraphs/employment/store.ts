import type { Database } from '../../src/db/database.js';

export interface EmploymentRegistrationRow {
  registration_number: string;
  person_key: string;
  employer_credit_code: string | null;
  employer_name?: string | null;
  started_on: string;
  ended_on: string | null;
}

export interface UnemploymentRow {
  person_key: string;
  registration_number: string | null;
  registered_on: string | null;
  hard_to_employ: boolean;
  hard_to_employ_category: string | null;
  recognized_on: string | null;
}

export type ItemRecordStatus = 'ACCEPTED' | 'COMPLETED' | 'REJECTED';

export interface UnemploymentRegistrationRow {
  registration_number: string;
  person_key: string;
  status: ItemRecordStatus;
  unemployment_type: string | null;
  former_employer: string | null;
  unemployment_date: string | null;
  registered_on: string;
  ended_on: string | null;
  created_at: Date;
}

export interface EmploymentCertificateRow {
  application_number: string;
  person_key: string;
  status: ItemRecordStatus;
  paper_certificate: boolean;
  certificate_number: string | null;
  issued_on: string | null;
  applied_at: Date;
}

export interface DifficultyRecognitionRow {
  application_number: string;
  person_key: string;
  status: ItemRecordStatus;
  category: string;
  applied_at: Date;
}

export interface TrainingRecordRow {
  record_id: string;
  person_key: string;
  course: string;
  provider: string;
  started_on: string;
  completed_on: string | null;
  certificate_number: string | null;
  /** Computed: a completed subsidy claim exists for it. */
  subsidized: boolean;
}

export interface TrainingSubsidyRow {
  application_number: string;
  person_key: string;
  training_record_id: string;
  status: ItemRecordStatus;
  applied_at: Date;
}

export interface JobIntroductionRow {
  request_number: string;
  person_key: string;
  status: ItemRecordStatus;
  desired_job: string;
  /** numeric read as text: no cent lost. */
  expected_monthly_salary: string;
  desired_region: string;
  resume_visibility: string;
  applied_at: Date;
}

/** A training record with whether a completed subsidy claim exists for it. */
export const TRAINING_RECORD_SELECT = `
  SELECT t.record_id, t.person_key, t.course, t.provider, t.started_on, t.completed_on, t.certificate_number,
         EXISTS (SELECT 1 FROM employment.training_subsidy_application s WHERE s.training_record_id = t.record_id AND s.status = 'COMPLETED') AS subsidized
    FROM employment.training_record t`;

/** All SQL of the employment subgraph. */
export class EmploymentStore {
  constructor(readonly db: Database) {}

  employmentRegistrations(keys: readonly string[]): Promise<EmploymentRegistrationRow[]> {
    return this.db.query<EmploymentRegistrationRow>('SELECT * FROM employment.employment_registration WHERE person_key = ANY($1) ORDER BY started_on DESC', [
      keys,
    ]);
  }

  /** One row per asked person, whether or not they were ever registered. */
  unemploymentStatus(keys: readonly string[]): Promise<UnemploymentRow[]> {
    return this.db.query<UnemploymentRow>(
      `SELECT k.person_key, u.registration_number, u.registered_on, (h.person_key IS NOT NULL) AS hard_to_employ,
              h.category AS hard_to_employ_category, h.recognized_on
         FROM unnest($1::text[]) AS k (person_key)
         LEFT JOIN employment.unemployment_registration u ON u.person_key = k.person_key AND u.ended_on IS NULL AND u.status = 'COMPLETED'
         LEFT JOIN employment.hard_to_employ_recognition h ON h.person_key = k.person_key`,
      [keys],
    );
  }

  /** The issued 《就业创业证》 of each person who has one. */
  issuedCertificates(keys: readonly string[]): Promise<EmploymentCertificateRow[]> {
    return this.db.query<EmploymentCertificateRow>(
      `SELECT * FROM employment.employment_certificate_application WHERE person_key = ANY($1) AND status = 'COMPLETED'`,
      [keys],
    );
  }

  trainingRecords(ids: readonly string[]): Promise<TrainingRecordRow[]> {
    return this.db.query<TrainingRecordRow>(`${TRAINING_RECORD_SELECT} WHERE t.record_id = ANY($1)`, [ids]);
  }

  laborFilingsOf(keys: readonly string[]): Promise<LaborFilingRow[]> {
    return this.db.query<LaborFilingRow>(`SELECT ${LABOR_FILING_COLUMNS} FROM employment.labor_filing WHERE person_key = ANY($1) ORDER BY applied_at DESC`, [
      keys,
    ]);
  }

  trainingRecordsOf(keys: readonly string[]): Promise<TrainingRecordRow[]> {
    return this.db.query<TrainingRecordRow>(`${TRAINING_RECORD_SELECT} WHERE t.person_key = ANY($1) ORDER BY t.started_on DESC`, [keys]);
  }

  async insertTrainingRecord(row: Omit<TrainingRecordRow, 'subsidized'>): Promise<void> {
    await this.db.query(
      `INSERT INTO employment.training_record (record_id, person_key, course, provider, started_on, completed_on, certificate_number)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [row.record_id, row.person_key, row.course, row.provider, row.started_on, row.completed_on, row.certificate_number],
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

export interface EmploymentRegistrationApplicationRow {
  application_number: string;
  person_key: string;
  status: ItemRecordStatus;
  kind: 'HIRED' | 'SELF_EMPLOYED';
  employer_credit_code: string | null;
  employer_name: string | null;
  started_on: string;
  applied_at: Date;
}

export interface LaborFilingRow {
  filing_number: string;
  person_key: string;
  status: ItemRecordStatus;
  kind: 'HIRE' | 'TERMINATION';
  employer_credit_code: string | null;
  employer_name: string | null;
  contract_type: string | null;
  contract_start_date: string | null;
  contract_end_date: string | null;
  job_title: string | null;
  work_location: string | null;
  /** numeric read as text. */
  monthly_wage: string | null;
  termination_date: string | null;
  termination_derived: boolean;
  filed_late: boolean;
  /** TERMINATION: the employment registration and the hire filing it ends. */
  ends_registration: string | null;
  ends_filing: string | null;
  ended_on: string | null;
  applied_at: Date;
}

export interface ElectronicLaborContractRow {
  contract_number: string;
  person_key: string;
  status: ItemRecordStatus;
  employer_credit_code: string;
  signed_on: string | null;
  applied_at: Date;
}

/** Every column of labor_filing, the wage as text (no cent lost). */
export const LABOR_FILING_COLUMNS = `filing_number, person_key, status, kind, employer_credit_code, employer_name, contract_type, contract_start_date,
  contract_end_date, job_title, work_location, monthly_wage::text AS monthly_wage, termination_date, termination_derived, filed_late,
  ends_registration, ends_filing, ended_on, applied_at`;

export interface EntrepreneurshipServiceRow {
  request_number: string;
  person_key: string;
  status: ItemRecordStatus;
  kind: 'START_GUIDANCE' | 'TRAINING';
  training_type: string | null;
  applied_at: Date;
}

export interface StartupLoanRow {
  certification_number: string;
  person_key: string;
  status: ItemRecordStatus;
  kind: 'PERSONAL' | 'ENTERPRISE';
  employer_credit_code: string | null;
  founder_identity: string | null;
  /** numeric read as text. */
  loan_amount: string;
  loan_term_months: number;
  lending_bank: string;
  guarantee_method: string;
  total_employees: number | null;
  key_group_hires: number | null;
  applied_at: Date;
}

export interface StartupSubsidyRow {
  application_number: string;
  person_key: string;
  status: ItemRecordStatus;
  kind: string;
  employer_credit_code: string | null;
  founder_identity: string | null;
  established_date: string | null;
  venue_address: string | null;
  lease_start_date: string | null;
  lease_end_date: string | null;
  /** numeric read as text. */
  monthly_rent: string | null;
  hired_count: number | null;
  incubator_name: string | null;
  incubated_entities: number | null;
  closure_date: string | null;
  account: string | null;
  applied_at: Date;
}

export interface JobSeekerServiceRow {
  request_number: string;
  person_key: string;
  status: ItemRecordStatus;
  kind: string;
  services: string[] | null;
  wants_employment: boolean | null;
  wants_training: boolean | null;
  desired_job: string | null;
  desired_region: string | null;
  /** numeric read as text. */
  expected_monthly_salary: string | null;
  graduation_date: string | null;
  internship_post_id: string | null;
  preferred_start_date: string | null;
  applied_at: Date;
}

export interface RecruitmentRequestRow {
  request_number: string;
  person_key: string;
  status: ItemRecordStatus;
  kind: string;
  employer_credit_code: string;
  job_fair_id: string | null;
  booth_count: number | null;
  positions: string;
  publish_until: string | null;
  interview_date: string | null;
  applied_at: Date;
}

export interface EmploymentSubsidyRow {
  application_number: string;
  person_key: string;
  status: ItemRecordStatus;
  kind: string;
  employer_credit_code: string | null;
  account: string | null;
  applied_at: Date;
}
