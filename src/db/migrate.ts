import { Migrator, sql } from 'kysely';
import { migrationProvider } from '../../schema/migrations/index.js';
import type { Database } from './database.js';

/**
 * Brings the database to the latest migration. Kysely's migrator holds a lock while it works
 * (an advisory lock on PostgreSQL), so several processes starting at once migrate exactly once.
 *
 * On PostgreSQL the migrator is told the current schema: without it Kysely looks for its
 * `kysely_migration*` tables in *every* schema, so a database whose search path isolates a schema
 * (tests: one per file, run in parallel) could take another schema's tables for its own and fail with
 * `relation "kysely_migration_lock" does not exist`.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const schema =
    database.engine === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]
          ?.schema
      : undefined;
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
