import type { RecordType } from '../../schema/canonical/records.js';
import type { StagedRecord } from './run-context.js';
import type { SqlSession } from './sql-session.js';

/**
 * The run's staging area, inside the run's transaction. It implements SOURCES.md "Keys and
 * duplicates" exactly while streaming: a later record with the same key replaces the earlier one,
 * a quarantined later record never reaches it (the earlier accepted version stays). Only then is
 * the input applied, so a key seen twice is applied once — a re-sync stays a no-op whatever the file
 * holds — and memory stays flat however large the file is (the tables are on disk: SQLite's temp
 * store, PostgreSQL temporary tables).
 *
 * Two tables keep it cheap: `sync_staging` is append-only in read order (`ord`), `sync_keys` maps
 * each (type, key) to the `ord` of its latest accepted occurrence; a replaced occurrence is deleted
 * from `sync_staging` (rare). Phases order the application: reference data before the records that
 * use them.
 */
export const PHASE: Record<RecordType, number> = {
  holiday: 0,
  procedure: 1,
  office: 2,
  staff: 3,
  dossier: 4,
  dossierEvent: 4,
};

export interface StagingRow extends StagedRecord {
  phase: number;
  ord: number;
}

export async function createStaging(s: SqlSession): Promise<void> {
  const temp = s.engine === 'postgres' ? 'create temporary table' : 'create temp table';
  const tail = s.engine === 'postgres' ? ' on commit drop' : '';
  await s.run(
    `${temp} sync_staging (ord integer primary key, phase integer not null, record_type text not null, ` +
      `source_key text not null, payload text not null, hash text not null, locator text not null, updated_at text)${tail}`,
  );
  await s.run('create index sync_staging_phase on sync_staging (phase, ord)');
  await s.run(
    `${temp} sync_keys (record_type text not null, source_key text not null, ord integer not null, ` +
      `primary key (record_type, source_key))${tail}`,
  );
  // The keys this run quarantined (for replay: an entry is resolved only when its key was accepted
  // and not rejected again).
  await s.run(
    `${temp} sync_rejected (record_type text not null, source_key text not null, primary key (record_type, source_key))${tail}`,
  );
}

export async function dropStaging(s: SqlSession): Promise<void> {
  for (const t of ['sync_staging', 'sync_keys', 'sync_rejected']) await s.run(`drop table if exists ${t}`);
}

/** Stages a batch (already free of repeated keys, the later occurrence kept). */
export async function stage(s: SqlSession, rows: readonly StagingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const byType = new Map<string, string[]>();
  for (const r of rows) {
    const l = byType.get(r.type);
    if (l) l.push(r.key);
    else byType.set(r.type, [r.key]);
  }
  const replaced: number[] = [];
  for (const [type, keys] of byType) {
    for (const e of await s.selectIn<{ ord: number }>(
      'select ord from sync_keys where record_type = ? and source_key in IN_LIST',
      keys,
      [type],
    )) {
      replaced.push(Number(e.ord));
    }
  }
  if (replaced.length > 0) await s.runIn('delete from sync_staging where ord in IN_LIST', replaced);
  await s.insert(
    'sync_keys',
    ['record_type', 'source_key', 'ord'],
    rows.map((r) => [r.type, r.key, r.ord]),
    'on conflict (record_type, source_key) do update set ord = excluded.ord',
  );
  await s.insert(
    'sync_staging',
    ['ord', 'phase', 'record_type', 'source_key', 'payload', 'hash', 'locator', 'updated_at'],
    rows.map((r) => [r.ord, r.phase, r.type, r.key, r.payload, r.hash, r.locator, r.updatedAt]),
  );
}

interface Row {
  ord: number;
  record_type: string;
  source_key: string;
  payload: string;
  hash: string;
  locator: string;
  updated_at: string | null;
}

/** The staged records of one phase in read order, `size` at a time (keyset paging on `ord`). */
export async function* readPhase(s: SqlSession, phase: number, size: number): AsyncGenerator<StagedRecord[]> {
  let after = -1;
  for (;;) {
    const rows = await s.all<Row>(
      'select ord, record_type, source_key, payload, hash, locator, updated_at from sync_staging ' +
        'where phase = ? and ord > ? order by ord limit ?',
      [phase, after, size],
    );
    if (rows.length === 0) return;
    after = Number(rows[rows.length - 1]!.ord);
    yield rows.map((r) => ({
      type: r.record_type as RecordType,
      key: r.source_key,
      payload: r.payload,
      hash: r.hash,
      locator: r.locator,
      updatedAt: r.updated_at,
    }));
    if (rows.length < size) return;
  }
}
