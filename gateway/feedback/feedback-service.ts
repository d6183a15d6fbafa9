import type { Catalog } from '../../src/catalog/index.js';
import type { Database } from '../../src/db/database.js';
import { feedbackPolicyOf, type FeedbackPolicy } from './feedback-policy.js';
import { FeedbackStatisticsStore } from './feedback-statistics.js';
import { NotDoneStore } from './not-done-store.js';
import { RatingStore } from './rating-store.js';

export interface FeedbackServiceOptions {
  readonly db: Database;
  readonly catalog: Catalog;
  /** PUBLIC_HOLIDAYS: days off beyond the State Council's calendar. */
  readonly holidays: ReadonlySet<string>;
  /** What "now" is (tests: a clock they move). */
  readonly clock?: () => Date;
}

/** 好差评 and 办不成事, as the resolvers use them: the stores, the local policy, the catalog. */
export class FeedbackService {
  readonly policy: FeedbackPolicy;
  readonly ratings: RatingStore;
  readonly notDone: NotDoneStore;
  readonly statistics: FeedbackStatisticsStore;
  readonly catalog: Catalog;

  constructor(options: FeedbackServiceOptions) {
    // A missing or malformed figure stops start-up, naming it.
    this.policy = feedbackPolicyOf(options.catalog, options.holidays);
    this.ratings = new RatingStore(options.db, options.clock);
    this.notDone = new NotDoneStore(options.db);
    this.statistics = new FeedbackStatisticsStore(options.db);
    this.catalog = options.catalog;
  }

  today(): string {
    return this.ratings.today();
  }

  /** 默认好评 for the finished cases whose period is over (all, or one). */
  recordDefaults(submissionId?: string): Promise<number> {
    return this.ratings.recordDefaults(this.policy.defaultSatisfiedAfter, this.policy.holidays, submissionId);
  }

  /** Who answers for an item or a case: the item's owner, the bundle's lead department. */
  ownerOf(bundleCode: string | null, itemCode: string | null): string {
    const item = itemCode ? this.catalog.items.get(itemCode) : undefined;
    if (item) return item.owner.kind === 'subgraph' ? item.owner.subgraph : item.owner.department;
    const bundle = bundleCode ? this.catalog.bundles.get(bundleCode) : undefined;
    return bundle?.lead ?? '办不成事反映窗口';
  }
}
