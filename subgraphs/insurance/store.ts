import type { Database } from '../../src/db/database.js';

export interface EmployerRow {
  credit_code: string;
  name: string;
  region_code: string;
  kind: string;
  insured_since: string | null;
}

export interface InsuredSchemeRow {
  person_key: string;
  scheme: string;
  status: string;
  since: string;
  contribution_months: number;
  employer_credit_code: string | null;
  region_code: string;
  agency_name: string;
  updated_at: Date;
}

export interface BenefitRow {
  person_key: string;
  kind: string;
  status: string;
  monthly_amount: string | null;
  started_on: string;
  ends_on: string | null;
}

export interface AgencyRow {
  region_code: string;
  name: string;
}

interface RecordBase {
  person_key: string;
  status: 'ACCEPTED' | 'COMPLETED' | 'REJECTED';
  applied_at: Date;
  decided_at: Date | null;
}

export interface ClaimRow extends RecordBase {
  claim_number: string;
  unemployment_reason: string;
  unemployment_date: string | null;
  former_employer: string | null;
  contribution_months: number;
  entitled_months: number;
  monthly_amount: string | null;
  bank_account: string | null;
  region_code: string;
  agency_name: string;
  benefit_id: number | null;
}

export interface SupplementRow extends RecordBase {
  supplement_number: string;
  kind: 'MEDICAL_PREMIUM' | 'PRICE_SUBSIDY';
  trigger_month: string | null;
  ends_on: string | null;
  benefit_id: number | null;
}

export interface RegistrationRow extends RecordBase {
  registration_number: string;
  kind: string;
  schemes: string[];
  employee_medical: boolean;
  employer_credit_code: string | null;
  start_date: string | null;
  contribution_base: string | null;
  contribution_grade: number | null;
  region_code: string;
  agency_name: string;
}

export interface TransferRow extends RecordBase {
  transfer_number: string;
  kind: string;
  scheme: string;
  transfer_out_agency_name: string;
  region_code: string;
  agency_name: string;
  employer_credit_code: string | null;
}

export interface EmployerRegistrationRow extends RecordBase {
  registration_number: string;
  credit_code: string;
  enterprise_name: string;
  employer_kind: string;
  schemes: string[];
  by_construction_project: boolean;
  region_code: string;
  agency_name: string;
}

export interface ReductionRow extends RecordBase {
  reduction_number: string;
  kind: string;
  employer_credit_code: string;
  reduction_reason: string;
  reduction_date: string;
  schemes: string[];
}

export interface RetirementRow extends RecordBase {
  application_number: string;
  kind: 'NORMAL' | 'EARLY' | 'SPECIAL_WORK_APPROVAL' | 'LUMP_SUM' | 'ENTERPRISE_BENEFIT_REVIEW' | 'INSTITUTION_BENEFIT_APPROVAL' | 'RESIDENT_BENEFIT';
  early_category: string | null;
  special_work_nature: string | null;
  special_work_years: number | null;
  statutory_date: string | null;
  contribution_months: number | null;
  minimum_months: number | null;
  benefit_start_date: string | null;
  approval_number: string | null;
  scheme: string | null;
  employer_credit_code: string | null;
  region_code: string;
  agency_name: string;
  benefit_id: number | null;
}

export interface AdjustmentRow extends RecordBase {
  adjustment_number: string;
  kind: 'ARREARS' | 'RESIDENT_ARREARS' | 'DUPLICATE_REFUND';
  schemes: string[];
  payment_method: string | null;
  period_from: string | null;
  period_to: string | null;
  arrears_years: number | null;
  annual_contribution: string | null;
  employer_credit_code: string | null;
  region_code: string;
  agency_name: string;
}

export interface AppraisalRow extends RecordBase {
  appraisal_number: string;
  kind: 'WORK_INJURY' | 'ILLNESS_RETIREMENT';
  employer_credit_code: string | null;
  region_code: string;
  agency_name: string;
}

export interface WorkInjuryClaimRow extends RecordBase {
  claim_number: string;
  kind: string;
  amount: string | null;
  receipt_count: number | null;
  disability_grade: string | null;
  details: { benefitTypes?: string[] } & Record<string, unknown>;
  employer_credit_code: string | null;
  region_code: string;
  agency_name: string;
  benefit_id: number | null;
}

