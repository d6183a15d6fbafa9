// Jest global setup: builds the project once (tsc → dist/, then the counter console → dist/console/) before any test file runs. The files
// that start the built commands (cli, chaos) then share one build, instead of two workers each
// rewriting dist/ while the other's processes load it.
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = function buildOnce() {
  const root = join(__dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, [join(root, 'dist', 'scripts', 'build-console.js')], { cwd: root, stdio: 'inherit' });
};
