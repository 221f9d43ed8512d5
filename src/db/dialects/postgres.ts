import { PostgresDialect } from 'kysely';
import pg from 'pg';

/**
 * The scale-out engine (DESIGN.md §1). `searchPath` isolates a schema (tests give each file its own).
 */
export function postgresDialect(
  url: string,
  searchPath?: string,
): { dialect: PostgresDialect; pool: pg.Pool } {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  });
  return { dialect: new PostgresDialect({ pool }), pool };
}
