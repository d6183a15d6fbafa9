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

export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { kind: typeof error };
  const withExtras = error as Error & { code?: unknown; path?: unknown; extensions?: { code?: unknown }; originalError?: unknown };
  return {
    type: error.name,
    code: withExtras.extensions?.code ?? withExtras.code,
    path: withExtras.path,
    frames: error.stack?.split('\n').slice(1, 8).map((line) => line.trim()),
    ...(withExtras.originalError ? { cause: safeError(withExtras.originalError) } : {}),
  };
}
