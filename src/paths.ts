import { dirname, join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project root, whether running from `src/` (tests) or `dist/src/` (built). */
function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('project root (package.json) not found');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findRoot();

/** A file of the contracts folder, `schema/`. */
export function schemaPath(...parts: string[]): string {
  return resolve(PROJECT_ROOT, 'schema', ...parts);
}
