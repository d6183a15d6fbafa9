import { readdir, readFile } from 'node:fs/promises';
import type { SubgraphName } from '../config.js';
import { schemaPath } from '../paths.js';

/** The shared item contract, part of every subgraph's schema. */
export const ITEM_CONTRACT_FILE = 'item-dispatch.graphql';

/** A subgraph's whole SDL: its own `schema/<name>.graphql` plus the shared item contract. */
export async function subgraphSdl(name: SubgraphName): Promise<string> {
  const [own, contract] = await Promise.all([
    readFile(schemaPath(`${name}.graphql`), 'utf8'),
    readFile(schemaPath(ITEM_CONTRACT_FILE), 'utf8'),
  ]);
  return `${own}\n${contract}`;
}

/**
 * The gateway's own subgraph (the bundle surface), kept in several files by concern:
 * `schema/bundle.graphql` (header, people) and `schema/bundle-<concern>.graphql`.
 */
export async function bundleSdl(): Promise<string> {
  const files = (await readdir(schemaPath())).filter((file) => /^bundle(-[a-z-]+)?\.graphql$/.test(file)).sort();
  return (await Promise.all(files.map((file) => readFile(schemaPath(file), 'utf8')))).join('\n');
}
