import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../../src/demo/demo-data.js';
import { DecimalScalar } from '../../src/graphql/scalars.js';
import { personKey } from '../../src/identity/person-key.js';
import { defineSubgraph, type SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import { rowLoader, rowsLoader } from '../../src/subgraph/loaders.js';
import { toCertificate, toLaborFiling, toTrainingRecord } from './entities.js';
import { employmentItemMutations } from './items/index.js';
import { employmentMigrations } from './migrations.js';
import { proactiveCandidateMigrations, proactiveCandidateResolvers } from './proactive-candidates.js';
import { employmentRecords, recordResolvers } from './records.js';
import { EmploymentStore, type EmploymentRegistrationRow } from './store.js';

function createLoaders(store: EmploymentStore) {
  return {
    employmentRegistrations: rowsLoader(
      (keys) => store.employmentRegistrations(keys),
      (row) => row.person_key,
    ),
    unemploymentStatus: rowLoader(
      (keys) => store.unemploymentStatus(keys),
      (row) => row.person_key,
    ),
    issuedCertificate: rowLoader(
      (keys) => store.issuedCertificates(keys),
      (row) => row.person_key,
    ),
    trainingRecordsOf: rowsLoader(
      (keys) => store.trainingRecordsOf(keys),
      (row) => row.person_key,
    ),
    laborFilingsOf: rowsLoader(
      (keys) => store.laborFilingsOf(keys),
      (row) => row.person_key,
    ),
    records: employmentRecords.loaders(store.db),
    trainingRecord: rowLoader(
      (ids) => store.trainingRecords(ids),
      (row) => row.record_id,
    ),
  };
}
type EmploymentContext = SubgraphContext<EmploymentStore, ReturnType<typeof createLoaders>>;

const toRegistration = (row: EmploymentRegistrationRow) => ({
  registrationNumber: row.registration_number,
  employer: row.employer_credit_code ? { creditCode: row.employer_credit_code } : null,
  employerName: row.employer_name,
  startedOn: row.started_on,
  endedOn: row.ended_on,
});

export const employmentSubgraph = defineSubgraph<EmploymentStore, ReturnType<typeof createLoaders>>({
  name: 'employment',
  schema: 'employment',
  migrations: [...employmentMigrations, ...proactiveCandidateMigrations],
  createStore: (db) => new EmploymentStore(db),
  createLoaders,
  resolvers: {
    Decimal: DecimalScalar,
    Query: proactiveCandidateResolvers,
    Mutation: employmentItemMutations,
    ...recordResolvers,
    Person: {
      // Every person exists for employment: facts are simply empty for someone never registered.
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      employmentRegistrations: async (person: { id: string }, _: unknown, { loaders }: EmploymentContext) =>
        (await loaders.employmentRegistrations.load(person.id)).map(toRegistration),
      unemploymentStatus: async (person: { id: string }, _: unknown, { loaders }: EmploymentContext) => {
        const row = await loaders.unemploymentStatus.load(person.id);
        return {
          registered: Boolean(row?.registration_number),
          registeredOn: row?.registered_on ?? null,
          registrationNumber: row?.registration_number ?? null,
          hardToEmploy: row?.hard_to_employ ?? false,
          hardToEmployCategory: row?.hard_to_employ_category ?? null,
          recognizedOn: row?.recognized_on ?? null,
        };
      },
      employmentCertificate: async (person: { id: string }, _: unknown, { loaders }: EmploymentContext) => {
        const row = await loaders.issuedCertificate.load(person.id);
        return row ? toCertificate(row) : null;
      },
      laborFilings: async (person: { id: string }, _: unknown, { loaders }: EmploymentContext) =>
        (await loaders.laborFilingsOf.load(person.id)).map(toLaborFiling),
      vocationalTrainings: async (person: { id: string }, _: unknown, { loaders }: EmploymentContext) =>
        (await loaders.trainingRecordsOf.load(person.id)).map(toTrainingRecord),
    },
  },
  async seedDemoData(store, { personKeySecret }) {
    const key = (p: { idType: string; idNumber: string }) => personKey(personKeySecret, p.idType, p.idNumber);
    await store.insertEmploymentRegistration({
      registration_number: 'JY3201022016000001',
      person_key: key(DEMO_PEOPLE.zhangWei),
      employer_credit_code: DEMO_EMPLOYERS.software.creditCode,
      started_on: '2016-03-01',
      ended_on: '2025-10-31',
    });
    await store.insertEmploymentRegistration({
      registration_number: 'JY3605062024000002',
      person_key: key(DEMO_PEOPLE.liNa),
      employer_credit_code: DEMO_EMPLOYERS.hospital.creditCode,
      started_on: '2024-09-01',
      ended_on: null,
    });
    // Training reported by a provider: 张伟 completed one with a certificate (basis of 职业培训补贴);
    // 陈静 is still in training (no certificate yet).
    await store.insertTrainingRecord({
      record_id: 'PXJL3201022026000001',
      person_key: key(DEMO_PEOPLE.zhangWei),
      course: '电工（四级/中级工）',
      provider: '南京示例职业技能培训学校',
      started_on: '2025-12-01',
      completed_on: '2026-02-28',
      certificate_number: 'S000032010004261000123',
    });
    await store.insertTrainingRecord({
      record_id: 'PXJL5101072026000002',
      person_key: key(DEMO_PEOPLE.chenJing),
      course: '育婴员（五级/初级工）',
      provider: '成都示例家政服务培训中心',
      started_on: '2026-10-08',
      completed_on: null,
      certificate_number: null,
    });
  },
});
