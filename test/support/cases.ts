import { SUBMISSION_FIELDS, type Submitted } from './forms.js';
import type { TestStack } from './stack.js';

/** A clock a test moves: "the counter decides five days later" without waiting five days. */
export class TestClock {
  #offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.#offsetMs);
  advanceDays(days: number): void {
    this.#offsetMs += days * 86_400_000;
  }
}

export const DECIDE = `mutation ($id: ID!, $code: String!, $d: SubmissionItemDecisionInput!) {
  decideSubmissionItem(submissionId: $id, itemCode: $code, decision: $d) { ${SUBMISSION_FIELDS} } }`;
const ANSWER = `mutation ($id: ID!, $code: String!, $a: DepartmentAnswerInput!) {
  recordDepartmentAnswer(submissionId: $id, itemCode: $code, answer: $a) { ${SUBMISSION_FIELDS} } }`;

/**
 * A serial case moves only as its items are finished: the counter completes (and a department
 * accepts) each item the case waits on, in order, until no item waits. Returns the submission then.
 */
export async function finishInOrder(stack: TestStack, submission: Submitted, url?: string): Promise<Submitted> {
  let current = submission;
  for (let step = 0; current.items.some((i) => i.status === 'WAITING'); step += 1) {
    if (step > 40) throw new Error('the case does not move');
    const first = current.items.find((i) => i.status === 'ACCEPTED' || i.status === 'REFERRED');
    if (!first) throw new Error(`the case waits on nothing to decide: ${current.items.map((i) => `${i.itemCode} ${i.status}`).join(', ')}`);
    if (first.status === 'ACCEPTED') {
      const { data, errors } = await stack.graphql<{ decideSubmissionItem: Submitted }>(
        DECIDE,
        { id: current.id, code: first.itemCode, d: { outcome: 'COMPLETE', decidedBy: 'counter-test' } },
        url,
      );
      if (errors) throw new Error(`deciding ${first.itemCode}: ${errors[0]!.message}`);
      current = data!.decideSubmissionItem;
    } else {
      const { data, errors } = await stack.graphql<{ recordDepartmentAnswer: Submitted }>(
        ANSWER,
        { id: current.id, code: first.itemCode, a: { outcome: 'ACCEPTED', recordedBy: 'department-test' } },
        url,
      );
      if (errors) throw new Error(`answering ${first.itemCode}: ${errors[0]!.message}`);
      current = data!.recordDepartmentAnswer;
    }
  }
  return current;
}

/**
 * What each item's dispatch answered (its first status after being sent, or SKIPPED), with the
 * rejection code: what it is now may be a counter's later decision.
 */
export function dispatchOutcomes(submission: Submitted): Record<string, string> {
  return Object.fromEntries(
    submission.items.map((item) => {
      const sent = submission.history.find(
        (e) => e.itemCode === item.itemCode && (((e.from === 'PENDING' || e.from === 'FAILED') && e.to !== 'FAILED') || e.to === 'SKIPPED'),
      );
      const status = sent?.to ?? item.status;
      return [item.itemCode, status === 'REJECTED' && item.rejection ? `REJECTED ${item.rejection.code}` : status];
    }),
  );
}
