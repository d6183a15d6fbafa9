import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DEMO_EMPLOYERS, DEMO_PEOPLE } from '../src/demo/demo-data.js';
import { addDays, addMonths, todayInChina } from '../src/policy/calendar.js';
import { personKey } from '../src/identity/person-key.js';
import {
  anotherItem,
  applicantOf,
  decideItem,
  dispatchFor,
  dispatchItem,
  entityOf,
  expectAccepted,
  expectRejected,
  newcomerIdNumber,
} from './support/items.js';
import { SUBMIT, type Submitted } from './support/forms.js';
import { useStack } from './support/use-stack.js';
import { finishInOrder } from './support/cases.js';

// Job seekers' services, the 社会保险补贴 and employers' recruitment.
const stack = useStack();

type Dispatch = ReturnType<typeof dispatchFor>;
const today = todayInChina();
const SOFTWARE = DEMO_EMPLOYERS.software.creditCode;
const HOSPITAL = DEMO_EMPLOYERS.hospital.creditCode;

const forNewcomer = (itemCode: string, extra: Record<string, unknown> = {}, birthDate = '1990-02-02') => {
  const idNumber = newcomerIdNumber(birthDate, 'FEMALE');
  return dispatchFor(stack, DEMO_PEOPLE.liuYang, itemCode, {
    applicant: {
      ...applicantOf(stack, DEMO_PEOPLE.liuYang),
      idNumber,
      personId: personKey(stack.config.personKeySecret, 'RESIDENT_ID_CARD', idNumber),
      birthDate,
      gender: 'FEMALE',
    },
    ...extra,
  });
};
const next = (dispatch: Dispatch, itemCode: string = dispatch.itemCode, extra: Record<string, unknown> = {}) => anotherItem(dispatch, itemCode, extra);
const send = (dispatch: Dispatch, input?: unknown) => dispatchItem(stack, dispatch, input);
const decide = (dispatch: Dispatch) => decideItem(stack, 'employment', dispatch.idempotencyKey, { decidedBy: 'counter-033', outcome: 'COMPLETE' });
const entity = <T>(typename: string, id: string, selection: string) => entityOf<T>(stack, 'employment', typename, id, selection);
/** Hires the dispatch's person at `creditCode` (a completed hire filing). */
async function hire(dispatch: Dispatch, creditCode: string) {
  const filing = next(dispatch, 'LABOR_FILING_HIRE', { employerCreditCode: creditCode });
  expectAccepted(
    await send(filing, { contractType: 'OPEN_ENDED', contractStartDate: today, jobTitle: '文员', workLocation: '南京市', monthlyWage: '5000' }),
    'LaborFiling',
    'BA',
  );
  await decide(filing);
}
async function recognise(dispatch: Dispatch) {
  const recognition = next(dispatch, 'EMPLOYMENT_DIFFICULTY_RECOGNITION');
  expectAccepted(await send(recognition, { difficultyCategory: 'DISABLED' }), 'EmploymentDifficultyRecognition', 'KN');
  await decide(recognition);
}

