import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';
import { itemContractFiles } from './item-contract-files.js';

/** Writes the item contract generated from the catalog (see src/catalog/item-codegen.ts). */
try {
  for (const file of await itemContractFiles()) {
    const path = resolve(PROJECT_ROOT, file.path);
    if ((await readFile(path, 'utf8').catch(() => null)) === file.text) continue;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.text);
    console.log(`generated ${file.path}`);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
