import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse, type GraphQLSchema } from 'graphql';
import { bundleSdl } from '../../src/subgraph/subgraph-sdl.js';
import { DateScalar, JsonScalar } from '../../src/graphql/scalars.js';
import type { GatewayContext } from '../context.js';
import { messageFor } from '../../src/messages/index.js';
import { catalogResolvers } from './catalog-resolvers.js';
import { personResolvers } from './person-resolvers.js';
import { submissionResolvers } from './submission-resolvers.js';
import { auditResolvers } from './audit-resolvers.js';
import { statisticsResolvers } from './statistics-resolvers.js';
import { feedbackResolvers } from '../feedback/feedback-resolvers.js';
import { worklistResolvers } from '../worklist/worklist-resolvers.js';

const localized = ({ code, message }: { code: string; message: string }) => messageFor(code, message);
/** Messages a reader gets in their language (src/messages): a validation fault's, an item rejection's. */
const localizedMessages = {
  BundleValidationError: { message: localized },
  SubmissionItemRejection: { message: localized },
};

/** The bundle surface as a subgraph schema, run in-process by the gateway. */
export async function buildBundleSchema(): Promise<GraphQLSchema> {
  const typeDefs = parse(await bundleSdl());
  // Each concern brings its Query and Mutation fields and types; those two are the maps they share.
  const parts = [
    personResolvers,
    submissionResolvers,
    catalogResolvers,
    auditResolvers,
    statisticsResolvers,
    feedbackResolvers,
    worklistResolvers,
  ] as ReadonlyArray<Record<string, object>>;
  const resolvers = Object.assign({ JSON: JsonScalar, Date: DateScalar }, ...parts, localizedMessages, {
    Query: Object.assign({}, ...parts.map((part) => part.Query ?? {})) as object,
    Mutation: Object.assign({}, ...parts.map((part) => part.Mutation ?? {})) as object,
  }) as GraphQLResolverMap<GatewayContext>;
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}
