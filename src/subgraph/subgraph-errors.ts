import { GraphQLError } from 'graphql';
import { databaseErrorIn } from '../db/database-errors.js';

/** What a subgraph answers when its database is briefly unavailable: the gateway retries the item. */
export const TEMPORARILY_UNAVAILABLE = 'TEMPORARILY_UNAVAILABLE';

/**
 * A subgraph's error as the gateway may see it: never the database's words. A transient database
 * failure becomes `TEMPORARILY_UNAVAILABLE` with `retryable: true` (the gateway dispatches the item
 * again later; its idempotency key makes that safe); any other failure in a resolver without a code
 * of its own becomes `INTERNAL_SERVER_ERROR` (logged in full, by kind and frames, by the caller).
 * Errors with a code (a rule's refusal, bad input) and request errors (validation) pass as they are.
 */
export function maskSubgraphError(error: GraphQLError): GraphQLError {
  const options = { nodes: error.nodes, path: error.path };
  const database = databaseErrorIn(error);
  if (database?.kind === 'transient') {
    return new GraphQLError('the service is briefly unavailable: retry shortly', {
      ...options,
      extensions: { code: TEMPORARILY_UNAVAILABLE, retryable: true },
    });
  }
  if (database || (error.path && typeof error.extensions?.code !== 'string')) {
    return new GraphQLError('internal error', { ...options, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  }
  return error;
}
