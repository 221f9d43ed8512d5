import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { searchFold } from '../search-fold.js';
import { cachingHandle } from './statement-cache.js';

/**
 * The embedded engine. WAL mode lets readers keep reading the last published state while a sync run
 * writes its transaction (DESIGN.md §1: "a run publishes atomically").
 */
export function sqliteDialect(file: string): { dialect: SqliteDialect; raw: BetterSqlite3.Database } {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = NORMAL');
  raw.pragma('foreign_keys = ON');
  // A second process (a sync while the server runs) waits for the writer instead of failing at once.
  raw.pragma('busy_timeout = 10000');
  // Search folding (src/db/search-fold.ts): SQLite's lower() folds ASCII only.
  raw.function('lt_fold', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? searchFold(text) : text,
  );
  return { dialect: new SqliteDialect({ database: cachingHandle(raw) }), raw };
}
