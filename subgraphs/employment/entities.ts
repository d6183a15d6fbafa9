import type {
  DifficultyRecognitionRow, EmploymentCertificateRow, JobIntroductionRow, TrainingRecordRow, TrainingSubsidyRow, UnemploymentRegistrationRow,
} from './store.js';

/** Rows → the entities of schema/employment.graphql. */

export const toUnemploymentRegistration = (row: UnemploymentRegistrationRow) => ({
  id: row.registration_number,
  person: { id: row.person_key },
  status: row.status,
  unemploymentType: row.unemployment_type,
  formerEmployer: row.former_employer,
  unemploymentDate: row.unemployment_date,
  registeredOn: row.registered_on,
  endedOn: row.ended_on,
  appliedAt: row.created_at.toISOString(),
});

export const toCertificate = (row: EmploymentCertificateRow) =>
  row.status === 'COMPLETED' && row.certificate_number && row.issued_on
    ? { certificateNumber: row.certificate_number, issuedOn: row.issued_on, paperCertificate: row.paper_certificate }
    : null;

export const toCertificateApplication = (row: EmploymentCertificateRow) => ({
  id: row.application_number,
  person: { id: row.person_key },
  status: row.status,
  paperCertificate: row.paper_certificate,
  certificate: toCertificate(row),
  appliedAt: row.applied_at.toISOString(),
});

export const toDifficultyRecognition = (row: DifficultyRecognitionRow) => ({
  id: row.application_number,
  person: { id: row.person_key },
  status: row.status,
  difficultyCategory: row.category,
  appliedAt: row.applied_at.toISOString(),
});

export const toTrainingRecord = (row: TrainingRecordRow) => ({
  id: row.record_id,
  course: row.course,
  provider: row.provider,
  startedOn: row.started_on,
  completedOn: row.completed_on,
  certificateNumber: row.certificate_number,
  subsidized: row.subsidized,
});

/** `trainingRecordId` is resolved by `VocationalTrainingSubsidyApplication.training`. */
export const toTrainingSubsidy = (row: TrainingSubsidyRow) => ({
  id: row.application_number,
  person: { id: row.person_key },
  status: row.status,
  trainingRecordId: row.training_record_id,
  appliedAt: row.applied_at.toISOString(),
});

export const toJobIntroduction = (row: JobIntroductionRow) => ({
  id: row.request_number,
  person: { id: row.person_key },
  status: row.status,
  desiredJob: row.desired_job,
  expectedMonthlySalary: row.expected_monthly_salary,
  desiredRegion: row.desired_region,
  resumeVisibility: row.resume_visibility,
  appliedAt: row.applied_at.toISOString(),
});
