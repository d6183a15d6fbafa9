/**
 * The records the employment items create, declared once (`defineRecord`): table, number,
 * entity, and what the counter's completion does. Loaders, `__resolveReference`, the status
 * history (employment.record_history) and `decideEmploymentItem` come with them. Numbers are
 * prefix + the date in China + six digits of employment.item_number_seq, as before.
 */
import type DataLoader from 'dataloader';
import type { Queryable } from '../../src/db/database.js';
import type { ItemDecisionInput } from '../../src/contract/item-contract.js';
import { todayInChina } from '../../src/policy/calendar.js';
import { defineRecord, recordSet } from '../../src/subgraph/records.js';
import {
  toCertificateApplication, toDifficultyRecognition, toJobIntroduction, toTrainingRecord, toTrainingSubsidy, toUnemploymentRegistration,
} from './entities.js';
import type { DifficultyRecognitionRow, EmploymentCertificateRow, TrainingRecordRow } from './store.js';

/** Only completion has a domain effect; a rejection changes the status alone. */
export const onComplete = <Row>(complete: (tx: Queryable, row: Row) => Promise<Record<string, unknown> | void>) =>
  async (tx: Queryable, row: Row, decision: ItemDecisionInput) => (decision.outcome === 'COMPLETE' ? complete(tx, row) : undefined);

/** 失业登记: completed, the registration is in force (Person.unemploymentStatus.registered). */
export const unemploymentRegistrations = defineRecord({
  typename: 'UnemploymentRegistration', table: 'employment.unemployment_registration', key: 'registration_number', numberPrefix: 'SY',
  toEntity: toUnemploymentRegistration,
});

/** 《就业创业证》申领: completed, the certificate is issued with its number (JYCY + year + 8 digits). */
export const certificateApplications = defineRecord({
  typename: 'EmploymentCertificateApplication', table: 'employment.employment_certificate_application', key: 'application_number', numberPrefix: 'JC',
  toEntity: toCertificateApplication,
  onDecision: onComplete<EmploymentCertificateRow>(async (tx) => {
    const today = todayInChina();
    const [row] = await tx.query<{ number: string }>(
      `SELECT $1 || lpad(nextval('employment.certificate_number_seq')::text, 8, '0') AS number`, [`JYCY${today.slice(0, 4)}`]);
    return { issued_on: today, certificate_number: row!.number };
  }),
});

/** 就业困难人员认定: completed, the person is recognised (Person.unemploymentStatus.hardToEmploy). */
export const difficultyRecognitions = defineRecord({
  typename: 'EmploymentDifficultyRecognition', table: 'employment.difficulty_recognition_application', key: 'application_number', numberPrefix: 'KN',
  toEntity: toDifficultyRecognition,
  onDecision: onComplete<DifficultyRecognitionRow>(async (tx, row) => {
    await tx.query(
      `INSERT INTO employment.hard_to_employ_recognition (person_key, category, recognized_on) VALUES ($1, $2, $3)
       ON CONFLICT (person_key) DO UPDATE SET category = EXCLUDED.category, recognized_on = EXCLUDED.recognized_on`,
      [row.person_key, row.category, todayInChina()],
    );
  }),
});

/** 职业培训补贴: completed, the training counts as subsidised (TrainingRecord.subsidized). */
export const trainingSubsidies = defineRecord({
  typename: 'VocationalTrainingSubsidyApplication', table: 'employment.training_subsidy_application', key: 'application_number', numberPrefix: 'PX',
  toEntity: toTrainingSubsidy,
});

/** 职业介绍 (求职登记): one open request per person. */
export const jobIntroductions = defineRecord({
  typename: 'JobIntroductionRequest', table: 'employment.job_introduction_request', key: 'request_number', numberPrefix: 'ZJ',
  select: `SELECT request_number, person_key, status, desired_job, expected_monthly_salary::text AS expected_monthly_salary, desired_region,
                  resume_visibility, applied_at
             FROM employment.job_introduction_request WHERE request_number = ANY($1)`,
  toEntity: toJobIntroduction,
});

export const employmentRecords = recordSet([unemploymentRegistrations, certificateApplications, difficultyRecognitions, trainingSubsidies, jobIntroductions]);

interface Context {
  readonly loaders: { readonly trainingRecord: DataLoader<string, TrainingRecordRow | null> };
}

export const recordResolvers = {
  UnemploymentRegistration: unemploymentRegistrations.resolver,
  EmploymentCertificateApplication: certificateApplications.resolver,
  EmploymentDifficultyRecognition: difficultyRecognitions.resolver,
  JobIntroductionRequest: jobIntroductions.resolver,
  VocationalTrainingSubsidyApplication: {
    ...trainingSubsidies.resolver,
    training: async (application: { trainingRecordId: string }, _: unknown, { loaders }: Context) => {
      const row = await loaders.trainingRecord.load(application.trainingRecordId);
      return row ? toTrainingRecord(row) : null;
    },
  },
};
