import { STATUS_CODES, type IncomingHttpHeaders } from 'node:http';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Pool } from 'undici';
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

/** What `RemoteGraphQLDataSource` calls to fetch (`@apollo/utils.fetcher`'s interface). */
type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;
type FetcherHeaders = FetcherResponse['headers'];

/** A subgraph's answer, read whole: what both the federated executor and `graphql()` need. */
interface SubgraphAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** Undici's errors when a subgraph did not answer within the pool's header or body timeout. */
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
/** Connections per subgraph: enough for the gateway's concurrency, bounded so a slow subgraph cannot take every socket. */
const CONNECTIONS_PER_SUBGRAPH = 64;

/**
 * The one way the gateway talks HTTP to a subgraph: one undici `Pool` per subgraph origin
 * (keep-alive connections, no WHATWG streams or per-request `AbortSignal`), an explicit timeout
 * (no headers, or a pause in the body, longer than `timeoutMs` fails the request), and a count
 * and timing of every request. The federated executor (`RemoteGraphQLDataSource`) and the
 * gateway's own calls (identity resolution, dispatch, readiness) both go through it, so
 * `/metrics` counts every subgraph fetch. GraphQL POSTs are not idempotent, so undici never
 * pipelines them: each waits for a free connection of its own.
 */
export class SubgraphFetcher {
  readonly #pools = new Map<string, Pool>();
  readonly #targets = new Map<string, { origin: string; path: string }>();

  constructor(private readonly options: SubgraphFetcherOptions) {}

  #target(url: string): { pool: Pool; path: string } {
    let target = this.#targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      this.#targets.set(url, target);
    }
    let pool = this.#pools.get(target.origin);
    if (!pool) {
      pool = new Pool(target.origin, {
        connections: CONNECTIONS_PER_SUBGRAPH,
        headersTimeout: this.options.timeoutMs,
        bodyTimeout: this.options.timeoutMs,
        connectTimeout: this.options.timeoutMs,
      });
      this.#pools.set(target.origin, pool);
    }
    return { pool, path: target.path };
  }

  async #send(subgraph: SubgraphName, url: string, headers: Record<string, string>, body: string | Buffer | undefined): Promise<SubgraphAnswer> {
    const stopTimer = this.options.metrics.subgraphFetchSeconds.startTimer({ subgraph });
    try {
      const { pool, path } = this.#target(url);
      const response = await pool.request({ path, method: 'POST', headers, body: body ?? null });
      const text = await response.body.text();
      this.options.metrics.subgraphFetches.inc({ subgraph, outcome: response.statusCode < 300 ? 'ok' : 'http_error' });
      // Up while it answers at all below 500: a refusal (4xx) is the request's fault, not the subgraph's.
      this.options.metrics.subgraphUp.set({ subgraph }, response.statusCode < 500 ? 1 : 0);
      return { status: response.statusCode, headers: response.headers, text };
    } catch (error) {
      const timedOut = TIMEOUT_CODES.has((error as { code?: string }).code ?? '');
      this.options.metrics.subgraphFetches.inc({ subgraph, outcome: timedOut ? 'timeout' : 'network_error' });
      this.options.metrics.subgraphUp.set({ subgraph }, 0);
      throw new SubgraphUnavailableError(subgraph, timedOut ? `no answer within ${this.options.timeoutMs} ms` : 'unreachable', { cause: error });
    } finally {
      stopTimer();
    }
  }

  /** A fetcher for one subgraph, in the shape `RemoteGraphQLDataSource` expects (always a POST). */
  fetchFor(subgraph: SubgraphName): Fetcher {
    return async (url, init) => {
      const answer = await this.#send(subgraph, url, init?.headers ?? {}, init?.body);
      return new AnswerResponse(url, answer);
    };
  }

  /** Closes every pooled connection (the gateway's onClose). */
  async close(): Promise<void> {
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
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
    const answer = await this.#send(
      subgraph,
      url,
      { 'content-type': 'application/json', ...(await this.internalHeader(subgraph, actor)) },
      JSON.stringify({ query, variables }),
    );
    const response = { status: answer.status };
    let body: { data?: Data | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    try {
      body = JSON.parse(answer.text) as typeof body;
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

/**
 * A subgraph's answer as the `Response` Apollo's `RemoteGraphQLDataSource` reads: status,
 * headers and a body already read (its `json()` / `text()`), without WHATWG streams.
 */
class AnswerResponse implements FetcherResponse {
  readonly redirected = false;
  readonly bodyUsed = false;
  readonly headers: FetcherHeaders;

  constructor(
    readonly url: string,
    private readonly answer: SubgraphAnswer,
  ) {
    this.headers = new AnswerHeaders(answer.headers);
  }

  get status(): number {
    return this.answer.status;
  }
  get ok(): boolean {
    return this.answer.status >= 200 && this.answer.status < 300;
  }
  get statusText(): string {
    return STATUS_CODES[this.answer.status] ?? '';
  }
  async text(): Promise<string> {
    return this.answer.text;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.answer.text);
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = Buffer.from(this.answer.text);
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  }
  clone(): FetcherResponse {
    return new AnswerResponse(this.url, this.answer);
  }
}

/** Response headers as the fetch API's `Headers` reads them (case-insensitive; repeated ones joined). */
class AnswerHeaders implements FetcherHeaders {
  readonly #values = new Map<string, string>();

  constructor(raw: IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.#values.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }
  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }
  set(name: string, value: string): void {
    this.#values.set(name.toLowerCase(), value);
  }
  append(name: string, value: string): void {
    const current = this.get(name);
    this.set(name, current === null ? value : `${current}, ${value}`);
  }
  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }
  entries(): IterableIterator<[string, string]> {
    return this.#values.entries();
  }
  keys(): IterableIterator<string> {
    return this.#values.keys();
  }
  values(): IterableIterator<string> {
    return this.#values.values();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#values.entries();
  }
}
