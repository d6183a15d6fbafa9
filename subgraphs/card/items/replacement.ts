/**
 * A new card in place of the one in force: 补领 (lost), 换领 (expiring or damaged), 换发 (new
 * generation or changed data). All TIME_LIMITED (catalog: local cardProductionDays): accepted
 * here, the new card issued — and the old one cancelled — when the counter completes it.
 */
import type { Queryable } from '../../../src/db/database.js';
import type { CardItemHandlers, ReissueSocialSecurityCardInput as ReasonInput } from '../generated/items.js';
import type { ItemDispatch, ItemOutcome } from '../../../src/contract/item-contract.js';
import { todayInChina } from '../../../src/policy/calendar.js';
import { daysUntil, isReportedLost, moveCard } from '../card-lifecycle.js';
import { cardPolicy, CURRENT_CARD_GENERATION, DAMAGE_WORDS } from '../policy.js';
import { blankReason, cardRejected, issuedCardFor, usableCardFor } from '../rules.js';
import type { CardReplacementKind, CardRow } from '../store.js';
import { replacements } from '../records.js';
import { byDispatch } from '../writes.js';

/** The gateway checks that 办理原因 is present, not that it says anything. */
function blankReasonRejection(input: ReasonInput, dispatch: ItemDispatch): ItemOutcome | null {
  if (blankReason(input.reason)) return cardRejected(dispatch, 'REASON_REQUIRED', '办理原因 must say why a new card is needed', 'reason');
  return null;
}

/** One new card at a time per person. */
async function noOpenReplacement(tx: Queryable, dispatch: ItemDispatch): Promise<ItemOutcome | null> {
  if (await replacements.hasOpen(tx, dispatch.applicant.personId)) {
    return cardRejected(dispatch, 'REPLACEMENT_ALREADY_APPLIED', 'a new card (补领 / 换领 / 换发) is already being produced for the applicant');
  }
  return null;
}

async function accept(tx: Queryable, dispatch: ItemDispatch, kind: CardReplacementKind, card: CardRow, reason: string): Promise<ItemOutcome> {
  const number = await replacements.insert(tx, dispatch, {
    person_key: dispatch.applicant.personId,
    kind,
    reason: reason.trim(),
    replaced_card_number: card.card_number,
  });
  return replacements.accepted(dispatch, number);
}

export const replacementHandlers = {
  /** CARD_REISSUE (补领): for a card reported lost; the new card has a new number, the lost one is cancelled at issue. */
  CARD_REISSUE: async (tx, input, dispatch) => {
    const invalid = blankReasonRejection(input, dispatch);
    if (invalid) return invalid;
    const check = await issuedCardFor(tx, dispatch);
    if (check.rejection) return check.rejection;
    const open = await noOpenReplacement(tx, dispatch);
    if (open) return open;
    // Reissue only after a loss report (LOST → REISSUED is the only way to a new card for a lost one).
    if (!isReportedLost(check.status)) {
      return cardRejected(
        dispatch,
        'CARD_NOT_LOST',
        'the card is not reported lost: report the loss (挂失) first; a damaged or expiring card is renewed (换领)',
      );
    }
    // 解挂 is possible only before a replacement is applied for: a running temporary loss becomes
    // formal here, so that it cannot lapse (and the lost card work again) while the new one is made.
    if (check.status === 'TEMPORARILY_LOST') await moveCard(tx, check.card.card_number, 'LOST', byDispatch(dispatch, 'FORMAL_LOSS'));
    return accept(tx, dispatch, 'REISSUE', check.card, input.reason);
  },

  /** CARD_RENEWAL (换领): within cardRenewalAdvanceDays (local policy) before expiry, or for a damaged card. */
  CARD_RENEWAL: async (tx, input, dispatch) => {
    const invalid = blankReasonRejection(input, dispatch);
    if (invalid) return invalid;
    const check = await usableCardFor(tx, dispatch);
    if (check.rejection) return check.rejection;
    const open = await noOpenReplacement(tx, dispatch);
    if (open) return open;
    const { renewalAdvanceDays } = cardPolicy();
    const validUntil = check.card.valid_until;
    const due = validUntil !== null && daysUntil(validUntil, todayInChina()) <= renewalAdvanceDays;
    // A damaged card may be renewed at any time; the counter checks the card handed in.
    const damaged = DAMAGE_WORDS.some((word) => input.reason.includes(word));
    if (!due && !damaged) {
      return cardRejected(
        dispatch,
        'CARD_NOT_DUE_FOR_RENEWAL',
        `the card is valid until ${validUntil ?? 'an unknown date'}: 换领 may be requested from ${renewalAdvanceDays} days before expiry, or for a damaged card (办理原因 says how it is damaged, e.g. 芯片损坏)`,
        'reason',
      );
    }
    return accept(tx, dispatch, 'RENEWAL', check.card, input.reason);
  },

  /** CARD_REPLACEMENT (换发): the card is of an older generation, or its printed data no longer match the holder's. */
  CARD_REPLACEMENT: async (tx, input, dispatch) => {
    const invalid = blankReasonRejection(input, dispatch);
    if (invalid) return invalid;
    const check = await usableCardFor(tx, dispatch);
    if (check.rejection) return check.rejection;
    const open = await noOpenReplacement(tx, dispatch);
    if (open) return open;
    const olderGeneration = check.card.generation < CURRENT_CARD_GENERATION;
    const dataChanged = check.card.printed_name !== null && check.card.printed_name !== dispatch.applicant.name;
    if (!olderGeneration && !dataChanged) {
      return cardRejected(
        dispatch,
        'NO_REPLACEMENT_GROUND',
        'the card is of the current generation and its data match the holder: 换发 is for a new card generation or changed data (a damaged or expiring card is renewed: 换领)',
        'reason',
      );
    }
    return accept(tx, dispatch, 'REPLACEMENT', check.card, input.reason);
  },
} satisfies Partial<CardItemHandlers>;
