/**
 * What a failed database call means for whoever asked, without repeating the database's words:
 * `transient` (the connection was lost or refused, the server is starting or shutting down, too
 * many connections, a serialization failure or deadlock: the same request may well succeed in a
 * moment) or `fault` (anything else the database refused). Null: not a database error.
 */
export type DatabaseErrorKind = 'transient' | 'fault';

/** SQLSTATEs after which the same statement can succeed unchanged (PostgreSQL Appendix A). */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '53000', // insufficient_resources
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
  '55P03', // lock_not_available
  '57014', // query_canceled: our statement_timeout (a slow moment, not a wrong statement)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '57P05', // idle_session_timeout
]);

/** Socket errors of the connection to the database (Node's `code`). */
const TRANSIENT_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/** What node-postgres itself says when the connection goes (its words, not the server's). */
const DRIVER_CONNECTION_MESSAGES =
  /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Client was closed|Cannot use a pool after calling end)/;

const SQLSTATE = /^[0-9A-Z]{5}$/;

interface ErrorLike {
  readonly message: string;
  readonly code?: unknown;
  readonly severity?: unknown;
  readonly errors?: unknown;
}

/**
 * Anything shaped like an error. Not `instanceof Error`: socket errors come from Node's own realm,
 * which is not the realm of the code that catches them under a test runner's VM modules.
 */
function errorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

export function databaseErrorKind(error: unknown): DatabaseErrorKind | null {
  if (!errorLike(error)) return null;
  // An AggregateError (a host with several addresses refusing) is transient when its parts are.
  if (Array.isArray(error.errors) && error.errors.length > 0) {
    return error.errors.every((part) => databaseErrorKind(part) === 'transient') ? 'transient' : null;
  }
  // A database error of PostgreSQL (pg's DatabaseError) or PGlite: a SQLSTATE and a severity.
  const { code, severity } = error;
  if (typeof code === 'string' && SQLSTATE.test(code) && typeof severity === 'string') {
    return code.startsWith('08') || TRANSIENT_SQLSTATES.has(code) ? 'transient' : 'fault';
  }
  if (typeof code === 'string' && TRANSIENT_SOCKET_CODES.has(code)) return 'transient';
  if (DRIVER_CONNECTION_MESSAGES.test(error.message)) return 'transient';
  return null;
}

/**
 * The error itself or the first error it wraps (GraphQL's `originalError`, `cause`, or the value
 * graphql-js wrapped as `thrownValue` when it did not look like an Error) that is a database's.
 */
export function databaseErrorIn(error: unknown): { readonly kind: DatabaseErrorKind; readonly error: Error } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && errorLike(current); depth += 1) {
    const kind = databaseErrorKind(current);
    if (kind) return { kind, error: current as Error };
    const wrapped = current as { originalError?: unknown; cause?: unknown; thrownValue?: unknown };
    current = wrapped.originalError ?? wrapped.thrownValue ?? wrapped.cause;
  }
  return null;
}
