/**
 * The items of 事业单位新进人员一件事 (Jiangsu plan, attachment 1, no. 10; SERIAL: 人员调入,
 * 工资变动核定, the optional hiring procedures, 聘用核准备案, then insurance's 增员). All are the
 * hiring institution's (applicantKind EMPLOYER) and TIME_LIMITED (limits set by local policy):
 * accepted here, completed or refused at the counter (`decideCivilServiceItem`).
 *
 * Legal basis: 事业单位人事管理条例 (国务院令第652号): 岗位设置 (ch. 2), 公开招聘 (ch. 3; art. 8:
 * new staff are hired openly, except where the state places them), 聘用合同 (ch. 4), 工资福利
 * (ch. 7: pay by post, duties and performance; a normal growth mechanism); 事业单位公开招聘人员
 * 暂行规定 (人事部令第6号) for the hiring procedures and their filing (聘用核准备案); 法定退休年龄
 * by 渐进式延迟法定退休年龄办法 (src/policy/retirement.ts).
 *
 * Later items use the earlier ones' results: in a SERIAL submission each sees the outcomes before
 * it (`dispatch.priorOutcomes`), so 工资变动核定 is determined on the 人员调入 just accepted (its
 * post category and date), and 聘用核准备案 of a transfer files that transfer's post.
 */
import type { Queryable } from '../../src/db/database.js';
import type { ItemDispatch, ItemOutcome } from '../../src/contract/item-contract.js';
import { rejected } from '../../src/subgraph/item-ledger.js';
import { todayInChina } from '../../src/policy/calendar.js';
import type { CivilServiceItemHandlers, HireFreshGraduateInput, HireMobileTalentInput, HireOverseasReturneeInput } from './generated/items.js';
import { institutionOf, sharedString } from './institution.js';
import {
  hireFilings,
  hireProcedures,
  salaryChanges,
  staffTransfers,
  type HireProcedureKind,
  type HireProcedureRow,
  type StaffTransferInRow,
} from './new-staff-records.js';
import { postGradeFault, retirementDate } from './policy.js';
import { civilServiceWrites as writes } from './store.js';

const blank = (text: string | null | undefined) => !text || text.trim() === '';

/**
 * The staff transfer-in this item builds on: the one an earlier item of this SERIAL submission
 * accepted, else one of the same submission (however dispatched), else the person's latest
 * standing one at the institution. A refused transfer is none.
 */
async function transferFor(tx: Queryable, dispatch: ItemDispatch, personKey: string, creditCode: string): Promise<StaffTransferInRow | undefined> {
  const prior = dispatch.priorOutcomes?.find((outcome) => outcome.recordType === 'StaffTransferIn' && outcome.status !== 'REJECTED' && outcome.recordId);
  const [row] = await tx.query<StaffTransferInRow>(
    `SELECT * FROM civil_service.staff_transfer_in
      WHERE person_key = $1 AND institution_credit_code = $2 AND status <> 'REJECTED'
      ORDER BY (transfer_number = $3) DESC, (submission_id IS NOT DISTINCT FROM $4) DESC, applied_at DESC LIMIT 1`,
    [personKey, creditCode, prior?.recordId ?? null, dispatch.submissionId ?? null],
  );
  return row;
}

/**
 * 人员调入 (STAFF_TRANSFER_IN): a staff member of another unit transferred in to a post here.
 * Refused: a blank original unit or post; the original unit is this institution itself
 * (SAME_UNIT); a grade that is not one of the post category's (POST_GRADE_INVALID); the transfer date at or past the statutory retirement age for the post category;
 * the person already appointed here on that date (ALREADY_APPOINTED); a transfer-in of the person
 * already being handled (TRANSFER_IN_OPEN).
 */
