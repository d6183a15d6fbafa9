import { GraphQLError } from 'graphql';
import type { Config } from '../../src/config.js';
import { isSubgraphName } from '../../src/config.js';
import { ErrorCode } from '../../src/errors.js';
import { decisionMutationName } from '../../src/catalog/item-codegen.js';
import type { ItemDecisionInput } from '../../src/contract/item-contract.js';
import { SubgraphResponseError, type SubgraphFetcher } from '../subgraph-fetcher.js';
import type { ItemOutcome } from './item-dispatcher.js';
import type { SubmissionStore } from './submission-store.js';
import { submissionStatus } from './submission-status.js';
import { todayInChina } from '../../src/policy/calendar.js';

/** The counter's decision (the item contract's ItemDecisionInput). */
export type ItemDecision = ItemDecisionInput;

/**
 * The counter completes or rejects an ACCEPTED item: the owning subgraph records the decision
 * (its back-office mutation), then the submission reflects it — the item's status, completion
 * time, whether it met its due date, and the bundle's status.
 */
export async function decideSubmissionItem(
  deps: { store: SubmissionStore; fetcher: SubgraphFetcher; subgraphs: Config['subgraphs'] },
  submissionId: string,
  itemCode: string,
  decision: ItemDecision,
): Promise<void> {
  const [item] = (await deps.store.items([submissionId])).filter((i) => i.item_code === itemCode);
  if (!item) throw new GraphQLError(`no item ${itemCode} in submission ${submissionId}`, { extensions: { code: 'ITEM_NOT_FOUND', field: 'itemCode' } });
  if (item.status !== 'ACCEPTED') {
    throw new GraphQLError(`the item is ${item.status}; only an ACCEPTED item can be decided`, { extensions: { code: 'ITEM_NOT_PENDING', field: 'itemCode' } });
  }
  if (!isSubgraphName(item.owner))
    throw new GraphQLError('items of other departments are decided there', { extensions: { code: 'ITEM_NOT_PENDING', field: 'itemCode' } });
  let outcome: ItemOutcome;
  try {
    ({ outcome } = await deps.fetcher.graphql<{ outcome: ItemOutcome }>(
      item.owner,
      deps.subgraphs[item.owner].url,
      `mutation Decide($key: String!, $decision: ItemDecisionInput!) { outcome: ${decisionMutationName(item.owner)}(idempotencyKey: $key, decision: $decision) { itemCode status recordType recordId reference rejection { code message field } } }`,
      { key: item.idempotency_key, decision },
    ));
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
  const now = new Date();
  await deps.store.updateItem(
    submissionId,
    itemCode,
    {
      status: outcome.status,
      rejection: outcome.rejection,
      finished_at: now,
      met_due_date: item.due_date === null ? null : todayInChina(now) <= item.due_date,
    },
    `${decision.outcome === 'COMPLETE' ? 'completed' : 'rejected'} by ${decision.decidedBy}${decision.reason ? `: ${decision.reason}` : ''}`,
  );
  const derived = submissionStatus(await deps.store.items([submissionId]));
  await deps.store.setStatus(submissionId, derived.status, derived.finished);
}
