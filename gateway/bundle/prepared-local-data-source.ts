import { LocalGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { execute, parse, validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';

/** The operations the query planner sends the bundle subgraph: one text per plan node, so a few hundred at most. */
const PREPARED_DOCUMENTS = 1000;

type Prepared = { readonly document: DocumentNode } | { readonly errors: readonly GraphQLError[] };

/**
 * The bundle subgraph run in the gateway's process, like Apollo's `LocalGraphQLDataSource`, but
 * parsing and validating each operation text once: the planner sends the same few texts again
 * and again (its plans are cached), and `graphql()` from text parsed and validated them on every
 * request. A text that does not parse or validate keeps its errors, answered the same way.
 */
export class PreparedLocalDataSource extends LocalGraphQLDataSource {
  readonly #prepared = new LRUCache<string, Prepared>({ max: PREPARED_DOCUMENTS });

  constructor(schema: GraphQLSchema) {
    super(schema);
  }

  #prepare(query: string): Prepared {
    let prepared = this.#prepared.get(query);
    if (!prepared) {
      try {
        const document = parse(query);
        const errors = validate(this.schema, document);
        prepared = errors.length ? { errors } : { document };
      } catch (error) {
        prepared = { errors: [error as GraphQLError] };
      }
      this.#prepared.set(query, prepared);
    }
    return prepared;
  }

  override async process({ request, context }: GraphQLDataSourceProcessOptions): ReturnType<LocalGraphQLDataSource['process']> {
    const prepared = this.#prepare(request.query ?? '');
    if ('errors' in prepared) return { errors: prepared.errors };
    return execute({
      schema: this.schema,
      document: prepared.document,
      ...(request.variables ? { variableValues: request.variables } : {}),
      ...(request.operationName ? { operationName: request.operationName } : {}),
      contextValue: context,
    });
  }
}
