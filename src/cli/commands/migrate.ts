import type { Command } from 'commander';
import { describeDatabase } from '../../db/config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { databaseConfig, say } from '../runtime.js';

/** `lienthong migrate`: brings the database to the latest schema (schema/migrations). */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply every pending migration to the database (DATABASE_URL or LIENTHONG_DB)')
    .action(async () => {
      const config = databaseConfig();
      const database = await openDatabase(config);
      try {
        const applied = await migrateToLatest(database);
        say(
          applied.length > 0
            ? `Applied ${applied.length} migration(s) to ${describeDatabase(config)}: ${applied.join(', ')}`
            : `${describeDatabase(config)} is up to date.`,
        );
      } finally {
        await database.close();
      }
    });
}
