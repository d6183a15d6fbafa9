import { decisionMutation } from '../../src/subgraph/item-ledger.js';
import { cardItemResolvers } from './generated/items.js';
import { applicationHandlers } from './items/application.js';
import { lossHandlers } from './items/loss.js';
import { replacementHandlers } from './items/replacement.js';
import { serviceHandlers } from './items/services.js';
import { cardWrites } from './writes.js';

/** The card subgraph's items: one resolver per catalog item (schema/catalog/items/card.yaml). */
export const cardItemMutations = {
  ...cardItemResolvers({ ...applicationHandlers, ...replacementHandlers, ...serviceHandlers, ...lossHandlers }),

  /** The counter completes or rejects a TIME_LIMITED card item: 申领, 补领, 换领, 换发. */
  decideCardItem: decisionMutation(async (tx, entry, decision) => {
    if (!entry.recordId) return;
    const complete = decision.outcome === 'COMPLETE';
    switch (entry.recordType) {
      case 'CardApplication':
        if (complete) await cardWrites.issueCardFor(tx, entry.recordId);
        else await cardWrites.rejectApplication(tx, entry.recordId);
        return;
      case 'CardReplacement':
        if (complete) await cardWrites.completeReplacement(tx, entry.recordId);
        else await cardWrites.rejectReplacement(tx, entry.recordId);
        return;
      default:
        // INSTANT items are COMPLETED at once and never reach a decision (the ledger refuses them).
        return;
    }
  }),
};
