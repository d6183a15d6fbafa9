import type { Config, SubgraphName } from '../../src/config.js';
import type { Catalog } from '../../src/catalog/index.js';
import type { ReceivedItemOutcome } from '../../src/contract/item-contract.js';
import type { SubgraphFetcher } from '../subgraph-fetcher.js';
import { dispatchItem, type DispatchPolicy } from './item-dispatcher.js';
import { recordReferral } from './referrals.js';
import { isOpen } from './submission-status.js';
import type { ItemUpdate, SubmissionItemRow, SubmissionRow, SubmissionStore } from './submission-store.js';
import { todayInChina, type Clock } from '../../src/policy/calendar.js';
import type { GatewayMetrics } from '../../src/observability/metrics.js';
import { advanceCase, dueDateOf, isFinished, settleCase } from './case-progress.js';
import { recordDecision, updateOfDecision } from './decide-item.js';

export interface DispatcherOptions {
  readonly catalog: Catalog;
  readonly store: SubmissionStore;
  readonly fetcher: SubgraphFetcher;
  readonly subgraphs: Config['subgraphs'];
  readonly policy: DispatchPolicy;
  /** Attempts over all runs before an unreachable item is given up (FAILED, not retryable). */
  readonly maxTotalAttempts: number;
  readonly holidays: ReadonlySet<string>;
  readonly metrics: GatewayMetrics;
  readonly clock: Clock;
  /** How long a dispatch started after a decision holds the submission (as submitBundle's). */
  readonly leaseSeconds: number;
}

type Prior = Pick<ReceivedItemOutcome, 'itemCode' | 'status' | 'recordType' | 'recordId' | 'reference'>;

/**
 * Sends a stored submission's open items to their subgraphs, by the bundle's mode: PARALLEL all
 * at once; SERIAL the one item whose earlier items are all finished, seeing their records (the
 * next one is sent when this one is finished: right away when it completes at once, else when
 * the counter decides it — see case-progress.ts); MERGED one after another while each is
 * accepted, one outcome for all. Also records the decisions the gateway owes subgraphs. Safe to
 * run again at any time: items already decided are left alone, and each item's key makes a
 * resend harmless.
 */
export class SubmissionDispatcher {
  constructor(private readonly options: DispatcherOptions) {}

  async dispatch(submissionId: string): Promise<void> {
    const { store } = this.options;
    const submission = await store.byId(submissionId);
    if (!submission) return;
    if (submission.mode === 'PARALLEL') {
      const items = await store.items([submissionId]);
      await Promise.all(items.filter(isOpen).map((item) => this.send(submission, item, [])));
    } else {
      await this.inOrder(submission);
    }
    await this.payOwedDecisions(submission);
    await settleCase(store, submissionId, this.options.holidays, this.options.clock());
  }

  /**
   * Dispatches what a decision made ready, unless another gateway (recovery) holds the
   * submission: then that one sends it. Either way the next step is already stored.
   */
  async dispatchIfFree(submissionId: string): Promise<void> {
    const { store } = this.options;
    if (!(await store.takeLease(submissionId, this.options.leaseSeconds))) {
      await settleCase(store, submissionId, this.options.holidays, this.options.clock());
      return;
    }
    try {
      await this.dispatch(submissionId);
    } finally {
      await store.releaseLease(submissionId);
    }
  }

  /** SERIAL and MERGED: the first unfinished item, if it is to be sent, then the next it makes ready. */
  private async inOrder(submission: SubmissionRow): Promise<void> {
    const { store, clock } = this.options;
    // A step cut short, or a case stored before items waited: decided again on the stored items.
    await store.transaction((tx) => advanceCase(store, tx, submission, clock()));
    for (;;) {
      const items = await store.items([submission.id]);
      const next = items.find((i) => !isFinished(i) && i.status !== 'ACCEPTED' && i.status !== 'REFERRED');
      if (!next || !isOpen(next)) return;
      // SERIAL: the items before it are finished; MERGED: accepted so far.
      if (submission.mode === 'SERIAL' && items.slice(0, items.indexOf(next)).some((i) => !isFinished(i))) return;
      const before = items.slice(0, items.indexOf(next));
      const prior = before
        .filter((i) => i.status === 'COMPLETED' || i.status === 'ACCEPTED' || i.status === 'REJECTED')
        .map((i) => ({ itemCode: i.item_code, status: i.status, recordType: i.record_type, recordId: i.record_id, reference: i.reference }) as Prior);
      const sent = await this.send(submission, next, prior);
      // Still unreachable: the case waits for it (recovery retries it after its backoff).
      if (isOpen(sent)) return;
    }
  }

