/**
 * Shared pieces of the per-request DataLoaders (README "Add a loader"): the batch size cap and the
 * grouping of a batch's rows back to the keys that asked for them.
 */

/** Keys per batch: far below every engine's bound-parameter limit. */
export const MAX_BATCH = 1000;

/** Rows grouped by a key, in the order they came (the query's ORDER BY). */
export function groupBy<T>(rows: readonly T[], keyOf: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}

/** A batch's results in key order: every key gets its group, or an empty list. */
export function inKeyOrder<T>(keys: readonly string[], rows: readonly T[], keyOf: (row: T) => string): T[][] {
  const byKey = groupBy(rows, keyOf);
  return keys.map((k) => byKey.get(k) ?? []);
}

/** A batch's results in key order: every key gets its one row, or null. */
export function oneInKeyOrder<T>(
  keys: readonly string[],
  rows: readonly T[],
  keyOf: (row: T) => string,
): (T | null)[] {
  const byKey = new Map(rows.map((r) => [keyOf(r), r] as const));
  return keys.map((k) => byKey.get(k) ?? null);
}

/** A JSON text column read back, or `fallback` when it is null or not JSON. */
export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
