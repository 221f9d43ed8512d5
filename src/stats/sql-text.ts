import { CompiledQuery } from 'kysely';
import type { Database } from '../db/database.js';

/**
 * Aggregate SQL is assembled as text with `?` placeholders (the shapes vary with groupBy, filters and
 * policy, and share fragments with the rollup refresh, which runs on the sync engine's session), then
 * executed through Kysely so every statement is counted (`database.statements`). PostgreSQL gets
 * `$n` placeholders. No fragment contains a `?` of its own: values always travel as parameters.
 */
export interface SqlText {
  text: string;
  params: unknown[];
}

export async function runSql<T>(database: Database, query: SqlText): Promise<T[]> {
  let text = query.text;
  if (database.engine === 'postgres') {
    let n = 0;
    text = text.replace(/\?/g, () => `$${++n}`);
  }
  const result = await database.db.executeQuery<T>(CompiledQuery.raw(text, query.params));
  return result.rows as T[];
}

/** `(?, ?, …)` for a non-empty list. */
export function marks(values: readonly unknown[]): string {
  if (values.length === 0)
    throw new Error('marks: an IN list needs at least one value (answer empty results without SQL).');
  return `(${values.map(() => '?').join(', ')})`;
}
