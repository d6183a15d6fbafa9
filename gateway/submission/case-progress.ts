/**
 * How a case moves on after one of its items changed (pure: the store applies it in the same
 * transaction as that change). SERIAL (串联): an item is sent only once the one before it is
 * finished — completed, or accepted and then decided by the counter, or answered by the department
 * it was referred to; a required item that ends badly skips the rest with the reason, whenever
 * that happens (days later too). MERGED (整合办): one action, one outcome — see merged-outcome.ts.
 */
import { addCalendarDays, addWorkingDays } from '../../src/policy/working-days.js';
import { todayInChina } from '../../src/policy/calendar.js';
import type { Queryable } from '../../src/db/database.js';
import type { ItemUpdate, SubmissionItemRow, SubmissionRow, SubmissionStore } from './submission-store.js';
import { isOpen, submissionStatus } from './submission-status.js';

export interface ItemStep {
  readonly itemCode: string;
  readonly update: ItemUpdate;
  readonly detail: string;
}

type Row = Pick<
  SubmissionItemRow,
  | 'item_code'
  | 'status'
  | 'retryable'
  | 'selection'
  | 'rejection'
  | 'last_error'
  | 'skip_reason'
  | 'working_days'
  | 'calendar_days'
  | 'ready_at'
  | 'due_date'
  | 'finished_at'
  | 'owed_decision'
>;

const ENDED_BADLY = new Set(['REJECTED', 'FAILED', 'SKIPPED']);

/** An item nothing more will happen to. */
export const isFinished = (item: Pick<Row, 'status' | 'retryable'>) =>
  item.status === 'COMPLETED' || item.status === 'REJECTED' || item.status === 'SKIPPED' || (item.status === 'FAILED' && !item.retryable);

/** Why the items after a required one that ended badly are skipped; null when it did not. */
export function stopReasonOf(item: Row): string | null {
  if (item.selection !== 'REQUIRED' || !ENDED_BADLY.has(item.status) || (item.status === 'FAILED' && item.retryable)) return null;
  return `required item ${item.item_code} was ${item.status.toLowerCase()}: ${item.rejection?.message ?? item.last_error ?? item.skip_reason ?? 'no reason given'}`;
}

/**
 * The next steps of a serial case, in position order: the first WAITING item whose earlier items
 * are all finished becomes PENDING (ready from `now`: its time limit counts from there); after a
 * required item that ended badly, every item still waiting is SKIPPED with the reason.
 */
export function serialSteps(items: readonly Row[], now: Date): ItemStep[] {
  const steps: ItemStep[] = [];
  let stopReason: string | null = null;
  for (const item of items) {
    if (stopReason) {
      if (item.status === 'WAITING' || isOpen(item)) {
        steps.push({ itemCode: item.item_code, update: { status: 'SKIPPED', skip_reason: stopReason, finished_at: now }, detail: stopReason });
      }
      continue;
    }
    if (item.status === 'WAITING') {
      steps.push({ itemCode: item.item_code, update: { status: 'PENDING', ready_at: now }, detail: 'the item before it is finished: sent now' });
      return steps;
    }
    if (!isFinished(item)) return steps; // in flight, accepted, referred: the case waits for it
    stopReason = stopReasonOf(item);
  }
  return steps;
}

/** When an item is due: its limit from the day it could start, in working days or, where the statute counts them, calendar days. */
export function dueDateOf(item: Pick<Row, 'working_days' | 'calendar_days'>, from: string, holidays: ReadonlySet<string>): string | null {
  if (item.working_days !== null) return addWorkingDays(from, item.working_days, holidays);
  if (item.calendar_days !== null) return addCalendarDays(from, item.calendar_days, holidays);
  return null;
}

/**
 * The date by which the whole case is promised to be finished, from what is known now: a finished
 * item by the day it finished, an item under way by its due date, an item not started by its limit
 * counted from the end of the one before it (SERIAL: cumulative), or from the submission
 * (PARALLEL, MERGED: the latest). Null when an item still to finish has a limit set by local
 * policy with no figure here (the summary says so) — never an invented date.
 */
