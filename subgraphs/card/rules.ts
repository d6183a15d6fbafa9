/**
 * What every card item checks first: the applicant's card in force (locked, so one person's card
 * items run one after another) and its state now. The stable rejection codes of the card items.
 */
import type { Queryable } from '../../src/db/database.js';
import { rejected } from '../../src/subgraph/item-ledger.js';
import type { ItemDispatch, ItemOutcome } from '../../src/contract/item-contract.js';
import { effectiveState, isReportedLost, mayMove, type CardState } from './card-lifecycle.js';
import type { CardRow } from './store.js';
import { cardWrites } from './writes.js';

/** Every code a card item rejects with; clients and the counter rely on them. */
export const CARD_REJECTION_CODES = {
  CARD_ALREADY_HELD: '申领: the applicant already holds a card in force',
  CARD_APPLICATION_OPEN: '申领: an earlier application is still being handled',
  NO_CARD_IN_FORCE: 'the applicant holds no card in force',
  CARD_NOT_ISSUED: 'the card applied for has not been made and issued yet',
  CARD_REPORTED_LOST: 'the card is reported lost: only 解挂 or 补领 apply to it',
  CARD_NOT_LOST: '补领 / 解挂: the card is not reported lost',
  CARD_ALREADY_LOST: '挂失: the card is already reported lost',
  REPLACEMENT_ALREADY_APPLIED: 'a new card (补领 / 换领 / 换发) is already being produced',
  REASON_REQUIRED: '办理原因 is blank',
  CARD_NOT_DUE_FOR_RENEWAL: '换领: neither within the days before expiry nor damaged',
  NO_REPLACEMENT_GROUND: '换发: neither an older card generation nor changed holder data',
  CARD_ALREADY_ENABLED: '启用: the social-insurance function is already enabled',
  CARD_NOT_ENABLED: 'the social-insurance function is not enabled yet',
  NO_BANK_ACCOUNT: '激活: the card carries no bank account',
  BANK_ACCOUNT_ALREADY_ACTIVATED: '激活: the bank account is already activated',
  CHANNEL_NOT_ALLOWED: 'the item cannot be handled on this channel',
  CARD_TRANSITION_NOT_ALLOWED: "the card lifecycle does not allow this change from the card's state",
  MAILING_ADDRESS_REQUIRED: '申领 by post: the mailing address, recipient and phone are asked once, in the shared fields',
} as const;
export type CardRejectionCode = keyof typeof CARD_REJECTION_CODES;

export function cardRejected(dispatch: ItemDispatch, code: CardRejectionCode, message: string, field?: string): ItemOutcome {
  return rejected(dispatch.itemCode, code, message, field);
}

/** Channels where the holder is not present (网上办, 掌上办). */
export const REMOTE_CHANNELS: ReadonlySet<string> = new Set(['ONLINE', 'MOBILE']);

export type CardCheck = { readonly card: CardRow; readonly status: CardState; readonly rejection?: undefined } | { readonly rejection: ItemOutcome };

/** The applicant's card in force (APPLIED … LOST) and its state now, or why there is none. */
export async function cardInForceFor(tx: Queryable, dispatch: ItemDispatch): Promise<CardCheck> {
  const card = await cardWrites.lockCardInForce(tx, dispatch.applicant.personId);
  if (card) return { card, status: effectiveState(card) };
  return { rejection: cardRejected(dispatch, 'NO_CARD_IN_FORCE', 'the applicant holds no social security card in force: apply for one (申领) first') };
}

/** A card that has reached its holder: not still being made (APPLIED, MADE). */
export async function issuedCardFor(tx: Queryable, dispatch: ItemDispatch): Promise<CardCheck> {
  const check = await cardInForceFor(tx, dispatch);
  if (check.rejection) return check;
  if (check.status === 'APPLIED' || check.status === 'MADE') {
    return {
      rejection: cardRejected(
        dispatch,
        'CARD_NOT_ISSUED',
        `the card applied for (申领) is ${check.status === 'APPLIED' ? 'not made yet' : 'made but not issued yet'}`,
      ),
    };
  }
  return check;
}

/** A card in use: issued and not reported lost. No transaction on a lost card: it is only unlocked or reissued. */
export async function usableCardFor(tx: Queryable, dispatch: ItemDispatch): Promise<CardCheck> {
  const check = await issuedCardFor(tx, dispatch);
  if (check.rejection) return check;
  if (isReportedLost(check.status)) {
    return { rejection: cardRejected(dispatch, 'CARD_REPORTED_LOST', 'the card is reported lost: unlock it (解挂) or apply for a new one (补领)') };
  }
  return check;
}

/** The state machine's word on a move an item is about to make, as a rejection (null: allowed). */
export function transitionRejection(dispatch: ItemDispatch, from: CardState, to: CardState, field?: string): ItemOutcome | null {
  if (mayMove(from, to)) return null;
  return cardRejected(dispatch, 'CARD_TRANSITION_NOT_ALLOWED', `the card is ${from}: it cannot become ${to}`, field);
}

/** A shared field's text, trimmed; null when absent or blank. */
export function sharedText(shared: Record<string, unknown> | null | undefined, name: string): string | null {
  const value = shared?.[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** A blank 办理原因 (the gateway checks presence, not content). */
export function blankReason(reason: string | null | undefined): boolean {
  return !reason || reason.trim() === '';
}