const transferIn: CivilServiceItemHandlers['STAFF_TRANSFER_IN'] = async (tx, input, dispatch) => {
  const code = dispatch.itemCode;
  const institution = institutionOf(dispatch);
  if ('status' in institution) return institution;
  if (blank(input.originalUnit)) return rejected(code, 'ORIGINAL_UNIT_REQUIRED', '调出单位 must name the unit the person is transferred from', 'originalUnit');
  if (blank(input.post)) return rejected(code, 'POST_REQUIRED', '拟聘岗位 must name the post', 'post');
  const unitName = sharedString(dispatch, 'unitName');
  if (unitName && unitName === input.originalUnit.trim()) {
    return rejected(code, 'SAME_UNIT', `调出单位 is the applying institution itself (${unitName}): a move within one unit is no transfer-in`, 'originalUnit');
  }
  const gradeFault = postGradeFault(input.postCategory, input.postGrade);
  if (gradeFault) return rejected(code, 'POST_GRADE_INVALID', `岗位等级 does not fit the post category: ${gradeFault}`, 'postGrade');
  const { applicant } = dispatch;
  const retiresOn = retirementDate(applicant.birthDate, applicant.gender, input.postCategory);
  if (input.transferDate >= retiresOn) {
    return rejected(code, 'PAST_RETIREMENT_AGE', `the person reaches the statutory retirement age on ${retiresOn}, before the transfer date`, 'transferDate');
  }
  await writes.lockPersonAtInstitution(tx, applicant.personId, institution.creditCode);
  const appointed = await writes.overlappingAppointment(tx, applicant.personId, institution.creditCode, input.transferDate, input.transferDate);
  if (appointed) {
    return rejected(
      code,
      'ALREADY_APPOINTED',
      `the person already holds appointment ${appointed.appointment_number} at this institution on ${input.transferDate}`,
      'transferDate',
    );
  }
  if (await staffTransfers.hasOpen(tx, applicant.personId)) {
    return rejected(code, 'TRANSFER_IN_OPEN', 'a transfer-in of this person is already being handled');
  }
  const number = await staffTransfers.insert(tx, dispatch, {
    person_key: applicant.personId,
    institution_credit_code: institution.creditCode,
    original_unit: input.originalUnit.trim(),
    post: input.post.trim(),
    post_category: input.postCategory,
    grade: input.postGrade.trim(),
    transfer_date: input.transferDate,
    submission_id: dispatch.submissionId ?? null,
  });
  return staffTransfers.accepted(dispatch, number);
};

/**
 * 工资变动核定 (SALARY_CHANGE_APPROVAL): the salary is determined on a post (条例 ch. 7), so on
 * the person's transfer-in here (this submission's first) or on their ACTIVE appointment here.
 * Refused: a blank reason; no transfer-in and no appointment (NO_APPOINTMENT); an appointment
 * not yet approved (APPOINTMENT_NOT_ACTIVE); a change effective before the post is taken
 * (EFFECTIVE_BEFORE_START); a change already being handled (SALARY_CHANGE_OPEN). The change
 * keeps its basis's post, category and grade; the counter completes it only once the basis is
 * (BASIS_NOT_COMPLETED).
 */
const salaryChange: CivilServiceItemHandlers['SALARY_CHANGE_APPROVAL'] = async (tx, input, dispatch) => {
  const code = dispatch.itemCode;
  const institution = institutionOf(dispatch);
  if ('status' in institution) return institution;
  if (blank(input.changeReason)) return rejected(code, 'REASON_REQUIRED', '工资变动原因 must say why the salary changes', 'changeReason');
  const { personId } = dispatch.applicant;
  await writes.lockPersonAtInstitution(tx, personId, institution.creditCode);
  // The salary is determined on the basis's post, category and grade (条例 ch. 7), copied onto the change.
  let basis: { type: 'StaffTransferIn' | 'Appointment'; number: string; from: string; post: string; category: string; grade: string | null };
  const transfer = await transferFor(tx, dispatch, personId, institution.creditCode);
  if (transfer) {
    basis = {
      type: 'StaffTransferIn',
      number: transfer.transfer_number,
      from: transfer.transfer_date,
      post: transfer.post,
      category: transfer.post_category,
      grade: transfer.grade,
    };
  } else {
    const appointment = await writes.standingAppointment(tx, personId, institution.creditCode);
    if (!appointment) {
      return rejected(
        code,
        'NO_APPOINTMENT',
        'the person has neither a transfer-in nor an appointment at this institution: the salary is determined on a post',
      );
    }
    if (appointment.status !== 'ACTIVE') {
      return rejected(
        code,
        'APPOINTMENT_NOT_ACTIVE',
        `appointment ${appointment.appointment_number} is not approved yet: the salary is determined on an approved appointment`,
      );
    }
    basis = {
      type: 'Appointment',
      number: appointment.appointment_number,
      from: appointment.starts_on,
      post: appointment.post,
      category: appointment.post_category,
      grade: appointment.grade,
    };
  }
  if (input.effectiveDate < basis.from) {
    return rejected(code, 'EFFECTIVE_BEFORE_START', `the change takes effect before the post is taken (${basis.from})`, 'effectiveDate');
  }
  if (await salaryChanges.hasOpen(tx, personId)) {
    return rejected(code, 'SALARY_CHANGE_OPEN', 'a salary change of this person is already being handled');
  }
  const number = await salaryChanges.insert(tx, dispatch, {
    person_key: personId,
    institution_credit_code: institution.creditCode,
    effective_date: input.effectiveDate,
    change_reason: input.changeReason.trim(),
    basis_type: basis.type,
    basis_number: basis.number,
    post: basis.post,
    post_category: basis.category,
    grade: basis.grade,
    submission_id: dispatch.submissionId ?? null,
  });
  return salaryChanges.accepted(dispatch, number);
};

