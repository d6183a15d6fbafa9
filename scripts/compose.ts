import { writeFile } from 'node:fs/promises';
import { composeSupergraph, SUPERGRAPH_FILE } from '../gateway/composition.js';
import { AGENT_TERMINAL_MANIFEST_FILE, PersistedOperations } from '../gateway/plugins/persisted-operations.js';

try {
  await writeFile(SUPERGRAPH_FILE, await composeSupergraph());
  console.log(`composed ${SUPERGRAPH_FILE}`);
  await writeFile(AGENT_TERMINAL_MANIFEST_FILE, `${JSON.stringify(PersistedOperations.load().manifest(), null, 2)}\n`);
  console.log(`wrote ${AGENT_TERMINAL_MANIFEST_FILE}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