describe("job seekers' services", () => {
  it('就业服务: accepted with its services (deduplicated), one request open; none chosen is refused', async () => {
    const dispatch = forNewcomer('EMPLOYMENT_SERVICES');
    const outcome = expectAccepted(
      await send(dispatch, { services: ['CAREER_GUIDANCE', 'VOCATIONAL_TRAINING', 'CAREER_GUIDANCE'] }),
      'JobSeekerServiceRequest',
      'FW',
    );
    expect(await entity('JobSeekerServiceRequest', outcome.recordId!, 'kind services')).toEqual({
      kind: 'EMPLOYMENT_SERVICES',
      services: ['CAREER_GUIDANCE', 'VOCATIONAL_TRAINING'],
    });
    expectRejected(await send(next(dispatch), { services: ['INTERNSHIP'] }), 'JOB_SEEKER_SERVICE_OPEN');
    expectRejected(await send(forNewcomer('EMPLOYMENT_SERVICES'), { services: [] }), 'SERVICES_REQUIRED', 'services');
    expectRejected(await send(dispatchFor(stack, DEMO_PEOPLE.wangFang, 'EMPLOYMENT_SERVICES'), { services: ['POLICY_CONSULTATION'] }), 'NOT_OF_WORKING_AGE');
  });

  it('就业意愿采集: someone who wants work names it', async () => {
    expectAccepted(
      await send(forNewcomer('EMPLOYMENT_INTENTION_COLLECTION'), { wantsEmployment: true, desiredJob: '会计', wantsTraining: false }),
      'JobSeekerServiceRequest',
      'FW',
    );
    expectAccepted(await send(forNewcomer('EMPLOYMENT_INTENTION_COLLECTION'), { wantsEmployment: false }), 'JobSeekerServiceRequest', 'FW');
    expectRejected(
      await send(forNewcomer('EMPLOYMENT_INTENTION_COLLECTION'), { wantsEmployment: true, desiredJob: ' ' }),
      'DESIRED_JOB_REQUIRED',
      'desiredJob',
    );
  });

  it('高校毕业生求职登记: within two years of graduation and not employed', async () => {
    const seeker = { desiredJob: '数据分析', desiredRegion: '南京市', expectedMonthlySalary: '7000' };
    expectAccepted(
      await send(forNewcomer('GRADUATE_JOB_SEEKER_REGISTRATION', { sharedFields: { graduationDate: addMonths(today, -6) } }, '2002-01-01'), seeker),
      'JobSeekerServiceRequest',
      'FW',
    );
    expectRejected(
      await send(forNewcomer('GRADUATE_JOB_SEEKER_REGISTRATION', { sharedFields: { graduationDate: addMonths(today, -25) } }, '2000-01-01'), seeker),
      'GRADUATE_PERIOD_OVER',
      'graduationDate',
    );
    expectRejected(
      await send(forNewcomer('GRADUATE_JOB_SEEKER_REGISTRATION', {}, '2002-01-01'), { ...seeker, expectedMonthlySalary: '0' }),
      'SALARY_NOT_POSITIVE',
      'expectedMonthlySalary',
    );
    expectRejected(await send(dispatchFor(stack, DEMO_PEOPLE.liNa, 'GRADUATE_JOB_SEEKER_REGISTRATION'), seeker), 'CURRENTLY_EMPLOYED');
  });

  it('就业见习: a young person or a recent graduate; not a 36-year-old who left school long ago, nor a start in the past', async () => {
    const post = { internshipPostId: 'JX-2026-0012', preferredStartDate: addDays(today, 10) };
    expectAccepted(await send(forNewcomer('INTERNSHIP_APPLICATION', {}, addMonths(today, -20 * 12)), post), 'JobSeekerServiceRequest', 'FW');
    expectAccepted(
      await send(forNewcomer('INTERNSHIP_APPLICATION', { sharedFields: { graduationDate: addMonths(today, -3) } }, '1999-05-05'), post),
      'JobSeekerServiceRequest',
      'FW',
    );
    expectRejected(
      await send(forNewcomer('INTERNSHIP_APPLICATION', { sharedFields: { graduationDate: '2012-07-01' } }), post),
      'INTERNSHIP_NOT_ELIGIBLE',
      'graduationDate',
    );
    expectRejected(
      await send(forNewcomer('INTERNSHIP_APPLICATION', {}, addMonths(today, -20 * 12)), { ...post, preferredStartDate: addDays(today, -1) }),
      'DATE_IN_PAST',
      'preferredStartDate',
    );
  });
});