  /** Decisions the gateway owes subgraphs (a merged action withdrawn): sent, then recorded; left for the next pass when unreachable. */
  private async payOwedDecisions(submission: SubmissionRow): Promise<void> {
    const { store, clock } = this.options;
    for (const item of (await store.items([submission.id])).filter((i) => i.owed_decision)) {
      const decision = item.owed_decision!;
      let outcome;
      try {
        outcome = await recordDecision(this.options, item, { outcome: decision.outcome, reason: decision.reason, decidedBy: decision.decidedBy });
      } catch {
        continue;
      }
      await store.updateItem(
        submission.id,
        item.item_code,
        { ...updateOfDecision(item, outcome, clock()), owed_decision: null },
        `${decision.outcome === 'COMPLETE' ? 'completed' : 'withdrawn'} by ${decision.decidedBy}${decision.reason ? `: ${decision.reason}` : ''}`,
        (tx) => advanceCase(store, tx, submission, clock()),
      );
    }
  }

  /** One item: referred to its department, or sent to its subgraph; returns the stored row. */
  private async send(submission: SubmissionRow, item: SubmissionItemRow, prior: readonly Prior[]): Promise<SubmissionItemRow> {
    const { store, catalog, metrics, clock } = this.options;
    const catalogItem = catalog.items.get(item.item_code);
    if (!catalogItem || catalogItem.owner.kind === 'department' || !item.mutation) {
      const department = catalogItem?.owner.kind === 'department' ? catalogItem.owner.department : 'another department';
      // Sent there, and recorded as sent: the item stays open (REFERRED) until the department's answer is recorded.
      return store.updateItem(submission.id, item.item_code, { status: 'REFERRED' }, `referred to ${department} (可拓展关联服务)`, (tx, before) =>
        recordReferral(tx, submission, before, department),
      );
    }
    const subgraph = item.owner as SubgraphName;
    const result = await dispatchItem(
      this.options.fetcher,
      {
        subgraph,
        url: this.options.subgraphs[subgraph].url,
        mutation: item.mutation,
        inputType: catalogItem.fields.length > 0 ? (catalogItem.inputTypeName ?? null) : null,
        input: item.fields,
        dispatch: {
          idempotencyKey: item.idempotency_key,
          submissionId: submission.id,
          itemCode: item.item_code,
          channel: submission.channel,
          applicant: submission.applicant,
          employerCreditCode: submission.employer_credit_code,
          sharedFields: submission.shared_fields,
          ...(submission.mode === 'SERIAL' ? { priorOutcomes: prior } : {}),
        },
      },
      this.options.policy,
    );

    const now = clock();
    const attempts = item.attempts + result.attempts;
    let update: ItemUpdate;
    let detail: string | undefined;
    switch (result.kind) {
      case 'outcome': {
        const { outcome } = result;
        const base = {
          attempts,
          record_type: outcome.recordType,
          record_id: outcome.recordId,
          reference: outcome.reference,
          last_error: null,
          next_attempt_at: null,
        };
        if (outcome.status === 'COMPLETED') update = { ...base, status: 'COMPLETED', finished_at: now, met_due_date: true };
        else if (outcome.status === 'ACCEPTED') {
          // Its limit counts from when it could start (submitted; in a serial case, the end of the item before it).
          update = { ...base, status: 'ACCEPTED', accepted_at: now, due_date: dueDateOf(item, todayInChina(item.ready_at ?? now), this.options.holidays) };
        } else update = { ...base, status: 'REJECTED', rejection: outcome.rejection, finished_at: now };
        detail = outcome.rejection ? `${outcome.rejection.code}: ${outcome.rejection.message}` : (outcome.reference ?? undefined);
        break;
      }
      case 'unavailable': {
        const givingUp = attempts >= this.options.maxTotalAttempts;
        const backoffMs = this.options.policy.backoffMs * 2 ** Math.min(attempts, 10);
        update = {
          status: 'FAILED',
          attempts,
          retryable: !givingUp,
          last_error: result.error,
          next_attempt_at: givingUp ? null : new Date(now.getTime() + backoffMs),
          ...(givingUp ? { finished_at: now } : {}),
        };
        detail = givingUp ? `gave up after ${attempts} attempts: ${result.error}` : `will retry: ${result.error}`;
        break;
      }
      case 'refused':
        update = { status: 'FAILED', attempts, retryable: false, last_error: result.error, finished_at: now };
        detail = `refused by ${subgraph}: ${result.error}`;
        break;
    }
    metrics.itemDispatches.inc({ subgraph, outcome: update.status ?? 'FAILED' });
    // The case's next step (the next serial item made ready, the rest skipped) in the same transaction.
    return store.updateItem(submission.id, item.item_code, update, detail, (tx) => advanceCase(store, tx, submission, now));
  }
}
