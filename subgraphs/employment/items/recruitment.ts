/**
 * Employers' recruitment (招聘一件事, Jiangsu: serial per applicant kind): 招聘会展位, 网络招聘 (also
 * for graduates) and 在线面试. Public employment services are free to employers (就业促进法 第35条,
 * 就业服务与就业管理规定 第25–26条); the employer names itself, what it recruits for, and dates that
 * lie ahead. All TIME_LIMITED and completed by the service.
 */
import { rejected } from '../../../src/subgraph/item-ledger.js';
import type { Queryable } from '../../../src/db/database.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { todayInChina } from '../../../src/policy/calendar.js';
import type { EmploymentItemHandlers } from '../generated/items.js';
import { recruitmentRequests } from '../records.js';
import { enterpriseOf } from '../rules.js';
import { employmentWrites } from '../writes.js';

const RECRUITMENT_KINDS = ['JOB_FAIR_BOOTH', 'GRADUATE_JOB_FAIR_BOOTH', 'ONLINE_RECRUITMENT', 'GRADUATE_ONLINE_RECRUITMENT'] as const;

const blank = (dispatch: ItemDispatch, field: string) => rejected(dispatch.itemCode, 'REQUIRED_FIELD_BLANK', `${field} may not be blank`, field);
const past = (dispatch: ItemDispatch, field: string, date: string) => rejected(dispatch.itemCode, 'DATE_IN_PAST', `${field} ${date} is before today`, field);

async function request(tx: Queryable, dispatch: ItemDispatch, creditCode: string, columns: Record<string, unknown>): Promise<ItemOutcome> {
  const number = await recruitmentRequests.insert(tx, dispatch, {
    person_key: dispatch.applicant.personId,
    kind: dispatch.itemCode,
    employer_credit_code: creditCode,
    ...columns,
  });
  return recruitmentRequests.accepted(dispatch, number);
}

/** 招聘会展位: at least one booth, positions named; one booking per employer and fair. */
const booth = async (tx: Queryable, input: { jobFairId: string; boothCount: number; positions: string }, dispatch: ItemDispatch) => {
  const enterprise = enterpriseOf(dispatch);
  if ('rejection' in enterprise) return enterprise.rejection;
  for (const field of ['jobFairId', 'positions'] as const) if (!input[field].trim()) return blank(dispatch, field);
  if (input.boothCount < 1) return rejected(dispatch.itemCode, 'VALUE_NOT_POSITIVE', `展位数 must be at least 1, got ${input.boothCount}`, 'boothCount');
  const booked = (await employmentWrites.recruitmentOf(tx, enterprise.creditCode, [dispatch.itemCode])).find((r) => r.job_fair_id === input.jobFairId.trim());
  if (booked) return rejected(dispatch.itemCode, 'BOOTH_ALREADY_BOOKED', `the employer already booked this job fair (${booked.request_number})`, 'jobFairId');
  return request(tx, dispatch, enterprise.creditCode, {
    job_fair_id: input.jobFairId.trim(),
    booth_count: input.boothCount,
    positions: input.positions.trim(),
  });
};

/** 网络招聘: positions named, published until a day not in the past. */
const online = async (tx: Queryable, input: { positions: string; publishUntil: string }, dispatch: ItemDispatch) => {
  const enterprise = enterpriseOf(dispatch);
  if ('rejection' in enterprise) return enterprise.rejection;
  if (!input.positions.trim()) return blank(dispatch, 'positions');
  if (input.publishUntil < todayInChina()) return past(dispatch, 'publishUntil', input.publishUntil);
  return request(tx, dispatch, enterprise.creditCode, { positions: input.positions.trim(), publish_until: input.publishUntil });
};

export const recruitmentHandlers = {
  JOB_FAIR_BOOTH: (tx, input, dispatch) => booth(tx, input, dispatch),
  GRADUATE_JOB_FAIR_BOOTH: (tx, input, dispatch) => booth(tx, input, dispatch),
  ONLINE_RECRUITMENT: (tx, input, dispatch) => online(tx, input, dispatch),
  GRADUATE_ONLINE_RECRUITMENT: (tx, input, dispatch) => online(tx, input, dispatch),

  /**
   * 在线面试: an interview for positions the employer recruits for — a recruitment accepted
   * earlier in this serial submission (priorOutcomes) or on record — on a day not in the past.
   */
  ONLINE_INTERVIEW: async (tx, input, dispatch) => {
    const enterprise = enterpriseOf(dispatch);
    if ('rejection' in enterprise) return enterprise.rejection;
    if (!input.positions.trim()) return blank(dispatch, 'positions');
    if (input.interviewDate < todayInChina()) return past(dispatch, 'interviewDate', input.interviewDate);
    const kinds: readonly string[] = RECRUITMENT_KINDS;
    const earlier = (dispatch.priorOutcomes ?? []).some((o) => kinds.includes(o.itemCode) && o.status !== 'REJECTED');
    if (!earlier && (await employmentWrites.recruitmentOf(tx, enterprise.creditCode, RECRUITMENT_KINDS)).length === 0) {
      return rejected(
        dispatch.itemCode,
        'NO_RECRUITMENT_PUBLISHED',
        'the employer has no job fair booth or online recruitment to interview for',
        'employerCreditCode',
      );
    }
    return request(tx, dispatch, enterprise.creditCode, { positions: input.positions.trim(), interview_date: input.interviewDate });
  },
} satisfies Partial<EmploymentItemHandlers>;
