import type {
  ElectronicLaborContractRow,
  EmploymentRegistrationApplicationRow,
  EmploymentSubsidyRow,
  EntrepreneurshipServiceRow,
  JobSeekerServiceRow,
  LaborFilingRow,
  RecruitmentRequestRow,
  StartupLoanRow,
  StartupSubsidyRow,
  DifficultyRecognitionRow,
  EmploymentCertificateRow,
  JobIntroductionRow,
  TrainingRecordRow,
  TrainingSubsidyRow,
  UnemploymentRegistrationRow,
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

const employerRef = (creditCode: string | null) => (creditCode ? { creditCode } : null);

export const toEmploymentRegistrationApplication = (row: EmploymentRegistrationApplicationRow) => ({
  id: row.application_number,
  person: { id: row.person_key },
  status: row.status,
  kind: row.kind,
  employer: employerRef(row.employer_credit_code),
  employerName: row.employer_name,
  startedOn: row.started_on,
  appliedAt: row.applied_at.toISOString(),
});

export const toLaborFiling = (row: LaborFilingRow) => ({
  id: row.filing_number,
  person: { id: row.person_key },
  status: row.status,
  kind: row.kind,
  employer: employerRef(row.employer_credit_code),
  employerName: row.employer_name,
  contractType: row.contract_type,
  contractStartDate: row.contract_start_date,
  contractEndDate: row.contract_end_date,
  jobTitle: row.job_title,
  workLocation: row.work_location,
  monthlyWage: row.monthly_wage,
  contractDetailsToFollow: row.kind === 'HIRE' && row.contract_type === null,
  terminationDate: row.termination_date,
  terminationDateDerived: row.termination_derived,
  filedLate: row.filed_late,
  endedOn: row.ended_on,
  appliedAt: row.applied_at.toISOString(),
});

export const toElectronicLaborContract = (row: ElectronicLaborContractRow) => ({
  id: row.contract_number,
  person: { id: row.person_key },
  status: row.status,
  employer: { creditCode: row.employer_credit_code },
  signedOn: row.signed_on,
  appliedAt: row.applied_at.toISOString(),
});

export const toEntrepreneurshipService = (row: EntrepreneurshipServiceRow) => ({
  id: row.request_number,
  person: { id: row.person_key },
  status: row.status,
  kind: row.kind,
  trainingType: row.training_type,
  appliedAt: row.applied_at.toISOString(),
});

export const toStartupLoan = (row: StartupLoanRow) => ({
  id: row.certification_number,
  person: { id: row.person_key },
  status: row.status,
  kind: row.kind,
  employer: employerRef(row.employer_credit_code),
  founderIdentity: row.founder_identity,
  loanAmount: row.loan_amount,
  loanTermMonths: row.loan_term_months,
  lendingBank: row.lending_bank,
  guaranteeMethod: row.guarantee_method,
  totalEmployees: row.total_employees,
  keyGroupHires: row.key_group_hires,
  appliedAt: row.applied_at.toISOString(),
});

/** Shown masked: the full account is kept for the payment only. */
const maskAccount = (account: string | null) => (account ? `****${account.slice(-4)}` : null);

export const toStartupSubsidy = (row: StartupSubsidyRow) => ({
  id: row.application_number,
  person: { id: row.person_key },
  status: row.status,
  kind: row.kind,
  employer: employerRef(row.employer_credit_code),
  founderIdentity: row.founder_identity,
  establishedDate: row.established_date,
  venueAddress: row.venue_address,
  leaseStartDate: row.lease_start_date,
  leaseEndDate: row.lease_end_date,
  monthlyRent: row.monthly_rent,
  hiredCount: row.hired_count,
  incubatorName: row.incubator_name,
  incubatedEntities: row.incubated_entities,
  closureDate: row.closure_date,
  account: maskAccount(row.account),
  appliedAt: row.applied_at.toISOString(),
});

export const toJobSeekerService = (row: JobSeekerServiceRow) => ({
  id: row.request_number,
  person: { id: row.person_key },
  status: row.status,
  kind: row.kind,
  services: row.services,
  wantsEmployment: row.wants_employment,
  wantsTraining: row.wants_training,
  desiredJob: row.desired_job,
  desiredRegion: row.desired_region,
  expectedMonthlySalary: row.expected_monthly_salary,
  graduationDate: row.graduation_date,
  internshipPostId: row.internship_post_id,
  preferredStartDate: row.preferred_start_date,
  appliedAt: row.applied_at.toISOString(),
});

export const toRecruitmentRequest = (row: RecruitmentRequestRow) => ({
  id: row.request_number,
  person: { id: row.person_key },
  status: row.status,
  kind: row.kind,
  employer: { creditCode: row.employer_credit_code },
  jobFairId: row.job_fair_id,
  boothCount: row.booth_count,
  positions: row.positions,
  publishUntil: row.publish_until,
  interviewDate: row.interview_date,
  appliedAt: row.applied_at.toISOString(),
});

export const toEmploymentSubsidy = (row: EmploymentSubsidyRow) => ({
  id: row.application_number,
  person: { id: row.person_key },
  status: row.status,
  kind: row.kind,
  employer: employerRef(row.employer_credit_code),
  account: maskAccount(row.account),
  appliedAt: row.applied_at.toISOString(),
});
