/**
 * The records of the 事业单位新进人员 items (Jiangsu plan, attachment 1, no. 10), each declared
 * once with `defineRecord`: 人员调入 (StaffTransferIn), 工资变动核定 (SalaryChange), the hiring
 * procedures of new graduates, floating talents and returned overseas students (HireProcedure,
 * one type by kind) and 聘用核准备案 (HireFiling). Numbers share the schema's item_number_seq.
 */
import { defineRecord } from '../../src/subgraph/records.js';

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
  post_category: 'MANAGEMENT' | 'PROFESSIONAL_TECHNICAL' | 'SKILLED_WORKER';
  transfer_date: string;
}
export interface SalaryChangeRow extends Common {
  change_number: string;
  effective_date: string;
  change_reason: string;
  basis_type: 'StaffTransferIn' | 'Appointment';
  basis_number: string;
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
  }),
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
  }),
});
