import type { ApolloServerPlugin } from '@apollo/server';
import { isScalarType, type GraphQLScalarType } from 'graphql';
import { DateScalar, DecimalScalar, JsonScalar } from '../../src/graphql/scalars.js';

/**
 * The supergraph's custom scalars checked at the gateway, with the implementations the subgraphs
 * use: `@apollo/gateway` builds its schema from SDL, so `Date`, `Decimal` and `JSON` would accept
 * anything and a `2025-02-30`, a NUL or a 5,000-level JSON value would only fail in a subgraph
 * (or in its database). Once the schema is loaded, its scalar types get these parsers, so literals
 * fail validation and variables fail coercion as BAD_USER_INPUT naming the variable, before any
 * subgraph is called. Results are left as the subgraphs serialized them.
 */
export function customScalarsPlugin(scalars: readonly GraphQLScalarType[] = [DateScalar, DecimalScalar, JsonScalar]): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema }) {
          for (const implementation of scalars) {
            const type = apiSchema.getType(implementation.name);
            if (!isScalarType(type))
              throw new Error(`custom scalars: expected a scalar ${implementation.name} in the supergraph, got ${type ? type.constructor.name : 'none'}`);
            type.parseValue = implementation.parseValue;
            type.parseLiteral = implementation.parseLiteral;
          }
        },
      };
    },
  };
}
