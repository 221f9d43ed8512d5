import { type Kysely, sql } from 'kysely';
import { isPostgres } from './column-types.js';

/**
 * SQLite: the lineage key and the dossier id become named unique indexes instead of primary-key
 * constraints (issue #3, the ingest speed; src/sync/README.md "Performance").
 *
 * A primary key that is not the rowid lives in an index SQLite creates for it and never lets go of
 * (`sqlite_autoindex_…`, no definition to drop and re-create). A first load inserts a million randomly
 * keyed entries into each of the two: measured at a million dvcqg rows, the `source_records` and
 * `dossiers` inserts took 13.8 s and 13.6 s with them and 5.0 s and 6.2 s without, plus 2.9 s to build
 * both indexes afterwards by one sort each. As named unique indexes, `source_records_key
 * (source_id, record_type, source_key)` and `dossiers_id (id)`, they keep every guarantee (uniqueness,
 * the lineage upsert's conflict target, lookups by key) and a first load can build them at the end
 * (src/sync/deferred-indexes.ts). The tables are rebuilt with their columns, rows and other indexes
 * as they were (SQLite cannot drop a table constraint in place).
 *
 * PostgreSQL keeps its primary keys: its runs never defer an index (readers would be locked out).
 */
const KEYS = [
  {
    table: 'source_records',
    constraint: ', constraint "source_records_pk" primary key ("source_id", "record_type", "source_key")',
    withoutConstraint: '',
    index:
      'create unique index "source_records_key" on "source_records" ("source_id", "record_type", "source_key")',
  },
  {
    table: 'dossiers',
    constraint: '"id" text primary key',
    withoutConstraint: '"id" text not null',
    index: 'create unique index "dossiers_id" on "dossiers" ("id")',
  },
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  for (const k of KEYS) {
    await rebuildTable(db, k.table, (ddl) => swap(ddl, k.table, k.constraint, k.withoutConstraint));
    await sql.raw(k.index).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) return;
  for (const k of KEYS) {
    const name = k.index.match(/^create unique index "([^"]+)"/)![1]!;
    await sql.raw(`drop index "${name}"`).execute(db);
    await rebuildTable(db, k.table, (ddl) => swap(ddl, k.table, k.withoutConstraint, k.constraint));
  }
}

/** `ddl` with `from` replaced by `to`; the table's definition must hold `from` exactly once. */
function swap(ddl: string, table: string, from: string, to: string): string {
  if (from === '') return ddl.replace(/\)$/, `${to})`);
  const at = ddl.indexOf(from);
  if (at === -1 || ddl.indexOf(from, at + 1) !== -1) {
    throw new Error(
      `Migration 0011: the definition of "${table}" must contain ${JSON.stringify(from)} exactly once; found ${ddl}`,
    );
  }
  return ddl.slice(0, at) + to + ddl.slice(at + from.length);
}

/**
 * Re-creates `table` from its definition as `change` rewrites it, with its rows and its indexes
 * (`sqlite_master` keeps each index's own statement), inside the migration's transaction.
 */
async function rebuildTable(
  db: Kysely<unknown>,
  table: string,
  change: (ddl: string) => string,
): Promise<void> {
  const { rows } = await sql<{ type: string; sql: string }>`
    select type, sql from sqlite_master where tbl_name = ${table} and sql is not null order by type desc`.execute(
    db,
  );
  const ddl = rows.find((r) => r.type === 'table')?.sql;
  if (ddl === undefined) throw new Error(`Migration 0011: table "${table}" does not exist`);
  const indexes = rows.filter((r) => r.type === 'index').map((r) => r.sql);
  const next = `${table}__rebuilt`;
  const created = change(ddl).replace(/^CREATE TABLE "?[A-Za-z_]+"?/, `CREATE TABLE "${next}"`);
  await sql.raw(created).execute(db);
  await sql.raw(`insert into "${next}" select * from "${table}"`).execute(db);
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${next}" rename to "${table}"`).execute(db);
  for (const i of indexes) await sql.raw(i).execute(db);
}
