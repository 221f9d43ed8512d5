import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Statement texts kept prepared per connection: the app's queries are a few hundred fixed texts. */
const MAX_STATEMENTS = 500;

/**
 * The SQLite handle Kysely queries through, keeping statements prepared by their text.
 *
 * Kysely's SQLite driver prepares every statement anew (`db.prepare(sql)` per query); compiling the
 * SQL costs tens of microseconds, as much as running a primary-key read, and a dashboard request runs
 * the same few texts every time (measured in bench/query.ts "dashboard req/s"). A prepared statement
 * stays valid across schema changes (SQLite recompiles it when the schema changed: sqlite3_prepare_v2).
 *
 * `iterate` (Kysely's `.stream()`) gets a statement of its own: a better-sqlite3 statement that is
 * iterating cannot run another query meanwhile, and a stream may be interleaved with other queries.
 */
export function cachingHandle(raw: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => raw.close(),
    prepare(sql: string): SqliteStatement {
      let statement = cache.get(sql);
      if (statement === undefined) {
        const prepared = raw.prepare(sql);
        statement = {
          reader: prepared.reader,
          all: (parameters) => prepared.all(parameters),
          run: (parameters) => prepared.run(parameters),
          iterate: (parameters) => raw.prepare(sql).iterate(parameters),
        };
        // Bounded: the oldest text goes first (generated texts such as IN lists of varying length).
        if (cache.size >= MAX_STATEMENTS) cache.delete(cache.keys().next().value!);
        cache.set(sql, statement);
      }
      return statement;
    },
  };
}
