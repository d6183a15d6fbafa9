import { readdir, readFile } from 'node:fs/promises';
import type { SubgraphName } from '../config.js';
import { schemaPath } from '../paths.js';

/** The shared item contract, part of every subgraph's schema. */
export const ITEM_CONTRACT_FILE = 'item-dispatch.graphql';
/** Types declared alike by every subgraph, the gateway's own included (Channel, IdDocumentType, Date…). */
export const SHARED_TYPES_FILE = 'shared-types.graphql';

const read = (files: readonly string[]) => Promise.all(files.map((file) => readFile(schemaPath(file), 'utf8'))).then((texts) => texts.join('\n'));

/** The part of a subgraph's SDL generated from the catalog (`npm run codegen`): its items. */
export const generatedItemsFile = (name: SubgraphName) => `generated/${name}.items.graphql`;

/**
 * A subgraph's whole SDL: its own `schema/<name>.graphql`, its items generated from the catalog,
 * the item contract and the shared types.
 */
export function subgraphSdl(name: SubgraphName): Promise<string> {
  return read([`${name}.graphql`, generatedItemsFile(name), ITEM_CONTRACT_FILE, SHARED_TYPES_FILE]);
}

/**
 * The gateway's own subgraph (the bundle surface), kept in several files by concern:
 * `schema/bundle.graphql` (header, people) and `schema/bundle-<concern>.graphql`, with the
 * `ItemRecord` union generated from the subgraphs' record entities (`npm run codegen`).
 */
export async function bundleSdl(): Promise<string> {
  const files = (await readdir(schemaPath())).filter((file) => /^bundle(-[a-z-]+)?\.graphql$/.test(file)).sort();
  return read([...files, 'generated/bundle.records.graphql', SHARED_TYPES_FILE]);
}
