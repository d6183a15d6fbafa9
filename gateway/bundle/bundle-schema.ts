import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import { bundleSdl } from '../../src/subgraph/subgraph-sdl.js';
import { DateScalar, JsonScalar } from '../../src/graphql/scalars.js';
import type { GatewayContext } from '../context.js';
import { catalogResolvers } from './catalog-resolvers.js';
import { personResolvers } from './person-resolvers.js';
import { submissionResolvers } from './submission-resolvers.js';

/** The bundle surface as a subgraph schema, run in-process by the gateway. */
export async function buildBundleSchema(): Promise<GraphQLSchema> {
  const typeDefs = parse(await bundleSdl());
  const { Query: submissionQueries, ...submissionTypes } = submissionResolvers;
  const resolvers = {
    ...submissionTypes,
    JSON: JsonScalar,
    Date: DateScalar,
    Query: { ...personResolvers.Query, ...submissionQueries, ...catalogResolvers.Query },
  } as unknown as GraphQLResolverMap<GatewayContext>;
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}
