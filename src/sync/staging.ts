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
 * - `sync_keys (record_type, source_key)`: keys accepted so far that wrote nothing (unchanged; every
 *   accepted key on a replay run). A key met again in a later batch — found here, or in the lineage
 *   with this run's id — is a REPEAT: its earlier occurrence was already applied and must be
 *   superseded (lineage.ts).
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

/**
 * A validated record of the current batch: its canonical data and what the lineage stores.
 * `previousEntityId` is unknown (null) until the batch is compared with the lineage: `classify` sets it
 * and hands the same object on as a ChangedRecord (no copy per record).
 */
export interface PendingRecord extends StagedRecord {
  data: unknown;
  previousEntityId: string | null;
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
 * Which keys `sync_keys` holds. A key whose earlier occurrence in this run was written to the lineage
 * is recognised by the lineage row itself (`run_id` = this run); only keys left unchanged — which
 * write nothing — need a row here to be recognised when they come again. A replay run records every
 * accepted key (replay resolves quarantine entries by them). `written` = rows inserted so far: while
 * it is 0 (a first sync), nothing needs reading.
 */
export interface RunKeys {
  all: boolean;
  written: number;
}
