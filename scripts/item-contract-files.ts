import { readFile } from 'node:fs/promises';
import { SUBGRAPH_NAMES } from '../src/config.js';
import { loadCatalog } from '../src/catalog/index.js';
import { generateItemContract, type GeneratedFile } from '../src/catalog/item-codegen.js';
import { schemaPath } from '../src/paths.js';
import { ITEM_CONTRACT_FILE, SHARED_TYPES_FILE } from '../src/subgraph/subgraph-sdl.js';

/** What `npm run codegen` writes now, from the catalog and the hand-written SDL under `schema/`. */
export async function itemContractFiles(): Promise<GeneratedFile[]> {
  const handWritten = new Map(await Promise.all(SUBGRAPH_NAMES.map(async (name) => [name, await readFile(schemaPath(`${name}.graphql`), 'utf8')] as const)));
  const shared = (await Promise.all([ITEM_CONTRACT_FILE, SHARED_TYPES_FILE].map((file) => readFile(schemaPath(file), 'utf8')))).join('\n');
  return generateItemContract(loadCatalog(), (name) => handWritten.get(name)!, shared, SUBGRAPH_NAMES);
}
