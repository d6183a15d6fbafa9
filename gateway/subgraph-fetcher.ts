import { INTERNAL_CONTEXT_HEADER, INTERNAL_CONTEXT_REUSE_MS, signInternalContext, type InternalContext } from '../src/auth/internal-context.js';
import type { SubgraphName } from '../src/config.js';
import type { GatewayMetrics } from '../src/observability/metrics.js';

export interface SubgraphFetcherOptions {
  readonly timeoutMs: number;
  readonly metrics: GatewayMetrics;
  /** Signs the internal context every subgraph request carries. */
  readonly internalContextSecret: string;
}

/** The gateway acting on its own account (identity resolution, dispatch, readiness). */
export const GATEWAY_ACTOR: InternalContext = { subject: 'gateway', role: 'gateway', scopes: ['item:dispatch'], requestId: '' };

/** A subgraph answered with a transport failure or a non-GraphQL response. */
export class SubgraphUnavailableError extends Error {
  constructor(
    readonly subgraph: SubgraphName,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${subgraph}: ${message}`, options);
    this.name = 'SubgraphUnavailableError';
  }
}

/**
 * A subgraph answered, but with GraphQL errors. `retryable` when every error says so
 * (`extensions.retryable`, e.g. TEMPORARILY_UNAVAILABLE: its database was briefly unavailable);
 * otherwise the request itself was refused and retrying would not help.
 */
export class SubgraphResponseError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly subgraph: SubgraphName,
    readonly errors: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>,
  ) {
    super(`${subgraph}: ${errors.map((e) => e.message).join('; ')}`);
    this.name = 'SubgraphResponseError';
    this.retryable = errors.length > 0 && errors.every((e) => e.extensions?.retryable === true);
  }
}

/**
 * The one way the gateway talks HTTP to a subgraph: Node's own fetch (keep-alive pool), an
 * explicit timeout, and a count and timing of every request. The federated executor
 * (`RemoteGraphQLDataSource`) and the gateway's own calls (identity resolution, readiness)
 * both go through it, so `/metrics` counts every subgraph fetch.
 */
export class SubgraphFetcher {
  constructor(private readonly options: SubgraphFetcherOptions) {}

  /** A `fetch` for one subgraph, in the shape `RemoteGraphQLDataSource` expects. */
  fetchFor(subgraph: SubgraphName): typeof fetch {
    return async (input, init) => {
      const stopTimer = this.options.metrics.subgraphFetchSeconds.startTimer({ subgraph });
      const signal = AbortSignal.timeout(this.options.timeoutMs);
      try {
        const response = await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
        this.options.metrics.subgraphFetches.inc({ subgraph, outcome: response.ok ? 'ok' : 'http_error' });
        // Up while it answers at all below 500: a refusal (4xx) is the request's fault, not the subgraph's.
        this.options.metrics.subgraphUp.set({ subgraph }, response.status < 500 ? 1 : 0);
        return response;
      } catch (error) {
        this.options.metrics.subgraphFetches.inc({ subgraph, outcome: signal.aborted ? 'timeout' : 'network_error' });
        this.options.metrics.subgraphUp.set({ subgraph }, 0);
        throw new SubgraphUnavailableError(subgraph, signal.aborted ? `no answer within ${this.options.timeoutMs} ms` : 'unreachable', { cause: error });
      } finally {
        stopTimer();
      }
    };
  }

  readonly #signed = new Map<string, { token: string; until: number }>();

  /**
   * The signed internal context header for one subgraph. A token is reused for the same actor
   * for half its lifetime: signing one per subgraph request was a measurable share of the cost.
   */
  async internalHeader(subgraph: SubgraphName, actor: InternalContext): Promise<Record<string, string>> {
    const key = `${subgraph}|${actor.subject}|${actor.role}|${actor.scopes.join(' ')}|${actor.region ?? '-'}|${actor.personKey ?? '-'}`;
    const now = Date.now();
    let entry = this.#signed.get(key);
    if (!entry || entry.until <= now) {
      if (this.#signed.size > 10_000) this.#signed.clear();
      entry = {
        token: await signInternalContext(this.options.internalContextSecret, subgraph, { ...actor, requestId: '' }),
        until: now + INTERNAL_CONTEXT_REUSE_MS,
      };
      this.#signed.set(key, entry);
    }
    return { [INTERNAL_CONTEXT_HEADER]: entry.token, ...(actor.requestId ? { 'x-request-id': actor.requestId } : {}) };
  }

  /** Posts one GraphQL operation to a subgraph and returns its `data`, throwing on any error. */
  async graphql<Data>(
    subgraph: SubgraphName,
    url: string,
    query: string,
    variables: Record<string, unknown> = {},
    actor: InternalContext = GATEWAY_ACTOR,
  ): Promise<Data> {
    const response = await this.fetchFor(subgraph)(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await this.internalHeader(subgraph, actor)) },
      body: JSON.stringify({ query, variables }),
    });
    let body: { data?: Data | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new SubgraphUnavailableError(subgraph, `HTTP ${response.status} without a GraphQL body`, { cause: error });
    }
    if (body.errors?.length) {
      // A 5xx with errors is the server failing (transient); otherwise the request itself was refused.
      if (response.status >= 500) throw new SubgraphUnavailableError(subgraph, `HTTP ${response.status}: ${body.errors.map((e) => e.message).join('; ')}`);
      throw new SubgraphResponseError(subgraph, body.errors);
    }
    if (body.data === undefined || body.data === null) throw new SubgraphUnavailableError(subgraph, `HTTP ${response.status} without data`);
    return body.data;
  }
}
