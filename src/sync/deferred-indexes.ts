import type { SqlSession } from './sql-session.js';

/**
 * A first load builds a table's secondary indexes once, at the end, instead of row by row.
 *
 * Why: a dossier row updates the `dossiers` table's five secondary indexes (unit × received date,
 * unit × settled date, procedure, office, status snapshot: migrations 0004, 0007). Filled one row at
 * a time in file order, each index takes its inserts at thousands of places at once (one per unit,
 * office, procedure), far more pages than the run's page cache holds, so every row costs page reads
 * and spills. `CREATE INDEX` over the full table sorts once and writes each page once
 * (src/sync/README.md "Performance").
 *
 * Only when the table is empty at the start of the run, and only on SQLite, whose DDL is part of the
 * transaction: the indexes are dropped inside the run's write transaction and re-created, from their
 * own stored definitions (`sqlite_master.sql`), before the run commits. Readers see the indexes all
 * along (WAL: they read the last committed state); a failed or killed run rolls the drop back with
 * everything else. Unique and primary-key indexes (no `sql`, or UNIQUE) stay: the run's lookups and
 * upserts need them. Nothing the run reads before `rebuild()` filters by the dropped ones.
 */
export interface DeferredIndexes {
  /** Re-creates the dropped indexes (idempotent; a no-op when nothing was dropped). */
  rebuild(): Promise<void>;
}

const NONE: DeferredIndexes = { rebuild: async () => undefined };

export async function deferSecondaryIndexes(s: SqlSession, table: string): Promise<DeferredIndexes> {
  if (s.engine !== 'sqlite') return NONE;
  if ((await s.all(`select 1 from ${table} limit 1`)).length > 0) return NONE;
  const indexes = await s.all<{ name: string; sql: string }>(
    "select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null " +
      "and upper(sql) not like 'CREATE UNIQUE%' order by name",
    [table],
  );
  for (const i of indexes) await s.run(`drop index "${i.name}"`);
  let pending = indexes;
  return {
    async rebuild() {
      for (const i of pending) await s.run(i.sql);
      pending = [];
    },
  };
}
