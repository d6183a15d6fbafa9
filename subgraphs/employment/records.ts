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
  toElectronicLaborContract,
  toEmploymentRegistrationApplication,
  toEmploymentSubsidy,
  toEntrepreneurshipService,
  toJobSeekerService,
  toLaborFiling,
  toRecruitmentRequest,
  toStartupLoan,
  toStartupSubsidy,
  toCertificateApplication,
  toDifficultyRecognition,
  toJobIntroduction,
  toTrainingRecord,
  toTrainingSubsidy,
  toUnemploymentRegistration,
} from './entities.js';
import {
  LABOR_FILING_COLUMNS,
  type DifficultyRecognitionRow,
  type EmploymentCertificateRow,
  type EmploymentRegistrationApplicationRow,
  type JobSeekerServiceRow,
  type LaborFilingRow,
  type StartupSubsidyRow,
  type TrainingRecordRow,
} from './store.js';

/** Only completion has a domain effect; a rejection changes the status alone. */
export const onComplete =
  <Row>(complete: (tx: Queryable, row: Row) => Promise<Record<string, unknown> | void>) =>
  async (tx: Queryable, row: Row, decision: ItemDecisionInput) =>
    decision.outcome === 'COMPLETE' ? complete(tx, row) : undefined;

/** 失业登记: completed, the registration is in force (Person.unemploymentStatus.registered). */
export const unemploymentRegistrations = defineRecord({
  typename: 'UnemploymentRegistration',
  table: 'employment.unemployment_registration',
  key: 'registration_number',
  numberPrefix: 'SY',
  toEntity: toUnemploymentRegistration,
});

/** 《就业创业证》申领: completed, the certificate is issued with its number (JYCY + year + 8 digits). */
export const certificateApplications = defineRecord({
  typename: 'EmploymentCertificateApplication',
  table: 'employment.employment_certificate_application',
  key: 'application_number',
  numberPrefix: 'JC',
  toEntity: toCertificateApplication,
  onDecision: onComplete<EmploymentCertificateRow>(async (tx) => {
    const today = todayInChina();
    const [row] = await tx.query<{ number: string }>(`SELECT $1 || lpad(nextval('employment.certificate_number_seq')::text, 8, '0') AS number`, [
      `JYCY${today.slice(0, 4)}`,
    ]);
    return { issued_on: today, certificate_number: row!.number };
  }),
});

/** 就业困难人员认定: completed, the person is recognised (Person.unemploymentStatus.hardToEmploy). */
export const difficultyRecognitions = defineRecord({
  typename: 'EmploymentDifficultyRecognition',
  table: 'employment.difficulty_recognition_application',
  key: 'application_number',
  numberPrefix: 'KN',
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
  typename: 'VocationalTrainingSubsidyApplication',
  table: 'employment.training_subsidy_application',
  key: 'application_number',
  numberPrefix: 'PX',
  toEntity: toTrainingSubsidy,
});

/** 职业介绍 (求职登记): one open request per person. */
export const jobIntroductions = defineRecord({
  typename: 'JobIntroductionRequest',
  table: 'employment.job_introduction_request',
  key: 'request_number',
  numberPrefix: 'ZJ',
  select: `SELECT request_number, person_key, status, desired_job, expected_monthly_salary::text AS expected_monthly_salary, desired_region,
                  resume_visibility, applied_at
             FROM employment.job_introduction_request WHERE request_number = ANY($1)`,
  toEntity: toJobIntroduction,
});

/**
 * 就业登记: completed, the employment is registered (Person.employmentRegistrations, same number),
 * and an unemployment registration in force ends that day: 就业服务与就业管理规定 第66条 (被用人单位
 * 录用的, 从事个体经营或创办企业的: 注销失业登记).
 */
export const employmentRegistrationApplications = defineRecord({
  typename: 'EmploymentRegistrationApplication',
  table: 'employment.employment_registration_application',
  key: 'application_number',
  numberPrefix: 'JY',
  toEntity: toEmploymentRegistrationApplication,
  onDecision: onComplete<EmploymentRegistrationApplicationRow>(async (tx, row) => {
    await tx.query(
      `INSERT INTO employment.employment_registration (registration_number, person_key, employer_credit_code, employer_name, started_on)
       VALUES ($1, $2, $3, $4, $5)`,
      [row.application_number, row.person_key, row.employer_credit_code, row.employer_name, row.started_on],
    );
    await tx.query(`UPDATE employment.unemployment_registration SET ended_on = $2 WHERE person_key = $1 AND ended_on IS NULL AND status = 'COMPLETED'`, [
      row.person_key,
      todayInChina(),
    ]);
  }),
});

/**
 * 劳动用工备案. A hire filing completed is the labour relation on file; a termination completed
 * ends it, and ends the employment registration it names (就业登记注销, 就业服务与就业管理规定
 * 第62条: the employer files within 15 days of the end).
 */
export const laborFilings = defineRecord({
  typename: 'LaborFiling',
  table: 'employment.labor_filing',
  key: 'filing_number',
  numberPrefix: 'BA',
  select: `SELECT ${LABOR_FILING_COLUMNS} FROM employment.labor_filing WHERE filing_number = ANY($1)`,
  toEntity: toLaborFiling,
  onDecision: onComplete<LaborFilingRow>(async (tx, row) => {
    if (row.kind !== 'TERMINATION') return;
    if (row.ends_registration) {
      await tx.query('UPDATE employment.employment_registration SET ended_on = $2 WHERE registration_number = $1 AND ended_on IS NULL', [
        row.ends_registration,
        row.termination_date,
      ]);
    }
    if (row.ends_filing) {
      await tx.query('UPDATE employment.labor_filing SET ended_on = $2 WHERE filing_number = $1 AND ended_on IS NULL', [row.ends_filing, row.termination_date]);
    }
  }),
});

