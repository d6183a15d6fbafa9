import { hostname } from 'node:os';
/**
 * What may be logged about requests and errors: never personal data. A URL loses its query
 * string (a GET /graphql carries the variables there); an error keeps its kind, code, GraphQL path
 * and stack frames, but not its message (a message may repeat input values: ID numbers, phones).
 */
export const safeRequestSerializer = (request: { method: string; url: string; id?: string }) => ({
  method: request.method,
  url: request.url.split('?')[0],
  id: request.id,
});

/**
 * The pino options of every service: one logger per service (Apollo's messages go through the
 * gateway's), each line naming its service, so the lines of six containers (or of the six services
 * of `npm start` in one process) can be told apart when collected together.
 */
export function serviceLoggerOptions(service: string, level: string) {
  return { level, serializers: { req: safeRequestSerializer }, base: { service, pid: process.pid, hostname: hostname() } };
}

export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { kind: typeof error };
  const withExtras = error as Error & { code?: unknown; path?: unknown; extensions?: { code?: unknown }; originalError?: unknown };
  return {
    type: error.name,
    code: withExtras.extensions?.code ?? withExtras.code,
    path: withExtras.path,
    frames: error.stack
      ?.split('\n')
      .slice(1, 8)
      .map((line) => line.trim()),
    ...(withExtras.originalError ? { cause: safeError(withExtras.originalError) } : {}),
  };
}

/** Apollo's logger interface (`@apollo/utils.logger`), which Apollo Server and the gateway log through. */
export interface ApolloLogger {
  debug(message?: unknown): void;
  info(message?: unknown): void;
  warn(message?: unknown): void;
  error(message?: unknown): void;
}

interface LevelLogger {
  debug(object: object, message: string): void;
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

const APOLLO_MESSAGE_MAX = 160;

/**
 * Apollo Server's and the gateway's messages through the service's pino logger, made safe: Apollo
 * writes an unexpected error with its text (`Unexpected error processing request: Syntax Error …`
 * followed by the document's line, which may hold ID numbers). Only the first line is kept, cut
 * at 160 characters, with every quoted part (a document's token, an input value) replaced by `"…"`.
 */
export function safeApolloLogger(logger: LevelLogger): ApolloLogger {
  const clean = (message: unknown): string => {
    const text = message instanceof Error ? `${message.name}` : String(message);
    const line = text.split('\n', 1)[0]!.replace(/"[^"]*"?|'[^']*'?|`[^`]*`?/g, '"…"');
    return line.length > APOLLO_MESSAGE_MAX ? `${line.slice(0, APOLLO_MESSAGE_MAX)}…` : line;
  };
  return {
    debug: (message) => logger.debug({ component: 'apollo' }, clean(message)),
    info: (message) => logger.info({ component: 'apollo' }, clean(message)),
    warn: (message) => logger.warn({ component: 'apollo' }, clean(message)),
    error: (message) => logger.error({ component: 'apollo' }, clean(message)),
  };
}
