/**
 * The records the insurance items create, declared once (`defineRecord`): table, number,
 * entity, and what the counter's completion does. Loaders, `__resolveReference`, history and
 * the decision come with them.
 */
import type DataLoader from 'dataloader';
import type { Queryable } from '../../src/db/database.js';
import type { ItemDecisionInput } from '../../src/contract/item-contract.js';
import { defineRecord, recordSet } from '../../src/subgraph/records.js';
import {
  completeAdjustment,
  completeBenefitChange,
  completeClaim,
  completeDeathClaim,
  completeEmployerRegistration,
  completeReduction,
  completeRegistration,
  completeRetirement,
  completeSupplement,
  completeTransfer,
  completeWorkInjuryClaim,
} from './items/decide.js';
import type {
  AdjustmentRow,
  AppraisalRow,
  BenefitByIdRow,
  BenefitChangeRow,
  DeathClaimRow,
  ClaimRow,
  EmployerRegistrationRow,
  EmployerRow,
  ReductionRow,
  RegistrationRow,
  RetirementRow,
  SupplementRow,
  TransferRow,
  WorkInjuryClaimRow,
} from './store.js';

interface Context {
  readonly loaders: {
    readonly benefitById: DataLoader<string, BenefitByIdRow | null>;
    readonly employer: DataLoader<string, EmployerRow | null>;
  };
}

export const toEmployer = (row: EmployerRow) => ({
  id: row.credit_code,
  creditCode: row.credit_code,
  name: row.name,
  regionCode: row.region_code,
  kind: row.kind,
  insuredSince: row.insured_since,
});

export const toBenefit = (row: { kind: string; status: string; monthly_amount: string | null; started_on: string; ends_on: string | null }) => ({
  kind: row.kind,
  status: row.status,
  monthlyAmount: row.monthly_amount,
  startedOn: row.started_on,
  endsOn: row.ends_on,
});

/** Shown masked: the full account is kept for the payment only. */
const maskAccount = (account: string | null) => (account ? `****${account.slice(-4)}` : null);

const employerField = async (record: { employerCreditCode: string | null }, _: unknown, { loaders }: Context) => {
  const row = record.employerCreditCode ? await loaders.employer.load(record.employerCreditCode) : null;
  return row ? toEmployer(row) : null;
};

const common = (row: { person_key: string; status: string; applied_at: Date }) => ({
  person: { id: row.person_key },
  status: row.status,
  appliedAt: row.applied_at.toISOString(),
});

const toClaim = (row: ClaimRow) => ({
  id: row.claim_number,
  ...common(row),
  unemploymentReason: row.unemployment_reason,
  unemploymentDate: row.unemployment_date,
  formerEmployer: row.former_employer,
  contributionMonths: row.contribution_months,
  entitledMonths: row.entitled_months,
  monthlyAmount: row.monthly_amount,
  bankAccount: maskAccount(row.bank_account),
  agency: { regionCode: row.region_code, name: row.agency_name },
  benefitId: row.benefit_id,
});

const toSupplement = (row: SupplementRow) => ({
  id: row.supplement_number,
  ...common(row),
  kind: row.kind,
  // 社会保险法 第48条: the unemployment fund pays the premium, the person nothing.
  personalContribution: row.kind === 'MEDICAL_PREMIUM' ? '0.00' : null,
  triggerMonth: row.trigger_month,
  endsOn: row.ends_on,
});

const toRegistration = (row: RegistrationRow) => ({
  id: row.registration_number,
  ...common(row),
  kind: row.kind,
  schemes: row.schemes,
  employeeMedical: row.employee_medical,
  employerCreditCode: row.employer_credit_code,
  startDate: row.start_date,
  contributionBase: row.contribution_base,
  contributionGrade: row.contribution_grade,
  agency: { regionCode: row.region_code, name: row.agency_name },
});

