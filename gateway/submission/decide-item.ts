import { GraphQLError } from 'graphql';
import type { Config } from '../../src/config.js';
import { isSubgraphName } from '../../src/config.js';
import { ErrorCode } from '../../src/errors.js';
import { decisionMutationName } from '../../src/catalog/item-codegen.js';
import type { ItemDecisionInput } from '../../src/contract/item-contract.js';
import { SubgraphResponseError, type SubgraphFetcher } from '../subgraph-fetcher.js';
import type { ItemOutcome } from './item-dispatcher.js';
import type { ItemUpdate, SubmissionItemRow, SubmissionStore } from './submission-store.js';
import { todayInChina, type Clock } from '../../src/policy/calendar.js';
import { advanceCase } from './case-progress.js';
import type { SubmissionDispatcher } from './dispatch-submission.js';
import { isOpen } from './submission-status.js';

/** The counter's decision (the item contract's ItemDecisionInput). */
export type ItemDecision = ItemDecisionInput;

export interface DecideDependencies {
  readonly store: SubmissionStore;
  readonly fetcher: SubgraphFetcher;
  readonly subgraphs: Config['subgraphs'];
  readonly dispatcher: SubmissionDispatcher;
  readonly clock: Clock;
}

const notPending = (message: string) => new GraphQLError(message, { extensions: { code: 'ITEM_NOT_PENDING', field: 'itemCode' } });

/**
 * The counter completes or rejects an ACCEPTED item: the owning subgraph records the decision
 * (its back-office mutation), then the submission reflects it — the item's status, completion
 * time, whether it met its due date — and, in the same transaction, the case's next step: the
 * next serial item made ready (PENDING, the outbox) or the rest skipped after a required item
 * rejected; in a merged action (整合办) the same decision owed for its other items (one outcome).
 * Then what was made ready is dispatched; after a crash, recovery does it.
 */
export async function decideSubmissionItem(deps: DecideDependencies, submissionId: string, itemCode: string, decision: ItemDecision): Promise<void> {
  const submission = await deps.store.byId(submissionId);
  const items = submission ? await deps.store.items([submissionId]) : [];
  const item = items.find((i) => i.item_code === itemCode);
  if (!submission || !item)
    throw new GraphQLError(`no item ${itemCode} in submission ${submissionId}`, { extensions: { code: 'ITEM_NOT_FOUND', field: 'itemCode' } });
  if (item.status !== 'ACCEPTED' || item.owed_decision) throw notPending(`the item is ${item.status}; only an ACCEPTED item can be decided`);
  if (submission.mode === 'MERGED' && items.some((i) => i.status === 'WAITING' || isOpen(i))) {
    throw notPending('the merged action is still being sent: it is decided once, when all its items are accepted');
  }
  if (!isSubgraphName(item.owner)) throw notPending('items of other departments are decided there');
  let outcome: ItemOutcome;
  try {
    outcome = await recordDecision(deps, item, decision);
  } catch (error) {
    if (error instanceof SubgraphResponseError) {
      const first = error.errors[0];
      const code = first?.extensions?.code;
      // A rule of the owning service saying no to the decision (its own stable code, not one of
      // the registry's): the client sees it as DECISION_REFUSED with that code as the reason.
      if (typeof code === 'string' && !(code in ErrorCode)) {
        throw new GraphQLError(first!.message, {
          extensions: { code: ErrorCode.DECISION_REFUSED, reason: code, field: 'itemCode' },
        });
      }
      throw new GraphQLError(first?.message ?? error.message, {
        extensions: {
          code: code ?? 'DOWNSTREAM_SERVICE_ERROR',
          field: first?.extensions?.field ?? 'decision',
          serviceName: item.owner,
          ...(error.retryable ? { retryable: true } : {}),
        },
      });
    }
    throw error;
  }
  const now = deps.clock();
  await deps.store.updateItem(
    submissionId,
    itemCode,
    updateOfDecision(item, outcome, now),
    `${decision.outcome === 'COMPLETE' ? 'completed' : 'rejected'} by ${decision.decidedBy}${decision.reason ? `: ${decision.reason}` : ''}`,
    async (tx) => {
      if (submission.mode === 'MERGED') {
        // One action, one outcome: the counter's decision is owed to every other accepted item.
        for (const other of items.filter((i) => i.item_code !== itemCode && i.status === 'ACCEPTED')) {
          await deps.store.updateItemIn(tx, submissionId, other.item_code, {
            owed_decision: { outcome: decision.outcome, reason: decision.reason ?? null, decidedBy: decision.decidedBy },
          });
        }
      }
      await advanceCase(deps.store, tx, submission, now);
    },
  );
  await deps.dispatcher.dispatchIfFree(submissionId);
}

/** Records a decision in the item's subgraph (its idempotent back-office mutation) and returns the outcome it answered. */
export async function recordDecision(
  deps: { fetcher: SubgraphFetcher; subgraphs: Config['subgraphs'] },
  item: Pick<SubmissionItemRow, 'owner' | 'idempotency_key'>,
  decision: ItemDecision,
): Promise<ItemOutcome> {
  if (!isSubgraphName(item.owner)) throw notPending('items of other departments are decided there');
  const { outcome } = await deps.fetcher.graphql<{ outcome: ItemOutcome }>(
    item.owner,
    deps.subgraphs[item.owner].url,
    `mutation Decide($key: String!, $decision: ItemDecisionInput!) { outcome: ${decisionMutationName(item.owner)}(idempotencyKey: $key, decision: $decision) { itemCode status recordType recordId reference rejection { code message field } } }`,
    { key: item.idempotency_key, decision },
  );
  return outcome;
}

/** How a recorded decision changes the item: its status, completion time and whether it met its due date. */
export function updateOfDecision(item: Pick<SubmissionItemRow, 'due_date'>, outcome: ItemOutcome, now: Date): ItemUpdate {
  return {
    status: outcome.status,
    rejection: outcome.rejection,
    finished_at: now,
    met_due_date: item.due_date === null ? null : todayInChina(now) <= item.due_date,
  };
}
