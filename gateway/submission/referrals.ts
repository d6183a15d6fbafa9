/**
 * Items of other departments (编制入编, 财政工资统发, 公积金: 可拓展关联服务). The platform does not
 * handle them: it records what it sent to which department, and later the department's answer
 * (accepted, or refused with its reason). A referred item keeps its submission open until answered.
 */
import { GraphQLError } from 'graphql';
import type { Queryable } from '../../src/db/database.js';
import type { Migration } from '../../src/db/migrations.js';
import { ErrorCode } from '../../src/errors.js';
import type { SubmissionItemRow, SubmissionRow, SubmissionStore } from './submission-store.js';
import type { Clock } from '../../src/policy/calendar.js';
import { advanceCase } from './case-progress.js';
import type { SubmissionDispatcher } from './dispatch-submission.js';

export const referralMigrations: readonly Migration[] = [
  {
    id: '040-department-referrals',
    sql: `
      CREATE TABLE gateway.referral (
        submission_id        text NOT NULL,
        item_code            text NOT NULL,
        department           text NOT NULL,
        -- What was sent: the item's own fields, the names of the shared fields and the material
        -- ids the department received with it (the values stay on the submission).
        sent                 jsonb NOT NULL,
        status               text NOT NULL CHECK (status IN ('SENT', 'ACCEPTED', 'REFUSED')),
        sent_at              timestamptz NOT NULL DEFAULT now(),
        answered_at          timestamptz,
        answered_by          text,
        refusal_reason       text,
        department_reference text,
        PRIMARY KEY (submission_id, item_code),
        FOREIGN KEY (submission_id, item_code) REFERENCES gateway.submission_item (submission_id, item_code),
        CHECK ((status = 'REFUSED') = (refusal_reason IS NOT NULL))
      );
      CREATE INDEX referral_open ON gateway.referral (department, sent_at) WHERE status = 'SENT';
    `,
  },
];

export type ReferralStatus = 'SENT' | 'ACCEPTED' | 'REFUSED';

export interface ReferralRow {
  submission_id: string;
  item_code: string;
  department: string;
  sent: { fields: Record<string, unknown>; sharedFields: string[]; materials: string[] };
  status: ReferralStatus;
  sent_at: Date;
  answered_at: Date | null;
  answered_by: string | null;
  refusal_reason: string | null;
  department_reference: string | null;
}

export interface DepartmentAnswer {
  readonly outcome: 'ACCEPTED' | 'REFUSED';
  /** Required when REFUSED: told to the applicant. */
  readonly reason?: string | null;
  /** The department's own number for the case, if it gave one. */
  readonly reference?: string | null;
  readonly recordedBy: string;
}

/** The rejection code of an item its department refused. */
export const DEPARTMENT_REFUSED = 'DEPARTMENT_REFUSED';

/** Records the referral of one item, in the transaction that marks it REFERRED (once per item). */
export async function recordReferral(tx: Queryable, submission: SubmissionRow, item: SubmissionItemRow, department: string): Promise<void> {
  const sent = { fields: item.fields, sharedFields: Object.keys(submission.shared_fields).sort(), materials: submission.materials };
  await tx.query(
    `INSERT INTO gateway.referral (submission_id, item_code, department, sent, status) VALUES ($1, $2, $3, $4, 'SENT')
     ON CONFLICT (submission_id, item_code) DO NOTHING`,
    [submission.id, item.item_code, department, JSON.stringify(sent)],
  );
}

const refuse = (code: ErrorCode, message: string, field: string) => new GraphQLError(message, { extensions: { code, field } });

/**
 * The department's answer on a referred item: ACCEPTED completes the item, REFUSED rejects it
 * (DEPARTMENT_REFUSED, with the department's reason); then the case moves on (a serial case's
 * next item) and the submission's status follows. The
 * same answer again changes nothing; a different one is REFERRAL_ALREADY_ANSWERED.
 */
export async function answerReferral(
  deps: { store: SubmissionStore; dispatcher: SubmissionDispatcher; clock: Clock },
  submissionId: string,
  itemCode: string,
  answer: DepartmentAnswer,
): Promise<void> {
  const reason = answer.reason?.trim() || null;
  if (answer.outcome === 'REFUSED' && !reason) throw refuse(ErrorCode.BAD_USER_INPUT, 'a refusal needs the department’s reason', 'answer.reason');
  if (!answer.recordedBy.trim()) throw refuse(ErrorCode.BAD_USER_INPUT, 'recordedBy is blank', 'answer.recordedBy');
  const [item] = (await deps.store.items([submissionId])).filter((i) => i.item_code === itemCode);
  if (!item) throw refuse(ErrorCode.ITEM_NOT_FOUND, `no item ${itemCode} in submission ${submissionId}`, 'itemCode');
  const [referral] = (await deps.store.referrals([submissionId])).filter((r) => r.item_code === itemCode);
  if (!referral)
    throw refuse(ErrorCode.ITEM_NOT_REFERRED, `${itemCode} was not referred to another department: it is decided with decideSubmissionItem`, 'itemCode');
  if (referral.status !== 'SENT') {
    const same = referral.status === answer.outcome && (referral.refusal_reason ?? null) === (answer.outcome === 'REFUSED' ? reason : null);
    if (same) return;
    throw refuse(ErrorCode.REFERRAL_ALREADY_ANSWERED, `${referral.department} already answered ${referral.status} on ${itemCode}`, 'answer.outcome');
  }
  const recorded = await deps.store.answerReferral(submissionId, itemCode, {
    status: answer.outcome,
    by: answer.recordedBy.trim(),
    reason,
    reference: answer.reference?.trim() || null,
  });
  // Answered meanwhile by someone else: refused like any second, different answer.
  if (!recorded) throw refuse(ErrorCode.REFERRAL_ALREADY_ANSWERED, `${referral.department} already answered on ${itemCode}`, 'answer.outcome');
  const now = deps.clock();
  const submission = (await deps.store.byId(submissionId))!;
  await deps.store.updateItem(
    submissionId,
    itemCode,
    answer.outcome === 'ACCEPTED'
      ? { status: 'COMPLETED', finished_at: now }
      : { status: 'REJECTED', finished_at: now, rejection: { code: DEPARTMENT_REFUSED, message: `${referral.department}: ${reason}`, field: null } },
    `${referral.department} ${answer.outcome === 'ACCEPTED' ? 'accepted' : 'refused'} (recorded by ${answer.recordedBy.trim()})`,
    // A serial case moves on once the department answered, in the same transaction.
    (tx) => advanceCase(deps.store, tx, submission, now),
  );
  await deps.dispatcher.dispatchIfFree(submissionId);
}