const toTransfer = (row: TransferRow) => ({
  id: row.transfer_number,
  ...common(row),
  kind: row.kind,
  scheme: row.scheme,
  transferOutAgencyName: row.transfer_out_agency_name,
  transferInAgency: { regionCode: row.region_code, name: row.agency_name },
  employerCreditCode: row.employer_credit_code,
});

const toEmployerRegistration = (row: EmployerRegistrationRow) => ({
  id: row.registration_number,
  ...common(row),
  creditCode: row.credit_code,
  kind: row.employer_kind,
  schemes: row.schemes,
  byConstructionProject: row.by_construction_project,
  agency: { regionCode: row.region_code, name: row.agency_name },
  // The Employer exists once the registration is completed.
  employerCreditCode: row.status === 'COMPLETED' ? row.credit_code : null,
});

const toReduction = (row: ReductionRow) => ({
  id: row.reduction_number,
  ...common(row),
  kind: row.kind,
  employerCreditCode: row.employer_credit_code,
  reductionReason: row.reduction_reason,
  reductionDate: row.reduction_date,
  schemes: row.schemes,
});

const toRetirement = (row: RetirementRow) => ({
  id: row.application_number,
  ...common(row),
  kind: row.kind,
  earlyRetirementCategory: row.early_category,
  specialWorkNature: row.special_work_nature,
  specialWorkYears: row.special_work_years,
  statutoryRetirementDate: row.statutory_date,
  contributionMonths: row.contribution_months,
  minimumContributionMonths: row.minimum_months,
  employerCreditCode: row.employer_credit_code,
  benefitStartDate: row.benefit_start_date,
  retirementApprovalNumber: row.approval_number,
  agency: { regionCode: row.region_code, name: row.agency_name },
  benefitId: row.benefit_id,
});

const toAdjustment = (row: AdjustmentRow) => ({
  id: row.adjustment_number,
  ...common(row),
  kind: row.kind,
  schemes: row.schemes,
  paymentMethod: row.payment_method,
  periodFrom: row.period_from,
  periodTo: row.period_to,
  arrearsYears: row.arrears_years,
  annualContribution: row.annual_contribution,
  employerCreditCode: row.employer_credit_code,
  agency: { regionCode: row.region_code, name: row.agency_name },
});

const toAppraisal = (row: AppraisalRow) => ({
  id: row.appraisal_number,
  ...common(row),
  kind: row.kind,
  employerCreditCode: row.employer_credit_code,
  agency: { regionCode: row.region_code, name: row.agency_name },
});

const toWorkInjuryClaim = (row: WorkInjuryClaimRow) => ({
  id: row.claim_number,
  ...common(row),
  kind: row.kind,
  amount: row.amount,
  receiptCount: row.receipt_count,
  disabilityGrade: row.disability_grade,
  employerCreditCode: row.employer_credit_code,
  agency: { regionCode: row.region_code, name: row.agency_name },
  benefitId: row.benefit_id,
});

const toDeathClaim = (row: DeathClaimRow) => ({
  id: row.claim_number,
  ...common(row),
  kind: row.kind,
  deathDate: row.death_date,
  cancellationReason: row.kind === 'RESIDENT_CANCELLATION' ? row.reason : null,
  payeeRelationship: row.payee_relationship,
  agency: { regionCode: row.region_code, name: row.agency_name },
});

const toBenefitChange = (row: BenefitChangeRow) => ({ id: row.change_number, ...common(row), kind: row.kind, benefitId: row.benefit_id });

const benefitField = async (record: { benefitId: number | null }, _: unknown, { loaders }: Context) => {
  const row = record.benefitId === null ? null : await loaders.benefitById.load(String(record.benefitId));
  return row ? toBenefit(row) : null;
};

/** Only completion has a domain effect; a rejection changes the status alone. */
const onComplete =
  <Row>(complete: (tx: Queryable, row: Row) => Promise<Record<string, unknown> | void>) =>
  async (tx: Queryable, row: Row, decision: ItemDecisionInput) =>
    decision.outcome === 'COMPLETE' ? complete(tx, row) : undefined;

