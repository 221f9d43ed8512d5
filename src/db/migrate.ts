import type BetterSqlite3 from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { migrationProvider, migrations } from '../../schema/migrations/index.js';
import type { Database } from './database.js';

/**
 * Brings the database to the latest migration, exactly once however many processes start at the same
 * time (docs/deploy.md "Upgrades"):
 * - PostgreSQL: Kysely's migrator holds an advisory lock while it works;
 * - SQLite: Kysely takes no lock there (it assumes one connection), so two processes starting on a
 *   fresh file both ran 0001 and the second failed with `table "…" already exists`. The migrations
 *   therefore run inside one `BEGIN IMMEDIATE` transaction — SQLite's single writer lock, which a second
 *   process waits for (busy_timeout) and then finds nothing left to do. The whole upgrade is atomic too.
 *   An up-to-date file is recognised without the write lock, so commands still start while a sync writes.
 *
 * On PostgreSQL the migrator is told the current schema: without it Kysely looks for its
 * `kysely_migration*` tables in *every* schema, so a database whose search path isolates a schema
 * (tests: one per file, run in parallel) could take another schema's tables for its own and fail with
 * `relation "kysely_migration_lock" does not exist`.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  if (database.sqlite) {
    const raw = database.sqlite;
    if (sqliteUpToDate(raw)) return [];
    await beginImmediate(raw);
    try {
      const applied = await runMigrator(database);
      raw.exec('commit');
      return applied;
    } catch (error) {
      if (raw.inTransaction) raw.exec('rollback');
      throw error;
    }
  }
  return runMigrator(database);
}

async function runMigrator(database: Database): Promise<string[]> {
  const schema =
    database.engine === 'postgres'
      ? (await sql<{ schema: string | null }>`select current_schema() as schema`.execute(database.db)).rows[0]
          ?.schema
      : undefined;
  if (database.engine === 'postgres' && !schema) {
    throw new Error(
      'PostgreSQL has no schema to create the tables in: the search path names none that exists. ' +
        'Create it first (`create schema <name>`) or fix LIENTHONG_PG_SCHEMA / the search_path option of DATABASE_URL.',
    );
  }
  const migrator = new Migrator({
    db: database.db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Every known migration is recorded (a read: no lock needed). */
function sqliteUpToDate(raw: BetterSqlite3.Database): boolean {
  const exists = raw
    .prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  if (!exists) return false;
  const done = new Set(
    (raw.prepare('select name from kysely_migration').all() as { name: string }[]).map((r) => r.name),
  );
  return Object.keys(migrations).every((name) => done.has(name));
}

/** How long a starting process waits for another one's migrations (or a sync's write) to finish. */
const MIGRATION_WAIT_MS = 120_000;

async function beginImmediate(raw: BetterSqlite3.Database): Promise<void> {
  const deadline = Date.now() + MIGRATION_WAIT_MS;
  for (;;) {
    try {
      // Waits up to busy_timeout (src/db/dialects/sqlite.ts) for the writer lock each time.
      raw.exec('begin immediate');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) {
        if ((error as { code?: string }).code === 'SQLITE_BUSY') {
          throw new Error(
            `Cannot migrate ${raw.name}: another process has been writing to it for ${MIGRATION_WAIT_MS / 1000} s ` +
              '(a sync run?). SQLite allows one writer at a time; start again when it has finished.',
          );
        }
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
