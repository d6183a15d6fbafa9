import { beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PEOPLE, type DemoPerson } from '../src/demo/demo-data.js';
import { addDays, todayInChina } from '../src/policy/calendar.js';
import { addCalendarDays } from '../src/policy/working-days.js';
import { lastClosedFinishDay } from '../gateway/feedback/rating-store.js';
import { SUBMIT, unemploymentApplication, type Submitted } from './support/forms.js';
import { useStack } from './support/use-stack.js';
import { tokenFor } from './support/tokens.js';

/**
 * 好差评 and 办不成事 through the gateway: a rating, a 差评 followed up and rated again, the
 * default rating after the period, refusals, a 办不成事 report answered, and analysts' counts.
 */
const stack = useStack();
const as = (token: string | null) => ({ token });
const tokens: Record<string, string> = {};

const RATE = `mutation ($input: RatingInput!) { rateSubmission(input: $input) {
  id submissionId itemCode round level bad dimensions comment source ratedAt
  followUp { id owner dueDate status contactedAt contactNote correction reply answeredAt mayRateAgain } } }`;
const RATINGS = 'query ($id: ID!) { ratings(submissionId: $id) { round level source bad itemCode followUp { status mayRateAgain } } }';
const FOLLOW_UP = `mutation ($id: ID!, $handling: FollowUpHandlingInput!) { recordRatingFollowUp(id: $id, handling: $handling) {
  id status contactedAt contactNote correction reply answeredAt mayRateAgain } }`;
const REPORT =
  'mutation ($input: NotDoneReportInput!) { reportNotDone(input: $input) { id submissionId bundleCode reason detail owner dueDate status answer resolution } }';
const ANSWER = 'mutation ($id: ID!, $answer: NotDoneAnswerInput!) { answerNotDoneReport(id: $id, answer: $answer) { id status answer resolution answeredAt } }';

type Errors = { message: string; extensions?: Record<string, unknown> }[] | undefined;
const codeOf = (errors: Errors) => ({ code: errors?.[0]?.extensions?.code, field: errors?.[0]?.extensions?.field });

/** The citizen applies online; the counter (a nationwide clerk) accepts and completes the item: a finished case. */
async function finishedCase(person: DemoPerson, token: string, finish = true): Promise<string> {
  const { data, errors } = await stack.graphql<{ submitBundle: Submitted }>(
    SUBMIT,
    { input: unemploymentApplication(person, ['JOB_INTRODUCTION']) },
    undefined,
    as(token),
  );
  expect(errors).toBeUndefined();
  const id = data!.submitBundle.id;
  expect(data!.submitBundle.items.map((i) => [i.itemCode, i.status])).toContainEqual(['JOB_INTRODUCTION', 'ACCEPTED']);
  if (finish) {
    for (const item of data!.submitBundle.items.filter((i) => i.status === 'ACCEPTED')) {
      const decided = await stack.graphql(
        'mutation ($id: ID!, $code: String!) { decideSubmissionItem(submissionId: $id, itemCode: $code, decision: { outcome: COMPLETE, decidedBy: "窗口01" }) { status finishedAt } }',
        { id, code: item.itemCode },
      );
      expect(decided.errors).toBeUndefined();
    }
  }
  return id;
}

const rate = (token: string, input: Record<string, unknown>) =>
  stack.graphql<{ rateSubmission: { id: string; round: number; level: string; bad: boolean; source: string; followUp: Record<string, unknown> | null } }>(
    RATE,
    { input },
    undefined,
    as(token),
  );

beforeAll(async () => {
  tokens.zhangWei = await tokenFor(stack, 'citizen', { sub: 'citizen-zhangwei', id_number: DEMO_PEOPLE.zhangWei.idNumber });
  tokens.liNa = await tokenFor(stack, 'citizen', { sub: 'citizen-lina', id_number: DEMO_PEOPLE.liNa.idNumber });
  tokens.chenJing = await tokenFor(stack, 'citizen', { sub: 'citizen-chenjing', id_number: DEMO_PEOPLE.chenJing.idNumber });
  tokens.nanjing = await tokenFor(stack, 'clerk', { sub: 'clerk-nanjing', region: '3201' });
  tokens.suzhou = await tokenFor(stack, 'clerk', { sub: 'clerk-suzhou', region: '3205' });
  tokens.analyst = await tokenFor(stack, 'analyst', { sub: 'analyst-feedback' });
}, 60_000);

