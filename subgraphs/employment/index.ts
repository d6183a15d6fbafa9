import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../../src/demo/demo-data.js';
import { personKey } from '../../src/identity/person-key.js';
import { defineSubgraph, type SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import { rowLoader, rowsLoader } from '../../src/subgraph/loaders.js';
import { employmentMigrations } from './migrations.js';
import { EmploymentStore, type EmploymentRegistrationRow } from './store.js';

function createLoaders(store: EmploymentStore) {
  return {
    employmentRegistrations: rowsLoader((keys) => store.employmentRegistrations(keys), (row) => row.person_key),
    unemploymentStatus: rowLoader((keys) => store.unemploymentStatus(keys), (row) => row.person_key),
  };
}
type EmploymentContext = SubgraphContext<EmploymentStore, ReturnType<typeof createLoaders>>;

const toRegistration = (row: EmploymentRegistrationRow) => ({
  registrationNumber: row.registration_number,
  employer: { creditCode: row.employer_credit_code },
  startedOn: row.started_on,
  endedOn: row.ended_on,
});

export const employmentSubgraph = defineSubgraph<EmploymentStore, ReturnType<typeof createLoaders>>({
  name: 'employment',
  schema: 'employment',
  migrations: employmentMigrations,
  createStore: (db) => new EmploymentStore(db),
  createLoaders,
  resolvers: {
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
        };
      },
    },
  },
  async seedDemoData(store, { personKeySecret }) {
    const key = (p: { idType: string; idNumber: string }) => personKey(personKeySecret, p.idType, p.idNumber);
    await store.insertEmploymentRegistration({
      registration_number: 'JY3201022016000001', person_key: key(DEMO_PEOPLE.zhangWei),
      employer_credit_code: DEMO_EMPLOYERS.software.creditCode, started_on: '2016-03-01', ended_on: '2025-10-31',
    });
    await store.insertEmploymentRegistration({
      registration_number: 'JY3605062024000002', person_key: key(DEMO_PEOPLE.liNa),
      employer_credit_code: DEMO_EMPLOYERS.hospital.creditCode, started_on: '2024-09-01', ended_on: null,
    });
  },
});
