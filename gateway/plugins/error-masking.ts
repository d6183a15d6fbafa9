import type { GraphQLFormattedError } from 'graphql';
import type { FastifyBaseLogger } from 'fastify';
import { ErrorCode } from '../../src/errors.js';
import { safeError } from '../../src/observability/safe-logging.js';
import { SubgraphUnavailableError } from '../subgraph-fetcher.js';

// Everything but INTERNAL_SERVER_ERROR, which Apollo puts on any error without a code.
const KNOWN_CODES = new Set<string>([...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE']);

/** The error under any GraphQLError wrappers (the gateway and Apollo Server both wrap). */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && 'originalError' in current && current.originalError) current = current.originalError;
  return current;
}

/**
 * Errors with a known code reach the client as they are; anything else is logged in full and
 * masked, so no stack, SQL or personal data leaks. Subgraph errors keep their `serviceName`.
 */
export function formatErrorFor(logger: FastifyBaseLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = rootCause(error);
    if (cause instanceof SubgraphUnavailableError) {
      return { message: cause.message, path: formatted.path, extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: cause.subgraph } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) return formatted;
    // The gateway's own subgraph speaks our registry; other subgraphs' unknown codes are masked.
    if (formatted.extensions?.serviceName && formatted.extensions.serviceName !== 'bundle') {
      return { message: formatted.message, path: formatted.path, extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: formatted.extensions.serviceName } };
    }
    logger.error({ error: safeError(error) }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };
}
