import type { FastifyInstance } from 'fastify';
import pino from 'pino';

/**
 * Every line the services log from now on, at debug level and above, kept in memory instead of
 * written out: the services' own pino loggers (and Apollo's messages, which go through the
 * gateway's), with their destination swapped, so a test can assert what a log never holds.
 */
export function captureLogs(apps: readonly FastifyInstance[]): string[] {
  const lines: string[] = [];
  for (const app of apps) {
    const logger = app.log as unknown as Record<symbol, unknown> & { level: string };
    logger[pino.symbols.streamSym] = { write: (line: string) => void lines.push(line) };
    logger.level = 'debug';
  }
  return lines;
}
