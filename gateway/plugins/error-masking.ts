import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { FastifyBaseLogger } from 'fastify';
import { databaseErrorIn } from '../../src/db/database-errors.js';
import { ErrorCode } from '../../src/errors.js';
import { safeError } from '../../src/observability/safe-logging.js';
import { SubgraphUnavailableError } from '../subgraph-fetcher.js';

/** Codes a client may see as they are: the registry, but for the two this formatter assigns itself. */
const PASSED_CODES = new Set<string>(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR && code !== ErrorCode.DOWNSTREAM_SERVICE_ERROR),
);

export interface ErrorMaskingOptions {
  /** In production, schema suggestions ("Did you mean …?") are cut from every message. */
  readonly production: boolean;
}

/** The error under any GraphQLError wrappers (the gateway and Apollo Server both wrap). */
function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && 'originalError' in current && current.originalError) current = current.originalError;
  return current;
}

/** graphql-js's variable errors name the variable and the path inside it: that is the field. */
const VARIABLE_ERROR =
  /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)" (?:got invalid value .*? at "([^"]+)";|got invalid value|of required type|of non-null type|has invalid value)/s;
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * Errors with a known code reach the client as they are (input errors gain `extensions.field`
 * when graphql-js names the variable); anything else is logged (kind, code and frames, never the
 * message) and masked, so no stack, SQL, database message or personal data leaks. A database
 * briefly unavailable is `TEMPORARILY_UNAVAILABLE` with `retryable: true`. Subgraph errors keep
 * their `serviceName`; a subgraph error without a known code becomes DOWNSTREAM_SERVICE_ERROR,
 * without the subgraph's words.
 */
export function formatErrorFor(logger: FastifyBaseLogger, options: ErrorMaskingOptions = { production: false }) {
  const polish = (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    let result = formatted;
    if (result.extensions?.code === ErrorCode.BAD_USER_INPUT && result.extensions.field === undefined) {
      const variable = VARIABLE_ERROR.exec(result.message);
      if (variable) result = { ...result, extensions: { ...result.extensions, field: variable[2] ?? variable[1] } };
    }
    if (options.production && SUGGESTION.test(result.message)) result = { ...result, message: result.message.replace(SUGGESTION, '') };
    SUGGESTION.lastIndex = 0;
    return result;
  };
  const masked = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    logger.error({ error: safeError(error) }, 'unexpected error in a GraphQL operation');
    return { message: 'Internal server error', ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
  };

  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const cause = rootCause(error);
    const path = formatted.path ? { path: formatted.path } : {};
    if (cause instanceof SubgraphUnavailableError) {
      return { message: cause.message, ...path, extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName: cause.subgraph } };
    }
    const database = databaseErrorIn(error);
    if (database?.kind === 'transient') {
      logger.warn({ error: safeError(database.error) }, 'a database was briefly unavailable');
      return { message: 'a database is briefly unavailable: retry shortly', ...path, extensions: { code: ErrorCode.TEMPORARILY_UNAVAILABLE, retryable: true } };
    }
    if (database) return masked(formatted, error);
    const code = formatted.extensions?.code;
    const serviceName = formatted.extensions?.serviceName;
    // The gateway's own subgraph: an error that is not a GraphQLError of ours is unexpected,
    // whatever code the gateway's executor put on it.
    if (serviceName === 'bundle' && !(cause instanceof GraphQLError)) return masked(formatted, error);
    if (typeof code === 'string' && (PASSED_CODES.has(code) || (code === ErrorCode.DOWNSTREAM_SERVICE_ERROR && serviceName === 'bundle')))
      return polish(formatted);
    // Other subgraphs' unknown codes: their origin, not their words.
    if (typeof serviceName === 'string' && serviceName !== 'bundle') {
      logger.warn({ error: safeError(error), serviceName }, 'a subgraph answered with an error without a known code');
      return { message: `${serviceName}: the service could not answer`, ...path, extensions: { code: ErrorCode.DOWNSTREAM_SERVICE_ERROR, serviceName } };
    }
    return masked(formatted, error);
  };
}
