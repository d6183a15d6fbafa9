import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES } from '../src/config.js';
import { schemaPath } from '../src/paths.js';
import { bundleSdl, subgraphSdl } from '../src/subgraph/subgraph-sdl.js';

/** The gateway's own subgraph (the bundle surface), executed in-process, never over HTTP. */
export const LOCAL_SUBGRAPH = 'bundle';
/** Placeholder URL recorded in the supergraph; real URLs come from configuration at start-up. */
const placeholderUrl = (name: string) => `http://${name}.subgraph.invalid/graphql`;

export const SUPERGRAPH_FILE = schemaPath('supergraph.graphql');

/**
 * Composes the supergraph from the SDL files under `schema/`. Any error, and any composition
 * hint, is a failure: a hint today is a silent difference between subgraphs tomorrow.
 */
export async function composeSupergraph(): Promise<string> {
  const services = await Promise.all([
    ...SUBGRAPH_NAMES.map(async (name) => ({ name, url: placeholderUrl(name), typeDefs: parse(await subgraphSdl(name)) })),
    (async () => ({ name: LOCAL_SUBGRAPH, url: placeholderUrl(LOCAL_SUBGRAPH), typeDefs: parse(await bundleSdl()) }))(),
  ]);
  const result = composeServices(services);
  const problems = [
    ...(result.errors ?? []).map((error) => `error: ${error.message}`),
    ...(result.hints ?? []).map((hint) => `hint ${hint.definition.code}: ${hint.message}`),
  ];
  if (problems.length > 0 || !result.supergraphSdl) {
    throw new Error(`Composition failed:\n  ${problems.join('\n  ')}`);
  }
  return result.supergraphSdl;
}
