import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect } from 'kysely';
import { searchFold } from '../search-fold.js';
import { cachingHandle } from './statement-cache.js';

/**
 * The page size of a new database file. A first sync writes its tables in row order and builds their
 * indexes at the end (src/sync/deferred-indexes.ts): with 16 KiB pages instead of SQLite's 4 KiB it
 * sends a quarter of the page writes, and a million-dossier first load took ~1/5 less writer-thread
 * CPU (user 23.5 → 17.7–19.7 s, system 5.3 → 3.0 s before the commit; the end's index builds 7.3 →
 * 3.8 s), with the unchanged re-sync as before (bench/ingest.ts; src/sync/README.md "Performance").
 * SQLite fixes the page size when the first table is written, and never in WAL mode, so it is set
 * before anything else; a file created by an earlier build keeps its 4 KiB pages and works as before.
 */
export const SQLITE_PAGE_SIZE = 16_384;

/**
 * The embedded engine. WAL mode lets readers keep reading the last published state while a sync run
 * writes its transaction (DESIGN.md §1: "a run publishes atomically").
 */
export function sqliteDialect(
  file: string,
  pageSize: number = SQLITE_PAGE_SIZE,
): { dialect: SqliteDialect; raw: BetterSqlite3.Database } {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = new BetterSqlite3(file);
  raw.pragma(`page_size = ${pageSize}`);
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
