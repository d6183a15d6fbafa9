import { GraphQLError } from 'graphql';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../../src/demo/demo-data.js';
import { ErrorCode } from '../../src/errors.js';
import { DecimalScalar } from '../../src/graphql/scalars.js';
import { validateCreditCode } from '../../src/catalog/identity-documents.js';
import { personKey } from '../../src/identity/person-key.js';
import { defineSubgraph, type SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import { rowLoader, rowsLoader } from '../../src/subgraph/loaders.js';
import { insuranceMigrations } from './migrations.js';
import { proactiveCandidateMigrations, proactiveCandidateResolvers } from './proactive-candidates.js';
import { InsuranceStore, type InsuredSchemeRow } from './store.js';
import { insuranceItemMutations } from './items/index.js';
import { insuranceRecords, recordResolvers, toBenefit, toEmployer } from './records.js';

function createLoaders(store: InsuranceStore) {
  return {
    employer: rowLoader(
      (codes) => store.employersByCodes(codes),
      (row) => row.credit_code,
    ),
    insuredSchemes: rowsLoader(
      (keys) => store.insuredSchemes(keys),
      (row) => row.person_key,
    ),
    benefits: rowsLoader(
      (keys) => store.benefits(keys),
      (row) => row.person_key,
    ),
    records: insuranceRecords.loaders(store.db),
    benefitById: rowLoader(
      (ids) => store.benefitsByIds(ids),
      (row) => String(row.benefit_id),
    ),
  };
}
type InsuranceContext = SubgraphContext<InsuranceStore, ReturnType<typeof createLoaders>>;

const toAgency = (row: InsuredSchemeRow) => ({ regionCode: row.region_code, name: row.agency_name });

export const insuranceSubgraph = defineSubgraph<InsuranceStore, ReturnType<typeof createLoaders>>({
  name: 'insurance',
  schema: 'insurance',
  migrations: [...insuranceMigrations, ...proactiveCandidateMigrations],
  createStore: (db) => new InsuranceStore(db),
  createLoaders,
  resolvers: {
    Decimal: DecimalScalar,
    Query: {
      employer: async (_: unknown, args: { creditCode: string }, { loaders }: InsuranceContext) => {
        const check = validateCreditCode(args.creditCode);
        if (!check.ok) {
          throw new GraphQLError(`creditCode: ${check.reason}`, { extensions: { code: ErrorCode.CREDIT_CODE_INVALID, field: 'creditCode' } });
        }
        const row = await loaders.employer.load(args.creditCode);
        return row ? toEmployer(row) : null;
      },
      ...proactiveCandidateResolvers,
    },
    Mutation: insuranceItemMutations,
    ...recordResolvers,
    InsuredScheme: {
      employer: async (scheme: { employerCreditCode: string | null }, _: unknown, { loaders }: InsuranceContext) => {
        const row = scheme.employerCreditCode ? await loaders.employer.load(scheme.employerCreditCode) : null;
        return row ? toEmployer(row) : null;
      },
    },
    Employer: {
      __resolveReference: async (reference: { creditCode: string }, { loaders }: InsuranceContext) => {
        const row = await loaders.employer.load(reference.creditCode);
        return row ? toEmployer(row) : null;
      },
    },
    Person: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      insuredSchemes: async (person: { id: string }, _: unknown, { loaders }: InsuranceContext) =>
        (await loaders.insuredSchemes.load(person.id)).map((row) => ({
          scheme: row.scheme,
          status: row.status,
          since: row.since,
          contributionMonths: row.contribution_months,
          employerCreditCode: row.employer_credit_code,
          agency: toAgency(row),
        })),
      handlingAgency: async (person: { id: string }, _: unknown, { loaders }: InsuranceContext) => {
        // The agency of the most recently changed scheme is the one handling the person now.
        const rows = await loaders.insuredSchemes.load(person.id);
        const latest = [...rows].sort((a, b) => b.updated_at.getTime() - a.updated_at.getTime() || b.since.localeCompare(a.since))[0];
        return latest ? toAgency(latest) : null;
      },
      benefits: async (person: { id: string }, _: unknown, { loaders }: InsuranceContext) => (await loaders.benefits.load(person.id)).map(toBenefit),
    },
  },
  async seedDemoData(store, { personKeySecret }) {
    const key = (p: { idType: string; idNumber: string }) => personKey(personKeySecret, p.idType, p.idNumber);
    for (const [region_code, name] of [
      ['320102', '南京市玄武区社会保险经办机构'],
      ['320506', '苏州市吴中区社会保险经办机构'],
      ['360302', '萍乡市安源区社会保险经办机构'],
      ['510107', '成都市武侯区社会保险经办机构'],
      ['110105', '北京市朝阳区社会保险经办机构'],
    ] as const)
      await store.upsertAgency({ region_code, name });
    for (const employer of Object.values(DEMO_EMPLOYERS)) {
      await store.insertEmployerIfAbsent({
        credit_code: employer.creditCode,
        name: employer.name,
        region_code: employer.regionCode,
        kind: employer.kind,
        insured_since: '2015-01-01',
      });
    }
    const zhang = key(DEMO_PEOPLE.zhangWei);
    for (const scheme of ['ENTERPRISE_PENSION', 'UNEMPLOYMENT', 'WORK_INJURY']) {
      await store.insertSchemeIfAbsent({
        person_key: zhang,
        scheme,
        status: 'SUSPENDED',
        since: '2016-03-01',
        contribution_months: 116,
        employer_credit_code: DEMO_EMPLOYERS.software.creditCode,
        region_code: '320102',
      });
    }
    await store.insertSchemeIfAbsent({
      person_key: key(DEMO_PEOPLE.liNa),
      scheme: 'INSTITUTION_PENSION',
      status: 'CONTRIBUTING',
      since: '2024-09-01',
      contribution_months: 14,
      employer_credit_code: DEMO_EMPLOYERS.hospital.creditCode,
      region_code: '320506',
    });
    const wang = key(DEMO_PEOPLE.wangFang);
    await store.insertSchemeIfAbsent({
      person_key: wang,
      scheme: 'RESIDENT_PENSION',
      status: 'TERMINATED',
      since: '2011-01-01',
      contribution_months: 178,
      employer_credit_code: null,
      region_code: '360302',
    });
    await store.insertBenefitOnce({
      person_key: wang,
      kind: 'RESIDENT_PENSION',
      status: 'PAYING',
      monthly_amount: '213.00',
      started_on: '2025-12-01',
      ends_on: null,
    });
    await store.insertSchemeIfAbsent({
      person_key: key(DEMO_PEOPLE.chenJing),
      scheme: 'ENTERPRISE_PENSION',
      status: 'CONTRIBUTING',
      since: '2019-07-01',
      contribution_months: 76,
      employer_credit_code: null,
      region_code: '510107',
    });
    // A fictitious published price index meeting the 价格临时补贴 trigger, so the demo shows the subsidy.
    await store.upsertPriceIndex({ month: '2026-09-01', cpiYoyPercent: 3.6, foodCpiYoyPercent: 6.4 });
  },
});
