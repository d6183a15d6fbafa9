/**
 * The records of the 事业单位新进人员 items (Jiangsu plan, attachment 1, no. 10), each declared
 * once with `defineRecord`: 人员调入 (StaffTransferIn), 工资变动核定 (SalaryChange), the hiring
 * procedures of new graduates, floating talents and returned overseas students (HireProcedure,
 * one type by kind) and 聘用核准备案 (HireFiling). Numbers share the schema's item_number_seq.
 */
import { GraphQLError } from 'graphql';
import type { Queryable } from '../../src/db/database.js';
import type { ItemDecisionInput, ItemDispatch } from '../../src/contract/item-contract.js';
import { defineRecord } from '../../src/subgraph/records.js';
import { termYears, type PostCategory } from './policy.js';
import { appointments } from './appointment-record.js';
import { civilServiceWrites as writes } from './store.js';

type RecordStatus = 'ACCEPTED' | 'COMPLETED' | 'REJECTED';
interface Common {
  person_key: string;
  institution_credit_code: string;
  status: RecordStatus;
  submission_id: string | null;
  applied_at: Date;
  decided_at: Date | null;
}
export interface StaffTransferInRow extends Common {
  transfer_number: string;
  original_unit: string;
  post: string;
  post_category: PostCategory;
  /** 岗位等级 (null for a transfer recorded before grades were asked). */
  grade: string | null;
  transfer_date: string;
}
export interface SalaryChangeRow extends Common {
  change_number: string;
  effective_date: string;
  change_reason: string;
  basis_type: 'StaffTransferIn' | 'Appointment';
  basis_number: string;
  /** The basis's post, category and grade, copied when the change is accepted. */
  post: string | null;
  post_category: PostCategory | null;
  grade: string | null;
}
export type HireProcedureKind = 'GRADUATE' | 'MOBILE_TALENT' | 'RETURNEE';
export interface HireProcedureRow extends Common {
  procedure_number: string;
  kind: HireProcedureKind;
  report_date: string | null;
  archive_agency: string | null;
  study_country: string | null;
  return_date: string | null;
}
export interface HireFilingRow extends Common {
  filing_number: string;
  hire_method: string;
  post: string;
  term_start: string;
  term_end: string;
  transfer_number: string | null;
  post_category: PostCategory | null;
  grade: string | null;
  /** The appointment the completed filing approved. */
  appointment_number: string | null;
}

const common = (row: Common) => ({
  person: { id: row.person_key },
  institution: { creditCode: row.institution_credit_code },
  status: row.status,
  appliedAt: row.applied_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
});

/** 人员调入: numbered DR. */
export const staffTransfers = defineRecord({
  typename: 'StaffTransferIn',
  table: 'civil_service.staff_transfer_in',
  key: 'transfer_number',
  numberPrefix: 'DR',
  toEntity: (row: StaffTransferInRow) => ({
    id: row.transfer_number,
    ...common(row),
    originalUnit: row.original_unit,
    post: row.post,
    postCategory: row.post_category,
    postGrade: row.grade,
    transferDate: row.transfer_date,
  }),
});

/** 工资变动核定: numbered GB. */
export const salaryChanges = defineRecord({
  typename: 'SalaryChange',
  table: 'civil_service.salary_change',
  key: 'change_number',
  numberPrefix: 'GB',
  toEntity: (row: SalaryChangeRow) => ({
    id: row.change_number,
    ...common(row),
    effectiveDate: row.effective_date,
    changeReason: row.change_reason,
    basisType: row.basis_type,
    basisNumber: row.basis_number,
    post: row.post,
    postCategory: row.post_category,
    postGrade: row.grade,
  }),
  onDecision: async (tx: Queryable, change: SalaryChangeRow, decision: ItemDecisionInput) => {
    if (decision.outcome === 'COMPLETE') await requireSettledBasis(tx, change);
  },
});

/** 录用手续: numbered LY. */
export const hireProcedures = defineRecord({
  typename: 'HireProcedure',
  table: 'civil_service.hire_procedure',
  key: 'procedure_number',
  numberPrefix: 'LY',
  toEntity: (row: HireProcedureRow) => ({
    id: row.procedure_number,
    ...common(row),
    kind: row.kind,
    reportDate: row.report_date,
    archiveAgency: row.archive_agency,
    studyCountry: row.study_country,
    returnDate: row.return_date,
  }),
});

