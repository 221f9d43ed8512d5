import type { Issue } from '../../schema/canonical/issue.js';
import type { Locator } from '../../schema/canonical/locator.js';
import type { Database } from '../db/database.js';
import type { SqlSession } from './sql-session.js';

/**
 * Quarantine (DESIGN.md §2: "raw payload, locator, every reason, status OPEN/RESOLVED/IGNORED").
 * A rejected record is never applied; its entry keeps what a steward needs to fix the source file
 * and replay it (src/sync/replay.ts). Entries are written inside the run's transaction, so a failed
 * run leaves none behind.
 */
export interface QuarantineInput {
  type: string | null;
  key: string | null;
  locator: Locator;
  raw: unknown;
  reasons: Issue[];
}

const COLUMNS = [
  'run_id',
  'source_id',
  'record_type',
  'source_key',
  'locator',
  'payload',
  'reasons',
  'status',
  'province_code',
  'created_at',
];

function rawJson(raw: unknown): string {
  try {
    return JSON.stringify(raw === undefined ? null : raw) ?? 'null';
  } catch {
    return JSON.stringify(String(raw));
  }
}

export async function writeQuarantine(
  s: SqlSession,
  run: { runId: number; sourceId: string; provinceCode: string | null; now: string },
  entries: readonly QuarantineInput[],
): Promise<void> {
  await s.insert(
    'quarantine',
    COLUMNS,
    entries.map((e) => [
      run.runId,
      run.sourceId,
      e.type,
      e.key,
      JSON.stringify(e.locator),
      rawJson(e.raw),
      JSON.stringify(e.reasons),
      'OPEN',
      run.provinceCode,
      run.now,
    ]),
  );
}

export interface QuarantineEntry {
  id: number;
  runId: number;
  sourceId: string;
  recordType: string | null;
  sourceKey: string | null;
  locator: Locator;
  payload: unknown;
  reasons: Issue[];
  status: 'OPEN' | 'RESOLVED' | 'IGNORED';
  provinceCode: string | null;
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
  note: string | null;
}

export interface QuarantineFilter {
  runId?: number;
  sourceId?: string;
  status?: 'OPEN' | 'RESOLVED' | 'IGNORED';
  limit?: number;
}

export async function listQuarantine(database: Database, filter: QuarantineFilter = {}): Promise<QuarantineEntry[]> {
  let q = database.db.selectFrom('quarantine').selectAll();
  if (filter.runId !== undefined) q = q.where('run_id', '=', filter.runId);
  if (filter.sourceId !== undefined) q = q.where('source_id', '=', filter.sourceId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  const rows = await q.orderBy('id').limit(filter.limit ?? 1000).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    runId: Number(r.run_id),
    sourceId: r.source_id,
    recordType: r.record_type,
    sourceKey: r.source_key,
    locator: JSON.parse(r.locator) as Locator,
    payload: JSON.parse(r.payload) as unknown,
    reasons: JSON.parse(r.reasons) as Issue[],
    status: r.status,
    provinceCode: r.province_code,
    createdAt: r.created_at,
    closedAt: r.closed_at,
    closedBy: r.closed_by,
    note: r.note,
  }));
}

/** A steward closes an entry by hand: RESOLVED (fixed elsewhere) or IGNORED (not worth fixing). */
export async function closeQuarantineEntry(
  database: Database,
  id: number,
  status: 'RESOLVED' | 'IGNORED',
  options: { note?: string; by?: string } = {},
): Promise<void> {
  const row = await database.db.selectFrom('quarantine').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new Error(`Quarantine entry ${id} does not exist.`);
  if (row.status !== 'OPEN') throw new Error(`Quarantine entry ${id} is already ${row.status}; only OPEN entries can be closed.`);
  await database.db
    .updateTable('quarantine')
    .set({ status, closed_at: new Date().toISOString(), closed_by: options.by ?? null, note: options.note ?? null })
    .where('id', '=', id)
    .execute();
}
