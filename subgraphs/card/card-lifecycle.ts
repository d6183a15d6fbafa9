/**
 * The card lifecycle as one state machine: every change of a card's state goes through
 * `moveCard`, which checks it against `NEXT_STATES` and records it in card.card_transition.
 *
 *   APPLIED → MADE → ISSUED → ACTIVE            申领 受理, 制卡完成, 发放, 社保功能启用
 *   ISSUED | ACTIVE → TEMPORARILY_LOST | LOST    挂失 (a card in the holder's hands: its bank function works
 *                                                before the social-insurance one is enabled)
 *   TEMPORARILY_LOST | LOST → ISSUED | ACTIVE    解挂, back to the state in use before the loss (a
 *                                                temporary loss also lapses by itself)
 *   LOST → REISSUED                              补领 completed: the lost card is replaced by a new one
 *   any state in force → CANCELLED               注销, a rejected 申领, a card replaced by 换领 / 换发
 *
 * REISSUED and CANCELLED are final. The physical and electronic card are one-to-one and share
 * this state (社会保险经办条例 第7条), and a person holds one card in force (not final) at a time.
 */
import { GraphQLError } from 'graphql';
import type { Queryable } from '../../src/db/database.js';
import { ErrorCode } from '../../src/errors.js';

export const CARD_STATES = ['APPLIED', 'MADE', 'ISSUED', 'ACTIVE', 'TEMPORARILY_LOST', 'LOST', 'REISSUED', 'CANCELLED'] as const;
export type CardState = (typeof CARD_STATES)[number];

/** The allowed moves from each state; anything else is CARD_TRANSITION_NOT_ALLOWED. */
export const NEXT_STATES: Readonly<Record<CardState, readonly CardState[]>> = {
  APPLIED: ['MADE', 'CANCELLED'],
  MADE: ['ISSUED', 'CANCELLED'],
  ISSUED: ['ACTIVE', 'TEMPORARILY_LOST', 'LOST', 'CANCELLED'],
  ACTIVE: ['TEMPORARILY_LOST', 'LOST', 'CANCELLED'],
  TEMPORARILY_LOST: ['ACTIVE', 'ISSUED', 'LOST', 'CANCELLED'],
  LOST: ['ACTIVE', 'ISSUED', 'REISSUED', 'CANCELLED'],
  REISSUED: [],
  CANCELLED: [],
};

/** Why a card changed state (card_transition.event). */
export type CardEvent =
  | 'APPLIED'
  | 'MADE'
  | 'ISSUED'
  | 'ENABLED'
  | 'TEMPORARY_LOSS'
  | 'FORMAL_LOSS'
  | 'UNLOCKED'
  | 'TEMPORARY_LOSS_LAPSED'
  | 'REISSUED'
  | 'REPLACED'
  | 'APPLICATION_REJECTED'
  | 'HOLDER_DIED'
  /** The card's state when its history began (migration 007). */
  | 'MIGRATED';

/** SQL condition of a card in force: not in a final state. One such card per person (a unique index). */
export const IN_FORCE_SQL = `status NOT IN ('REISSUED', 'CANCELLED')`;

export const isFinal = (state: CardState): boolean => NEXT_STATES[state].length === 0;
export const mayMove = (from: CardState, to: CardState): boolean => NEXT_STATES[from].includes(to);

/** Whether the card is reported lost now (a temporary loss still running, or a formal one). */
export function isReportedLost(state: CardState): boolean {
  return state === 'TEMPORARILY_LOST' || state === 'LOST';
}

/** Whether the card has reached its holder (ISSUED or later) and is still in force. */
export function isIssued(state: CardState): boolean {
  return state === 'ISSUED' || state === 'ACTIVE' || isReportedLost(state);
}

interface StoredState {
  readonly status: string;
  readonly temporary_loss_expires_at: Date | null;
  readonly insurance_function_enabled: boolean;
}

/**
 * The state a card in the holder's hands is in when not reported lost: ACTIVE once its
 * social-insurance function is enabled, ISSUED before. A loss ends (解挂, lapse) back in it.
 */
