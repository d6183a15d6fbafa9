import type { FastifyBaseLogger } from 'fastify';
import { safeError } from '../../src/observability/safe-logging.js';
import type { MaterialsService } from './materials-service.js';

/**
 * The 容缺 deadline sweep: at start-up and then every `intervalMs` (the recovery interval), items
 * whose deferred material is overdue are rejected. The deadlines are rows in PostgreSQL, so a
 * restart or another replica picks them up; `runOnce(now)` takes the time as an argument, so a
 * test moves the clock instead of waiting days.
 */
export class MaterialDeadlineSweep {
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;

  constructor(private readonly options: { readonly materials: MaterialsService; readonly intervalMs: number; readonly logger: FastifyBaseLogger }) {}

  start(): void {
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }

  /** One pass as of `now`; returns how many items it rejected. After a pass already running, never beside it. */
  async runOnce(now: Date = new Date()): Promise<number> {
    while (this.#running) await this.#running;
    const pass = this.options.materials
      .sweepDeadlines(now)
      .then((rejected) => {
        if (rejected > 0) this.options.logger.info({ rejected }, 'material deadlines: items rejected, their deferred material never came');
        return rejected;
      })
      .catch((error: unknown) => {
        this.options.logger.warn({ error: safeError(error) }, 'material deadline sweep failed; the next pass retries');
        return 0;
      })
      .finally(() => {
        this.#running = undefined;
      });
    this.#running = pass;
    return pass;
  }
}
