import { type CreateTableBuilder, type Kysely, PostgresAdapter } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL spell a column differently. Every migration goes
 * through these helpers so the same migration file runs on both engines (DESIGN.md §1: "the same
 * migrations run on SQLite and PostgreSQL").
 *
 * Conventions shared by every table:
 * - codes and ids are `text` (leading zeros matter: `01`, `00004`);
 * - instants are `text` in ISO-8601 UTC with milliseconds (`2025-07-03T01:22:11.000Z`), which sort
 *   and compare as strings identically on both engines; local calendar dates are `text` `yyyy-MM-dd`;
 * - booleans are `integer` 0/1; JSON documents are `text`;
 * - fractional numbers are `double precision` (SQLite gives that name REAL affinity).
 */
export function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-numbered integer primary key named `id` (serial on PostgreSQL, rowid alias on SQLite). */
export function withSerialId<T extends string>(
  db: Kysely<unknown>,
  table: CreateTableBuilder<T, never>,
): CreateTableBuilder<T, 'id'> {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export const DOUBLE = 'double precision' as const;