export interface DeathClaimRow extends RecordBase {
  claim_number: string;
  kind: string;
  death_date: string | null;
  reason: string | null;
  payee_relationship: string | null;
  region_code: string;
  agency_name: string;
}

export interface BenefitChangeRow extends RecordBase {
  change_number: string;
  kind: 'UNEMPLOYMENT_BENEFIT_STOP' | 'WORK_INJURY_TOP_UP';
  benefit_id: number;
}

export interface BenefitByIdRow extends BenefitRow {
  benefit_id: number;
}

/** All SQL of the insurance subgraph. */
export class InsuranceStore {
  constructor(readonly db: Database) {}

  employersByCodes(codes: readonly string[]): Promise<EmployerRow[]> {
    return this.db.query<EmployerRow>('SELECT * FROM insurance.employer WHERE credit_code = ANY($1)', [codes]);
  }

  insuredSchemes(keys: readonly string[]): Promise<InsuredSchemeRow[]> {
    return this.db.query<InsuredSchemeRow>(
      `SELECT s.*, a.name AS agency_name FROM insurance.insured_scheme s
         JOIN insurance.handling_agency a USING (region_code)
        WHERE s.person_key = ANY($1) ORDER BY s.since`,
      [keys],
    );
  }

  benefits(keys: readonly string[]): Promise<BenefitRow[]> {
    return this.db.query<BenefitRow>(
      `SELECT person_key, kind, status, monthly_amount::text AS monthly_amount, started_on, ends_on
         FROM insurance.benefit WHERE person_key = ANY($1) ORDER BY started_on DESC`,
      [keys],
    );
  }

  benefitsByIds(ids: readonly string[]): Promise<BenefitByIdRow[]> {
    return this.db.query<BenefitByIdRow>(
      `SELECT benefit_id, person_key, kind, status, monthly_amount::text AS monthly_amount, started_on, ends_on
         FROM insurance.benefit WHERE benefit_id = ANY($1::bigint[])`,
      [ids],
    );
  }

  /** A published price index (year on year, percent); demo seeding and the statistics feed. */
  async upsertPriceIndex(row: { month: string; cpiYoyPercent: number; foodCpiYoyPercent: number }): Promise<void> {
    await this.db.query(
      `INSERT INTO insurance.price_index (month, cpi_yoy_percent, food_cpi_yoy_percent) VALUES ($1, $2, $3)
       ON CONFLICT (month) DO UPDATE SET cpi_yoy_percent = EXCLUDED.cpi_yoy_percent, food_cpi_yoy_percent = EXCLUDED.food_cpi_yoy_percent`,
      [row.month, row.cpiYoyPercent, row.foodCpiYoyPercent],
    );
  }

  async upsertAgency(row: AgencyRow): Promise<void> {
    await this.db.query(
      'INSERT INTO insurance.handling_agency (region_code, name) VALUES ($1, $2) ON CONFLICT (region_code) DO UPDATE SET name = EXCLUDED.name',
      [row.region_code, row.name],
    );
  }

  async insertEmployerIfAbsent(row: EmployerRow): Promise<void> {
    await this.db.query(
      'INSERT INTO insurance.employer (credit_code, name, region_code, kind, insured_since) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
      [row.credit_code, row.name, row.region_code, row.kind, row.insured_since],
    );
  }

  async insertSchemeIfAbsent(row: Omit<InsuredSchemeRow, 'agency_name' | 'updated_at'>): Promise<void> {
    await this.db.query(
      `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
      [row.person_key, row.scheme, row.status, row.since, row.contribution_months, row.employer_credit_code, row.region_code],
    );
  }

  async insertBenefitOnce(row: BenefitRow): Promise<void> {
    await this.db.query(
      `INSERT INTO insurance.benefit (person_key, kind, status, monthly_amount, started_on, ends_on)
       SELECT $1, $2, $3, $4::numeric, $5, $6
        WHERE NOT EXISTS (SELECT 1 FROM insurance.benefit WHERE person_key = $1 AND kind = $2 AND started_on = $5)`,
      [row.person_key, row.kind, row.status, row.monthly_amount, row.started_on, row.ends_on],
    );
  }
}