/** 失业保险金申领: one open claim per person. */
export const claims = defineRecord({
  typename: 'UnemploymentBenefitClaim',
  table: 'insurance.unemployment_benefit_claim',
  key: 'claim_number',
  numberPrefix: 'SYJ',
  select: `SELECT c.*, c.monthly_amount::text AS monthly_amount, a.name AS agency_name FROM insurance.unemployment_benefit_claim c
             JOIN insurance.handling_agency a USING (region_code) WHERE c.claim_number = ANY($1)`,
  toEntity: toClaim,
  onDecision: onComplete<ClaimRow>(completeClaim),
});

/** 代缴医疗保险费 and 价格临时补贴, paid alongside the unemployment benefit. */
export const supplements = defineRecord({
  typename: 'UnemploymentSupplement',
  table: 'insurance.unemployment_supplement',
  key: 'supplement_number',
  numberPrefix: 'SYB',
  toEntity: toSupplement,
  onDecision: onComplete<SupplementRow>(completeSupplement),
});

/** 参保登记 of every kind: flexible employment, resident pension, employee, 增员. */
export const registrations = defineRecord({
  typename: 'InsuranceRegistration',
  table: 'insurance.scheme_registration',
  key: 'registration_number',
  numberPrefix: 'CB',
  select: `SELECT r.*, r.contribution_base::text AS contribution_base, a.name AS agency_name FROM insurance.scheme_registration r
             JOIN insurance.handling_agency a USING (region_code) WHERE r.registration_number = ANY($1)`,
  toEntity: toRegistration,
  onDecision: onComplete<RegistrationRow>(completeRegistration),
});

/** 社保关系转入: one transfer of each kind in progress per person. */
export const transfers = defineRecord({
  typename: 'InsuranceTransferIn',
  table: 'insurance.transfer_in',
  key: 'transfer_number',
  numberPrefix: 'ZR',
  select: `SELECT t.*, a.name AS agency_name FROM insurance.transfer_in t
             JOIN insurance.handling_agency a USING (region_code) WHERE t.transfer_number = ANY($1)`,
  toEntity: toTransfer,
  onDecision: onComplete<TransferRow>(completeTransfer),
});

/** 单位参保登记: one open registration per employer; completion makes it an Employer here. */
export const employerRegistrations = defineRecord({
  typename: 'EmployerInsuranceRegistration',
  table: 'insurance.employer_registration',
  key: 'registration_number',
  numberPrefix: 'DW',
  select: `SELECT r.*, a.name AS agency_name FROM insurance.employer_registration r
             JOIN insurance.handling_agency a USING (region_code) WHERE r.registration_number = ANY($1)`,
  toEntity: toEmployerRegistration,
  onDecision: onComplete<EmployerRegistrationRow>(completeEmployerRegistration),
});

/** 减员申报: one open reduction per person and employer. */
export const reductions = defineRecord({
  typename: 'ContributorReduction',
  table: 'insurance.contributor_reduction',
  key: 'reduction_number',
  numberPrefix: 'JY',
  toEntity: toReduction,
  onDecision: onComplete<ReductionRow>(completeReduction),
});

/** 退休 of every kind: one open application of each kind per person. */
export const retirements = defineRecord({
  typename: 'RetirementApplication',
  table: 'insurance.retirement_application',
  key: 'application_number',
  numberPrefix: 'TX',
  select: `SELECT r.*, a.name AS agency_name FROM insurance.retirement_application r
             JOIN insurance.handling_agency a USING (region_code) WHERE r.application_number = ANY($1)`,
  toEntity: toRetirement,
  onDecision: onComplete<RetirementRow>(completeRetirement),
});

/** 失业保险金停发, 工伤保险待遇补差: one open change of each kind per person. */
export const benefitChanges = defineRecord({
  typename: 'BenefitChange',
  table: 'insurance.benefit_change',
  key: 'change_number',
  numberPrefix: 'DY',
  toEntity: toBenefitChange,
  onDecision: onComplete<BenefitChangeRow>(completeBenefitChange),
});

