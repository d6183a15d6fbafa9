/**
 * A card's state as the rules and clients see it. A temporary loss (临时挂失) lapses by itself:
 * once its expiry has passed the card is usable again, without any write.
 */
import type { CardRow } from './store.js';

export type CardStatus = 'APPLIED' | 'IN_PRODUCTION' | 'ACTIVE' | 'TEMPORARILY_LOST' | 'LOST' | 'CANCELLED';

export function effectiveStatus(card: Pick<CardRow, 'status' | 'temporary_loss_expires_at'>, now: Date = new Date()): CardStatus {
  const status = card.status as CardStatus;
  if (status === 'TEMPORARILY_LOST' && card.temporary_loss_expires_at && card.temporary_loss_expires_at <= now) return 'ACTIVE';
  return status;
}

/** Whether the card is reported lost now (a temporary loss still running, or a formal one). */
export function isReportedLost(status: CardStatus): boolean {
  return status === 'TEMPORARILY_LOST' || status === 'LOST';
}

/** Whole days from `today` (YYYY-MM-DD) to `date` (negative once past). */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}
