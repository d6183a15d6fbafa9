import DataLoader from 'dataloader';

/**
 * A per-request loader of one row per key: every `load` in one tick becomes one query, and
 * a missing row is `null`. This is what makes one `_entities` call one SQL statement.
 */
export function rowLoader<Row>(fetchRows: (keys: readonly string[]) => Promise<Row[]>, keyOf: (row: Row) => string): DataLoader<string, Row | null> {
  return new DataLoader(async (keys) => {
    const byKey = new Map((await fetchRows(keys)).map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** A per-request loader of all rows per key (for lists such as a person's registrations). */
export function rowsLoader<Row>(fetchRows: (keys: readonly string[]) => Promise<Row[]>, keyOf: (row: Row) => string): DataLoader<string, Row[]> {
  return new DataLoader(async (keys) => {
    const byKey = new Map<string, Row[]>(keys.map((key) => [key, []]));
    for (const row of await fetchRows(keys)) byKey.get(keyOf(row))?.push(row);
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
