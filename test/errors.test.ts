import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '../src/errors.js';
import { PROJECT_ROOT } from '../src/paths.js';

describe('the error registry', () => {
  it('is exactly the table of codes the README documents', async () => {
    const readme = await readFile(`${PROJECT_ROOT}/README.md`, 'utf8');
    const section = readme.slice(readme.indexOf('## Errors'), readme.indexOf('\n## ', readme.indexOf('## Errors') + 1));
    const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.values(ErrorCode).sort());
  });
});
