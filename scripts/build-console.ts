// Builds the counter console (console/) into dist/console/: one minified script, one stylesheet,
// the page. Everything is served by the gateway itself: government intranets have no CDN.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT, schemaPath } from '../src/paths.js';

const SOURCE = join(PROJECT_ROOT, 'console');
const CONSOLE_OUT_DIR = join(PROJECT_ROOT, 'dist', 'console');
const GRAPHIQL_SOURCE = join(SOURCE, 'graphiql');
const GRAPHIQL_OUT_DIR = join(PROJECT_ROOT, 'dist', 'graphiql');

/**
 * Operation name → hash of the registered agent-terminal operations. The console sends these by
 * hash, as the terminals must; both the registry's own map (hash → document) and Apollo's
 * persisted-query manifest (`operations: [{ id, name }]`) are read, so the console builds
 * whichever of the two the registry is kept in.
 */
async function persistedOperationHashes(): Promise<Record<string, string>> {
  const manifest: unknown = JSON.parse(await readFile(schemaPath('persisted-operations', 'agent-terminal.json'), 'utf8'));
  const hashes: Record<string, string> = {};
  if (manifest && typeof manifest === 'object' && Array.isArray((manifest as { operations?: unknown }).operations)) {
    for (const operation of (manifest as { operations: { id: string; name: string }[] }).operations) hashes[operation.name] = operation.id;
    return hashes;
  }
  for (const [hash, document] of Object.entries(manifest as Record<string, string>)) {
    const name = /^\s*(?:query|mutation)\s+(\w+)/.exec(document)?.[1];
    if (name) hashes[name] = hash;
  }
  return hashes;
}

async function buildConsole(): Promise<void> {
  await rm(CONSOLE_OUT_DIR, { recursive: true, force: true });
  await mkdir(CONSOLE_OUT_DIR, { recursive: true });
  await build({
    entryPoints: [join(SOURCE, 'src', 'main.tsx'), join(SOURCE, 'src', 'console.css')],
    outdir: CONSOLE_OUT_DIR,
    bundle: true,
    minify: true,
    sourcemap: true,
    format: 'esm',
    target: ['chrome109', 'firefox115', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    define: { PERSISTED_OPERATIONS: JSON.stringify(await persistedOperationHashes()) },
    logLevel: 'warning',
  });
  await copyFile(join(SOURCE, 'index.html'), join(CONSOLE_OUT_DIR, 'index.html'));
}

/** GraphiQL for developers (served at /graphiql/ outside production): React, bundled whole. */
async function buildGraphiQL(): Promise<void> {
  await rm(GRAPHIQL_OUT_DIR, { recursive: true, force: true });
  await mkdir(GRAPHIQL_OUT_DIR, { recursive: true });
  await build({
    entryPoints: [join(GRAPHIQL_SOURCE, 'main.ts'), join(GRAPHIQL_SOURCE, 'graphiql.css'), join(GRAPHIQL_SOURCE, 'page.css')],
    outdir: GRAPHIQL_OUT_DIR,
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome109', 'firefox115', 'safari15'],
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  await copyFile(join(GRAPHIQL_SOURCE, 'index.html'), join(GRAPHIQL_OUT_DIR, 'index.html'));
}

await buildConsole();
await buildGraphiQL();
