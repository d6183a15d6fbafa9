import type { Queryable } from '../../src/db/database.js';
import type { EmployerRow } from './store.js';

/** A person's scheme as the rules see it. */
export interface SchemeFact {
  scheme: string;
  status: 'CONTRIBUTING' | 'SUSPENDED' | 'TERMINATED';
  contribution_months: number;
  employer_credit_code: string | null;
  region_code: string;
  updated_at: Date;
}

export interface PriceIndexRow {
  month: string;
  cpi_yoy_percent: number;
  food_cpi_yoy_percent: number;
}

/** Reads and writes made inside an item's ledger transaction (`tx`): record and ledger commit together. */
export const insuranceWrites = {
  /**
   * Serialises the items of one person (the ledger serialises one key only): two submissions
   * racing for the same person see each other's record instead of colliding.
   */
  async lockPerson(tx: Queryable, personKey: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`insurance:person:${personKey}`]);
  },

  schemesOf(tx: Queryable, personKey: string): Promise<SchemeFact[]> {
    return tx.query<SchemeFact>(
      `SELECT scheme, status, contribution_months, employer_credit_code, region_code, updated_at
         FROM insurance.insured_scheme WHERE person_key = $1 ORDER BY updated_at DESC, since DESC`,
      [personKey],
    );
  },

  async employer(tx: Queryable, creditCode: string): Promise<EmployerRow | undefined> {
    const [row] = await tx.query<EmployerRow>('SELECT * FROM insurance.employer WHERE credit_code = $1', [creditCode]);
    return row;
  },

  async agency(tx: Queryable, regionCode: string): Promise<{ region_code: string; name: string } | undefined> {
    const [row] = await tx.query<{ region_code: string; name: string }>('SELECT * FROM insurance.handling_agency WHERE region_code = $1', [regionCode]);
    return row;
  },

  async openEmployerRegistration(tx: Queryable, creditCode: string): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM insurance.employer_registration WHERE credit_code = $1 AND status = 'ACCEPTED'`, [creditCode]);
    return rows.length > 0;
  },

  /** Whether a registration of `kind` starting `scheme` is still being handled for the person. */
  async openRegistrationOf(tx: Queryable, personKey: string, kind: string, scheme: string): Promise<boolean> {
    const rows = await tx.query(
      `SELECT 1 FROM insurance.scheme_registration WHERE person_key = $1 AND kind = $2 AND $3 = ANY(schemes) AND status = 'ACCEPTED'`,
      [personKey, kind, scheme],
    );
    return rows.length > 0;
  },

  async openReduction(tx: Queryable, personKey: string, employerCreditCode: string): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM insurance.contributor_reduction WHERE person_key = $1 AND employer_credit_code = $2 AND status = 'ACCEPTED'`, [
      personKey,
      employerCreditCode,
    ]);
    return rows.length > 0;
  },

  async payingBenefit(
    tx: Queryable,
    personKey: string,
    kinds: readonly string[],
  ): Promise<{ benefit_id: number; kind: string; ends_on: string | null } | undefined> {
    const [row] = await tx.query<{ benefit_id: number; kind: string; ends_on: string | null }>(
      `SELECT benefit_id, kind, ends_on FROM insurance.benefit WHERE person_key = $1 AND kind = ANY($2) AND status = 'PAYING'
        ORDER BY started_on DESC LIMIT 1`,
      [personKey, kinds],
    );
    return row;
  },

  async latestPriceIndex(tx: Queryable): Promise<PriceIndexRow | undefined> {
    const [row] = await tx.query<PriceIndexRow>(
      `SELECT month, cpi_yoy_percent::float8 AS cpi_yoy_percent, food_cpi_yoy_percent::float8 AS food_cpi_yoy_percent
         FROM insurance.price_index ORDER BY month DESC LIMIT 1`,
    );
    return row;
  },

  /** Starts or resumes contributions in a scheme (the first `since` is kept). */
  async activateScheme(
    tx: Queryable,
    row: { personKey: string; scheme: string; since: string; employerCreditCode: string | null; regionCode: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
       VALUES ($1, $2, 'CONTRIBUTING', $3, 0, $4, $5)
       ON CONFLICT (person_key, scheme) DO UPDATE
         SET status = 'CONTRIBUTING', employer_credit_code = EXCLUDED.employer_credit_code, region_code = EXCLUDED.region_code, updated_at = now()`,
      [row.personKey, row.scheme, row.since, row.employerCreditCode, row.regionCode],
    );
  },

  /** A completed transfer moves the relationship (and its months) to the 转入地 agency. */
  async moveSchemeHere(tx: Queryable, row: { personKey: string; scheme: string; regionCode: string }): Promise<void> {
    await tx.query(
      `INSERT INTO insurance.insured_scheme (person_key, scheme, status, since, contribution_months, employer_credit_code, region_code)
       VALUES ($1, $2, 'SUSPENDED', current_date, 0, NULL, $3)
       ON CONFLICT (person_key, scheme) DO UPDATE SET region_code = EXCLUDED.region_code, updated_at = now()`,
      [row.personKey, row.scheme, row.regionCode],
    );
  },

  /** 单位参保登记 completed: the employer exists here from today. */
  async insertEmployer(tx: Queryable, row: { creditCode: string; name: string; regionCode: string; kind: string; since: string }): Promise<void> {
    await tx.query(
      `INSERT INTO insurance.employer (credit_code, name, region_code, kind, insured_since) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (credit_code) DO UPDATE SET insured_since = COALESCE(insurance.employer.insured_since, EXCLUDED.insured_since)`,
      [row.creditCode, row.name, row.regionCode, row.kind, row.since],
    );
  },

  /** Stops contributions in the person's schemes named (only those paid by `employerCreditCode`, when given). */
  async stopSchemes(
    tx: Queryable,
    row: { personKey: string; schemes: readonly string[]; status: 'SUSPENDED' | 'TERMINATED'; employerCreditCode: string | null },
  ): Promise<void> {
    await tx.query(
      `UPDATE insurance.insured_scheme SET status = $3, updated_at = now()
        WHERE person_key = $1 AND scheme = ANY($2) AND status = 'CONTRIBUTING' AND ($4::text IS NULL OR employer_credit_code = $4)`,
      [row.personKey, row.schemes, row.status, row.employerCreditCode],
    );
  },

  /** Ends the person's relationship in the schemes named, whatever their status (退休, 一次性支付). */
  async terminateSchemes(tx: Queryable, personKey: string, schemes: readonly string[]): Promise<void> {
    await tx.query(`UPDATE insurance.insured_scheme SET status = 'TERMINATED', updated_at = now() WHERE person_key = $1 AND scheme = ANY($2)`, [
      personKey,
      schemes,
    ]);
  },

  async addContributionMonths(tx: Queryable, personKey: string, schemes: readonly string[], months: number): Promise<void> {
    await tx.query(
      'UPDATE insurance.insured_scheme SET contribution_months = contribution_months + $3, updated_at = now() WHERE person_key = $1 AND scheme = ANY($2)',
      [personKey, schemes, months],
    );
  },

  /** Whether the person has a retirement record of these kinds, open or completed. */
  async retirementOf(
    tx: Queryable,
    personKey: string,
    kinds: readonly string[],
  ): Promise<{ statutory_date: string | null; scheme: string | null } | undefined> {
    const [row] = await tx.query<{ statutory_date: string | null; scheme: string | null }>(
      `SELECT statutory_date, scheme FROM insurance.retirement_application
        WHERE person_key = $1 AND kind = ANY($2) AND status IN ('ACCEPTED', 'COMPLETED') ORDER BY applied_at DESC LIMIT 1`,
      [personKey, kinds],
    );
    return row;
  },

  /** Whether a death claim of `kind` for the person was already completed (paid or settled). */
  async settledDeathClaim(tx: Queryable, personKey: string, kind: string): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM insurance.death_claim WHERE person_key = $1 AND kind = $2 AND status = 'COMPLETED' LIMIT 1`, [personKey, kind]);
    return rows.length > 0;
  },

  /** When the person's last work-ability appraisal was concluded. */
  async lastAppraisal(tx: Queryable, personKey: string): Promise<string | undefined> {
    const [row] = await tx.query<{ decided_on: string }>(
      `SELECT (decided_at AT TIME ZONE 'Asia/Shanghai')::date::text AS decided_on FROM insurance.work_ability_appraisal
        WHERE person_key = $1 AND status = 'COMPLETED' ORDER BY decided_at DESC LIMIT 1`,
      [personKey],
    );
    return row?.decided_on;
  },

  /** The person's work-injury claim of `kind` in these statuses, newest first. */
  async injuryClaim(
    tx: Queryable,
    personKey: string,
    kind: string,
    statuses: readonly string[],
  ): Promise<{ region_code: string; employer_credit_code: string | null } | undefined> {
    const [row] = await tx.query<{ region_code: string; employer_credit_code: string | null }>(
      `SELECT region_code, employer_credit_code FROM insurance.work_injury_claim WHERE person_key = $1 AND kind = $2 AND status = ANY($3)
        ORDER BY applied_at DESC LIMIT 1`,
      [personKey, kind, statuses],
    );
    return row;
  },

  async endBenefit(tx: Queryable, benefitId: number, endsOn: string): Promise<void> {
    await tx.query(`UPDATE insurance.benefit SET status = 'ENDED', ends_on = $2 WHERE benefit_id = $1`, [benefitId, endsOn]);
  },

  async insertBenefit(
    tx: Queryable,
    row: { personKey: string; kind: string; monthlyAmount: string | null; startedOn: string; endsOn: string | null },
  ): Promise<number> {
    const [created] = await tx.query<{ benefit_id: number }>(
      `INSERT INTO insurance.benefit (person_key, kind, status, monthly_amount, started_on, ends_on)
       VALUES ($1, $2, 'PAYING', $3::numeric, $4, $5) RETURNING benefit_id`,
      [row.personKey, row.kind, row.monthlyAmount, row.startedOn, row.endsOn],
    );
    return created!.benefit_id;
  },
};