/** 电子劳动合同: completed when both parties have signed. */
export const electronicLaborContracts = defineRecord({
  typename: 'ElectronicLaborContract',
  table: 'employment.electronic_labor_contract',
  key: 'contract_number',
  numberPrefix: 'HT',
  toEntity: toElectronicLaborContract,
  onDecision: onComplete(async () => ({ signed_on: todayInChina() })),
});

/** 创业开业指导 / 创业培训: completed when the guidance is given or the training place granted. */
export const entrepreneurshipServices = defineRecord({
  typename: 'EntrepreneurshipServiceRequest',
  table: 'employment.entrepreneurship_service',
  key: 'request_number',
  numberPrefix: 'CY',
  toEntity: toEntrepreneurshipService,
});

/** 创业担保贷款资格认定: completed, the certificate the lending bank relies on. */
export const startupLoans = defineRecord({
  typename: 'StartupLoanCertification',
  table: 'employment.startup_loan_certification',
  key: 'certification_number',
  numberPrefix: 'DK',
  select: `SELECT certification_number, person_key, status, kind, employer_credit_code, founder_identity, loan_amount::text AS loan_amount,
                  loan_term_months, lending_bank, guarantee_method, total_employees, key_group_hires, applied_at
             FROM employment.startup_loan_certification WHERE certification_number = ANY($1)`,
  toEntity: toStartupLoan,
});

/** 创业补贴 of every kind: completed, the subsidy is granted (its amount is local policy). */
export const startupSubsidies = defineRecord({
  typename: 'StartupSubsidyApplication',
  table: 'employment.startup_subsidy_application',
  key: 'application_number',
  numberPrefix: 'CYB',
  select: `SELECT *, monthly_rent::text AS monthly_rent_text FROM employment.startup_subsidy_application WHERE application_number = ANY($1)`,
  toEntity: (row: StartupSubsidyRow & { monthly_rent_text: string | null }) => toStartupSubsidy({ ...row, monthly_rent: row.monthly_rent_text }),
});

/** 就业服务, 就业意愿采集, 高校毕业生求职登记, 就业见习岗位申请: completed when served or placed. */
export const jobSeekerServices = defineRecord({
  typename: 'JobSeekerServiceRequest',
  table: 'employment.job_seeker_service',
  key: 'request_number',
  numberPrefix: 'FW',
  select: `SELECT *, expected_monthly_salary::text AS salary_text FROM employment.job_seeker_service WHERE request_number = ANY($1)`,
  toEntity: (row: JobSeekerServiceRow & { salary_text: string | null }) => toJobSeekerService({ ...row, expected_monthly_salary: row.salary_text }),
});

/** 招聘会展位, 网络招聘, 在线面试: completed when the booth is allotted, the posting published, the interview held. */
export const recruitmentRequests = defineRecord({
  typename: 'RecruitmentRequest',
  table: 'employment.recruitment_request',
  key: 'request_number',
  numberPrefix: 'ZP',
  toEntity: toRecruitmentRequest,
});

/** 社会保险补贴 of every kind: completed, the subsidy is granted (its amount and period are local policy). */
export const employmentSubsidies = defineRecord({
  typename: 'EmploymentSubsidyApplication',
  table: 'employment.employment_subsidy_application',
  key: 'application_number',
  numberPrefix: 'BT',
  toEntity: toEmploymentSubsidy,
});

export const employmentRecords = recordSet([
  unemploymentRegistrations,
  certificateApplications,
  difficultyRecognitions,
  trainingSubsidies,
  jobIntroductions,
  employmentRegistrationApplications,
  laborFilings,
  electronicLaborContracts,
  entrepreneurshipServices,
  startupLoans,
  startupSubsidies,
  jobSeekerServices,
  recruitmentRequests,
  employmentSubsidies,
]);

interface Context {
  readonly loaders: { readonly trainingRecord: DataLoader<string, TrainingRecordRow | null> };
}

export const recordResolvers = {
  UnemploymentRegistration: unemploymentRegistrations.resolver,
  EmploymentCertificateApplication: certificateApplications.resolver,
  EmploymentDifficultyRecognition: difficultyRecognitions.resolver,
  JobIntroductionRequest: jobIntroductions.resolver,
  EmploymentRegistrationApplication: employmentRegistrationApplications.resolver,
  LaborFiling: laborFilings.resolver,
  ElectronicLaborContract: electronicLaborContracts.resolver,
  EntrepreneurshipServiceRequest: entrepreneurshipServices.resolver,
  StartupLoanCertification: startupLoans.resolver,
  StartupSubsidyApplication: startupSubsidies.resolver,
  JobSeekerServiceRequest: jobSeekerServices.resolver,
  RecruitmentRequest: recruitmentRequests.resolver,
  EmploymentSubsidyApplication: employmentSubsidies.resolver,
  VocationalTrainingSubsidyApplication: {
    ...trainingSubsidies.resolver,
    training: async (application: { trainingRecordId: string }, _: unknown, { loaders }: Context) => {
      const row = await loaders.trainingRecord.load(application.trainingRecordId);
      return row ? toTrainingRecord(row) : null;
    },
  },
};
