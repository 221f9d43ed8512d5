import { type DatabaseConfig, databaseConfigFromEnv, describeDatabase } from '../db/config.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';

/**
 * What every command shares: the database from the environment (`DATABASE_URL`, `LIENTHONG_DB`), and
 * error reporting. A command throws; main.ts prints the message on one line and exits with code 1.
 */
export function databaseConfig(): DatabaseConfig {
  return databaseConfigFromEnv(process.env);
}

/** Opens the configured database, migrates it to the latest schema, runs `work`, closes it. */
export async function withDatabase<T>(
  work: (database: Database, description: string) => Promise<T>,
): Promise<T> {
  const config = databaseConfig();
  const database = await openDatabase(config);
  try {
    await migrateToLatest(database);
    return await work(database, describeDatabase(config));
  } finally {
    await database.close();
  }
}

/** Writes a line of command output (stdout; logs go to stderr). */
export function say(line: string): void {
  process.stdout.write(`${line}\n`);
}
