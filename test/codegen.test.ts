import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PROJECT_ROOT } from '../src/paths.js';
import { itemContractFiles } from '../scripts/item-contract-files.js';

describe('the item contract generated from the catalog', () => {
  it('every generated file is exactly what the catalog gives now (run `npm run codegen`)', async () => {
    const files = await itemContractFiles();
    expect(files.length).toBe(11);
    for (const file of files) {
      const current = await readFile(resolve(PROJECT_ROOT, file.path), 'utf8').catch(() => '(missing)');
      expect({ file: file.path, text: current }).toEqual({ file: file.path, text: file.text });
    }
  });
});
