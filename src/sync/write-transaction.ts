import { CompiledQuery } from 'kysely';
import type { Database } from '../db/database.js';
import { PostgresSession, SqliteSession, type SqlSession } from './sql-session.js';
import { WriterThreadSession } from './sqlite-writer-session.js';

/**
 * The run's connection settings. Page cache 8 MiB: at a million rows 8, 16 and 32 MiB showed no
 * difference in speed (150 s; 153–176 s; 171 s — single runs at different hours of a host whose speed
 * drifts: the B-trees outgrow each cache, the time is in B-tree work), and the smaller cache keeps the
 * process's peak memory lower (260, 272–277, 307 MiB; the rollup refresh's sorter is sized by it too).
 * At 100,000 rows 8 MiB was ~8 % slower than 16 in interleaved pairs; the memory goal is the one at a
 * million rows. src/sync/README.md "Performance".
 */
const WRITER_PRAGMAS = [
  'busy_timeout = 10000',
  'synchronous = NORMAL',
  'foreign_keys = ON',
  'cache_size = -8192',
  // One helper thread for SQLite's sorter: the end of a first load sorts whole tables (the deferred
  // indexes, the rollups' grouping) while the main thread has nothing left to do. At a million rows
  // that phase went from ~7.2 to ~6.2 s (three runs each), peak memory unchanged.
  'threads = 1',
  // The run's key tables (staging.ts) live in the temp store; they stay small.
  'temp.cache_size = -4096',
];

/**
 * Runs `work` in ONE transaction and commits it; any error rolls everything back and is rethrown
 * (DESIGN.md §1: "a crash or a fatal error leaves the previously published data untouched").
 *
 * SQLite file: a dedicated connection to the same file on the run's writer thread
 * (sqlite-writer-session.ts), so readers on the application's connection (a server in the same
 * process) keep seeing the last committed state (WAL) while the run writes, and the SQL runs on the
 * second core. An in-memory SQLite database has no second connection: the run uses its own handle.
 * PostgreSQL: one pooled connection held for the whole run.
 */
export async function inWriteTransaction<T>(
  database: Database,
  work: (s: SqlSession) => Promise<T>,
): Promise<T> {
  if (database.engine === 'sqlite') {
    const main = database.sqlite;
    if (!main)
      throw new Error('inWriteTransaction: a SQLite Database must expose its raw handle (database.sqlite).');
    if (main.memory) {
      main.exec('begin immediate');
      try {
        const result = await work(new SqliteSession(main, database.statements));
        main.exec('commit');
        return result;
      } catch (error) {
        if (main.inTransaction) main.exec('rollback');
        throw error;
      }
    }
    const session = await WriterThreadSession.open(main.name, WRITER_PRAGMAS, database.statements);
    try {
      const result = await work(session);
      await session.commit();
      return result;
    } catch (error) {
      await session.rollback();
      throw error;
    }
  }
  return database.db.connection().execute(async (conn) => {
    await conn.executeQuery(CompiledQuery.raw('begin'));
    try {
      const result = await work(new PostgresSession(conn));
      await conn.executeQuery(CompiledQuery.raw('commit'));
      return result;
    } catch (error) {
      await conn.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
      throw error;
    }
  });
}
