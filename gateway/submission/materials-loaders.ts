import DataLoader from 'dataloader';
import type { MaterialsStore } from './materials-store.js';

/** Per-request loaders of submissions' materials and commitments (one query per page of submissions). */
export function createMaterialLoaders(store: MaterialsStore) {
  const grouped = <Row extends { submission_id: string }>(fetch: (ids: readonly string[]) => Promise<Row[]>) =>
    new DataLoader<string, Row[]>(async (ids) => {
      const rows = await fetch(ids);
      return ids.map((id) => rows.filter((row) => row.submission_id === id));
    });
  return { materials: grouped((ids) => store.materials(ids)), commitments: grouped((ids) => store.commitments(ids)) };
}
export type MaterialLoaders = ReturnType<typeof createMaterialLoaders>;
