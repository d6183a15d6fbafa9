import { rejected } from '../../../src/subgraph/item-ledger.js';
import { todayInChina } from '../../../src/policy/calendar.js';
import type { EmploymentItemHandlers } from '../generated/items.js';
import { certificateApplications, difficultyRecognitions, jobIntroductions, trainingSubsidies, unemploymentRegistrations } from '../records.js';
import { checkDifficultyCategory, checkNotEmployed, checkWorkingAge, isOutcome, unemploymentFacts } from '../rules.js';
import { employmentWrites } from '../writes.js';

/**
 * The job seeker's items (失业登记, 《就业创业证》, 就业困难人员认定, 职业培训补贴, 职业介绍), all
 * TIME_LIMITED: each records an ACCEPTED application that the counter completes or rejects
 * (`decideEmploymentItem`). The applicant is locked before any handler runs (items/index.ts).
 */
export const jobSeekerHandlers = {
  UNEMPLOYMENT_REGISTRATION: async (tx, _input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const today = todayInChina();
    const facts = unemploymentFacts(dispatch);
    if (isOutcome(facts)) return facts;
    if (facts.unemploymentDate > today) {
      return rejected(dispatch.itemCode, 'UNEMPLOYMENT_DATE_IN_FUTURE', `失业时间 ${facts.unemploymentDate} is after today`, 'unemploymentDate');
    }
    // 就业服务与就业管理规定 第63条: 法定劳动年龄内, 有劳动能力, 有就业要求, 处于无业状态.
    const underAge = checkWorkingAge(dispatch, today);
    if (underAge) return underAge;
    const employed = await checkNotEmployed(tx, dispatch);
    if (employed) return employed;
    const during = (await employmentWrites.employmentRegistrationsOf(tx, personKey)).find(
      (r) => r.started_on <= facts.unemploymentDate && r.ended_on !== null && facts.unemploymentDate < r.ended_on,
    );
    if (during) {
      return rejected(
        dispatch.itemCode,
        'EMPLOYED_ON_UNEMPLOYMENT_DATE',
        `失业时间 ${facts.unemploymentDate} falls within employment registration ${during.registration_number} (${during.started_on} – ${during.ended_on})`,
        'unemploymentDate',
      );
    }
    // One registration in force per person (also the table's unique index).
    const current = await employmentWrites.currentUnemploymentRegistration(tx, personKey);
    if (current?.status === 'COMPLETED') {
      return rejected(dispatch.itemCode, 'UNEMPLOYMENT_ALREADY_REGISTERED', `unemployment registration ${current.registration_number} is already in force`);
    }
    if (current)
      return rejected(dispatch.itemCode, 'UNEMPLOYMENT_REGISTRATION_OPEN', `unemployment registration ${current.registration_number} is still being handled`);
    const number = await unemploymentRegistrations.insert(tx, dispatch, {
      person_key: personKey,
      registered_on: today,
      unemployment_type: facts.unemploymentType,
      former_employer: facts.formerEmployer,
      unemployment_date: facts.unemploymentDate,
    });
    return unemploymentRegistrations.accepted(dispatch, number);
  },

  EMPLOYMENT_CERTIFICATE: async (tx, input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    // 《就业创业证》 goes to people of working age (人社部 《就业失业登记证》更名为《就业创业证》的通知, 2015).
    const age = checkWorkingAge(dispatch, todayInChina());
    if (age) return age;
    // One certificate per person: a holder asks for 补发 or 变更, not a new one.
    const current = await employmentWrites.currentCertificate(tx, personKey);
    if (current?.status === 'COMPLETED') {
      return rejected(dispatch.itemCode, 'EMPLOYMENT_CERTIFICATE_ALREADY_HELD', `the applicant already holds 《就业创业证》 ${current.certificate_number}`);
    }
    if (current)
      return rejected(
        dispatch.itemCode,
        'EMPLOYMENT_CERTIFICATE_APPLICATION_OPEN',
        `application ${current.application_number} for 《就业创业证》 is still being handled`,
      );
    const number = await certificateApplications.insert(tx, dispatch, { person_key: personKey, paper_certificate: input.paperCertificate ?? false });
    return certificateApplications.accepted(dispatch, number);
  },

  EMPLOYMENT_DIFFICULTY_RECOGNITION: async (tx, input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const today = todayInChina();
    // 就业促进法 第52条: people of working age who find it hard to get a job; the categories are
    // the province's (the catalog enum), each checked where the records can tell.
    const age = checkWorkingAge(dispatch, today);
    if (age) return age;
    const recognized = await employmentWrites.hardToEmployRecognition(tx, personKey);
    if (recognized)
      return rejected(
        dispatch.itemCode,
        'ALREADY_RECOGNIZED',
        `the applicant was recognised as 就业困难人员 (${recognized.category}) on ${recognized.recognized_on}`,
      );
    const open = await employmentWrites.openDifficultyRecognition(tx, personKey);
    if (open) return rejected(dispatch.itemCode, 'DIFFICULTY_RECOGNITION_OPEN', `recognition application ${open.application_number} is still being handled`);
    const employed = await checkNotEmployed(tx, dispatch);
    if (employed) return employed;
    const category = await checkDifficultyCategory(tx, dispatch, input.difficultyCategory, today);
    if (category) return category;
    const number = await difficultyRecognitions.insert(tx, dispatch, { person_key: personKey, category: input.difficultyCategory });
    return difficultyRecognitions.accepted(dispatch, number);
  },

  /**
   * 职业培训补贴 (经办条例 第24条: 10 working days) is paid for a training the person completed
   * with a certificate (material training-certificate: 职业资格证书 / 职业技能等级证书 / 培训合格
   * 证明). The subgraph cannot see uploaded materials, so the rule stands on the training
   * records the providers report: a completed, certified training not yet claimed. The claim
   * covers the latest such training; the counter checks the certificate before completing.
   */
  VOCATIONAL_TRAINING_SUBSIDY: async (tx, _input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    const records = await employmentWrites.trainingRecordsOf(tx, personKey);
    if (records.length === 0) return rejected(dispatch.itemCode, 'NO_TRAINING_RECORD', 'no vocational training is recorded for the applicant');
    const certified = records.filter((r) => r.completed_on !== null && r.certificate_number !== null);
    if (certified.length === 0)
      return rejected(dispatch.itemCode, 'TRAINING_NOT_CERTIFIED', 'no recorded training of the applicant is completed with a certificate');
    const claimable = certified.find((r) => !r.claimed);
    if (!claimable)
      return rejected(dispatch.itemCode, 'TRAINING_ALREADY_SUBSIDIZED', 'every certified training of the applicant is already claimed or subsidised');
    const number = await trainingSubsidies.insert(tx, dispatch, { person_key: personKey, training_record_id: claimable.record_id });
    return trainingSubsidies.accepted(dispatch, number);
  },

  JOB_INTRODUCTION: async (tx, input, dispatch) => {
    const personKey = dispatch.applicant.personId;
    for (const field of ['desiredJob', 'desiredRegion'] as const) {
      if (!input[field].trim()) return rejected(dispatch.itemCode, 'REQUIRED_FIELD_BLANK', `${field} may not be blank`, field);
    }
    if (!(Number(input.expectedMonthlySalary) > 0)) {
      return rejected(dispatch.itemCode, 'SALARY_NOT_POSITIVE', `期望月薪 must be more than 0, got ${input.expectedMonthlySalary}`, 'expectedMonthlySalary');
    }
    // Public employment services (职业介绍) are for job seekers of working age (就业促进法 第35条).
    const age = checkWorkingAge(dispatch, todayInChina());
    if (age) return age;
    const open = await employmentWrites.openJobIntroduction(tx, personKey);
    if (open) return rejected(dispatch.itemCode, 'JOB_INTRODUCTION_OPEN', `job introduction request ${open.request_number} is still open`);
    const number = await jobIntroductions.insert(tx, dispatch, {
      person_key: personKey,
      desired_job: input.desiredJob.trim(),
      expected_monthly_salary: input.expectedMonthlySalary,
      desired_region: input.desiredRegion.trim(),
      resume_visibility: input.resumeVisibility,
    });
    return jobIntroductions.accepted(dispatch, number);
  },
} satisfies Partial<EmploymentItemHandlers>;
