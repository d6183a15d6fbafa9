import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../src/errors.js';
import { MemoryStore, type KeyValueStore } from '../../src/kv/key-value-store.js';
import { ROLES, type Principal, type Role } from '../auth/principal.js';

export type RateLimitClass = Role | 'anonymous';

export interface RateLimitOptions {
  /** The shared store (Redis in production): the count holds across every gateway replica. */
  readonly kv: KeyValueStore;
  /** Length of one counting window, in seconds. */
  readonly windowSeconds?: number;
  /** Operations one client may send per window, by role (anonymous callers: per IP address). */
  readonly perWindow?: Partial<Record<RateLimitClass, number>>;
}

/**
 * Operations per client per minute. Anonymous callers only read the public catalog; citizens and
 * proxies fill a form; agents' terminals and clerks' counters serve a queue of people all day.
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<RateLimitClass, number>> = Object.freeze({
  anonymous: 300,
  citizen: 300,
  proxy: 300,
  analyst: 300,
  admin: 300,
  agent: 1200,
  clerk: 1200,
});
export const DEFAULT_RATE_LIMIT_WINDOW_SECONDS = 60;

const CLASSES: readonly RateLimitClass[] = ['anonymous', ...ROLES];

/** The counter of one client in the window holding `atMs`. Hashed: a client id may hold an account name. */
export function rateLimitKey(clientId: string, windowSeconds: number, atMs = Date.now()): string {
  const client = createHash('sha256').update(clientId).digest('base64url').slice(0, 22);
  return `ratelimit:v1:${client}:${Math.floor(atMs / 1000 / windowSeconds)}`;
}

interface Verdict {
  readonly limited: boolean;
  readonly retryAfterSeconds: number;
  readonly limit: number;
}

/**
 * A fixed-window counter per client (`principal.clientId`) in the key-value store: one `INCR` per
 * operation on `ratelimit:v1:<hash of the client id>:<window number>`, expiring with its window.
 * Counted when the request starts; refused (`RATE_LIMITED`, HTTP 429, `Retry-After`) once the
 * operation is resolved, before anything is executed. The gateway's own operations are not counted.
 * While the store does not answer (its timeout, then its open breaker), each replica counts in
 * process instead: the limits still hold, per replica rather than across them; /readyz reports it.
 */
export function rateLimitPlugin(options: RateLimitOptions): ApolloServerPlugin<{ principal?: Principal }> {
  const windowSeconds = options.windowSeconds ?? DEFAULT_RATE_LIMIT_WINDOW_SECONDS;
  const perWindow = { ...DEFAULT_RATE_LIMITS, ...options.perWindow };
  const faults = [
    ...(Number.isSafeInteger(windowSeconds) && windowSeconds > 0 ? [] : [`windowSeconds: expected a positive integer, got ${JSON.stringify(windowSeconds)}`]),
    ...Object.entries(perWindow).flatMap(([name, value]) =>
      !CLASSES.includes(name as RateLimitClass)
        ? [`perWindow.${name}: expected one of ${CLASSES.join(', ')}, got an unknown role`]
        : Number.isSafeInteger(value) && value > 0
          ? []
          : [`perWindow.${name}: expected a positive integer, got ${JSON.stringify(value)}`],
    ),
  ];
  if (faults.length) throw new Error(`invalid rate limits:\n${faults.join('\n')}`);
  Object.freeze(perWindow);

  // This replica's own counters, used while the shared store is unavailable.
  const local = new MemoryStore();
  let warned = 0;
  const count = async (principal: Principal, logger: { warn(message: string): void }): Promise<Verdict> => {
    const limit = perWindow[principal.kind === 'anonymous' ? 'anonymous' : principal.role];
    const now = Date.now() / 1000;
    const window = Math.floor(now / windowSeconds);
    const key = rateLimitKey(principal.clientId, windowSeconds, now * 1000);
    const used = await options.kv.incr(key, windowSeconds + 1).catch(async (error: unknown) => {
      // One line per window at most: an outage must not flood the log.
      if (warned !== window) {
        warned = window;
        logger.warn(`rate limits counted in this replica, the key-value store failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      return local.incr(key, windowSeconds + 1);
    });
    return { limited: used > limit, limit, retryAfterSeconds: Math.max(1, Math.ceil((window + 1) * windowSeconds - now)) };
  };

  return {
    async requestDidStart({ request, contextValue, logger }) {
      const principal = contextValue.principal;
      // No HTTP request: the gateway's own operation (executeOperation), not a client's.
      if (!request.http || !principal) return;
      const verdict = count(principal, logger);
      return {
        async didResolveOperation() {
          const found = await verdict;
          if (!found.limited) return;
          throw new GraphQLError(
            `rate limit exceeded: at most ${found.limit} operations per ${windowSeconds} s for this client; retry in ${found.retryAfterSeconds} s`,
            {
              extensions: {
                code: ErrorCode.RATE_LIMITED,
                retryAfterSeconds: found.retryAfterSeconds,
                http: { status: 429, headers: new HeaderMap([['retry-after', String(found.retryAfterSeconds)]]) },
              },
            },
          );
        },
      };
    },
  };
}
