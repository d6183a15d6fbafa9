/**
 * CARD_LOSS_REPORT (挂失与解挂), INSTANT. The physical and electronic card are one-to-one and
 * share their state (经办条例 art. 7), so a loss report covers both. 临时挂失 lapses by itself after
 * temporaryLossExpiryDays (local policy, 7–10); 正式挂失 is made in person with ID; 解挂 only
 * before a replacement is applied for. A card in the holder's hands (ISSUED or ACTIVE) is reported
 * lost, and 解挂 returns it to that state (card-lifecycle.ts).
 */
import type { CardItemHandlers } from '../generated/items.js';
import { isReportedLost, moveCard, stateInUse } from '../card-lifecycle.js';
import { cardPolicy } from '../policy.js';
import { cardRejected, issuedCardFor, REMOTE_CHANNELS, transitionRejection } from '../rules.js';
import { lossReports, replacements } from '../records.js';
import { byDispatch } from '../writes.js';

const DAY_MS = 86_400_000;

export const lossHandlers = {
  CARD_LOSS_REPORT: async (tx, input, dispatch) => {
    const check = await issuedCardFor(tx, dispatch);
    if (check.rejection) return check.rejection;
    const { card, status } = check;
    let expiresAt: Date | null = null;
    switch (input.operation) {
      case 'TEMPORARY_LOSS': {
        // By phone, online or in person: it stops the card at once and lapses by itself.
        if (isReportedLost(status)) return cardRejected(dispatch, 'CARD_ALREADY_LOST', 'the card is already reported lost', 'operation');
        const refused = transitionRejection(dispatch, status, 'TEMPORARILY_LOST', 'operation');
        if (refused) return refused;
        expiresAt = new Date(Date.now() + cardPolicy().temporaryLossExpiryDays * DAY_MS);
        await moveCard(tx, card.card_number, 'TEMPORARILY_LOST', {
          ...byDispatch(dispatch, 'TEMPORARY_LOSS'),
          columns: { temporary_loss_expires_at: expiresAt },
        });
        break;
      }
      case 'FORMAL_LOSS': {
        if (status === 'LOST') return cardRejected(dispatch, 'CARD_ALREADY_LOST', 'the card is already formally reported lost', 'operation');
        const refused = transitionRejection(dispatch, status, 'LOST', 'operation');
        if (refused) return refused;
        if (REMOTE_CHANNELS.has(dispatch.channel)) {
          return cardRejected(
            dispatch,
            'CHANNEL_NOT_ALLOWED',
            '正式挂失 is made in person with an ID document (counter, self-service terminal or an agent point), not online',
            'dispatch.channel',
          );
        }
        await moveCard(tx, card.card_number, 'LOST', byDispatch(dispatch, 'FORMAL_LOSS'));
        break;
      }
      case 'UNLOCK': {
        if (!isReportedLost(status))
          return cardRejected(dispatch, 'CARD_NOT_LOST', 'the card is not reported lost (a temporary loss lapses by itself)', 'operation');
        if (await replacements.hasOpen(tx, dispatch.applicant.personId)) {
          return cardRejected(
            dispatch,
            'REPLACEMENT_ALREADY_APPLIED',
            'a new card has been applied for in place of this one: it can no longer be unlocked (解挂)',
            'operation',
          );
        }
        // Lifting a formal loss, like making it, needs the holder in person with ID.
        if (status === 'LOST' && REMOTE_CHANNELS.has(dispatch.channel)) {
          return cardRejected(
            dispatch,
            'CHANNEL_NOT_ALLOWED',
            'a formal loss (正式挂失) is lifted in person with an ID document, not online',
            'dispatch.channel',
          );
        }
        await moveCard(tx, card.card_number, stateInUse(card), byDispatch(dispatch, 'UNLOCKED'));
        break;
      }
      default: {
        const unknown: never = input.operation;
        throw new TypeError(`operation: expected TEMPORARY_LOSS, FORMAL_LOSS or UNLOCK, got ${String(unknown)}`);
      }
    }
    const number = await lossReports.insert(tx, dispatch, {
      person_key: dispatch.applicant.personId,
      card_number: card.card_number,
      operation: input.operation,
      channel: dispatch.channel,
      expires_at: expiresAt,
    });
    return lossReports.completed(dispatch, number);
  },
} satisfies Partial<CardItemHandlers>;
