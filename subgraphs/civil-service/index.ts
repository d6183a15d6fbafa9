import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../../src/demo/demo-data.js';
import { personKey } from '../../src/identity/person-key.js';
import { defineSubgraph, type SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import { rowsLoader } from '../../src/subgraph/loaders.js';
import { civilServiceMigrations } from './migrations.js';
import { CivilServiceStore } from './store.js';

function createLoaders(store: CivilServiceStore) {
  return { appointments: rowsLoader((keys) => store.appointments(keys), (row) => row.person_key) };
}
type CivilServiceContext = SubgraphContext<CivilServiceStore, ReturnType<typeof createLoaders>>;

export const civilServiceSubgraph = defineSubgraph<CivilServiceStore, ReturnType<typeof createLoaders>>({
  name: 'civil-service',
  schema: 'civil_service',
  migrations: civilServiceMigrations,
  createStore: (db) => new CivilServiceStore(db),
  createLoaders,
  resolvers: {
    Person: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      appointments: async (person: { id: string }, _: unknown, { loaders }: CivilServiceContext) =>
        (await loaders.appointments.load(person.id)).map((row) => ({
          appointmentNumber: row.appointment_number,
          institution: { creditCode: row.institution_credit_code },
          post: row.post,
          postCategory: row.post_category,
          grade: row.grade,
          startsOn: row.starts_on,
          endsOn: row.ends_on,
          status: row.status,
        })),
    },
  },
  async seedDemoData(store, { personKeySecret }) {
    await store.insertAppointmentIfAbsent({
      appointment_number: 'PY3205062024000001', person_key: personKey(personKeySecret, DEMO_PEOPLE.liNa.idType, DEMO_PEOPLE.liNa.idNumber),
      institution_credit_code: DEMO_EMPLOYERS.hospital.creditCode, post: '护士', post_category: 'PROFESSIONAL_TECHNICAL',
      grade: '专业技术十二级', starts_on: '2024-09-01', ends_on: '2029-08-31', status: 'ACTIVE',
    });
  },
});