describe('社会保险补贴', () => {
  it('吸纳就业困难人员 and 公益性岗位: the employer applies for a recognised person it employs', async () => {
    const person = forNewcomer('SUBSIDY_HIRING_DISADVANTAGED', { employerCreditCode: SOFTWARE });
    expectRejected(await send(person), 'NOT_EMPLOYED_BY_EMPLOYER', 'employerCreditCode');
    await recognise(person);
    await hire(person, SOFTWARE);
    const outcome = expectAccepted(await send(next(person)), 'EmploymentSubsidyApplication', 'BT');
    expect(await entity('EmploymentSubsidyApplication', outcome.recordId!, 'kind employer { creditCode }')).toEqual({
      kind: 'SUBSIDY_HIRING_DISADVANTAGED',
      employer: { creditCode: SOFTWARE },
    });
    expectRejected(await send(next(person)), 'SUBSIDY_OPEN');
    expectAccepted(await send(next(person, 'SUBSIDY_PUBLIC_WELFARE_POST')), 'EmploymentSubsidyApplication', 'BT');

    const notRecognised = forNewcomer('SUBSIDY_PUBLIC_WELFARE_POST', { employerCreditCode: SOFTWARE });
    await hire(notRecognised, SOFTWARE);
    expectRejected(await send(notRecognised), 'NOT_HARD_TO_EMPLOY');
    expectRejected(await send(forNewcomer('SUBSIDY_HIRING_DISADVANTAGED')), 'EMPLOYER_REQUIRED', 'employerCreditCode');
  });

  it('吸纳高校毕业生: a graduate the employer employs, within two years of graduation', async () => {
    const graduate = forNewcomer(
      'SUBSIDY_HIRING_GRADUATES',
      { employerCreditCode: HOSPITAL, sharedFields: { graduationDate: addMonths(today, -4) } },
      '2002-03-03',
    );
    await hire(graduate, HOSPITAL);
    expectAccepted(await send(graduate), 'EmploymentSubsidyApplication', 'BT');
    const older = forNewcomer('SUBSIDY_HIRING_GRADUATES', { employerCreditCode: HOSPITAL, sharedFields: { graduationDate: addMonths(today, -30) } });
    await hire(older, HOSPITAL);
    expectRejected(await send(older), 'GRADUATE_PERIOD_OVER', 'graduationDate');
  });

  it('灵活就业社保补贴: a recognised person not employed; refused for someone neither recognised nor a recent graduate, or employed', async () => {
    const recognised = forNewcomer('FLEXIBLE_EMPLOYMENT_SUBSIDY');
    await recognise(recognised);
    const outcome = expectAccepted(await send(next(recognised), { subsidyAccount: '6222020200001112223' }), 'EmploymentSubsidyApplication', 'BT');
    expect(await entity('EmploymentSubsidyApplication', outcome.recordId!, 'account')).toEqual({ account: '****2223' });
    expectRejected(await send(forNewcomer('FLEXIBLE_EMPLOYMENT_SUBSIDY'), {}), 'NOT_ELIGIBLE_FOR_SUBSIDY');
    expectRejected(await send(dispatchFor(stack, DEMO_PEOPLE.liNa, 'FLEXIBLE_EMPLOYMENT_SUBSIDY'), {}), 'CURRENTLY_EMPLOYED');
  });

  // 财社〔2017〕164号 第5条. The grant's date is set back in the subgraph's own table: three years cannot pass in a test.
  const grantedMonthsAgo = (reference: string, months: number) =>
    stack.databases
      .get('employment')!
      .query(`UPDATE employment.employment_subsidy_application SET decided_at = $2::date WHERE application_number = $1`, [
        reference,
        addMonths(today, -months),
      ]);
  async function granted(dispatch: Dispatch): Promise<string> {
    const outcome = expectAccepted(await send(dispatch, {}), 'EmploymentSubsidyApplication', 'BT');
    await decide(dispatch);
    return outcome.reference!;
  }

  it('社会保险补贴期限: at most 3 years from the first grant of any kind; a later claim is refused', async () => {
    const person = forNewcomer('FLEXIBLE_EMPLOYMENT_SUBSIDY');
    await recognise(person);
    const first = await granted(person);
    await grantedMonthsAgo(first, 35);
    // Within the three years: granted again (the period counts from the first grant).
    await granted(next(person));
    await grantedMonthsAgo(first, 37);
    expectRejected(await send(next(person), {}), 'SUBSIDY_PERIOD_OVER');
    // The employer's 社保补贴 for the same person counts towards the same period.
    await hire(person, SOFTWARE);
    expectRejected(await send(next(person, 'SUBSIDY_HIRING_DISADVANTAGED', { employerCreditCode: SOFTWARE })), 'SUBSIDY_PERIOD_OVER');
  });

  it('社会保险补贴期限: until retirement for someone within 5 years of the statutory age at the first grant', async () => {
    // A woman turning 50 in ten days: a worker's age (50, raised by months under the reform) is near.
    const near = forNewcomer('FLEXIBLE_EMPLOYMENT_SUBSIDY', {}, addDays(addMonths(today, -600), 10));
    await recognise(near);
    const first = await granted(near);
    await grantedMonthsAgo(first, 37);
    expectAccepted(await send(next(near), {}), 'EmploymentSubsidyApplication', 'BT');
  });
});

