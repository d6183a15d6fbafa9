import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, parse } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { schemaPath } from '../../src/paths.js';
import type { Principal, Role } from '../auth/principal.js';

/** The operations agent terminals (bank branches, post offices, village service points) may run. */
export const AGENT_TERMINAL_OPERATIONS_FILE = schemaPath('persisted-operations', 'agent-terminal.json');
/** The same operations as Apollo's persisted query manifest (written by `npm run compose`). */
export const AGENT_TERMINAL_MANIFEST_FILE = schemaPath('persisted-operations', 'agent-terminal.manifest.json');

/** Apollo's persisted query manifest format (`@apollo/persisted-query-lists`, Rover, GraphOS). */
export interface PersistedQueryManifest {
  readonly format: 'apollo-persisted-query-manifest';
  readonly version: 1;
  readonly operations: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly type: 'query' | 'mutation' | 'subscription';
    readonly body: string;
  }>;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A registry of persisted operations: the sha256 (hex) of each document → the document, exactly
 * the hash Apollo's APQ wire format sends (`extensions.persistedQuery.sha256Hash`). Checked when
 * loaded: every key must be its document's hash, every document must parse and name its operations.
 */
export class PersistedOperations {
  private constructor(private readonly documents: ReadonlyMap<string, string>) {}

  static load(file = AGENT_TERMINAL_OPERATIONS_FILE): PersistedOperations {
    let entries: unknown;
    try {
      entries = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new Error(`${file}: expected a JSON object of sha256 → document, got ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (!entries || typeof entries !== 'object' || Array.isArray(entries))
      throw new Error(`${file}: expected a JSON object of sha256 → document, got ${JSON.stringify(entries)}`);
    const faults: string[] = [];
    const documents = new Map<string, string>();
    for (const [hash, document] of Object.entries(entries)) {
      if (typeof document !== 'string') {
        faults.push(`${hash}: expected a GraphQL document (string), got ${JSON.stringify(document)}`);
        continue;
      }
      if (sha256(document) !== hash) faults.push(`${hash}: expected the sha256 of its document, got the document of ${sha256(document)}`);
      try {
        const operations = parse(document).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
        if (!operations.length || operations.some((o) => !o.name)) faults.push(`${hash}: expected named operations only`);
      } catch (error) {
        faults.push(`${hash}: expected a GraphQL document, got ${error instanceof Error ? error.message : String(error)}`);
      }
      documents.set(hash, document);
    }
    if (faults.length) throw new Error(`${file}: invalid persisted operations:\n${faults.join('\n')}`);
    return new PersistedOperations(documents);
  }

  get(hash: string): string | undefined {
    return this.documents.get(hash);
  }

  has(hash: string): boolean {
    return this.documents.has(hash);
  }

  /** Every registered hash → document (e.g. to hand to a terminal's build). */
  entries(): IterableIterator<[string, string]> {
    return this.documents.entries();
  }

  /**
   * The registry as Apollo's manifest: each operation by name with its id, the registry's hash, so
   * Apollo Client's persisted-query link with `generatePersistedQueryIdsFromManifest` sends the
   * hash the gateway knows (Apollo would otherwise hash its own printing of the document).
   */
  manifest(): PersistedQueryManifest {
    const operations = [...this.documents].flatMap(([id, body]) =>
      parse(body).definitions.flatMap((definition) =>
        definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [{ id, name: definition.name.value, type: definition.operation, body }] : [],
      ),
    );
    return { format: 'apollo-persisted-query-manifest', version: 1, operations: operations.sort((a, b) => a.name.localeCompare(b.name)) };
  }

  /**
   * For ApolloServer's `persistedQueries: { cache, ttl: null }`: answers from the registry and
   * ignores writes, so no client can store its own documents in the gateway (automatic persisted
   * queries stay usable with the query text, but nothing is remembered). Apollo prefixes keys `apq:`.
   */
  readOnlyCache(): { get(key: string): Promise<string | undefined>; set(key: string, value: string): Promise<void>; delete(key: string): Promise<boolean> } {
    return {
      get: async (key) => this.documents.get(key.startsWith('apq:') ? key.slice(4) : key),
      set: async () => undefined,
      delete: async () => false,
    };
  }
}

export interface PersistedOperationsOptions {
  readonly registry: PersistedOperations;
  /** Roles that may only run registered operations, by hash. */
  readonly roles?: readonly Role[];
}

type Refusal = typeof ErrorCode.PERSISTED_QUERY_REQUIRED | typeof ErrorCode.PERSISTED_QUERY_NOT_FOUND;

/**
 * Agent terminals run registered operations only, sent by hash without query text (Apollo's APQ
 * wire format). Query text from an agent: `PERSISTED_QUERY_REQUIRED`; a hash not in the registry:
 * `PERSISTED_QUERY_NOT_FOUND` — both before anything is executed. Other roles keep sending text,
 * and may use the registered hashes too: a registered hash is answered from the registry whatever
 * APQ cache Apollo has.
 */
export function persistedOperationsPlugin(options: PersistedOperationsOptions): ApolloServerPlugin<{ principal?: Principal }> {
  const { registry } = options;
  const roles = new Set<string>(options.roles ?? ['agent']);
  return {
    async requestDidStart({ request, contextValue }) {
      // No HTTP request: the gateway's own operation (executeOperation), not a client's.
      if (!request.http) return;
      const sentText = request.query !== undefined;
      const persistedQuery: unknown = request.extensions?.persistedQuery;
      const hash = persistedQuery && typeof persistedQuery === 'object' ? (persistedQuery as { sha256Hash?: unknown }).sha256Hash : undefined;
      const registered = typeof hash === 'string' ? registry.get(hash) : undefined;
      if (registered !== undefined && !sentText) request.query = registered;
      const principal = contextValue.principal;
      if (!principal || principal.kind === 'anonymous' || !roles.has(principal.role)) return;
      const code: Refusal | null = sentText ? ErrorCode.PERSISTED_QUERY_REQUIRED : registered === undefined ? ErrorCode.PERSISTED_QUERY_NOT_FOUND : null;
      if (!code) return;
      return {
        async didResolveOperation() {
          throw code === ErrorCode.PERSISTED_QUERY_REQUIRED
            ? new GraphQLError(
                `role ${principal.role}: only registered operations may be run, sent by hash (extensions.persistedQuery.sha256Hash) without query text`,
                {
                  extensions: { code, http: { status: 400 } },
                },
              )
            : new GraphQLError('no registered operation has this hash (extensions.persistedQuery.sha256Hash)', {
                extensions: { code, http: { status: 200, headers: new HeaderMap([['cache-control', 'private, no-cache, must-revalidate']]) } },
              });
        },
      };
    },
  };
}
