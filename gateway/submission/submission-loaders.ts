import DataLoader from 'dataloader';
import type { SubmissionStore } from './submission-store.js';

/** Per-request loaders of a submission's items and history (no N+1 over a page of submissions). */
export function createSubmissionLoaders(store: SubmissionStore) {
  const grouped = <Row extends { submission_id: string }>(fetch: (ids: readonly string[]) => Promise<Row[]>) =>
    new DataLoader<string, Row[]>(async (ids) => {
      const rows = await fetch(ids);
      return ids.map((id) => rows.filter((row) => row.submission_id === id));
    });
  return { items: grouped((ids) => store.items(ids)), events: grouped((ids) => store.events(ids)), referrals: grouped((ids) => store.referrals(ids)) };
}
export type SubmissionLoaders = ReturnType<typeof createSubmissionLoaders>;