describe('recruitment', () => {
  const BOOTH = { jobFairId: 'ZPH-2026-12-NJ', boothCount: 2, positions: '软件工程师 5人；测试工程师 2人' };
  it.each(['JOB_FAIR_BOOTH', 'GRADUATE_JOB_FAIR_BOOTH'])('%s: one booking per fair; at least one booth', async (itemCode) => {
    const dispatch = forNewcomer(itemCode, { employerCreditCode: SOFTWARE });
    const outcome = expectAccepted(await send(dispatch, BOOTH), 'RecruitmentRequest', 'ZP');
    expect(await entity('RecruitmentRequest', outcome.recordId!, 'kind employer { creditCode } jobFairId boothCount')).toEqual({
      kind: itemCode,
      employer: { creditCode: SOFTWARE },
      jobFairId: BOOTH.jobFairId,
      boothCount: 2,
    });
    expectRejected(await send(next(dispatch), BOOTH), 'BOOTH_ALREADY_BOOKED', 'jobFairId');
    expectRejected(await send(next(dispatch), { ...BOOTH, jobFairId: 'ZPH-OTHER', boothCount: 0 }), 'VALUE_NOT_POSITIVE', 'boothCount');
    expectRejected(await send(forNewcomer(itemCode), BOOTH), 'EMPLOYER_REQUIRED', 'employerCreditCode');
  });

  it.each(['ONLINE_RECRUITMENT', 'GRADUATE_ONLINE_RECRUITMENT'])('%s: published until a day ahead', async (itemCode) => {
    expectAccepted(
      await send(forNewcomer(itemCode, { employerCreditCode: HOSPITAL }), { positions: '护士 3人', publishUntil: addDays(today, 30) }),
      'RecruitmentRequest',
      'ZP',
    );
    expectRejected(
      await send(forNewcomer(itemCode, { employerCreditCode: HOSPITAL }), { positions: '护士 3人', publishUntil: addDays(today, -1) }),
      'DATE_IN_PAST',
      'publishUntil',
    );
    expectRejected(
      await send(forNewcomer(itemCode, { employerCreditCode: HOSPITAL }), { positions: ' ', publishUntil: addDays(today, 30) }),
      'REQUIRED_FIELD_BLANK',
      'positions',
    );
  });

  it('在线面试: needs a recruitment, on record or earlier in the serial submission', async () => {
    const interview = { interviewDate: addDays(today, 7), positions: '会计 1人' };
    const ceramics = DEMO_EMPLOYERS.ceramics.creditCode;
    expectRejected(await send(forNewcomer('ONLINE_INTERVIEW', { employerCreditCode: ceramics }), interview), 'NO_RECRUITMENT_PUBLISHED', 'employerCreditCode');
    const prior = [{ itemCode: 'ONLINE_RECRUITMENT', status: 'ACCEPTED', recordType: 'RecruitmentRequest', recordId: 'ZP1', reference: 'ZP1' }];
    expectAccepted(await send(forNewcomer('ONLINE_INTERVIEW', { employerCreditCode: ceramics, priorOutcomes: prior }), interview), 'RecruitmentRequest', 'ZP');
    expectRejected(
      await send(forNewcomer('ONLINE_INTERVIEW', { employerCreditCode: ceramics, priorOutcomes: prior }), { ...interview, interviewDate: addDays(today, -1) }),
      'DATE_IN_PAST',
      'interviewDate',
    );
  });
});

describe('就业困难人员补贴一件事 (Jiangsu, serial) through the gateway', () => {
  it('陈静: the recognition is accepted first, then the 灵活就业 subsidy on its strength', async () => {
    const person = DEMO_PEOPLE.chenJing;
    const input = {
      idempotencyKey: randomUUID(),
      bundleCode: 'jiangsu-difficulty-subsidy',
      channel: 'ONLINE',
      sharedFields: { name: person.name, gender: person.gender, idType: person.idType, idNumber: person.idNumber, phone: person.phone },
      items: [
        { code: 'EMPLOYMENT_DIFFICULTY_RECOGNITION', fields: { difficultyCategory: 'OLDER_WORKER' } },
        { code: 'FLEXIBLE_EMPLOYMENT_SUBSIDY', fields: {} },
      ],
      materials: ['difficulty-category-proof'],
      commitments: [],
    };
    // Without the recognition, nothing makes her eligible.
    expectRejected(await send(dispatchFor(stack, person, 'FLEXIBLE_EMPLOYMENT_SUBSIDY'), {}), 'NOT_ELIGIBLE_FOR_SUBSIDY');
    const { data, errors } = await stack.graphql<{ submitBundle: Submitted }>(SUBMIT, { input });
    expect(errors).toBeUndefined();
    expect(data!.submitBundle.mode).toBe('SERIAL');
    // Serial: the subsidy waits for the recognition to be decided, then is sent on its strength.
    expect(data!.submitBundle.items.map((i) => [i.itemCode, i.status, i.record?.__typename ?? null])).toEqual([
      ['EMPLOYMENT_DIFFICULTY_RECOGNITION', 'ACCEPTED', 'EmploymentDifficultyRecognition'],
      ['FLEXIBLE_EMPLOYMENT_SUBSIDY', 'WAITING', null],
    ]);
    const decided = await finishInOrder(stack, data!.submitBundle);
    expect(decided.items.map((i) => [i.itemCode, i.status, i.record?.__typename ?? null])).toEqual([
      ['EMPLOYMENT_DIFFICULTY_RECOGNITION', 'COMPLETED', 'EmploymentDifficultyRecognition'],
      ['FLEXIBLE_EMPLOYMENT_SUBSIDY', 'ACCEPTED', 'EmploymentSubsidyApplication'],
    ]);
  });
});
