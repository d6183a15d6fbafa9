import { writeFile } from 'node:fs/promises';
import { composeSupergraph, SUPERGRAPH_FILE } from '../gateway/composition.js';

try {
  await writeFile(SUPERGRAPH_FILE, await composeSupergraph());
  console.log(`composed ${SUPERGRAPH_FILE}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
