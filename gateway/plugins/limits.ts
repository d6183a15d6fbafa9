import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Lexer, Source, TokenKind, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { ErrorCode } from '../../src/errors.js';

/** How big one operation may be. Every limit is checked before anything is executed. */
export interface OperationLimits {
  /** Lexical tokens of the document: counted before it is parsed, so a huge document costs little. */
  readonly maxTokens: number;
  /** Field nesting, fragments flattened (`{ person { socialSecurityCard { bankAccount { bankName } } } }` is 4). */
  readonly maxDepth: number;
  /** Aliased fields (`a: person(…) b: person(…)`): the usual way to multiply one expensive field. */
  readonly maxAliases: number;
  /** graphql-armor's cost: 1 per scalar, 2 per object, ×1.5 per level of nesting, × `first`/`last`. */
  readonly maxCost: number;
  /** Directives (`@include`, `@skip` …) in the document. */
  readonly maxDirectives: number;
}

/**
 * The defaults. The largest operations of the README, the test suite, the agent terminals'
 * registered operations and the gateway's own shared-record query measure 123 tokens, depth 5,
 * 8 aliases, cost 122 and no directives: depth and aliases get twice that; tokens, cost and
 * directives leave room for inline inputs and a page of submissions (`first: 50`).
 */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = Object.freeze({
  maxTokens: 2000,
  maxDepth: 10,
  maxAliases: 15,
  maxCost: 5000,
  maxDirectives: 20,
});

export type OperationLimit = 'tokens' | 'depth' | 'aliases' | 'cost' | 'directives';

/** What one operation measures, limit by limit. */
export type OperationMeasure = Record<OperationLimit, number>;

const LIMIT_OPTION: Record<OperationLimit, keyof OperationLimits> = {
  tokens: 'maxTokens',
  depth: 'maxDepth',
  aliases: 'maxAliases',
  cost: 'maxCost',
  directives: 'maxDirectives',
};

/** Checks options once, with every fault as `name: expected …, got …`. */
export function operationLimits(options: Partial<OperationLimits> = {}): OperationLimits {
  const limits = { ...DEFAULT_OPERATION_LIMITS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  const faults: string[] = [];
  for (const [name, value] of Object.entries(limits)) {
    if (!(name in DEFAULT_OPERATION_LIMITS)) faults.push(`${name}: expected one of ${Object.keys(DEFAULT_OPERATION_LIMITS).join(', ')}, got an unknown option`);
    else if (!Number.isSafeInteger(value) || value < 1) faults.push(`${name}: expected a positive integer, got ${JSON.stringify(value)}`);
  }
  if (faults.length) throw new Error(`invalid operation limits:\n${faults.join('\n')}`);
  return Object.freeze(limits);
}

/**
 * Counts the document's tokens, stopping at `stopAfter` (a huge document is not read to its end)
 * or at the first lexical error: the parser then reports that error as GRAPHQL_PARSE_FAILED.
 */
export function countTokens(source: string, stopAfter = Infinity): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (count <= stopAfter && lexer.advance().kind !== TokenKind.EOF) count += 1;
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
  }
  return count;
}

/** graphql-armor's depth, alias, cost and directive rules, without limits: they report what they measure. */
function armorRules(onAccept: (limit: OperationLimit, n: number) => void) {
  const measure = (limit: OperationLimit) => ({
    propagateOnRejection: false,
    onReject: [],
    onAccept: [(_ctx: unknown, details: { n: number }) => onAccept(limit, details.n)],
  });
  return new ApolloArmor({
    // Suggestions are Apollo's own business (ApolloServerPluginDisableSuggestions in production);
    // tokens are counted before parsing, below.
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { ...measure('depth'), n: Infinity, flattenFragments: true },
    maxAliases: { ...measure('aliases'), n: Infinity },
    costLimit: { ...measure('cost'), maxCost: Infinity },
    maxDirectives: { ...measure('directives'), n: Infinity },
  }).protect().validationRules;
}

/** What a parsed document measures (armor's rules, run to measure rather than to refuse). */
export function measureDocument(schema: GraphQLSchema, document: DocumentNode): Omit<OperationMeasure, 'tokens'> {
  const found = { depth: 0, aliases: 0, cost: 0, directives: 0 };
  validate(
    schema,
    document,
    armorRules((limit, n) => {
      if (limit !== 'tokens') found[limit] = Math.max(found[limit], n);
    }),
  );
  return found;
}

/** Measures an operation against every limit (for tests, and to choose limits). */
export function measureOperation(schema: GraphQLSchema, document: DocumentNode, source: string): OperationMeasure {
  return { tokens: countTokens(source), ...measureDocument(schema, document) };
}

/** Checked in this order; the first one exceeded is reported. */
const DOCUMENT_LIMITS = ['depth', 'aliases', 'directives', 'cost'] as const;

/** The client's error: `OPERATION_LIMIT_EXCEEDED`, HTTP 400, naming the limit, its value and what was found. */
function limitExceeded(limit: OperationLimit, max: number, found: number | undefined): GraphQLError {
  return new GraphQLError(`operation too large: ${limit} ${found ?? `over ${max}`}, at most ${max} (${LIMIT_OPTION[limit]})`, {
    extensions: { code: ErrorCode.OPERATION_LIMIT_EXCEEDED, limit, max, ...(found !== undefined ? { found } : {}), http: { status: 400 } },
  });
}

interface Verdict {
  readonly limit: OperationLimit;
  readonly max: number;
  readonly found: number | undefined;
}

const refusedBeforeParsing = new WeakSet<Error>();

/**
 * Depth, alias, cost, directive and token limits on every operation (graphql-armor's rules).
 * Tokens are counted before parsing; the other limits are checked once the operation is resolved,
 * before any field is executed or any subgraph is called.
 */
export function limitsFor(options: Partial<OperationLimits> = {}): ApolloServerPlugin {
  const limits = operationLimits(options);
  // The same document object comes back from Apollo's document cache: measured once.
  const verdicts = new WeakMap<DocumentNode, Verdict | null>();
  const check = (requestContext: GraphQLRequestContext<object>): GraphQLError | null => {
    const document = requestContext.document!;
    let verdict = verdicts.get(document);
    if (verdict === undefined) {
      const found = measureDocument(requestContext.schema, document);
      const limit = DOCUMENT_LIMITS.find((name) => found[name] > limits[LIMIT_OPTION[name]]);
      verdict = limit ? { limit, max: limits[LIMIT_OPTION[limit]], found: found[limit] } : null;
      verdicts.set(document, verdict);
    }
    return verdict && limitExceeded(verdict.limit, verdict.max, verdict.found);
  };
  return {
    async requestDidStart() {
      return {
        async parsingDidStart({ source }) {
          // Apollo offers no clean refusal before parsing: the error thrown here comes back through
          // unexpectedErrorProcessingRequest below, which hands it to the client as it is (HTTP 400).
          if (source !== undefined && countTokens(source, limits.maxTokens) > limits.maxTokens) {
            const error = limitExceeded('tokens', limits.maxTokens, undefined);
            refusedBeforeParsing.add(error);
            throw error;
          }
        },
        async didResolveOperation(requestContext) {
          const verdict = check(requestContext);
          if (verdict) throw verdict;
        },
      };
    },
    async unexpectedErrorProcessingRequest({ error }) {
      if (refusedBeforeParsing.has(error)) throw error;
    },
  };
}
