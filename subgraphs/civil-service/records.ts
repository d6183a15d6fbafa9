/**
 * The records the civil-service items create, each declared once with `defineRecord`: the
 * appointment (聘用: numbered PY + the institution's region + year, its own sequence; its statuses
 * are its lifecycle's words, PENDING_REGISTRATION until the counter makes it ACTIVE) and the
 * salary approval (工资核定).
 */
import { GraphQLError } from 'graphql';
import type { Queryable } from '../../src/db/database.js';
import type { ItemDecisionInput } from '../../src/contract/item-contract.js';
import { defineRecord, recordSet } from '../../src/subgraph/records.js';
import { hireFilings, hireProcedures, salaryChanges, staffTransfers } from './new-staff-records.js';
import { civilServiceWrites as writes, type AppointmentRow, type SalaryApprovalRow } from './store.js';

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

export function toSalaryApproval(row: SalaryApprovalRow) {
  return {
    id: row.approval_number,
    person: { id: row.person_key },
    institution: { creditCode: row.institution_credit_code },
    appointmentNumber: row.appointment_number,
    status: row.status,
    appliedAt: row.applied_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
  };
}

/**
 * 新聘人员工资核定: completed only for an appointment on record and ACTIVE (the one of its
 * submission, or the person's standing one at the institution), which the approval then names.
 */
async function completeSalaryApproval(tx: Queryable, approval: SalaryApprovalRow): Promise<Record<string, unknown>> {
  const appointment = approval.appointment_number
    ? await writes.appointment(tx, approval.appointment_number)
    : await writes.standingAppointment(tx, approval.person_key, approval.institution_credit_code);
  if (appointment?.status !== 'ACTIVE') {
    throw new GraphQLError("the salary is approved for an appointment on record: the new hire's registration (NEW_HIRE_INFO) is not completed", {
      extensions: { code: 'APPOINTMENT_NOT_ACTIVE', field: 'idempotencyKey' },
    });
  }
  return { appointment_number: appointment.appointment_number };
}

export const salaryApprovals = defineRecord({
  typename: 'SalaryApproval',
  table: 'civil_service.salary_approval',
  key: 'approval_number',
  numberPrefix: 'GZ',
  sequence: 'civil_service.salary_approval_seq',
  toEntity: toSalaryApproval,
  onDecision: async (tx: Queryable, approval: SalaryApprovalRow, decision: ItemDecisionInput) =>
    decision.outcome === 'COMPLETE' ? completeSalaryApproval(tx, approval) : undefined,
});

export const civilServiceRecords = recordSet([appointments, salaryApprovals, staffTransfers, salaryChanges, hireProcedures, hireFilings]);
