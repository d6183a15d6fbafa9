// Jest global setup: builds the project once (tsc → dist/) before any test file runs. The files
// that start the built commands (cli, chaos) then share one build, instead of two workers each
// rewriting dist/ while the other's processes load it.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = function buildOnce() {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: join(__dirname, '..', '..'),
    stdio: 'inherit',
  });
};
