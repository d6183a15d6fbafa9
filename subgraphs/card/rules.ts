/**
 * What every card item checks first: the applicant's card in force (locked, so one person's card
 * items run one after another) and its state now. The stable rejection codes of the card items.
 */
import type { Queryable } from '../../src/db/database.js';
import { rejected } from '../../src/subgraph/item-ledger.js';
import type { ItemDispatch, ItemOutcome } from '../../src/contract/item-contract.js';
import { effectiveStatus, isReportedLost, type CardStatus } from './card-state.js';
import type { CardRow } from './store.js';
import { applications } from './records.js';
import { cardWrites } from './writes.js';

/** Every code a card item rejects with; clients and the counter rely on them. */
export const CARD_REJECTION_CODES = {
  CARD_ALREADY_HELD: '申领: the applicant already holds a card in force',
  CARD_APPLICATION_OPEN: '申领: an earlier application is still being handled',
  NO_CARD_IN_FORCE: 'the applicant holds no card in force',
  CARD_NOT_ISSUED: 'the card applied for has not been issued yet',
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
} as const;
export type CardRejectionCode = keyof typeof CARD_REJECTION_CODES;

export function cardRejected(dispatch: ItemDispatch, code: CardRejectionCode, message: string, field?: string): ItemOutcome {
  return rejected(dispatch.itemCode, code, message, field);
}

/** Channels where the holder is not present (网上办, 掌上办). */
export const REMOTE_CHANNELS: ReadonlySet<string> = new Set(['ONLINE', 'MOBILE']);

export type CardCheck = { readonly card: CardRow; readonly status: CardStatus; readonly rejection?: undefined } | { readonly rejection: ItemOutcome };

/** The applicant's card in force and its state now, or why there is none. */
export async function cardInForceFor(tx: Queryable, dispatch: ItemDispatch): Promise<CardCheck> {
  const personKey = dispatch.applicant.personId;
  const card = await cardWrites.lockCardInForce(tx, personKey);
  if (card) return { card, status: effectiveStatus(card) };
  if (await applications.hasOpen(tx, personKey)) {
    return { rejection: cardRejected(dispatch, 'CARD_NOT_ISSUED', 'the card applied for (申领) has not been issued yet') };
  }
  return { rejection: cardRejected(dispatch, 'NO_CARD_IN_FORCE', 'the applicant holds no social security card in force: apply for one (申领) first') };
}

/** A card in use: in force and not reported lost (a lost card is only unlocked or reissued). */
export async function usableCardFor(tx: Queryable, dispatch: ItemDispatch): Promise<CardCheck> {
  const check = await cardInForceFor(tx, dispatch);
  if (check.rejection) return check;
  if (isReportedLost(check.status)) {
    return { rejection: cardRejected(dispatch, 'CARD_REPORTED_LOST', 'the card is reported lost: unlock it (解挂) or apply for a new one (补领)') };
  }
  return check;
}

/** A blank 办理原因 (the gateway checks presence, not content). */
export function blankReason(reason: string | null | undefined): boolean {
  return !reason || reason.trim() === '';
}
