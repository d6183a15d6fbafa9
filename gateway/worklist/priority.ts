import { GraphQLError } from 'graphql';
import type { Database } from '../../src/db/database.js';
import { ErrorCode } from '../../src/errors.js';
import { ageOn, todayInChina } from '../../src/policy/calendar.js';
import type { Principal } from '../auth/principal.js';

/** 绿色通道 reasons (人社部发〔2021〕23号: 老年人、残疾人等特殊群体“绿色通道”, 特殊情况“上门办”). */
export const PRIORITY_REASONS = ['ELDERLY', 'DISABLED', 'HOME_VISIT'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

/** 老年人权益保障法 第2条: 老年人是指六十周岁以上的公民. */
export const ELDERLY_AGE = 60;

const notEligible = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.PRIORITY_NOT_ELIGIBLE, field: 'priority.reason', http: { status: 400 } } });

/**
 * Who may flag a submission for priority, and when. ELDERLY: anyone who may submit it, checked
 * against the birth date of the person's ID document (60 or older today, China time); nobody's
 * word is taken for it. DISABLED and HOME_VISIT: only a clerk — the one who saw the 残疾人证 or
 * arranged the visit — since nothing the gateway holds can prove them.
 */
export function checkPriority(principal: Principal, reason: PriorityReason, birthDate: string | undefined, now: Date = new Date()): PriorityReason {
  if (reason === 'ELDERLY') {
    if (!birthDate) throw notEligible('ELDERLY: the person’s ID document gives no birth date; a clerk may flag DISABLED or HOME_VISIT instead');
    if (ageOn(birthDate, todayInChina(now)) < ELDERLY_AGE) throw notEligible(`ELDERLY: the person is under ${ELDERLY_AGE}`);
    return reason;
  }
  if (principal.kind !== 'authenticated' || principal.role !== 'clerk') throw notEligible(`${reason}: only a clerk at the counter may flag it`);
  return reason;
}

/** A priority item's limit: `percent` of its promised days, rounded up, at least one. */
export function priorityDays(days: number | null, percent: number): number | null {
  return days === null ? null : Math.max(1, Math.ceil((days * percent) / 100));
}

/** The 绿色通道 flag of a submission, written when the submission is stored. */
export class PriorityStore {
  constructor(private readonly db: Database) {}

  async record(submissionId: string, reason: PriorityReason, percent: number, setBy: { subject: string; role: string }): Promise<void> {
    await this.db.query(
      `INSERT INTO gateway.submission_priority (submission_id, reason, percent, set_by_subject, set_by_role) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (submission_id) DO NOTHING`,
      [submissionId, reason, percent, setBy.subject, setBy.role],
    );
  }
}
