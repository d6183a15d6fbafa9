import type { Queryable } from '../../src/db/database.js';
import {
  LABOR_FILING_COLUMNS,
  TRAINING_RECORD_SELECT,
  type LaborFilingRow,
  type DifficultyRecognitionRow,
  type EmploymentCertificateRow,
  type EmploymentRegistrationRow,
  type TrainingRecordRow,
  type UnemploymentRegistrationRow,
} from './store.js';

/**
 * Reads and writes made inside an item's ledger transaction (`tx`), so the record and the
 * ledger commit together.
 */
export const employmentWrites = {
  /** Serialises one person's employment items: each rule sees the others' records. */
  async lockPerson(tx: Queryable, personKey: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`employment:person:${personKey}`]);
  },

  employmentRegistrationsOf(tx: Queryable, personKey: string): Promise<EmploymentRegistrationRow[]> {
    return tx.query<EmploymentRegistrationRow>('SELECT * FROM employment.employment_registration WHERE person_key = $1 ORDER BY started_on DESC', [personKey]);
  },

  /** The registration open (ACCEPTED) or in force (COMPLETED, not ended), if any. */
  async currentUnemploymentRegistration(tx: Queryable, personKey: string): Promise<UnemploymentRegistrationRow | undefined> {
    const [row] = await tx.query<UnemploymentRegistrationRow>(
      `SELECT * FROM employment.unemployment_registration WHERE person_key = $1 AND ended_on IS NULL AND status <> 'REJECTED'`,
      [personKey],
    );
    return row;
  },

  /** The application open or the certificate issued, if any (once per person). */
  async currentCertificate(tx: Queryable, personKey: string): Promise<EmploymentCertificateRow | undefined> {
    const [row] = await tx.query<EmploymentCertificateRow>(
      `SELECT * FROM employment.employment_certificate_application WHERE person_key = $1 AND status <> 'REJECTED'`,
      [personKey],
    );
    return row;
  },

  async hardToEmployRecognition(tx: Queryable, personKey: string): Promise<{ category: string; recognized_on: string } | undefined> {
    const [row] = await tx.query<{ category: string; recognized_on: string }>(
      'SELECT category, recognized_on FROM employment.hard_to_employ_recognition WHERE person_key = $1',
      [personKey],
    );
    return row;
  },

  async openDifficultyRecognition(tx: Queryable, personKey: string): Promise<DifficultyRecognitionRow | undefined> {
    const [row] = await tx.query<DifficultyRecognitionRow>(
      `SELECT * FROM employment.difficulty_recognition_application WHERE person_key = $1 AND status = 'ACCEPTED'`,
      [personKey],
    );
    return row;
  },

  /** The person's trainings, latest first, each with whether a claim (open or paid) covers it. */
  trainingRecordsOf(tx: Queryable, personKey: string): Promise<Array<TrainingRecordRow & { claimed: boolean }>> {
    return tx.query<TrainingRecordRow & { claimed: boolean }>(
      `SELECT r.*, EXISTS (SELECT 1 FROM employment.training_subsidy_application s WHERE s.training_record_id = r.record_id AND s.status <> 'REJECTED') AS claimed
         FROM (${TRAINING_RECORD_SELECT} WHERE t.person_key = $1) r
        ORDER BY r.completed_on DESC NULLS LAST, r.started_on DESC`,
      [personKey],
    );
  },

  async openJobIntroduction(tx: Queryable, personKey: string): Promise<{ request_number: string } | undefined> {
    const [row] = await tx.query<{ request_number: string }>(
      `SELECT request_number FROM employment.job_introduction_request WHERE person_key = $1 AND status = 'ACCEPTED'`,
      [personKey],
    );
    return row;
  },

  /** Hire filings on file or being handled that no completed termination has ended. */
  hireFilingsInForce(tx: Queryable, personKey: string): Promise<LaborFilingRow[]> {
    return tx.query<LaborFilingRow>(
      `SELECT ${LABOR_FILING_COLUMNS} FROM employment.labor_filing
        WHERE person_key = $1 AND kind = 'HIRE' AND status <> 'REJECTED' AND ended_on IS NULL ORDER BY contract_start_date DESC`,
      [personKey],
    );
  },

  async openElectronicContract(tx: Queryable, personKey: string, creditCode: string): Promise<{ contract_number: string } | undefined> {
    const [row] = await tx.query<{ contract_number: string }>(
      `SELECT contract_number FROM employment.electronic_labor_contract WHERE person_key = $1 AND employer_credit_code = $2 AND status = 'ACCEPTED'`,
      [personKey, creditCode],
    );
    return row;
  },

  /** A 创业担保贷款 certification being handled: of the person (PERSONAL) or of the enterprise (ENTERPRISE). */
  async openStartupLoan(tx: Queryable, kind: 'PERSONAL' | 'ENTERPRISE', holder: string): Promise<{ certification_number: string } | undefined> {
    const [row] = await tx.query<{ certification_number: string }>(
      `SELECT certification_number FROM employment.startup_loan_certification
        WHERE kind = $1 AND status = 'ACCEPTED' AND ${kind === 'PERSONAL' ? 'person_key' : 'employer_credit_code'} = $2`,
      [kind, holder],
    );
    return row;
  },

  /** The person's or enterprise's subsidy applications of one kind that were not rejected. */
  startupSubsidies(tx: Queryable, kind: string, personKey: string, creditCode: string | null): Promise<Array<{ application_number: string; status: string }>> {
    return tx.query<{ application_number: string; status: string }>(
      `SELECT application_number, status FROM employment.startup_subsidy_application
        WHERE kind = $1 AND status <> 'REJECTED' AND ${creditCode ? 'employer_credit_code = $2' : 'person_key = $2 AND employer_credit_code IS NULL'}`,
      [kind, creditCode ?? personKey],
    );
  },

  /** Whether the person works for the employer: its employment registration open, or its hire filing in force. */
  async employedBy(tx: Queryable, personKey: string, creditCode: string): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM employment.employment_registration WHERE person_key = $1 AND employer_credit_code = $2 AND ended_on IS NULL
       UNION ALL
       SELECT 1 FROM employment.labor_filing WHERE person_key = $1 AND employer_credit_code = $2 AND kind = 'HIRE' AND status <> 'REJECTED' AND ended_on IS NULL
       LIMIT 1`,
      [personKey, creditCode],
    );
    return rows.length > 0;
  },

  /** The employer's recruitment requests (not rejected) of the given kinds. */
  recruitmentOf(
    tx: Queryable,
    creditCode: string,
    kinds: readonly string[],
  ): Promise<Array<{ request_number: string; kind: string; job_fair_id: string | null }>> {
    return tx.query<{ request_number: string; kind: string; job_fair_id: string | null }>(
      `SELECT request_number, kind, job_fair_id FROM employment.recruitment_request WHERE employer_credit_code = $1 AND kind = ANY($2) AND status <> 'REJECTED'`,
      [creditCode, kinds],
    );
  },

  /** An open 社会保险补贴 application of this kind for the person (with this employer, when one applies). */
  /** The day (in China) the person was first granted a 社会保险补贴 of the given kinds, or null. */
  async firstSocialInsuranceSubsidyGrant(tx: Queryable, personKey: string, kinds: readonly string[]): Promise<string | null> {
    const [row] = await tx.query<{ first: string | null }>(
      `SELECT (min(decided_at) AT TIME ZONE 'Asia/Shanghai')::date::text AS first FROM employment.employment_subsidy_application
        WHERE person_key = $1 AND status = 'COMPLETED' AND kind = ANY($2::text[])`,
      [personKey, [...kinds]],
    );
    return row?.first ?? null;
  },

  async openEmploymentSubsidy(tx: Queryable, kind: string, personKey: string, creditCode: string | null): Promise<{ application_number: string } | undefined> {
    const [row] = await tx.query<{ application_number: string }>(
      `SELECT application_number FROM employment.employment_subsidy_application
        WHERE kind = $1 AND person_key = $2 AND status = 'ACCEPTED' AND employer_credit_code IS NOT DISTINCT FROM $3`,
      [kind, personKey, creditCode],
    );
    return row;
  },
};
