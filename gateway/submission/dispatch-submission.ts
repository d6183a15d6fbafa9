import type { Config, SubgraphName } from '../../src/config.js';
import type { Catalog } from '../../src/catalog/index.js';
import type { ReceivedItemOutcome } from '../../src/contract/item-contract.js';
import type { SubgraphFetcher } from '../subgraph-fetcher.js';
import { dispatchItem, type DispatchPolicy } from './item-dispatcher.js';
import { recordReferral } from './referrals.js';
import { isOpen, submissionStatus } from './submission-status.js';
import type { ItemUpdate, SubmissionItemRow, SubmissionRow, SubmissionStore } from './submission-store.js';
import { todayInChina } from '../../src/policy/calendar.js';
import { addWorkingDays } from '../../src/policy/working-days.js';
import type { GatewayMetrics } from '../../src/observability/metrics.js';

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
}

type Prior = Pick<ReceivedItemOutcome, 'itemCode' | 'status' | 'recordType' | 'recordId' | 'reference'>;

/**
 * Sends a stored submission's open items to their subgraphs, by the bundle's mode: PARALLEL
 * (and MERGED, one action for the applicant) all at once; SERIAL one after another, each seeing
 * the outcomes before it, a rejected required item skipping the rest. Safe to run again at any
 * time: items already decided are left alone, and each item's key makes a resend harmless.
 */
export class SubmissionDispatcher {
  constructor(private readonly options: DispatcherOptions) {}

  async dispatch(submissionId: string): Promise<void> {
    const { store } = this.options;
    const submission = await store.byId(submissionId);
    if (!submission) return;
    const items = await store.items([submissionId]);
    if (submission.mode === 'SERIAL') await this.serial(submission, items);
    else await Promise.all(items.filter(isOpen).map((item) => this.send(submission, item, [])));
    const derived = submissionStatus(await store.items([submissionId]));
    await store.setStatus(submissionId, derived.status, derived.finished);
  }

  private async serial(submission: SubmissionRow, items: SubmissionItemRow[]): Promise<void> {
    const prior: Prior[] = [];
    let stopReason: string | null = null;
    for (let item of items) {
      if (stopReason) {
        if (isOpen(item))
          await this.options.store.updateItem(
            submission.id,
            item.item_code,
            { status: 'SKIPPED', skip_reason: stopReason, finished_at: new Date() },
            stopReason,
          );
        continue;
      }
      if (isOpen(item)) {
        item = await this.send(submission, item, prior);
        // An item still unreachable holds the ones after it: they wait for it, in order.
        if (isOpen(item)) return;
      }
      if (item.status === 'COMPLETED' || item.status === 'ACCEPTED' || item.status === 'REJECTED') {
        prior.push({ itemCode: item.item_code, status: item.status, recordType: item.record_type, recordId: item.record_id, reference: item.reference });
      }
      if ((item.status === 'REJECTED' || item.status === 'FAILED' || item.status === 'SKIPPED') && item.selection === 'REQUIRED') {
        stopReason = `required item ${item.item_code} was ${item.status.toLowerCase()}: ${item.rejection?.message ?? item.last_error ?? item.skip_reason ?? 'no reason given'}`;
      }
    }
  }

  /** One item: referred to its department, or sent to its subgraph; returns the stored row. */
  private async send(submission: SubmissionRow, item: SubmissionItemRow, prior: readonly Prior[]): Promise<SubmissionItemRow> {
    const { store, catalog, metrics } = this.options;
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

    const now = new Date();
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
          const due = item.working_days === null ? null : addWorkingDays(todayInChina(now), item.working_days, this.options.holidays);
          update = { ...base, status: 'ACCEPTED', accepted_at: now, due_date: due };
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
    return store.updateItem(submission.id, item.item_code, update, detail);
  }
}