describe('好差评: one rating per finished case', () => {
  let caseId = '';
  beforeAll(async () => {
    caseId = await finishedCase(DEMO_PEOPLE.zhangWei, tokens.zhangWei!);
  }, 60_000);

  it('the applicant rates their finished case once, with dimensions and a comment', async () => {
    const { data, errors } = await rate(tokens.zhangWei!, {
      submissionId: caseId,
      level: 'SATISFIED',
      dimensions: ['EFFICIENCY', 'ATTITUDE'],
      comment: '窗口很快',
    });
    expect(errors).toBeUndefined();
    expect(data!.rateSubmission).toMatchObject({ round: 1, level: 'SATISFIED', bad: false, source: 'APPLICANT', followUp: null });
    const again = await rate(tokens.zhangWei!, { submissionId: caseId, level: 'VERY_SATISFIED' });
    expect(codeOf(again.errors)).toEqual({ code: 'RATING_EXISTS', field: 'input.submissionId' });
  });

  it('refuses another person (the case is as absent as a missing one), an analyst, and bad input', async () => {
    expect(codeOf((await rate(tokens.liNa!, { submissionId: caseId, level: 'SATISFIED' })).errors)).toEqual({
      code: 'ITEM_NOT_FOUND',
      field: 'input.submissionId',
    });
    expect(codeOf((await rate(tokens.suzhou!, { submissionId: caseId, level: 'SATISFIED', deviceId: 'pj-01' })).errors)).toEqual({
      code: 'ITEM_NOT_FOUND',
      field: 'input.submissionId',
    });
    expect(codeOf((await rate(tokens.analyst!, { submissionId: caseId, level: 'SATISFIED' })).errors).code).toBe('FORBIDDEN');
    const long = await rate(tokens.zhangWei!, { submissionId: caseId, level: 'SATISFIED', comment: '好'.repeat(501) });
    expect(codeOf(long.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.comment' });
    expect(long.errors![0]!.message).not.toContain('好好好');
    const twice = await rate(tokens.zhangWei!, { submissionId: caseId, level: 'SATISFIED', dimensions: ['EFFICIENCY', 'EFFICIENCY'] });
    expect(codeOf(twice.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.dimensions' });
  });

  it('refuses a case not finished yet (RATING_NOT_OPEN)', async () => {
    const open = await finishedCase(DEMO_PEOPLE.chenJing, tokens.chenJing!, false);
    expect(codeOf((await rate(tokens.chenJing!, { submissionId: open, level: 'SATISFIED' })).errors)).toEqual({
      code: 'RATING_NOT_OPEN',
      field: 'input.submissionId',
    });
  });

  it('at the counter, the rating comes from its rating device (deviceId), for a case of the region', async () => {
    const id = await finishedCase(DEMO_PEOPLE.zhangWei, tokens.zhangWei!);
    expect(codeOf((await rate(tokens.nanjing!, { submissionId: id, level: 'SATISFIED' })).errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.deviceId' });
    const { data, errors } = await rate(tokens.nanjing!, { submissionId: id, level: 'BASICALLY_SATISFIED', deviceId: 'pingjiaqi-3201-07' });
    expect(errors).toBeUndefined();
    expect(data!.rateSubmission).toMatchObject({ source: 'COUNTER_DEVICE', level: 'BASICALLY_SATISFIED', bad: false });
  });
});

describe('差评: a follow-up with an owner and a deadline, then rated again once', () => {
  it('opens, is handled by the counter of the region, answered, and rated again', async () => {
    const id = await finishedCase(DEMO_PEOPLE.zhangWei, tokens.zhangWei!);
    const bad = await rate(tokens.zhangWei!, { submissionId: id, level: 'VERY_DISSATISFIED', dimensions: ['GUIDE_ACCURACY'], comment: '材料要求前后不一致' });
    expect(bad.errors).toBeUndefined();
    const followUp = bad.data!.rateSubmission.followUp!;
    // badRatingFollowUpDays: 15 calendar days (local policy), from today.
    expect(followUp).toMatchObject({ status: 'OPEN', owner: expect.any(String), dueDate: addCalendarDays(todayInChina(), 15), mayRateAgain: false });
    expect(bad.data!.rateSubmission.bad).toBe(true);

    // Not again before the reply.
    expect(codeOf((await rate(tokens.zhangWei!, { submissionId: id, level: 'SATISFIED' })).errors).code).toBe('RATING_EXISTS');
    // Another region's counter does not see it.
    const elsewhere = await stack.graphql(FOLLOW_UP, { id: followUp.id, handling: { reply: 'x' } }, undefined, as(tokens.suzhou!));
    expect(codeOf(elsewhere.errors)).toEqual({ code: 'FOLLOW_UP_NOT_FOUND', field: 'id' });
    const listed = await stack.graphql<{ ratingFollowUps: { id: string }[] }>(
      '{ ratingFollowUps(filter: {status: OPEN}) { id } }',
      {},
      undefined,
      as(tokens.nanjing!),
    );
    expect(listed.data!.ratingFollowUps.map((f) => f.id)).toContain(followUp.id);
    const suzhouList = await stack.graphql<{ ratingFollowUps: { id: string }[] }>('{ ratingFollowUps { id } }', {}, undefined, as(tokens.suzhou!));
    expect(suzhouList.data!.ratingFollowUps.map((f) => f.id)).not.toContain(followUp.id);

    // Contact first: still open.
    const contacted = await stack.graphql<{ recordRatingFollowUp: Record<string, unknown> }>(
      FOLLOW_UP,
      { id: followUp.id, handling: { contactedAt: '2026-03-02T10:00:00+08:00', contactNote: '电话回访，已了解情况' } },
      undefined,
      as(tokens.nanjing!),
    );
    expect(contacted.errors).toBeUndefined();
    expect(contacted.data!.recordRatingFollowUp).toMatchObject({ status: 'OPEN', contactNote: '电话回访，已了解情况', reply: null });
    expect(codeOf((await stack.graphql(FOLLOW_UP, { id: followUp.id, handling: {} }, undefined, as(tokens.nanjing!))).errors)).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'handling',
    });
    // Correction and reply: answered.
    const answered = await stack.graphql<{ recordRatingFollowUp: Record<string, unknown> }>(
      FOLLOW_UP,
      { id: followUp.id, handling: { correction: '办事指南材料清单已统一', reply: '已整改，感谢监督' } },
      undefined,
      as(tokens.nanjing!),
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.recordRatingFollowUp).toMatchObject({
      status: 'ANSWERED',
      contactNote: '电话回访，已了解情况',
      correction: '办事指南材料清单已统一',
      reply: '已整改，感谢监督',
      mayRateAgain: true,
    });
    expect(codeOf((await stack.graphql(FOLLOW_UP, { id: followUp.id, handling: { reply: '再次答复' } }, undefined, as(tokens.nanjing!))).errors).code).toBe(
      'FOLLOW_UP_ANSWERED',
    );

    // Rated again, once.
    const again = await rate(tokens.zhangWei!, { submissionId: id, level: 'SATISFIED' });
    expect(again.errors).toBeUndefined();
    expect(again.data!.rateSubmission).toMatchObject({ round: 2, level: 'SATISFIED', followUp: null });
    expect(codeOf((await rate(tokens.zhangWei!, { submissionId: id, level: 'VERY_SATISFIED' })).errors).code).toBe('RATING_EXISTS');

    const seen = await stack.graphql<{ ratings: Record<string, unknown>[] }>(RATINGS, { id }, undefined, as(tokens.zhangWei!));
    expect(seen.data!.ratings).toEqual([
      { round: 1, level: 'VERY_DISSATISFIED', source: 'APPLICANT', bad: true, itemCode: null, followUp: { status: 'ANSWERED', mayRateAgain: false } },
      { round: 2, level: 'SATISFIED', source: 'APPLICANT', bad: false, itemCode: null, followUp: null },
    ]);
    // Someone else reads nothing of it.
    expect((await stack.graphql<{ ratings: unknown[] }>(RATINGS, { id }, undefined, as(tokens.liNa!))).data!.ratings).toEqual([]);
  });
});

describe('默认好评: a finished case not rated within the period is recorded as 满意', () => {
  const db = () => stack.databases.get('gateway')!;
  // The clock of a case moves by dating its 办结 back: the gateway measures the period against today.
  const finishedDaysAgo = (id: string, days: number) =>
    db().query(`UPDATE gateway.submission SET finished_at = finished_at - make_interval(days => $2::int) WHERE id = $1`, [id, days]);

  it('within the period the case is open for rating; after it, DEFAULT 满意 and rating refused', async () => {
    const recent = await finishedCase(DEMO_PEOPLE.zhangWei, tokens.zhangWei!);
    const old = await finishedCase(DEMO_PEOPLE.zhangWei, tokens.zhangWei!);
    await finishedDaysAgo(recent, 10);
    await finishedDaysAgo(old, 40);
    expect((await stack.graphql<{ ratings: unknown[] }>(RATINGS, { id: recent }, undefined, as(tokens.zhangWei!))).data!.ratings).toEqual([]);
    const defaulted = await stack.graphql<{ ratings: unknown[] }>(RATINGS, { id: old }, undefined, as(tokens.zhangWei!));
    expect(defaulted.data!.ratings).toEqual([{ round: 1, level: 'SATISFIED', source: 'DEFAULT', bad: false, itemCode: null, followUp: null }]);
    expect(codeOf((await rate(tokens.zhangWei!, { submissionId: old, level: 'VERY_DISSATISFIED' })).errors)).toEqual({
      code: 'RATING_PERIOD_OVER',
      field: 'input.submissionId',
    });
    expect((await rate(tokens.zhangWei!, { submissionId: recent, level: 'SATISFIED' })).errors).toBeUndefined();
  });

  it('the period ends on its last day (15 days, a rest day moving it to the next working day)', () => {
    const period = { days: 15, unit: 'DAYS' as const };
    // Finished 2026-03-02 (Monday): open through 2026-03-17; on 03-18 it is over.
    expect(lastClosedFinishDay('2026-03-17', period, new Set())).toBe('2026-03-01');
    expect(lastClosedFinishDay('2026-03-18', period, new Set())).toBe('2026-03-02');
    // Finished 2026-03-06 (Friday): day 15 is Saturday 03-21, so the period runs to Monday 03-23.
    expect(lastClosedFinishDay('2026-03-23', period, new Set()) < '2026-03-06').toBe(true);
    expect(lastClosedFinishDay('2026-03-24', period, new Set()) >= '2026-03-06').toBe(true);
    expect(addDays('2026-03-06', 15)).toBe('2026-03-21');
  });
});

describe('办不成事: reported, owned, answered', () => {
  it('a citizen reports a case that could not be done; the counter of the region answers it', async () => {
    const id = await finishedCase(DEMO_PEOPLE.zhangWei, tokens.zhangWei!, false);
    const reported = await stack.graphql<{ reportNotDone: Record<string, string> }>(
      REPORT,
      { input: { submissionId: id, reason: 'PASSED_AROUND', detail: '两个窗口都说不归自己办' } },
      undefined,
      as(tokens.zhangWei!),
    );
    expect(reported.errors).toBeUndefined();
    const report = reported.data!.reportNotDone;
    expect(report).toMatchObject({ submissionId: id, bundleCode: 'national-unemployment', reason: 'PASSED_AROUND', status: 'OPEN', answer: null });
    expect(report.owner).toBeTruthy();
    expect(report.dueDate! > todayInChina()).toBe(true);

    expect(
      codeOf((await stack.graphql(ANSWER, { id: report.id, answer: { answer: '好', resolution: 'HANDLED' } }, undefined, as(tokens.suzhou!))).errors),
    ).toEqual({
      code: 'NOT_DONE_REPORT_NOT_FOUND',
      field: 'id',
    });
    expect(
      codeOf((await stack.graphql(ANSWER, { id: report.id, answer: { answer: '  ', resolution: 'HANDLED' } }, undefined, as(tokens.nanjing!))).errors),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'answer.answer',
    });
    const answered = await stack.graphql<{ answerNotDoneReport: Record<string, unknown> }>(
      ANSWER,
      { id: report.id, answer: { answer: '已由综合窗口兜底受理，三个工作日内办结', resolution: 'HANDLED' } },
      undefined,
      as(tokens.nanjing!),
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerNotDoneReport).toMatchObject({ status: 'ANSWERED', resolution: 'HANDLED' });
    expect(
      codeOf((await stack.graphql(ANSWER, { id: report.id, answer: { answer: '再答', resolution: 'EXPLAINED' } }, undefined, as(tokens.nanjing!))).errors).code,
    ).toBe('NOT_DONE_REPORT_ANSWERED');
    // The citizen reads the answer; another citizen does not see the report.
    const mine = await stack.graphql<{ notDoneReports: { id: string; answer: string }[] }>(
      '{ notDoneReports { id answer } }',
      {},
      undefined,
      as(tokens.zhangWei!),
    );
    expect(mine.data!.notDoneReports).toContainEqual({ id: report.id, answer: '已由综合窗口兜底受理，三个工作日内办结' });
    const theirs = await stack.graphql<{ notDoneReports: { id: string }[] }>('{ notDoneReports { id } }', {}, undefined, as(tokens.liNa!));
    expect(theirs.data!.notDoneReports.map((r) => r.id)).not.toContain(report.id);
  });

  it('without a case: for oneself (or a person of the clerk’s region) only, with a reason and what happened', async () => {
    const own = await stack.graphql<{ reportNotDone: { owner: string; status: string } }>(
      REPORT,
      {
        input: {
          bundleCode: 'national-unemployment',
          idType: 'RESIDENT_ID_CARD',
          idNumber: DEMO_PEOPLE.liNa.idNumber,
          reason: 'NOT_IN_CATALOG',
          detail: '网上找不到入口',
        },
      },
      undefined,
      as(tokens.liNa!),
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.reportNotDone.status).toBe('OPEN');
    const other = await stack.graphql(
      REPORT,
      { input: { idType: 'RESIDENT_ID_CARD', idNumber: DEMO_PEOPLE.zhangWei.idNumber, reason: 'OTHER', detail: '替别人反映' } },
      undefined,
      as(tokens.liNa!),
    );
    expect(codeOf(other.errors)).toEqual({ code: 'FORBIDDEN', field: 'input.idNumber' });
    const outside = await stack.graphql(
      REPORT,
      { input: { idType: 'RESIDENT_ID_CARD', idNumber: DEMO_PEOPLE.liNa.idNumber, reason: 'OTHER', detail: '窗口登记' } },
      undefined,
      as(tokens.nanjing!),
    );
    expect(codeOf(outside.errors)).toEqual({ code: 'FORBIDDEN', field: 'input.idNumber' });
    const empty = await stack.graphql(
      REPORT,
      { input: { idType: 'RESIDENT_ID_CARD', idNumber: DEMO_PEOPLE.liNa.idNumber, reason: 'OTHER', detail: '' } },
      undefined,
      as(tokens.liNa!),
    );
    expect(codeOf(empty.errors)).toEqual({ code: 'BAD_USER_INPUT', field: 'input.detail' });
  });
});

describe('analysts: counts only, small groups hidden', () => {
  it('answers counts by level and state, with no person, comment or staff anywhere', async () => {
    const response = await stack.graphql<{ feedbackStatistics: Record<string, unknown> }>(
      `{ feedbackStatistics { minimumGroupSize ratingsByLevel { key count } defaultRatings ratingsByBundle { key count } badRatings
         reRatingsByLevel { key count } followUps { key count } notDoneByReason { key count } notDoneByState { key count } notDoneMedianAnswerHours } }`,
      {},
      undefined,
      as(tokens.analyst!),
    );
    expect(response.errors).toBeUndefined();
    const stats = response.data!.feedbackStatistics as { minimumGroupSize: number; ratingsByLevel: { key: string; count: number | null }[] };
    expect(stats.minimumGroupSize).toBe(5);
    // Fewer than five of a level: hidden.
    for (const group of stats.ratingsByLevel) expect(group.count === null || group.count >= 5).toBe(true);
    const text = JSON.stringify(response.data);
    for (const secret of ['窗口很快', '材料要求', 'clerk-nanjing', 'citizen-zhangwei', DEMO_PEOPLE.zhangWei.idNumber]) expect(text).not.toContain(secret);
    // An analyst reads no case's ratings.
    const direct = await stack.graphql('query { ratings(submissionId: "x") { level } }', {}, undefined, as(tokens.analyst!));
    expect(codeOf(direct.errors).code).toBe('FORBIDDEN');
  });
});
