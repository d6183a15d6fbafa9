import { readFile } from 'node:fs/promises';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import { schemaPath } from '../../src/paths.js';
import type { GatewayContext } from '../context.js';
import { personResolvers } from './person-resolvers.js';

/** The bundle surface as a subgraph schema, run in-process by the gateway. */
export async function buildBundleSchema(): Promise<GraphQLSchema> {
  const typeDefs = parse(await readFile(schemaPath('bundle.graphql'), 'utf8'));
  const resolvers: GraphQLResolverMap<GatewayContext> = { ...personResolvers };
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}
