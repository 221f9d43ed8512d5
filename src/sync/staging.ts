import type { RecordType } from '../../schema/canonical/records.js';
import type { StagedRecord } from './run-context.js';
import type { SqlSession } from './sql-session.js';

/**
 * The run's staging table: every accepted record of the input, keyed (type, source key), inside the
 * run's transaction. It implements SOURCES.md "Keys and duplicates" exactly while streaming: a later
 * record with the same key replaces the earlier one (upsert), a quarantined later record never
 * reaches it (the earlier accepted version stays). Only then is the input applied, in key order,
 * so a key seen twice is applied once — a re-sync stays a no-op whatever the file holds — and memory
 * stays flat however large the file is (the table is on disk: SQLite's temp store, a PostgreSQL
 * temporary table).
 *
 * Phases order the application: reference data before the records that use it.
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
  /** Orders a phase so related records land in the same batch (a dossier and its history). */
  groupKey: string;
  ord: number;
}

export async function createStaging(s: SqlSession): Promise<void> {
  const temp = s.engine === 'postgres' ? 'create temporary table' : 'create temp table';
  const tail = s.engine === 'postgres' ? ' on commit drop' : '';
  await s.run(
    `${temp} sync_staging (record_type text not null, source_key text not null, phase integer not null, ` +
      'group_key text not null, ord integer not null, payload text not null, hash text not null, locator text not null, ' +
      `updated_at text, primary key (record_type, source_key))${tail}`,
  );
  await s.run('create index sync_staging_order on sync_staging (phase, group_key, record_type, source_key)');
  // The keys this run quarantined (for replay: an entry is resolved only when its key was accepted
  // and not rejected again).
  await s.run(
    `${temp} sync_rejected (record_type text not null, source_key text not null, primary key (record_type, source_key))${tail}`,
  );
}

export async function dropStaging(s: SqlSession): Promise<void> {
  await s.run('drop table if exists sync_staging');
  await s.run('drop table if exists sync_rejected');
}

const COLUMNS = [
  'record_type',
  'source_key',
  'phase',
  'group_key',
  'ord',
  'payload',
  'hash',
  'locator',
  'updated_at',
];

/** Stages a batch (already free of repeated keys: one statement cannot update a row twice). */
export async function stage(s: SqlSession, rows: readonly StagingRow[]): Promise<void> {
  await s.insert(
    'sync_staging',
    COLUMNS,
    rows.map((r) => [r.type, r.key, r.phase, r.groupKey, r.ord, r.payload, r.hash, r.locator, r.updatedAt]),
    'on conflict (record_type, source_key) do update set phase = excluded.phase, group_key = excluded.group_key, ' +
      'ord = excluded.ord, payload = excluded.payload, hash = excluded.hash, locator = excluded.locator, ' +
      'updated_at = excluded.updated_at',
  );
}

interface Row {
  record_type: string;
  source_key: string;
  group_key: string;
  payload: string;
  hash: string;
  locator: string;
  updated_at: string | null;
}

/** The staged records of one phase in (group, type, key) order, `size` at a time (keyset paging). */
export async function* readPhase(s: SqlSession, phase: number, size: number): AsyncGenerator<StagedRecord[]> {
  let after: [string, string, string] | null = null;
  for (;;) {
    const rows: Row[] = after
      ? await s.all<Row>(
          'select record_type, source_key, group_key, payload, hash, locator, updated_at from sync_staging ' +
            'where phase = ? and (group_key > ? or (group_key = ? and (record_type > ? or (record_type = ? and source_key > ?)))) ' +
            'order by group_key, record_type, source_key limit ?',
          [phase, after[0], after[0], after[1], after[1], after[2], size],
        )
      : await s.all<Row>(
          'select record_type, source_key, group_key, payload, hash, locator, updated_at from sync_staging ' +
            'where phase = ? order by group_key, record_type, source_key limit ?',
          [phase, size],
        );
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!;
    after = [last.group_key, last.record_type, last.source_key];
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
