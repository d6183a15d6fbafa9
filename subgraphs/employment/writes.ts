import type { Queryable } from '../../src/db/database.js';
import { todayInChina } from '../../src/policy/calendar.js';
import {
  TRAINING_RECORD_SELECT, type DifficultyRecognitionRow, type EmploymentCertificateRow, type EmploymentRegistrationRow,
  type JobIntroductionRow, type TrainingRecordRow, type UnemploymentRegistrationRow,
} from './store.js';

/**
 * `<prefix><yyyymmdd><6-digit serial>`, the number handed to the applicant: SQL appending the
 * serial to parameter 1, which `numberPrefix` gives (dated in China time, not the server's).
 */
const ITEM_NUMBER = `$1 || lpad(nextval('employment.item_number_seq')::text, 6, '0')`;
const numberPrefix = (prefix: string) => `${prefix}${todayInChina().replace(/-/g, '')}`;

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

  async insertUnemploymentRegistration(tx: Queryable, row: { person_key: string; unemployment_type: string; former_employer: string; unemployment_date: string }): Promise<UnemploymentRegistrationRow> {
    const [created] = await tx.query<UnemploymentRegistrationRow>(
      `INSERT INTO employment.unemployment_registration (registration_number, person_key, status, registered_on, unemployment_type, former_employer, unemployment_date)
       VALUES (${ITEM_NUMBER}, $2, 'ACCEPTED', $3, $4, $5, $6) RETURNING *`,
      [numberPrefix('SY'), row.person_key, todayInChina(), row.unemployment_type, row.former_employer, row.unemployment_date],
    );
    return created!;
  },

  /** The application open or the certificate issued, if any (once per person). */
  async currentCertificate(tx: Queryable, personKey: string): Promise<EmploymentCertificateRow | undefined> {
    const [row] = await tx.query<EmploymentCertificateRow>(
      `SELECT * FROM employment.employment_certificate_application WHERE person_key = $1 AND status <> 'REJECTED'`,
      [personKey],
    );
    return row;
  },

  async insertCertificateApplication(tx: Queryable, row: { person_key: string; paper_certificate: boolean }): Promise<EmploymentCertificateRow> {
    const [created] = await tx.query<EmploymentCertificateRow>(
      `INSERT INTO employment.employment_certificate_application (application_number, person_key, status, paper_certificate)
       VALUES (${ITEM_NUMBER}, $2, 'ACCEPTED', $3) RETURNING *`,
      [numberPrefix('JC'), row.person_key, row.paper_certificate],
    );
    return created!;
  },

  async hardToEmployRecognition(tx: Queryable, personKey: string): Promise<{ category: string; recognized_on: string } | undefined> {
    const [row] = await tx.query<{ category: string; recognized_on: string }>('SELECT category, recognized_on FROM employment.hard_to_employ_recognition WHERE person_key = $1', [personKey]);
    return row;
  },

  async openDifficultyRecognition(tx: Queryable, personKey: string): Promise<DifficultyRecognitionRow | undefined> {
    const [row] = await tx.query<DifficultyRecognitionRow>(
      `SELECT * FROM employment.difficulty_recognition_application WHERE person_key = $1 AND status = 'ACCEPTED'`,
      [personKey],
    );
    return row;
  },

  async insertDifficultyRecognition(tx: Queryable, row: { person_key: string; category: string }): Promise<DifficultyRecognitionRow> {
    const [created] = await tx.query<DifficultyRecognitionRow>(
      `INSERT INTO employment.difficulty_recognition_application (application_number, person_key, status, category)
       VALUES (${ITEM_NUMBER}, $2, 'ACCEPTED', $3) RETURNING *`,
      [numberPrefix('KN'), row.person_key, row.category],
    );
    return created!;
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

  async insertTrainingSubsidy(tx: Queryable, row: { person_key: string; training_record_id: string }): Promise<{ application_number: string }> {
    const [created] = await tx.query<{ application_number: string }>(
      `INSERT INTO employment.training_subsidy_application (application_number, person_key, training_record_id, status)
       VALUES (${ITEM_NUMBER}, $2, $3, 'ACCEPTED') RETURNING application_number`,
      [numberPrefix('PX'), row.person_key, row.training_record_id],
    );
    return created!;
  },

  async openJobIntroduction(tx: Queryable, personKey: string): Promise<{ request_number: string } | undefined> {
    const [row] = await tx.query<{ request_number: string }>(
      `SELECT request_number FROM employment.job_introduction_request WHERE person_key = $1 AND status = 'ACCEPTED'`,
      [personKey],
    );
    return row;
  },

  async insertJobIntroduction(tx: Queryable, row: Omit<JobIntroductionRow, 'request_number' | 'status' | 'applied_at'>): Promise<{ request_number: string }> {
    const [created] = await tx.query<{ request_number: string }>(
      `INSERT INTO employment.job_introduction_request (request_number, person_key, status, desired_job, expected_monthly_salary, desired_region, resume_visibility)
       VALUES (${ITEM_NUMBER}, $2, 'ACCEPTED', $3, $4, $5, $6) RETURNING request_number`,
      [numberPrefix('ZJ'), row.person_key, row.desired_job, row.expected_monthly_salary, row.desired_region, row.resume_visibility],
    );
    return created!;
  },
};

