import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { unstorableText } from '../../src/graphql/scalars.js';

/** What one request may carry besides the document (which `limits.ts` measures). */
export interface RequestGuardOptions {
  /** Characters of `operationName` (a GraphQL name; the longest registered one has 30). */
  readonly maxOperationNameLength: number;
  /** Nesting of the variables (a form's fields nest 3 to 4 levels; the JSON scalar allows 16). */
  readonly maxVariablesDepth: number;
}

export const DEFAULT_REQUEST_GUARD: RequestGuardOptions = Object.freeze({ maxOperationNameLength: 128, maxVariablesDepth: 32 });

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A refusal of the request as a whole: HTTP 400, before any hook or subgraph sees it. */
function badRequest(code: ErrorCode, message: string, field: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, field, http: { status: 400 } } });
}

/** The first variable that cannot be stored or nests too deep, as `variable.path`; null when none. */
function variablesFault(value: unknown, path: string, depth: number, maxDepth: number): { field: string; fault: string } | null {
  if (typeof value === 'string') {
    const fault = unstorableText(value);
    return fault ? { field: path, fault } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (depth > maxDepth) return { field: path, fault: `nests deeper than ${maxDepth} levels` };
  for (const [key, item] of Object.entries(value)) {
    const keyFault = Array.isArray(value) ? null : unstorableText(key);
    if (keyFault) return { field: path, fault: `has a key that ${keyFault}` };
    const found = variablesFault(item, path ? `${path}.${key}` : key, depth + 1, maxDepth);
    if (found) return found;
  }
  return null;
}

/** The first string literal of the document that no database could store, with its argument path. */
function literalFault(document: DocumentNode): GraphQLError | null {
  const names: string[] = [];
  let found: GraphQLError | null = null;
  visit(document, {
    Argument: { enter: (node) => void names.push(node.name.value), leave: () => void names.pop() },
    ObjectField: { enter: (node) => void names.push(node.name.value), leave: () => void names.pop() },
    StringValue(node) {
      const fault = unstorableText(node.value);
      if (fault && !found) {
        const field = names.join('.') || 'query';
        found = new GraphQLError(`${field}: the value ${fault}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field, http: { status: 400 } } });
      }
    },
  });
  return found;
}

/**
 * Refuses malformed requests before anything runs, each with a stable code and HTTP 400:
 * an `operationName` that is not a GraphQL name or is too long (BAD_REQUEST), a
 * `extensions.persistedQuery` that is not `{version: 1, sha256Hash: <64 hex>}` or whose hash is
 * not the query's (BAD_REQUEST), variables or string literals holding what PostgreSQL cannot
 * store (NUL, a lone surrogate) or nested too deep (BAD_USER_INPUT with the `field`), and an
 * operation name that matches no operation of the document (OPERATION_RESOLUTION_FAILURE; the
 * gateway's executor would otherwise fail with HTTP 500). The gateway's own operations are not checked.
 */
export function requestGuardPlugin(options: Partial<RequestGuardOptions> = {}): ApolloServerPlugin {
  const limits = { ...DEFAULT_REQUEST_GUARD, ...options };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`invalid request guard: ${name}: expected a positive integer, got ${JSON.stringify(value)}`);
  }
  Object.freeze(limits);
  const refusedEarly = new WeakSet<Error>();
  const literalVerdicts = new WeakMap<DocumentNode, GraphQLError | null>();

  const checkRequest = (request: {
    query?: string;
    operationName?: string;
    variables?: Record<string, unknown>;
    extensions?: Record<string, unknown>;
  }): GraphQLError | null => {
    const { operationName, extensions, variables } = request;
    if (operationName !== undefined && operationName !== null) {
      if (typeof operationName !== 'string' || operationName.length > limits.maxOperationNameLength || !NAME.test(operationName)) {
        return badRequest(
          ErrorCode.BAD_REQUEST,
          `operationName: expected a GraphQL name of at most ${limits.maxOperationNameLength} characters`,
          'operationName',
        );
      }
    }
    const persisted = extensions?.persistedQuery;
    if (persisted !== undefined && persisted !== null) {
      const field = 'extensions.persistedQuery';
      if (typeof persisted !== 'object' || Array.isArray(persisted))
        return badRequest(ErrorCode.BAD_REQUEST, `${field}: expected {version: 1, sha256Hash}`, field);
      const { version, sha256Hash } = persisted as { version?: unknown; sha256Hash?: unknown };
      if (version !== 1) return badRequest(ErrorCode.BAD_REQUEST, `${field}.version: expected 1`, `${field}.version`);
      if (typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash)) {
        return badRequest(
          ErrorCode.BAD_REQUEST,
          `${field}.sha256Hash: expected the SHA-256 of the document as 64 lowercase hexadecimal digits`,
          `${field}.sha256Hash`,
        );
      }
      if (typeof request.query === 'string' && createHash('sha256').update(request.query).digest('hex') !== sha256Hash) {
        return badRequest(ErrorCode.BAD_REQUEST, `${field}.sha256Hash: not the SHA-256 of the query sent with it`, `${field}.sha256Hash`);
      }
    }
    if (variables !== undefined && variables !== null) {
      const found = variablesFault(variables, '', 0, limits.maxVariablesDepth);
      if (found) return badRequest(ErrorCode.BAD_USER_INPUT, `${found.field}: the value ${found.fault}`, found.field);
    }
    return null;
  };

  return {
    async requestDidStart({ request }) {
      // No HTTP request: the gateway's own operation (executeOperation), not a client's.
      if (!request.http) return;
      const refusal = checkRequest(request);
      if (refusal) {
        // Apollo offers no clean refusal at this stage: the error comes back through
        // unexpectedErrorProcessingRequest below, which hands it to the client as it is (HTTP 400).
        refusedEarly.add(refusal);
        throw refusal;
      }
      return {
        async didResolveOperation({ operation, document }) {
          if (!operation) {
            throw new GraphQLError(
              request.operationName
                ? 'operationName: the document has no operation of this name'
                : 'operationName: the document has several operations; name the one to run',
              { extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, field: 'operationName', http: { status: 400 } } },
            );
          }
          // The same document object comes back from Apollo's document cache: checked once.
          let verdict = literalVerdicts.get(document);
          if (verdict === undefined) {
            verdict = literalFault(document);
            literalVerdicts.set(document, verdict);
          }
          if (verdict) throw verdict;
        },
      };
    },
    async unexpectedErrorProcessingRequest({ error }) {
      if (refusedEarly.has(error)) throw error;
    },
  };
}
