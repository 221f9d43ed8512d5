import { Migrator } from 'kysely';
import { migrationProvider } from '../../schema/migrations/index.js';
import type { Database } from './database.js';

/**
 * Brings the database to the latest migration. Kysely's migrator holds a lock while it works
 * (an advisory lock on PostgreSQL), so several processes starting at once migrate exactly once.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
