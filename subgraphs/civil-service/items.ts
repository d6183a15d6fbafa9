import type { Queryable } from '../../src/db/database.js';
import { rejected } from '../../src/subgraph/item-ledger.js';
import type { ItemDispatch, ItemOutcome } from '../../src/contract/item-contract.js';
import { civilServiceItemResolvers, type RegisterInstitutionNewHireInput } from './generated/items.js';
import { institutionOf, sharedString } from './institution.js';
import { newStaffHandlers } from './new-staff-items.js';
import { postGradeFault, retirementDate, termYears } from './policy.js';
import { appointments, civilServiceRecords, salaryApprovals } from './records.js';
import { civilServiceWrites as writes } from './store.js';

/** 事业单位新聘用人员信息: the appointment's term, post and the hire's education, checked then recorded. */
async function registerNewHire(tx: Queryable, input: RegisterInstitutionNewHireInput, dispatch: ItemDispatch): Promise<ItemOutcome> {
  const code = dispatch.itemCode;
  const institution = institutionOf(dispatch);
  if ('status' in institution) return institution;
  const { applicant } = dispatch;
  const birthDate = sharedString(dispatch, 'birthDate');
  if (birthDate && birthDate !== applicant.birthDate) {
    return rejected(code, 'BIRTH_DATE_MISMATCH', `出生日期 ${birthDate} differs from the ID document's ${applicant.birthDate}`, 'birthDate');
  }
  if (input.termEnd <= input.termStart) {
    return rejected(code, 'TERM_END_BEFORE_START', 'the term must end after it starts', 'termEnd');
  }
  const years = termYears(input.termStart, input.termEnd);
  if (input.contractYears < 1 || input.contractYears !== years) {
    return rejected(
      code,
      'CONTRACT_YEARS_MISMATCH',
      `合同年限 ${input.contractYears} does not match the term ${input.termStart} – ${input.termEnd} (${years} years)`,
      'contractYears',
    );
  }
  const gradeFault = postGradeFault(input.postCategory, input.postGrade);
  if (gradeFault) return rejected(code, 'POST_GRADE_INVALID', `聘用岗位等级 does not fit the post category: ${gradeFault}`, 'postGrade');
  // 法定退休年龄 (渐进式延迟法定退休年龄办法): nobody is newly appointed at or past it.
  const retiresOn = retirementDate(applicant.birthDate, applicant.gender, input.postCategory);
  if (input.termStart >= retiresOn) {
    return rejected(code, 'PAST_RETIREMENT_AGE', `the hire reaches the statutory retirement age on ${retiresOn}, before the term starts`, 'termStart');
  }
  await writes.lockPersonAtInstitution(tx, applicant.personId, institution.creditCode);
  const overlapping = await writes.overlappingAppointment(tx, applicant.personId, institution.creditCode, input.termStart, input.termEnd);
  if (overlapping) {
    return rejected(
      code,
      'APPOINTMENT_OVERLAP',
      `the person already holds appointment ${overlapping.appointment_number} at this institution over that term`,
      'termStart',
    );
  }
  const submissionId = dispatch.submissionId ?? null;
  const number = await appointments.insert(tx, dispatch, {
    person_key: applicant.personId,
    institution_credit_code: institution.creditCode,
    post: input.post.trim(),
    post_category: input.postCategory,
    grade: input.postGrade.trim(),
    starts_on: input.termStart,
    ends_on: input.termEnd,
    previous_employer: input.previousEmployer?.trim() || null,
    contract_years: input.contractYears,
    education_level: sharedString(dispatch, 'educationLevel'),
    degree: sharedString(dispatch, 'degree'),
    graduate_school: sharedString(dispatch, 'graduateSchool'),
    submission_id: submissionId,
  });
  if (submissionId) await writes.linkSalaryApprovals(tx, number, applicant.personId, institution.creditCode, submissionId);
  return appointments.accepted(dispatch, number);
}

/**
 * 事业单位新聘人员工资核定: needs the person's appointment at the institution. In the national
 * bundle (PARALLEL, no SERIAL) NEW_HIRE_INFO of the same submission may arrive at the same time
 * or after this item. So, with a `submissionId`, the approval is for the appointment registered
 * by that submission; when it has not arrived, for a standing appointment whose salary is not yet
 * approved; failing both, it is accepted awaiting the submission's appointment, which links
 * itself when registered (both items lock the person at the institution, so neither misses the
 * other). The counter can complete an approval only once its appointment is ACTIVE
 * (APPOINTMENT_NOT_ACTIVE otherwise). Without a submission, no appointment is NO_APPOINTMENT.
 */
async function approveSalary(tx: Queryable, dispatch: ItemDispatch): Promise<ItemOutcome> {
  const code = dispatch.itemCode;
  const institution = institutionOf(dispatch);
  if ('status' in institution) return institution;
  const { applicant } = dispatch;
  const { submissionId } = dispatch;
  await writes.lockPersonAtInstitution(tx, applicant.personId, institution.creditCode);
  if (await writes.openSalaryApproval(tx, applicant.personId, institution.creditCode)) {
    return rejected(code, 'SALARY_APPROVAL_OPEN', 'a salary approval of this person at this institution is already being handled');
  }
  let appointment = submissionId ? await writes.submissionAppointment(tx, applicant.personId, institution.creditCode, submissionId) : undefined;
  appointment ??= await writes.standingAppointment(tx, applicant.personId, institution.creditCode);
  if (appointment && (await writes.completedSalaryApproval(tx, appointment.appointment_number))) {
    if (!submissionId) {
      return rejected(code, 'SALARY_ALREADY_APPROVED', 'the salary of this appointment is already approved: a change is a 工资变动核定');
    }
    appointment = undefined; // Awaits the appointment of this submission.
  }
  if (!appointment && !submissionId) {
    return rejected(code, 'NO_APPOINTMENT', 'the person has no appointment at this institution: register the new hire (NEW_HIRE_INFO) first');
  }
  const number = await salaryApprovals.insert(tx, dispatch, {
    person_key: applicant.personId,
    institution_credit_code: institution.creditCode,
    appointment_number: appointment?.appointment_number ?? null,
    // Determined on the appointment's post and grade (filled in on completion when it arrives later).
    post: appointment?.post ?? null,
    post_category: appointment?.post_category ?? null,
    grade: appointment?.grade ?? null,
    submission_id: submissionId ?? null,
  });
  return salaryApprovals.accepted(dispatch, number);
}

/** The civil-service subgraph's items (schema/catalog/items/civil-service.yaml). */
export const civilServiceItemMutations = {
  ...civilServiceItemResolvers({
    NEW_HIRE_INFO: registerNewHire,
    NEW_HIRE_SALARY_APPROVAL: (tx, _input, dispatch) => approveSalary(tx, dispatch),
    ...newStaffHandlers,
  }),

  decideCivilServiceItem: civilServiceRecords.decision,
};
