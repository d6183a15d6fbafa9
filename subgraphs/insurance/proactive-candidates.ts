/**
 * 免申即办 from insurance's own records: who draws unemployment benefit in a month the price
 * subsidy mechanism triggers (发改价格〔2021〕1553号), and who pays into the resident pension and
 * draws no pension yet (国发〔2014〕8号 第十条; the gateway checks the age from the card record).
 */
import type { Migration } from '../../src/db/migrations.js';
import { monthStart, proactiveCaller } from '../../src/subgraph/proactive-candidates.js';
import type { SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import type { InsuranceStore } from './store.js';
import { insurancePolicy } from './policy.js';

type Context = SubgraphContext<InsuranceStore, unknown>;

interface Row {
  person_key: string;
  region_code: string | null;
  contribution_months: number | null;
}

const page = (rows: Row[], first: number, triggered: boolean) => ({
  triggered,
  candidates: rows.slice(0, first).map((r) => ({ personId: r.person_key, regionCode: r.region_code, contributionMonths: r.contribution_months })),
  endCursor: rows.length > first ? rows[first - 1]!.person_key : null,
});

/** Indexes the candidate queries page through (a province's population). */
export const proactiveCandidateMigrations: readonly Migration[] = [
  {
    id: '301-proactive-candidates',
    sql: `
      CREATE INDEX benefit_paying_kind ON insurance.benefit (kind, person_key) WHERE status = 'PAYING';
      CREATE INDEX insured_scheme_by_scheme ON insurance.insured_scheme (scheme, person_key);
    `,
  },
];

export const proactiveCandidateResolvers = {
  priceSubsidyCandidates: async (_: unknown, args: { month: string; first: number; after?: string | null }, { caller, store }: Context) => {
    const region = proactiveCaller(caller, args.first);
    const start = monthStart(args.month);
    const policy = insurancePolicy();
    const [index] = await store.db.query<{ triggered: boolean }>(
      `SELECT (cpi_yoy_percent >= $2 OR food_cpi_yoy_percent >= $3) AS triggered FROM insurance.price_index WHERE month = $1::date`,
      [start, policy.priceSubsidyCpiTriggerPercent, policy.priceSubsidyFoodCpiTriggerPercent],
    );
    if (!index?.triggered) return page([], args.first, false);
    const rows = await store.db.query<Row>(
      `SELECT DISTINCT ON (b.person_key) b.person_key, s.region_code, s.contribution_months
         FROM insurance.benefit b
         LEFT JOIN insurance.insured_scheme s ON s.person_key = b.person_key AND s.scheme = 'UNEMPLOYMENT'
        WHERE b.kind = 'UNEMPLOYMENT_BENEFIT' AND b.status = 'PAYING'
          AND b.started_on < ($1::date + interval '1 month') AND (b.ends_on IS NULL OR b.ends_on >= $1::date)
          AND ($2::text IS NULL OR b.person_key > $2)
          AND ($3::text IS NULL OR s.region_code LIKE $3 || '%')
        ORDER BY b.person_key
        LIMIT $4`,
      [start, args.after ?? null, region, args.first + 1],
    );
    return page(rows, args.first, true);
  },

  residentPensionCandidates: async (_: unknown, args: { first: number; after?: string | null }, { caller, store }: Context) => {
    const region = proactiveCaller(caller, args.first);
    const rows = await store.db.query<Row>(
      `SELECT s.person_key, s.region_code, s.contribution_months
         FROM insurance.insured_scheme s
        WHERE s.scheme = 'RESIDENT_PENSION' AND s.status <> 'TERMINATED'
          AND NOT EXISTS (SELECT 1 FROM insurance.benefit b WHERE b.person_key = s.person_key AND b.status = 'PAYING' AND b.kind IN ('PENSION', 'RESIDENT_PENSION'))
          AND NOT EXISTS (SELECT 1 FROM insurance.retirement_application r WHERE r.person_key = s.person_key AND r.kind = 'RESIDENT_BENEFIT' AND r.status = 'ACCEPTED')
          AND ($1::text IS NULL OR s.person_key > $1)
          AND ($2::text IS NULL OR s.region_code LIKE $2 || '%')
        ORDER BY s.person_key
        LIMIT $3`,
      [args.after ?? null, region, args.first + 1],
    );
    return page(rows, args.first, true);
  },
};
