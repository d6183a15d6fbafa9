/**
 * The appointment record (聘用), apart so that both the new hire's registration (records.ts) and
 * the filing that approves an appointment (new-staff-records.ts) can make one.
 */
import { defineRecord } from '../../src/subgraph/records.js';
import type { AppointmentRow } from './store.js';

export function toAppointment(row: AppointmentRow) {
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

/**
 * 聘用: the number keeps its form, PY + the institution's region (its credit code's characters
 * 3–8, GB 32100) + the year + six digits.
 */
export const appointments = defineRecord({
  typename: 'Appointment',
  table: 'civil_service.appointment',
  key: 'appointment_number',
  numberPrefix: (columns) => `PY${String(columns.institution_credit_code).slice(2, 8)}`,
  numberDate: 'YYYY',
  sequence: 'civil_service.appointment_number_seq',
  statuses: { ACCEPTED: 'PENDING_REGISTRATION', COMPLETED: 'ACTIVE' },
  toEntity: toAppointment,
});