/** 欠费补缴, 城乡居民养老保险费补缴, 多重关系退费: one open adjustment of each kind per person. */
export const adjustments = defineRecord({
  typename: 'ContributionAdjustment',
  table: 'insurance.contribution_adjustment',
  key: 'adjustment_number',
  numberPrefix: 'BJ',
  select: `SELECT c.*, c.annual_contribution::text AS annual_contribution, a.name AS agency_name FROM insurance.contribution_adjustment c
             JOIN insurance.handling_agency a USING (region_code) WHERE c.adjustment_number = ANY($1)`,
  toEntity: toAdjustment,
  onDecision: onComplete<AdjustmentRow>(completeAdjustment),
});

/** 劳动能力鉴定: one open appraisal per person; the conclusion is the committee's (recorded as the decision). */
export const appraisals = defineRecord({
  typename: 'WorkAbilityAppraisal',
  table: 'insurance.work_ability_appraisal',
  key: 'appraisal_number',
  numberPrefix: 'JD',
  select: `SELECT w.*, a.name AS agency_name FROM insurance.work_ability_appraisal w
             JOIN insurance.handling_agency a USING (region_code) WHERE w.appraisal_number = ANY($1)`,
  toEntity: toAppraisal,
});

/** 工伤: one open recognition or claim of each kind per person. */
export const injuryClaims = defineRecord({
  typename: 'WorkInjuryClaim',
  table: 'insurance.work_injury_claim',
  key: 'claim_number',
  numberPrefix: 'GS',
  select: `SELECT w.*, w.amount::text AS amount, a.name AS agency_name FROM insurance.work_injury_claim w
             JOIN insurance.handling_agency a USING (region_code) WHERE w.claim_number = ANY($1)`,
  toEntity: toWorkInjuryClaim,
  onDecision: onComplete<WorkInjuryClaimRow>(completeWorkInjuryClaim),
});

/** After a death: one open claim of each kind per deceased person. */
export const deathClaims = defineRecord({
  typename: 'DeathClaim',
  table: 'insurance.death_claim',
  key: 'claim_number',
  numberPrefix: 'SW',
  select: `SELECT d.*, a.name AS agency_name FROM insurance.death_claim d
             JOIN insurance.handling_agency a USING (region_code) WHERE d.claim_number = ANY($1)`,
  toEntity: toDeathClaim,
  onDecision: onComplete<DeathClaimRow>(completeDeathClaim),
});

export const insuranceRecords = recordSet([
  claims,
  supplements,
  registrations,
  transfers,
  employerRegistrations,
  reductions,
  retirements,
  benefitChanges,
  adjustments,
  appraisals,
  injuryClaims,
  deathClaims,
]);

export const recordResolvers = {
  UnemploymentBenefitClaim: {
    ...claims.resolver,
    benefit: async (claim: { benefitId: number | null }, _: unknown, { loaders }: Context) => {
      const row = claim.benefitId === null ? null : await loaders.benefitById.load(String(claim.benefitId));
      return row ? toBenefit(row) : null;
    },
  },
  UnemploymentSupplement: supplements.resolver,
  InsuranceRegistration: { ...registrations.resolver, employer: employerField },
  InsuranceTransferIn: { ...transfers.resolver, employer: employerField },
  EmployerInsuranceRegistration: { ...employerRegistrations.resolver, employer: employerField },
  ContributorReduction: { ...reductions.resolver, employer: employerField },
  RetirementApplication: { ...retirements.resolver, employer: employerField, benefit: benefitField },
  BenefitChange: { ...benefitChanges.resolver, benefit: benefitField },
  ContributionAdjustment: { ...adjustments.resolver, employer: employerField },
  WorkAbilityAppraisal: { ...appraisals.resolver, employer: employerField },
  DeathClaim: deathClaims.resolver,
  WorkInjuryClaim: { ...injuryClaims.resolver, employer: employerField, benefit: benefitField },
};
