import type { SqlSession } from './sql-session.js';

/**
 * A first load builds a table's indexes once, at the end, instead of row by row.
 *
 * Why: a random key's insert into a B-tree larger than the run's page cache costs a page read, a
 * write-ahead-log search and later a page write. A dossier row updates the `dossiers` table's five
 * secondary indexes (unit × received date, unit × settled date, procedure, office, status snapshot:
 * migrations 0004, 0007), each taking its inserts at thousands of places at once (one per unit, office,
 * procedure); a lineage row updates `source_records_entity` (entity type, id) at a random place. At a
 * million dossiers that index alone cost ~15 CPU-µs a row. `CREATE INDEX` over the full table sorts
 * once and writes each page once (src/sync/README.md "Performance").
 *
 * Only on SQLite, whose DDL is part of the transaction: the indexes are dropped inside the run's write
 * transaction and re-created, from their own stored definitions (`sqlite_master.sql`), before the run
 * commits. Readers see the indexes all along (WAL: they read the last committed state); a failed or
 * killed run rolls the drop back with everything else. Not on PostgreSQL: there `DROP INDEX` locks
 * the table against readers until the run commits.
 *
 * Unique indexes too (`which: 'unique'`; migration 0011 made the lineage key and the dossier id named
 * unique indexes for this): a first load's rows are all new, so nothing can collide while they are
 * away, and re-creating them at the end checks every key once more (a duplicate fails the run, which
 * rolls back). Primary keys SQLite creates itself (`sqlite_autoindex_…`, no definition) always stay.
 *
 * The caller defers only what nothing reads during the run, or rebuilds before reading by it:
 * `rebuild()` is idempotent and cheap once done, so a rare lookup that needs an index (a lineage
 * lookup by key or entity, a dossier read by id) calls it first and the run goes on with the index.
 */
export interface DeferredIndexes {
  /** True while the indexes are dropped. */
  readonly dropped: boolean;
  /** Re-creates the dropped indexes; later calls do nothing. */
  rebuild(): Promise<void>;
}

const NONE: DeferredIndexes = { dropped: false, rebuild: async () => undefined };

/**
 * Drops `table`'s non-unique (`secondary`) or unique indexes for the rest of the run (SQLite; a no-op
 * elsewhere). With `onlyWhenEmpty`, only when the table has no row (rebuilding is then the whole cost).
 */
export async function deferIndexes(
  s: SqlSession,
  table: string,
  options: { which: 'secondary' | 'unique'; onlyWhenEmpty: boolean },
): Promise<DeferredIndexes> {
  if (s.engine !== 'sqlite') return NONE;
  if (options.onlyWhenEmpty && (await s.all(`select 1 from ${table} limit 1`)).length > 0) return NONE;
  const unique = options.which === 'unique' ? 'like' : 'not like';
  const indexes = await s.all<{ name: string; sql: string }>(
    "select name, sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null " +
      `and upper(sql) ${unique} 'CREATE UNIQUE%' order by name`,
    [table],
  );
  if (indexes.length === 0) return NONE;
  for (const i of indexes) await s.run(`drop index "${i.name}"`);
  let pending = indexes;
  return {
    get dropped() {
      return pending.length > 0;
    },
    async rebuild() {
      const now = pending;
      pending = [];
      for (const i of now) await s.run(i.sql);
    },
  };
}

/** Several deferrals as one: dropped while any is, rebuilt together. */
export function together(parts: readonly DeferredIndexes[]): DeferredIndexes {
  return {
    get dropped() {
      return parts.some((p) => p.dropped);
    },
    async rebuild() {
      for (const p of parts) await p.rebuild();
    },
  };
}
