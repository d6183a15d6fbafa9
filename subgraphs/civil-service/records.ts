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
import { appointments } from './appointment-record.js';
import { hireFilings, hireProcedures, salaryChanges, staffTransfers } from './new-staff-records.js';
import { civilServiceWrites as writes, type SalaryApprovalRow } from './store.js';

export { appointments, toAppointment } from './appointment-record.js';

export function toSalaryApproval(row: SalaryApprovalRow) {
  return {
    id: row.approval_number,
    person: { id: row.person_key },
    institution: { creditCode: row.institution_credit_code },
    appointmentNumber: row.appointment_number,
    post: row.post,
    postCategory: row.post_category,
    grade: row.grade,
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
  // The salary is determined on the appointment's post and grade (事业单位人事管理条例 ch. 7).
  return { appointment_number: appointment.appointment_number, post: appointment.post, post_category: appointment.post_category, grade: appointment.grade };
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
