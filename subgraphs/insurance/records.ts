/** The item records as federated entities: mappers and resolvers, batched through the request's loaders. */
import type DataLoader from 'dataloader';
import type { BenefitByIdRow, ClaimRow, EmployerRow, RegistrationRow, SupplementRow, TransferRow } from './store.js';

export interface RecordLoaders {
  readonly claim: DataLoader<string, ClaimRow | null>;
  readonly supplement: DataLoader<string, SupplementRow | null>;
  readonly registration: DataLoader<string, RegistrationRow | null>;
  readonly transfer: DataLoader<string, TransferRow | null>;
  readonly benefitById: DataLoader<string, BenefitByIdRow | null>;
  readonly employer: DataLoader<string, EmployerRow | null>;
}
interface Context {
  readonly loaders: RecordLoaders;
}

export const toEmployer = (row: EmployerRow) => ({
  creditCode: row.credit_code, name: row.name, regionCode: row.region_code, kind: row.kind, insuredSince: row.insured_since,
});

export const toBenefit = (row: { kind: string; status: string; monthly_amount: string | null; started_on: string; ends_on: string | null }) => ({
  kind: row.kind, status: row.status, monthlyAmount: row.monthly_amount, startedOn: row.started_on, endsOn: row.ends_on,
});

/** Shown masked: the full account is kept for the payment only. */
const maskAccount = (account: string | null) => (account ? `****${account.slice(-4)}` : null);

const employerField = async (record: { employerCreditCode: string | null }, _: unknown, { loaders }: Context) => {
  const row = record.employerCreditCode ? await loaders.employer.load(record.employerCreditCode) : null;
  return row ? toEmployer(row) : null;
};

const common = (row: { person_key: string; status: string; applied_at: Date }) => ({
  person: { id: row.person_key }, status: row.status, appliedAt: row.applied_at.toISOString(),
});

const toClaim = (row: ClaimRow) => ({
  id: row.claim_number, ...common(row), unemploymentReason: row.unemployment_reason, unemploymentDate: row.unemployment_date,
  formerEmployer: row.former_employer, contributionMonths: row.contribution_months, entitledMonths: row.entitled_months,
  monthlyAmount: row.monthly_amount, bankAccount: maskAccount(row.bank_account),
  agency: { regionCode: row.region_code, name: row.agency_name }, benefitId: row.benefit_id,
});

const toSupplement = (row: SupplementRow) => ({
  id: row.supplement_number, ...common(row), kind: row.kind,
  // 社会保险法 第48条: the unemployment fund pays the premium, the person nothing.
  personalContribution: row.kind === 'MEDICAL_PREMIUM' ? '0.00' : null,
  triggerMonth: row.trigger_month, endsOn: row.ends_on,
});

const toRegistration = (row: RegistrationRow) => ({
  id: row.registration_number, ...common(row), kind: row.kind, schemes: row.schemes, employeeMedical: row.employee_medical,
  employerCreditCode: row.employer_credit_code, startDate: row.start_date, contributionBase: row.contribution_base,
  contributionGrade: row.contribution_grade, agency: { regionCode: row.region_code, name: row.agency_name },
});

const toTransfer = (row: TransferRow) => ({
  id: row.transfer_number, ...common(row), kind: row.kind, scheme: row.scheme, transferOutAgencyName: row.transfer_out_agency_name,
  transferInAgency: { regionCode: row.region_code, name: row.agency_name }, employerCreditCode: row.employer_credit_code,
});

const byId = <Row, Out>(pick: (loaders: RecordLoaders) => DataLoader<string, Row | null>, map: (row: Row) => Out) =>
  async (reference: { id: string }, { loaders }: Context) => {
    const row = await pick(loaders).load(reference.id);
    return row ? map(row) : null;
  };

export const recordResolvers = {
  UnemploymentBenefitClaim: {
    __resolveReference: byId((l) => l.claim, toClaim),
    benefit: async (claim: { benefitId: number | null }, _: unknown, { loaders }: Context) => {
      const row = claim.benefitId === null ? null : await loaders.benefitById.load(String(claim.benefitId));
      return row ? toBenefit(row) : null;
    },
  },
  UnemploymentSupplement: { __resolveReference: byId((l) => l.supplement, toSupplement) },
  InsuranceRegistration: { __resolveReference: byId((l) => l.registration, toRegistration), employer: employerField },
  InsuranceTransferIn: { __resolveReference: byId((l) => l.transfer, toTransfer), employer: employerField },
};