/** The counter's decisions: the record's final status, and the domain effect of completion. */
export const employmentDecisions = {
  /** Completed: the registration is in force (Person.unemploymentStatus.registered). */
  async decideUnemploymentRegistration(tx: Queryable, number: string, status: 'COMPLETED' | 'REJECTED'): Promise<void> {
    await tx.query('UPDATE employment.unemployment_registration SET status = $2, decided_at = now() WHERE registration_number = $1', [number, status]);
  },

  /** Completed: the 《就业创业证》 is issued with its number. */
  async decideCertificate(tx: Queryable, number: string, status: 'COMPLETED' | 'REJECTED'): Promise<void> {
    if (status === 'REJECTED') {
      await tx.query(`UPDATE employment.employment_certificate_application SET status = 'REJECTED', decided_at = now() WHERE application_number = $1`, [number]);
      return;
    }
    const today = todayInChina();
    await tx.query(
      `UPDATE employment.employment_certificate_application
          SET status = 'COMPLETED', decided_at = now(), issued_on = $2,
              certificate_number = $3 || lpad(nextval('employment.certificate_number_seq')::text, 8, '0')
        WHERE application_number = $1`,
      [number, today, `JYCY${today.slice(0, 4)}`],
    );
  },

  /** Completed: the person is recognised (Person.unemploymentStatus.hardToEmploy). */
  async decideDifficultyRecognition(tx: Queryable, number: string, status: 'COMPLETED' | 'REJECTED'): Promise<void> {
    const [row] = await tx.query<DifficultyRecognitionRow>(
      'UPDATE employment.difficulty_recognition_application SET status = $2, decided_at = now() WHERE application_number = $1 RETURNING *',
      [number, status],
    );
    if (status === 'COMPLETED' && row) {
      await tx.query(
        `INSERT INTO employment.hard_to_employ_recognition (person_key, category, recognized_on) VALUES ($1, $2, $3)
         ON CONFLICT (person_key) DO UPDATE SET category = EXCLUDED.category, recognized_on = EXCLUDED.recognized_on`,
        [row.person_key, row.category, todayInChina()],
      );
    }
  },

  /** Completed: the training counts as subsidised (TrainingRecord.subsidized). */
  async decideTrainingSubsidy(tx: Queryable, number: string, status: 'COMPLETED' | 'REJECTED'): Promise<void> {
    await tx.query('UPDATE employment.training_subsidy_application SET status = $2, decided_at = now() WHERE application_number = $1', [number, status]);
  },

  async decideJobIntroduction(tx: Queryable, number: string, status: 'COMPLETED' | 'REJECTED'): Promise<void> {
    await tx.query('UPDATE employment.job_introduction_request SET status = $2, decided_at = now() WHERE request_number = $1', [number, status]);
  },
};
