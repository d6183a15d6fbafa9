/**
 * The records the civil-service items create. 工资核定 (SalaryApproval) is declared with
 * `defineRecord`; the appointment (聘用, numbered by region and year, ACTIVE once registered)
 * keeps its own writes and is decided through `otherwise`.
 */
import { GraphQLError } from 'graphql';
import type { Queryable } from '../../src/db/database.js';
import type { ItemDecisionInput } from '../../src/contract/item-contract.js';
import { defineRecord, recordSet } from '../../src/subgraph/records.js';
import { civilServiceWrites as writes, type SalaryApprovalRow } from './store.js';

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
    throw new GraphQLError('the salary is approved for an appointment on record: the new hire\'s registration (NEW_HIRE_INFO) is not completed', {
      extensions: { code: 'APPOINTMENT_NOT_ACTIVE', field: 'idempotencyKey' },
    });
  }
  return { appointment_number: appointment.appointment_number };
}

export const salaryApprovals = defineRecord({
  typename: 'SalaryApproval', table: 'civil_service.salary_approval', key: 'approval_number', numberPrefix: 'GZ',
  sequence: 'civil_service.salary_approval_seq',
  toEntity: toSalaryApproval,
  onDecision: async (tx: Queryable, approval: SalaryApprovalRow, decision: ItemDecisionInput) =>
    (decision.outcome === 'COMPLETE' ? completeSalaryApproval(tx, approval) : undefined),
});

export const civilServiceRecords = recordSet([salaryApprovals], async (tx, entry, decision) => {
  if (entry.recordType === 'Appointment' && entry.recordId) {
    await writes.decideAppointment(tx, entry.recordId, decision.outcome === 'COMPLETE' ? 'ACTIVE' : 'REJECTED');
  }
});
