import type BetterSqlite3 from 'better-sqlite3';
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

/** Rows as value arrays, with the column names in select-list order. */
export interface ArrayRows {
  columns: string[];
  rows: unknown[][];
}

/** Raw-mode statements per SQLite handle (apart from Kysely's, which must keep returning objects). */
const arrayStatements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();
const MAX_ARRAY_STATEMENTS = 200;

/**
 * `runSql` for large aggregate answers: rows as arrays. better-sqlite3 builds a keyed object per row
 * through the V8 API, which for ~2,000 rows of 20 figures costs about as much as SQLite's own work
 * (~7 ms here, README "Dashboard queries"); arrays cost a fraction of it. PostgreSQL rows arrive as
 * objects from its driver and are turned into arrays (their keys keep the select-list order). Counted
 * in `database.statements` like every statement.
 */
export async function runSqlArrays(database: Database, query: SqlText): Promise<ArrayRows> {
  const handle = database.sqlite;
  if (database.engine !== 'sqlite' || !handle) {
    const objects = await runSql<Record<string, unknown>>(database, query);
    const columns = objects.length > 0 ? Object.keys(objects[0]!) : [];
    return { columns, rows: objects.map((o) => columns.map((c) => o[c])) };
  }
  let cache = arrayStatements.get(handle);
  if (cache === undefined) {
    cache = new Map();
    arrayStatements.set(handle, cache);
  }
  let statement = cache.get(query.text);
  if (statement === undefined) {
    statement = handle.prepare(query.text).raw(true);
    if (cache.size >= MAX_ARRAY_STATEMENTS) cache.delete(cache.keys().next().value!);
    cache.set(query.text, statement);
  }
  database.statements.count += 1;
  if (database.statements.keepLog) database.statements.log.push(query.text);
  return {
    columns: statement.columns().map((c) => c.name),
    rows: statement.all(query.params) as unknown[][],
  };
}

/** `(?, ?, …)` for a non-empty list. */
export function marks(values: readonly unknown[]): string {
  if (values.length === 0)
    throw new Error('marks: an IN list needs at least one value (answer empty results without SQL).');
  return `(${values.map(() => '?').join(', ')})`;
}
