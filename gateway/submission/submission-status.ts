import type { ItemStatus, SubmissionItemRow, SubmissionStatus } from './submission-store.js';

/** An item the dispatcher still has to send (now or after a backoff). */
export const isOpen = (item: Pick<SubmissionItemRow, 'status' | 'retryable'>) => item.status === 'PENDING' || (item.status === 'FAILED' && item.retryable);

const GOOD: ReadonlySet<ItemStatus> = new Set(['COMPLETED', 'ACCEPTED', 'REFERRED']);
const BAD: ReadonlySet<ItemStatus> = new Set(['REJECTED', 'FAILED', 'SKIPPED', 'REVOKED']);

/**
 * A submission's status follows from its items:
 * IN_PROGRESS while any item is still to be sent; then REJECTED / FAILED when nothing went
 * through; PARTIALLY_REJECTED when some did and some did not; ACCEPTED while accepted items
 * await the counter, referred items another department's answer, or serial items (WAITING) the
 * one before them; COMPLETED when every item is done.
 */
export function submissionStatus(items: ReadonlyArray<Pick<SubmissionItemRow, 'status' | 'retryable'>>): { status: SubmissionStatus; finished: boolean } {
  if (items.some(isOpen)) return { status: 'IN_PROGRESS', finished: false };
  const good = items.filter((i) => GOOD.has(i.status));
  const bad = items.filter((i) => BAD.has(i.status));
  // Awaiting the counter (ACCEPTED), another department's answer (REFERRED), or the item before it (WAITING).
  const waiting = items.some((i) => i.status === 'ACCEPTED' || i.status === 'REFERRED' || i.status === 'WAITING');
  if (good.length === 0 && waiting) return { status: 'IN_PROGRESS', finished: false };
  if (good.length === 0) return { status: bad.some((i) => i.status === 'REJECTED' || i.status === 'REVOKED') ? 'REJECTED' : 'FAILED', finished: true };
  if (bad.length > 0) return { status: 'PARTIALLY_REJECTED', finished: !waiting };
  return waiting ? { status: 'ACCEPTED', finished: false } : { status: 'COMPLETED', finished: true };
}
