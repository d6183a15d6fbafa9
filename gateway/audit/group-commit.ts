interface Pending<Item> {
  readonly items: readonly Item[];
  resolve(): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions<Item> {
  /** Writes a group in one statement: all of its items or none (throws on failure). */
  readonly write: (items: readonly Item[]) => Promise<void>;
  /** Items per statement at most (a statement's parameters are bounded). */
  readonly maxItems: number;
}

/**
 * Group commit: each caller's `add` resolves only once its items are durable, but the callers
 * that arrive while a write is under way share the next one. With no write under way a caller's
 * items are written at once, so a lone request waits no longer than before; under load many
 * requests share one statement instead of queueing for a connection each.
 *
 * When a shared write fails, each caller's items are written again on their own, so one bad group
 * never fails the others and a caller is refused only when its own items cannot be written.
 */
export class GroupCommit<Item> {
  #queue: Pending<Item>[] = [];
  #writing = false;

  constructor(private readonly options: GroupCommitOptions<Item>) {}

  add(items: readonly Item[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ items, resolve, reject });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#queue.length > 0) await this.#writeGroup(this.#takeGroup());
    } finally {
      this.#writing = false;
    }
  }

  /** The oldest callers whose items fit in one statement (always at least one caller). */
  #takeGroup(): Pending<Item>[] {
    let count = 0;
    let taken = 0;
    while (taken < this.#queue.length && (taken === 0 || count + this.#queue[taken]!.items.length <= this.options.maxItems)) {
      count += this.#queue[taken]!.items.length;
      taken += 1;
    }
    return this.#queue.splice(0, taken);
  }

  async #writeGroup(group: Pending<Item>[]): Promise<void> {
    try {
      await this.options.write(group.length === 1 ? group[0]!.items : group.flatMap((pending) => pending.items));
      for (const pending of group) pending.resolve();
    } catch (error) {
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      // Alone, each caller learns whether its own items were written.
      for (const pending of group) {
        try {
          await this.options.write(pending.items);
          pending.resolve();
        } catch (own) {
          pending.reject(own);
        }
      }
    }
  }
}
