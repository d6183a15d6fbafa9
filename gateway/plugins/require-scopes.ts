import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, parse, TypeInfo, visit, visitWithTypeInfo, type ConstDirectiveNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import type { GatewayContext } from '../context.js';

/** `Type.field` → alternatives of scope sets (any one set, fully held, is enough). */
export type ScopeRequirements = ReadonlyMap<string, readonly (readonly string[])[]>;

/** Reads every `@requiresScopes` of the supergraph: the rules live next to the schema, in schema/. */
export function scopeRequirementsOf(supergraphSdl: string): ScopeRequirements {
  const requirements = new Map<string, string[][]>();
  const scopesOf = (directives: readonly ConstDirectiveNode[] | undefined) => {
    const directive = directives?.find((d) => d.name.value === 'requiresScopes');
    const argument = directive?.arguments?.find((a) => a.name.value === 'scopes');
    if (!argument || argument.value.kind !== Kind.LIST) return undefined;
    return argument.value.values.map((set) => (set.kind === Kind.LIST ? set.values.map((v) => (v.kind === Kind.STRING ? v.value : '')) : []));
  };
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    const type = definition;
    const typeScopes = scopesOf(type.directives);
    for (const field of type.fields ?? []) {
      const scopes = scopesOf(field.directives) ?? typeScopes;
      if (scopes) requirements.set(`${type.name.value}.${field.name.value}`, scopes);
    }
  }
  return requirements;
}

/** The fields of an operation that need scopes, by coordinate, in document order. */
export function requiredScopesOf(
  document: DocumentNode,
  typeInfo: TypeInfo,
  requirements: ScopeRequirements,
): Array<{ coordinate: string; scopes: readonly (readonly string[])[] }> {
  const found: Array<{ coordinate: string; scopes: readonly (readonly string[])[] }> = [];
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field) return;
        const coordinate = `${parent.name}.${field.name}`;
        const scopes = requirements.get(coordinate);
        if (scopes) found.push({ coordinate, scopes });
      },
    }),
  );
  return found;
}

/**
 * Enforces `@requiresScopes` at the gateway, before anything is executed (so before any subgraph
 * is called): an anonymous caller reaching a scoped field gets UNAUTHENTICATED; a caller holding
 * none of the field's scope sets gets FORBIDDEN naming the field. (@apollo/gateway composes the
 * directive but does not enforce it; this plugin does.)
 */
export function requireScopesPlugin(requirements: ScopeRequirements): ApolloServerPlugin<GatewayContext> {
  // What a document needs depends on the document and schema only: Apollo hands the same parsed
  // document for the same text, so each is walked once, not on every request.
  const needed = new WeakMap<DocumentNode, { schema: GraphQLSchema; found: ReturnType<typeof requiredScopesOf> }>();
  const neededBy = (document: DocumentNode, schema: GraphQLSchema) => {
    let entry = needed.get(document);
    if (entry?.schema !== schema) {
      entry = { schema, found: requiredScopesOf(document, new TypeInfo(schema), requirements) };
      needed.set(document, entry);
    }
    return entry.found;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, schema, contextValue }) {
          const principal = contextValue.principal;
          for (const { coordinate, scopes } of neededBy(document, schema)) {
            if (principal.kind === 'anonymous') {
              throw new GraphQLError(`${coordinate} needs a bearer token`, {
                extensions: { code: ErrorCode.UNAUTHENTICATED, field: coordinate, http: { status: 401 } },
              });
            }
            if (!scopes.some((set) => set.every((scope) => principal.scopes.has(scope)))) {
              throw new GraphQLError(`${coordinate} is not allowed for the role ${principal.role}`, {
                extensions: { code: ErrorCode.FORBIDDEN, field: coordinate, http: { status: 403 } },
              });
            }
          }
        },
      };
    },
  };
}
