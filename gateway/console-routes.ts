import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../src/paths.js';

/** Where `npm run build` puts the counter console and GraphiQL (scripts/build-console.ts). */
export const CONSOLE_DIR = join(PROJECT_ROOT, 'dist', 'console');
export const GRAPHIQL_DIR = join(PROJECT_ROOT, 'dist', 'graphiql');

// The page talks only to this gateway: no script, style or connection from anywhere else, and it
// is never framed (a counter PC holds a clerk's token).
const CONSOLE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
// GraphiQL's editor fonts come inlined in its stylesheet (data: URLs), still from nowhere else.
const GRAPHIQL_POLICY = `${CONSOLE_POLICY}; font-src data:`;

/**
 * The counter console (窗口受理台) at `/console/`: static files built from `console/`. Not built
 * (a gateway run from the sources without `npm run build`): 404 saying how to build it.
 */
export async function registerConsoleRoutes(app: FastifyInstance, root = CONSOLE_DIR): Promise<void> {
  await registerPage(app, '/console', root, CONSOLE_POLICY, '受理台尚未构建：请先运行 npm run build');
}

/** GraphiQL at `/graphiql/` (development; `GRAPHQL_IDE`), under the same policy as the console. */
export async function registerGraphiQLRoutes(app: FastifyInstance, root = GRAPHIQL_DIR): Promise<void> {
  await registerPage(app, '/graphiql', root, GRAPHIQL_POLICY, 'GraphiQL 尚未构建：请先运行 npm run build');
}

async function registerPage(app: FastifyInstance, path: string, root: string, policy: string, notBuilt: string): Promise<void> {
  // Its files are named relative to the folder: the page must be opened as `<path>/`.
  app.get(path, async (_request, reply) => reply.redirect(`${path}/`, 301));
  if (!existsSync(join(root, 'index.html'))) {
    app.get(`${path}/*`, async (_request, reply) => reply.code(404).type('text/plain; charset=utf-8').send(notBuilt));
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: `${path}/`,
    // Two pages, one plugin each: only the first may decorate the reply with sendFile.
    decorateReply: path === '/console',
    setHeaders(response, path) {
      response.setHeader('content-security-policy', policy);
      response.setHeader('x-content-type-options', 'nosniff');
      response.setHeader('referrer-policy', 'no-referrer');
      // The page names its script and stylesheet without a hash: always ask whether they changed.
      response.setHeader('cache-control', path.endsWith('.map') ? 'no-store' : 'no-cache');
    },
  });
}
