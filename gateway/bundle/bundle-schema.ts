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
import { materialsResolvers } from './materials-resolvers.js';
import { proactiveResolvers } from '../proactive/proactive-resolvers.js';
import { speedUpResolvers } from '../speed-up/speed-up-resolvers.js';
import { feedbackResolvers } from '../feedback/feedback-resolvers.js';
import { worklistResolvers } from '../worklist/worklist-resolvers.js';
import { prefillResolvers } from './prefill-resolvers.js';

const localized = ({ code, message }: { code: string; message: string }) => messageFor(code, message);
/** Messages a reader gets in their language (src/messages): a validation fault's, an item rejection's. */
const localizedMessages = {
  BundleValidationError: { message: localized },
  SubmissionItemRejection: { message: localized },
};

/** The bundle surface as a subgraph schema, run in-process by the gateway. */
export async function buildBundleSchema(): Promise<GraphQLSchema> {
  const typeDefs = parse(await bundleSdl());
  // Each concern brings its fields and types; a type several concerns extend (Query, Mutation,
  // SubmissionItem) gets the fields of each.
  const parts = [
    personResolvers,
    submissionResolvers,
    catalogResolvers,
    auditResolvers,
    statisticsResolvers,
    materialsResolvers,
    proactiveResolvers,
    speedUpResolvers,
    feedbackResolvers,
    worklistResolvers,
    prefillResolvers,
  ] as ReadonlyArray<Record<string, object>>;
  const merged: Record<string, object> = {};
  for (const part of [...parts, localizedMessages] as ReadonlyArray<Record<string, object>>) {
    for (const [type, fields] of Object.entries(part)) merged[type] = { ...(merged[type] ?? {}), ...fields };
  }
  const resolvers = { JSON: JsonScalar, Date: DateScalar, ...merged } as GraphQLResolverMap<GatewayContext>;
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}
