import type { RecordType } from '../../schema/canonical/records.js';
import type { StagedRecord } from './run-context.js';
import type { SqlSession } from './sql-session.js';

/**
 * What a run remembers about the keys it has seen, inside the run's transaction (temp tables: SQLite's
 * temp store, PostgreSQL temporary tables — on disk, so memory stays flat however large the file).
 *
 * Records are applied as they stream, batch by batch (no copy of the payloads is staged). SOURCES.md
 * "Keys and duplicates" — a later record with the same key replaces the earlier one; a quarantined
 * later record never does — is kept exactly with three small tables:
 * - `sync_keys (record_type, source_key)`: every key accepted so far. A key met again in a later batch
 *   is a REPEAT: its earlier occurrence was already applied and must be superseded (lineage.ts).
 * - `sync_before (record_type, source_key, content_hash, run_id, locator)`: the lineage row as it was
 *   before this run, saved the first time the run rewrites an existing row (updates only: nothing on a
 *   first sync or an unchanged re-sync). A repeat is judged against this pre-run state, so counts and
 *   the lineage end as if only the last occurrence had been read.
 * - `sync_dossier_before (id, content_hash, updated_run_id)`: likewise for dossier rows the run
 *   rewrites, so a dossier that ends as it was keeps its `updated_run_id` (entities/dossiers.ts).
 * `sync_rejected` holds the keys the run quarantined (replay resolves an entry only when its key was
 * accepted and not rejected again).
 *
 * Phases order application inside a batch: reference data before the records that use them.
 */
export const PHASE: Record<RecordType, number> = {
  holiday: 0,
  procedure: 1,
  office: 2,
  staff: 3,
  dossier: 4,
  dossierEvent: 4,
};

/** A validated record of the current batch: its canonical data and what the lineage stores. */
export interface PendingRecord extends StagedRecord {
  data: unknown;
}

export async function createStaging(s: SqlSession): Promise<void> {
  const temp = s.engine === 'postgres' ? 'create temporary table' : 'create temp table';
  const tail = s.engine === 'postgres' ? ' on commit drop' : '';
  await s.run(
    `${temp} sync_keys (record_type text not null, source_key text not null, primary key (record_type, source_key))${tail}`,
  );
  await s.run(
    `${temp} sync_before (record_type text not null, source_key text not null, content_hash text not null, ` +
      `run_id integer not null, locator text not null, primary key (record_type, source_key))${tail}`,
  );
  await s.run(
    `${temp} sync_dossier_before (id text primary key, content_hash text not null, updated_run_id integer)${tail}`,
  );
  await s.run(
    `${temp} sync_rejected (record_type text not null, source_key text not null, primary key (record_type, source_key))${tail}`,
  );
}

export async function dropStaging(s: SqlSession): Promise<void> {
  for (const t of ['sync_keys', 'sync_before', 'sync_dossier_before', 'sync_rejected']) {
    await s.run(`drop table if exists ${t}`);
  }
}

/** `type \0 key`: one record identity as a string. */
export function recordId(type: string, key: string): string {
  return `${type}\u0000${key}`;
}

/**
 * Records the batch's keys (already free of repeats within the batch) and returns the ids of those
 * seen in an earlier batch of this run. One IN-list read and one multi-row insert per record type.
 */
export async function markSeen(s: SqlSession, rows: readonly PendingRecord[]): Promise<Set<string>> {
  const byType = new Map<string, string[]>();
  for (const r of rows) {
    const l = byType.get(r.type);
    if (l) l.push(r.key);
    else byType.set(r.type, [r.key]);
  }
  const repeats = new Set<string>();
  for (const [type, keys] of byType) {
    for (const e of await s.selectIn<{ source_key: string }>(
      'select source_key from sync_keys where record_type = ? and source_key in IN_LIST',
      keys,
      [type],
    )) {
      repeats.add(recordId(type, e.source_key));
    }
    const fresh = repeats.size === 0 ? keys : keys.filter((k) => !repeats.has(recordId(type, k)));
    await s.insert(
      'sync_keys',
      ['record_type', 'source_key'],
      fresh.map((k) => [type, k]),
    );
  }
  return repeats;
}