export function promisedBy(
  submission: Pick<SubmissionRow, 'mode' | 'created_at' | 'time_limit'>,
  items: readonly Row[],
  holidays: ReadonlySet<string>,
): string | null {
  const undetermined = new Set((submission.time_limit as { setByLocalPolicy?: string[] } | null)?.setByLocalPolicy ?? []);
  // From when the case could start: its first item's ready time (the submission's, on the gateway's clock).
  const start = todayInChina(items[0]?.ready_at ?? submission.created_at);
  let cursor = start;
  let latest = start;
  for (const item of items) {
    if (item.status === 'SKIPPED') continue;
    const from = submission.mode === 'SERIAL' ? cursor : start;
    let end: string | null;
    if (isFinished(item) && item.finished_at) end = todayInChina(item.finished_at);
    else if (item.due_date) end = item.due_date;
    else if (undetermined.has(item.item_code)) return null;
    else end = dueDateOf(item, item.ready_at ? todayInChina(item.ready_at) : from, holidays) ?? from;
    if (end > latest) latest = end;
    cursor = end > cursor ? end : cursor;
  }
  return submission.mode === 'SERIAL' ? cursor : latest;
}

/** Who the gateway names as the decider when it withdraws the items of a merged action refused as a whole. */
export const MERGED_DECIDER = 'gateway (整合办)';

/**
 * The next steps of a merged action (整合办: one action, one outcome). Its items are sent one after
 * another while each is accepted; the first that is refused (or given up) refuses the whole:
 * the items not sent yet are SKIPPED with the reason, and those already accepted are withdrawn —
 * a REJECT decision the gateway owes their subgraph (`owed_decision`, recorded here, in the
 * transaction of the refusal, and sent until the subgraph has it).
 */
export function mergedSteps(items: readonly Row[], now: Date): ItemStep[] {
  const refused = items.find((i) => i.status === 'REJECTED' || (i.status === 'FAILED' && !i.retryable));
  if (!refused) {
    const next = items.find((i) => i.status === 'WAITING');
    const before = next ? items.slice(0, items.indexOf(next)) : [];
    if (!next || before.some((i) => isOpen(i) || i.status === 'WAITING')) return [];
    return [
      {
        itemCode: next.item_code,
        update: { status: 'PENDING', ready_at: next.ready_at ?? now },
        detail: 'one action: sent after the items before it were accepted',
      },
    ];
  }
  if (refused.owed_decision) return []; // withdrawn as a part of an action another item refused
  const reason = `整合办: the whole action is refused because ${refused.item_code} was ${refused.status.toLowerCase()}: ${refused.rejection?.message ?? refused.last_error ?? 'no reason given'}`;
  const steps: ItemStep[] = [];
  for (const item of items) {
    if (item === refused) continue;
    if (item.status === 'WAITING' || isOpen(item)) {
      steps.push({ itemCode: item.item_code, update: { status: 'SKIPPED', skip_reason: reason, finished_at: now }, detail: reason });
    } else if (item.status === 'ACCEPTED' && !item.owed_decision) {
      steps.push({
        itemCode: item.item_code,
        update: { owed_decision: { outcome: 'REJECT', reason, decidedBy: MERGED_DECIDER } },
        detail: `to be withdrawn: ${reason}`,
      });
    }
  }
  return steps;
}

/**
 * The case's next step after one of its items changed, inside the transaction that recorded the
 * change — so a crash between a decision and the next dispatch loses nothing: the next item is
 * PENDING (the outbox) or the withdrawal owed, and recovery carries on.
 */
export async function advanceCase(store: SubmissionStore, tx: Queryable, submission: Pick<SubmissionRow, 'id' | 'mode'>, now: Date): Promise<void> {
  if (submission.mode === 'PARALLEL') return;
  const items = await store.itemsForUpdate(tx, submission.id);
  const steps = submission.mode === 'SERIAL' ? serialSteps(items, now) : mergedSteps(items, now);
  for (const step of steps) await store.updateItemIn(tx, submission.id, step.itemCode, step.update, step.detail);
}

/** The submission's status and promised finish date, derived again from its items. */
export async function settleCase(store: SubmissionStore, submissionId: string, holidays: ReadonlySet<string>, now: Date): Promise<void> {
  const submission = await store.byId(submissionId);
  if (!submission) return;
  const items = await store.items([submissionId]);
  const derived = submissionStatus(items);
  await store.setStatus(submissionId, derived.status, derived.finished, promisedBy(submission, items, holidays), now);
}