interface ProcedureOf<Input> {
  readonly kind: HireProcedureKind;
  /** The kind's own rule, or null. */
  readonly check: (input: Input, dispatch: ItemDispatch) => ItemOutcome | null;
  readonly columns: (input: Input) => Partial<Pick<HireProcedureRow, 'report_date' | 'archive_agency' | 'study_country' | 'return_date'>>;
}

/**
 * A hiring procedure (录用手续). A new hire is one of a new graduate, a floating talent or a
 * returned overseas student: a procedure of another kind for the person here, open or of this
 * submission, is HIRE_PROCEDURE_CONFLICT; one of the same kind still open, HIRE_PROCEDURE_OPEN.
 */
function hireProcedure<Input>({ kind, check, columns }: ProcedureOf<Input>) {
  return async (tx: Queryable, input: Input, dispatch: ItemDispatch): Promise<ItemOutcome> => {
    const code = dispatch.itemCode;
    const institution = institutionOf(dispatch);
    if ('status' in institution) return institution;
    const invalid = check(input, dispatch);
    if (invalid) return invalid;
    const { personId } = dispatch.applicant;
    await writes.lockPersonAtInstitution(tx, personId, institution.creditCode);
    const others = await tx.query<HireProcedureRow>(
      `SELECT * FROM civil_service.hire_procedure
        WHERE person_key = $1 AND institution_credit_code = $2
          AND (status = 'ACCEPTED' OR (status <> 'REJECTED' AND submission_id IS NOT NULL AND submission_id = $3))`,
      [personId, institution.creditCode, dispatch.submissionId ?? null],
    );
    const conflict = others.find((row) => row.kind !== kind);
    if (conflict) {
      return rejected(
        code,
        'HIRE_PROCEDURE_CONFLICT',
        `the person is already being hired here as ${conflict.kind} (${conflict.procedure_number}): one hiring procedure per new hire`,
      );
    }
    if (others.some((row) => row.status === 'ACCEPTED')) {
      return rejected(code, 'HIRE_PROCEDURE_OPEN', 'this hiring procedure of the person is already being handled');
    }
    const number = await hireProcedures.insert(tx, dispatch, {
      person_key: personId,
      institution_credit_code: institution.creditCode,
      kind,
      ...columns(input),
      submission_id: dispatch.submissionId ?? null,
    });
    return hireProcedures.accepted(dispatch, number);
  };
}

/** Mainland China is no study abroad (a study in 港澳台 is: 国家（地区）). */
const MAINLAND = new Set(['中国', '中华人民共和国', '中国大陆', '中国内地']);

/**
 * 聘用核准备案 (HIRE_APPROVAL_FILING): the appointment of the new hire is approved and filed.
 * Refused: a term ending before it starts; a blank post; a transfer (hireMethod TRANSFER) with no
 * transfer-in here (NO_TRANSFER_IN), for another post than the transfer's (POST_MISMATCH), or
 * starting before the transfer date (TERM_BEFORE_TRANSFER); a term starting at or past the
 * statutory retirement age; a filing already being handled (FILING_OPEN). A transfer's post
 * category and grade are the transfer-in's (POST_CATEGORY_MISMATCH / POST_GRADE_MISMATCH when
 * named otherwise); any other hire names them (POST_CATEGORY_REQUIRED / POST_GRADE_REQUIRED /
 * POST_GRADE_INVALID). Completed at the counter, the filing approves the appointment
 * (new-staff-records.ts).
 */
