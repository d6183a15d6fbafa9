/**
 * A small circuit breaker for the key-value store: after `failureThreshold` failures in a row it
 * opens and refuses every call at once for `openMs`; then one call is let through as a probe
 * (half-open): its success closes the breaker, its failure opens it again. Callers treat a refusal
 * like any other failure of the store (PostgreSQL is the truth; Redis only a fast path).
 */
export interface BreakerOptions {
  /** Failures in a row that open the breaker. */
  readonly failureThreshold: number;
  /** How long an open breaker refuses calls before it lets one probe through. */
  readonly openMs: number;
}

export type BreakerState =
  | { readonly phase: 'closed'; readonly failures: number }
  | { readonly phase: 'open'; readonly until: number; readonly reason: string }
  | { readonly phase: 'half-open'; readonly reason: string };

/** What the breaker has seen since the process started (for /metrics). */
export interface BreakerCounts {
  readonly opened: number;
  readonly failures: number;
  readonly refused: number;
}

export class BreakerOpenError extends Error {
  constructor(reason: string) {
    super(`key-value store skipped (circuit open after: ${reason})`);
    this.name = 'BreakerOpenError';
  }
}

export class CircuitBreaker {
  #state: BreakerState = { phase: 'closed', failures: 0 };
  #counts = { opened: 0, failures: 0, refused: 0 };

  constructor(private readonly options: BreakerOptions) {}

  get state(): BreakerState {
    if (this.#state.phase === 'open' && Date.now() >= this.#state.until) return { phase: 'half-open', reason: this.#state.reason };
    return this.#state;
  }

  get counts(): BreakerCounts {
    return { ...this.#counts };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const state = this.#state;
    switch (state.phase) {
      case 'closed':
        break;
      case 'open':
        if (Date.now() < state.until) return this.#refuse(state.reason);
        // The pause is over: this call is the probe; others are refused until it answers.
        this.#state = { phase: 'half-open', reason: state.reason };
        break;
      case 'half-open':
        return this.#refuse(state.reason);
    }
    try {
      const result = await work();
      this.#state = { phase: 'closed', failures: 0 };
      return result;
    } catch (error) {
      this.#failed(error);
      throw error;
    }
  }

  #refuse(reason: string): never {
    this.#counts.refused += 1;
    throw new BreakerOpenError(reason);
  }

  #failed(error: unknown): void {
    this.#counts.failures += 1;
    const reason = error instanceof Error ? error.message : String(error);
    const state = this.#state;
    const failures = state.phase === 'closed' ? state.failures + 1 : this.options.failureThreshold;
    if (failures >= this.options.failureThreshold) {
      if (state.phase !== 'open') this.#counts.opened += 1;
      this.#state = { phase: 'open', until: Date.now() + this.options.openMs, reason };
    } else {
      this.#state = { phase: 'closed', failures };
    }
  }
}
