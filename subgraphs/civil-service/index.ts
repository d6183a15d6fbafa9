import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../../src/demo/demo-data.js';
import { personKey } from '../../src/identity/person-key.js';
import { defineSubgraph, type SubgraphContext } from '../../src/subgraph/define-subgraph.js';
import { rowLoader, rowsLoader } from '../../src/subgraph/loaders.js';
import { civilServiceItemMutations } from './items.js';
import { civilServiceMigrations } from './migrations.js';
import { hireFilings, hireProcedures, salaryChanges, staffTransfers } from './new-staff-records.js';
import { appointments, civilServiceRecords, salaryApprovals, toAppointment, toSalaryApproval } from './records.js';
import { CivilServiceStore, type AppointmentRow } from './store.js';

function createLoaders(store: CivilServiceStore) {
  return {
    appointments: rowsLoader(
      (keys) => store.appointments(keys),
      (row) => row.person_key,
    ),
    records: civilServiceRecords.loaders(store.db),
    salaryApprovalOfAppointment: rowLoader(
      (numbers) => store.salaryApprovalsOfAppointments(numbers),
      (row) => row.appointment_number!,
    ),
  };
}
type CivilServiceContext = SubgraphContext<CivilServiceStore, ReturnType<typeof createLoaders>>;

/** The appointment by number, through the request's loader of the record type. */
const appointmentAt = async (number: string | null, { loaders }: CivilServiceContext) => {
  const row = number ? ((await loaders.records.get('Appointment')!.load(number)) as AppointmentRow | null) : null;
  return row ? toAppointment(row) : null;
};

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
      ...appointments.resolver,
      salaryApproval: async (appointment: { id: string }, _: unknown, { loaders }: CivilServiceContext) => {
        const row = await loaders.salaryApprovalOfAppointment.load(appointment.id);
        return row ? toSalaryApproval(row) : null;
      },
    },
    SalaryApproval: {
      ...salaryApprovals.resolver,
      appointment: (approval: { appointmentNumber: string | null }, _: unknown, context: CivilServiceContext) =>
        appointmentAt(approval.appointmentNumber, context),
    },
    // 事业单位新进人员: each record's __resolveReference, through the request's loaders.
    StaffTransferIn: staffTransfers.resolver,
    SalaryChange: salaryChanges.resolver,
    HireProcedure: hireProcedures.resolver,
    HireFiling: {
      ...hireFilings.resolver,
      appointment: (filing: { appointmentNumber: string | null }, _: unknown, context: CivilServiceContext) => appointmentAt(filing.appointmentNumber, context),
    },
  },
  async seedDemoData(store, { personKeySecret }) {
    await store.insertAppointmentIfAbsent({
      appointment_number: 'PY3205062024000001',
      person_key: personKey(personKeySecret, DEMO_PEOPLE.liNa.idType, DEMO_PEOPLE.liNa.idNumber),
      institution_credit_code: DEMO_EMPLOYERS.hospital.creditCode,
      post: '护士',
      post_category: 'PROFESSIONAL_TECHNICAL',
      grade: '专业技术十二级',
      starts_on: '2024-09-01',
      ends_on: '2029-08-31',
      status: 'ACTIVE',
    });
  },
});
