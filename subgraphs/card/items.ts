import { cardItemResolvers } from './generated/items.js';
import { applicationHandlers } from './items/application.js';
import { cancellationHandlers } from './items/cancellation.js';
import { lossHandlers } from './items/loss.js';
import { replacementHandlers } from './items/replacement.js';
import { serviceHandlers } from './items/services.js';
import { cardRecords } from './records.js';

/** The card subgraph's items: one resolver per catalog item (schema/catalog/items/card.yaml). */
export const cardItemMutations = {
  ...cardItemResolvers({ ...applicationHandlers, ...cancellationHandlers, ...replacementHandlers, ...serviceHandlers, ...lossHandlers }),

  /**
   * The counter completes or rejects a TIME_LIMITED card item (申领, 补领, 换领, 换发, 注销), through its
   * record. INSTANT items are COMPLETED at once and never reach a decision (the ledger refuses them).
   */
  decideCardItem: cardRecords.decision,
};