export function stateInUse(card: StoredState): 'ISSUED' | 'ACTIVE' {
  return card.insurance_function_enabled ? 'ACTIVE' : 'ISSUED';
}

/**
 * A card's state now. A temporary loss (临时挂失) lapses by itself: once its expiry has passed
 * the card is in use again (`stateInUse`) without any write (the next move records the lapse first).
 */
export function effectiveState(card: StoredState, now: Date = new Date()): CardState {
  const state = card.status as CardState;
  if (state === 'TEMPORARILY_LOST' && card.temporary_loss_expires_at && card.temporary_loss_expires_at <= now) return stateInUse(card);
  return state;
}

/** Whole days from `today` (YYYY-MM-DD) to `date` (negative once past). */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Who moved a card, and through what (one card_transition row per move). */
export interface CardChange {
  readonly event: CardEvent;
  readonly by: string;
  readonly channel?: string | null;
  readonly submissionId?: string | null;
  /** Further columns of card.social_security_card set with the state (issued_on, a loss's expiry …). */
  readonly columns?: Readonly<Record<string, unknown>>;
  /** The input at fault when the move is refused (default `cardNumber`; a decision: `decision.outcome`). */
  readonly field?: string;
}

export class CardTransitionError extends GraphQLError {
  constructor(
    readonly cardNumber: string,
    readonly from: CardState,
    readonly to: CardState,
    field = 'cardNumber',
  ) {
    super(`the card cannot go from ${from} to ${to}${isFinal(from) ? ` (${from} is final)` : ''}`, {
      extensions: { code: ErrorCode.CARD_TRANSITION_NOT_ALLOWED, field, from, to },
    });
  }
}

async function record(tx: Queryable, cardNumber: string, from: CardState | null, to: CardState, change: CardChange): Promise<void> {
  await tx.query(
    `INSERT INTO card.card_transition (card_number, from_status, to_status, event, changed_by, channel, submission_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [cardNumber, from, to, change.event, change.by, change.channel ?? null, change.submissionId ?? null],
  );
}

/** Records the birth of a card in `state` (APPLIED, or ISSUED for a card made in place of another). */
export async function recordCardCreated(tx: Queryable, cardNumber: string, state: CardState, change: CardChange): Promise<void> {
  await record(tx, cardNumber, null, state, change);
}

/**
 * Moves the card (locked) to `to`, or throws CardTransitionError when the state machine does not
 * allow it. A lapsed temporary loss is recorded first (TEMPORARILY_LOST → ACTIVE), so the history
 * has every state the card was in.
 */
export async function moveCard(tx: Queryable, cardNumber: string, to: CardState, change: CardChange): Promise<CardState> {
  const [card] = await tx.query<StoredState>(
    'SELECT status, temporary_loss_expires_at, insurance_function_enabled FROM card.social_security_card WHERE card_number = $1 FOR UPDATE',
    [cardNumber],
  );
  if (!card) throw new GraphQLError(`no card ${cardNumber}`, { extensions: { code: ErrorCode.CARD_NOT_FOUND, field: 'cardNumber' } });
  const from = effectiveState(card);
  if (from !== card.status) {
    await tx.query(`UPDATE card.social_security_card SET status = $2, temporary_loss_expires_at = NULL WHERE card_number = $1`, [cardNumber, from]);
    await record(tx, cardNumber, card.status as CardState, from, { ...change, event: 'TEMPORARY_LOSS_LAPSED', by: 'system' });
  }
  if (!mayMove(from, to)) throw new CardTransitionError(cardNumber, from, to, change.field);
  const columns: Record<string, unknown> = { temporary_loss_expires_at: null, ...change.columns };
  if (to === 'CANCELLED' || to === 'REISSUED') columns.cancelled_at = new Date();
  const names = Object.keys(columns);
  await tx.query(`UPDATE card.social_security_card SET status = $2${names.map((name, i) => `, ${name} = $${i + 3}`).join('')} WHERE card_number = $1`, [
    cardNumber,
    to,
    ...Object.values(columns),
  ]);
  await record(tx, cardNumber, from, to, change);
  return from;
}