const fileApproval: CivilServiceItemHandlers['HIRE_APPROVAL_FILING'] = async (tx, input, dispatch) => {
  const code = dispatch.itemCode;
  const institution = institutionOf(dispatch);
  if ('status' in institution) return institution;
  if (input.termEnd <= input.termStart) return rejected(code, 'TERM_END_BEFORE_START', 'the term must end after it starts', 'termEnd');
  if (blank(input.post)) return rejected(code, 'POST_REQUIRED', '聘用岗位 must name the post', 'post');
  const { applicant } = dispatch;
  await writes.lockPersonAtInstitution(tx, applicant.personId, institution.creditCode);
  let transfer: StaffTransferInRow | undefined;
  if (input.hireMethod === 'TRANSFER') {
    transfer = await transferFor(tx, dispatch, applicant.personId, institution.creditCode);
    if (!transfer)
      return rejected(
        code,
        'NO_TRANSFER_IN',
        'a hire by transfer is filed on the transfer-in (人员调入) of the person to this institution, and there is none',
        'hireMethod',
      );
    if (transfer.post !== input.post.trim()) {
      return rejected(
        code,
        'POST_MISMATCH',
        `the post filed (${input.post.trim()}) is not the post of transfer-in ${transfer.transfer_number} (${transfer.post})`,
        'post',
      );
    }
    if (input.termStart < transfer.transfer_date) {
      return rejected(code, 'TERM_BEFORE_TRANSFER', `the term starts before the transfer date ${transfer.transfer_date}`, 'termStart');
    }
  }
  // The post's category and grade: a transfer's are the transfer-in's (a different one named here
  // is a mismatch); any other hire names them.
  const givenGrade = input.postGrade?.trim() || null;
  if (transfer) {
    if (input.postCategory && input.postCategory !== transfer.post_category) {
      return rejected(
        code,
        'POST_CATEGORY_MISMATCH',
        `the post category is not that of transfer-in ${transfer.transfer_number} (${transfer.post_category})`,
        'postCategory',
      );
    }
    if (givenGrade && transfer.grade && givenGrade !== transfer.grade) {
      return rejected(code, 'POST_GRADE_MISMATCH', `the grade is not that of transfer-in ${transfer.transfer_number} (${transfer.grade})`, 'postGrade');
    }
  } else {
    if (!input.postCategory) return rejected(code, 'POST_CATEGORY_REQUIRED', '聘用岗位类别 is filed with the appointment', 'postCategory');
    if (!givenGrade) return rejected(code, 'POST_GRADE_REQUIRED', '聘用岗位等级 is filed with the appointment', 'postGrade');
  }
  const category = transfer?.post_category ?? input.postCategory!;
  const grade = givenGrade ?? transfer?.grade ?? null;
  const gradeFault = grade === null ? null : postGradeFault(category, grade);
  if (gradeFault) return rejected(code, 'POST_GRADE_INVALID', `聘用岗位等级 does not fit the post category: ${gradeFault}`, 'postGrade');
  const retiresOn = retirementDate(applicant.birthDate, applicant.gender, category);
  if (input.termStart >= retiresOn) {
    return rejected(code, 'PAST_RETIREMENT_AGE', `the person reaches the statutory retirement age on ${retiresOn}, before the term starts`, 'termStart');
  }
  if (await hireFilings.hasOpen(tx, applicant.personId)) {
    return rejected(code, 'FILING_OPEN', "a filing of this person's appointment is already being handled");
  }
  const number = await hireFilings.insert(tx, dispatch, {
    person_key: applicant.personId,
    institution_credit_code: institution.creditCode,
    hire_method: input.hireMethod,
    post: input.post.trim(),
    term_start: input.termStart,
    term_end: input.termEnd,
    transfer_number: transfer?.transfer_number ?? null,
    post_category: category,
    grade,
    submission_id: dispatch.submissionId ?? null,
  });
  return hireFilings.accepted(dispatch, number);
};

export const newStaffHandlers = {
  STAFF_TRANSFER_IN: transferIn,
  SALARY_CHANGE_APPROVAL: salaryChange,
  /** 录用应届高校毕业生: the report date (报到时间) is recorded; the graduation certificate and employment agreement are materials. */
  HIRE_GRADUATE_PROCEDURE: hireProcedure<HireFreshGraduateInput>({
    kind: 'GRADUATE',
    check: () => null,
    columns: (input) => ({ report_date: input.reportDate }),
  }),
  /** 录用流动人才: the archive is fetched from its holder (档案保管机构), which must be named. */
  HIRE_MOBILE_TALENT_PROCEDURE: hireProcedure<HireMobileTalentInput>({
    kind: 'MOBILE_TALENT',
    check: (input, dispatch) =>
      blank(input.archiveAgency)
        ? rejected(dispatch.itemCode, 'ARCHIVE_AGENCY_REQUIRED', "档案保管机构 must name who holds the person's archive", 'archiveAgency')
        : null,
    columns: (input) => ({ archive_agency: input.archiveAgency.trim() }),
  }),
  /** 录用留学回国人员: studied outside mainland China, and already back (the degree certification is a material). */
  HIRE_RETURNEE_PROCEDURE: hireProcedure<HireOverseasReturneeInput>({
    kind: 'RETURNEE',
    check: (input, dispatch) => {
      if (blank(input.studyCountry) || MAINLAND.has(input.studyCountry.trim())) {
        return rejected(dispatch.itemCode, 'STUDY_COUNTRY_INVALID', '留学国家（地区） must be outside mainland China', 'studyCountry');
      }
      if (input.returnDate > todayInChina()) {
        return rejected(dispatch.itemCode, 'RETURN_DATE_IN_FUTURE', `回国时间 ${input.returnDate} is after today`, 'returnDate');
      }
      return null;
    },
    columns: (input) => ({ study_country: input.studyCountry.trim(), return_date: input.returnDate }),
  }),
  HIRE_APPROVAL_FILING: fileApproval,
} satisfies Partial<CivilServiceItemHandlers>;
