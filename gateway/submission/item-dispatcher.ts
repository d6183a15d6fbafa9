import type { SubgraphName } from '../../src/config.js';
import type { ReceivedItemOutcome } from '../../src/contract/item-contract.js';
import { SubgraphFetcher, SubgraphResponseError, SubgraphUnavailableError } from '../subgraph-fetcher.js';

export interface DispatchPolicy {
  /** Attempts within one dispatch run before the item is left FAILED for a later retry. */
  readonly attempts: number;
  /** First backoff; doubled at each attempt, with jitter. */
  readonly backoffMs: number;
}

/** The outcome as the subgraph answered it (the item contract). */
export type ItemOutcome = ReceivedItemOutcome;

export type DispatchResult =
  | { readonly kind: 'outcome'; readonly outcome: ItemOutcome; readonly attempts: number }
  /**
   * A transient failure on every attempt (transport, timeout, or the subgraph's own database
   * briefly unavailable: a `retryable` answer): retry later (the per-item key makes that safe).
   */
  | { readonly kind: 'unavailable'; readonly error: string; readonly attempts: number }
  /** The subgraph refused the request itself: retrying cannot help. */
  | { readonly kind: 'refused'; readonly error: string; readonly attempts: number };

export interface ItemRequest {
  readonly subgraph: SubgraphName;
  readonly url: string;
  readonly mutation: string;
  /** Null: the item has no fields of its own and its mutation takes no input. */
  readonly inputType: string | null;
  readonly input: Record<string, unknown>;
  readonly dispatch: Record<string, unknown>;
}

const OUTCOME = 'itemCode status recordType recordId reference rejection { code message field }';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends one item to the typed mutation of the subgraph that owns it. Transient failures (the
 * transport, or an answer marked `retryable`, such as TEMPORARILY_UNAVAILABLE when the
 * subgraph's database is restarting) are retried with exponential backoff (safe: the subgraph
 * keys the item by its idempotency key); a rule's rejection is an outcome, never retried; a
 * refused request is not retried either.
 */
export async function dispatchItem(fetcher: SubgraphFetcher, request: ItemRequest, policy: DispatchPolicy): Promise<DispatchResult> {
  const query = request.inputType
    ? `mutation Dispatch($input: ${request.inputType}!, $dispatch: ItemDispatchInput!) { outcome: ${request.mutation}(input: $input, dispatch: $dispatch) { ${OUTCOME} } }`
    : `mutation Dispatch($dispatch: ItemDispatchInput!) { outcome: ${request.mutation}(dispatch: $dispatch) { ${OUTCOME} } }`;
  const variables = request.inputType ? { input: request.input, dispatch: request.dispatch } : { dispatch: request.dispatch };
  let lastError = '';
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    try {
      const data = await fetcher.graphql<{ outcome: ItemOutcome }>(request.subgraph, request.url, query, variables);
      return { kind: 'outcome', outcome: data.outcome, attempts: attempt };
    } catch (error) {
      if (error instanceof SubgraphResponseError && !error.retryable) return { kind: 'refused', error: error.message, attempts: attempt };
      if (!(error instanceof SubgraphUnavailableError || error instanceof SubgraphResponseError)) throw error;
      lastError = error.message;
      if (attempt < policy.attempts) await sleep(policy.backoffMs * 2 ** (attempt - 1) * (0.75 + Math.random() / 2));
    }
  }
  return { kind: 'unavailable', error: lastError, attempts: policy.attempts };
}
