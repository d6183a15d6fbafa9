import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../../src/demo/demo-data.js';
import { personKey } from '../../src/identity/person-key.js';
import { defineSubgraph, type SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import { rowLoader, rowsLoader } from '../../src/subgraph/loaders.js';
import { civilServiceItemMutations } from './items.js';
import { civilServiceMigrations } from './migrations.js';
import { civilServiceRecords, salaryApprovals, toSalaryApproval } from './records.js';
import { CivilServiceStore, type AppointmentRow } from './store.js';

function createLoaders(store: CivilServiceStore) {
  return {
    appointments: rowsLoader((keys) => store.appointments(keys), (row) => row.person_key),
    appointment: rowLoader((numbers) => store.appointmentsByNumbers(numbers), (row) => row.appointment_number),
    records: civilServiceRecords.loaders(store.db),
    salaryApprovalOfAppointment: rowLoader((numbers) => store.salaryApprovalsOfAppointments(numbers), (row) => row.appointment_number!),
  };
}
type CivilServiceContext = SubgraphContext<CivilServiceStore, ReturnType<typeof createLoaders>>;

function toAppointment(row: AppointmentRow) {
  return {
    id: row.appointment_number,
    appointmentNumber: row.appointment_number,
    person: { id: row.person_key },
    institution: { creditCode: row.institution_credit_code },
    post: row.post,
    postCategory: row.post_category,
    grade: row.grade,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    contractYears: row.contract_years ?? null,
    previousEmployer: row.previous_employer ?? null,
    educationLevel: row.education_level ?? null,
    degree: row.degree ?? null,
    graduateSchool: row.graduate_school ?? null,
    status: row.status,
  };
}

export const civilServiceSubgraph = defineSubgraph<CivilServiceStore, ReturnType<typeof createLoaders>>({
  name: 'civil-service',
  schema: 'civil_service',
  migrations: civilServiceMigrations,
  createStore: (db) => new CivilServiceStore(db),
  createLoaders,
  resolvers: {
    Mutation: civilServiceItemMutations,
    Person: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      appointments: async (person: { id: string }, _: unknown, { loaders }: CivilServiceContext) =>
        (await loaders.appointments.load(person.id)).map(toAppointment),
    },
    Appointment: {
      __resolveReference: async (reference: { id: string }, { loaders }: CivilServiceContext) => {
        const row = await loaders.appointment.load(reference.id);
        return row ? toAppointment(row) : null;
      },
      salaryApproval: async (appointment: { id: string }, _: unknown, { loaders }: CivilServiceContext) => {
        const row = await loaders.salaryApprovalOfAppointment.load(appointment.id);
        return row ? toSalaryApproval(row) : null;
      },
    },
    SalaryApproval: {
      ...salaryApprovals.resolver,
      appointment: async (approval: { appointmentNumber: string | null }, _: unknown, { loaders }: CivilServiceContext) => {
        const row = approval.appointmentNumber ? await loaders.appointment.load(approval.appointmentNumber) : null;
        return row ? toAppointment(row) : null;
      },
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