/** 聘用核准备案: numbered BA. */
export const hireFilings = defineRecord({
  typename: 'HireFiling',
  table: 'civil_service.hire_filing',
  key: 'filing_number',
  numberPrefix: 'BA',
  toEntity: (row: HireFilingRow) => ({
    id: row.filing_number,
    ...common(row),
    hireMethod: row.hire_method,
    post: row.post,
    termStart: row.term_start,
    termEnd: row.term_end,
    transferNumber: row.transfer_number,
    postCategory: row.post_category,
    postGrade: row.grade,
    appointmentNumber: row.appointment_number,
  }),
  onDecision: async (tx: Queryable, filing: HireFilingRow, decision: ItemDecisionInput) =>
    decision.outcome === 'COMPLETE' ? { appointment_number: await approvedAppointment(tx, filing, decision) } : undefined,
});

/**
 * 工资变动核定 is completed on a settled post: its transfer-in completed, or its appointment ACTIVE
 * (the salary is determined on an approved post, 事业单位人事管理条例 ch. 7).
 */
async function requireSettledBasis(tx: Queryable, change: SalaryChangeRow): Promise<void> {
  const [basis] =
    change.basis_type === 'StaffTransferIn'
      ? await tx.query<{ settled: boolean }>(`SELECT status = 'COMPLETED' AS settled FROM civil_service.staff_transfer_in WHERE transfer_number = $1`, [
          change.basis_number,
        ])
      : await tx.query<{ settled: boolean }>(`SELECT status = 'ACTIVE' AS settled FROM civil_service.appointment WHERE appointment_number = $1`, [
          change.basis_number,
        ]);
  if (!basis?.settled) {
    throw new GraphQLError(`the salary is determined on an approved post: ${change.basis_type} ${change.basis_number} is not completed yet`, {
      extensions: { code: 'BASIS_NOT_COMPLETED', field: 'idempotencyKey' },
    });
  }
}

/**
 * 聘用核准备案 completed: the appointment it approves. One the institution already registered over
 * the term (新聘用人员信息) is linked as it is; otherwise the filing makes it, ACTIVE from the
 * filing's post, category, grade and term, with its history (decided by the counter).
 */
async function approvedAppointment(tx: Queryable, filing: HireFilingRow, decision: ItemDecisionInput): Promise<string> {
  await writes.lockPersonAtInstitution(tx, filing.person_key, filing.institution_credit_code);
  const existing = await writes.overlappingAppointment(tx, filing.person_key, filing.institution_credit_code, filing.term_start, filing.term_end);
  if (existing) return existing.appointment_number;
  const [transfer] = filing.transfer_number
    ? await tx.query<StaffTransferInRow>('SELECT * FROM civil_service.staff_transfer_in WHERE transfer_number = $1', [filing.transfer_number])
    : [];
  const category = filing.post_category ?? transfer?.post_category ?? null;
  const grade = filing.grade ?? transfer?.grade ?? null;
  if (!category || !grade) {
    throw new GraphQLError('the appointment is filed with its post category and grade, and this filing has none', {
      extensions: { code: 'POST_GRADE_REQUIRED', field: 'idempotencyKey' },
    });
  }
  const counter = { by: decision.decidedBy, channel: 'COUNTER', submissionId: filing.submission_id };
  // The record engine numbers and dates the appointment; its history names the counter, not the applicant.
  const asDecided = { itemCode: 'HIRE_APPROVAL_FILING', channel: 'COUNTER', submissionId: filing.submission_id, applicant: { personId: decision.decidedBy } };
  const number = await appointments.insert(tx, asDecided as unknown as ItemDispatch, {
    person_key: filing.person_key,
    institution_credit_code: filing.institution_credit_code,
    post: filing.post,
    post_category: category,
    grade,
    starts_on: filing.term_start,
    ends_on: filing.term_end,
    previous_employer: transfer?.original_unit ?? null,
    contract_years: termYears(filing.term_start, filing.term_end),
    submission_id: filing.submission_id,
  });
  await appointments.setStatus(tx, number, 'COMPLETED', counter);
  return number;
}
