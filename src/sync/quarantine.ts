import type { Issue } from '../../schema/canonical/issue.js';
import type { Locator } from '../../schema/canonical/locator.js';
import type { Database } from '../db/database.js';
import type { RunContext } from './run-context.js';
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

/**
 * Writes the entries of a batch. An entry identical to an OPEN one of the same source (same type,
 * key, locator, raw payload and reasons) is not written again: re-syncing an export that still has
 * the same bad record changes nothing (DESIGN.md §1); the open entry already tells the steward.
 */
export async function writeQuarantine(
  s: SqlSession,
  run: { runId: number; sourceId: string; provinceCode: string | null; now: string },
  entries: readonly QuarantineInput[],
): Promise<void> {
  const rows = entries.map((e) => ({
    type: e.type,
    key: e.key,
    locator: JSON.stringify(e.locator),
    payload: rawJson(e.raw),
    reasons: JSON.stringify(e.reasons),
  }));
  const fingerprint = (r: {
    type: string | null;
    key: string | null;
    locator: string;
    payload: string;
    reasons: string;
  }) => JSON.stringify([r.type, r.key, r.locator, r.payload, r.reasons]);
  const known = new Set<string>();
  type Stored = {
    record_type: string | null;
    source_key: string | null;
    locator: string;
    payload: string;
    reasons: string;
  };
  const keys = [...new Set(rows.filter((r) => r.key !== null).map((r) => r.key!))];
  const stored: Stored[] = await s.selectIn<Stored>(
    "select record_type, source_key, locator, payload, reasons from quarantine where source_id = ? and status = 'OPEN' and source_key in IN_LIST",
    keys,
    [run.sourceId],
  );
  const locators = [...new Set(rows.filter((r) => r.key === null).map((r) => r.locator))];
  stored.push(
    ...(await s.selectIn<Stored>(
      "select record_type, source_key, locator, payload, reasons from quarantine where source_id = ? and source_key is null and status = 'OPEN' and locator in IN_LIST",
      locators,
      [run.sourceId],
    )),
  );
  for (const r of stored) {
    known.add(
      fingerprint({
        type: r.record_type,
        key: r.source_key,
        locator: r.locator,
        payload: r.payload,
        reasons: r.reasons,
      }),
    );
  }
  const fresh = [];
  for (const r of rows) {
    const f = fingerprint(r);
    if (known.has(f)) continue;
    known.add(f);
    fresh.push(r);
  }
  await s.insert(
    'quarantine',
    COLUMNS,
    fresh.map((r) => [
      run.runId,
      run.sourceId,
      r.type,
      r.key,
      r.locator,
      r.payload,
      r.reasons,
      'OPEN',
      run.provinceCode,
      run.now,
    ]),
  );
  await s.insert(
    'sync_rejected',
    ['record_type', 'source_key'],
    [
      ...new Map(
        rows
          .filter((r) => r.key !== null && r.type !== null)
          .map((r) => [`${r.type}\u0000${r.key}`, [r.type, r.key]]),
      ).values(),
    ],
    'on conflict (record_type, source_key) do nothing',
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

export async function listQuarantine(
  database: Database,
  filter: QuarantineFilter = {},
): Promise<QuarantineEntry[]> {
  let q = database.db.selectFrom('quarantine').selectAll();
  if (filter.runId !== undefined) q = q.where('run_id', '=', filter.runId);
  if (filter.sourceId !== undefined) q = q.where('source_id', '=', filter.sourceId);
  if (filter.status !== undefined) q = q.where('status', '=', filter.status);
  const rows = await q
    .orderBy('id')
    .limit(filter.limit ?? 1000)
    .execute();
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
  const row = await database.db
    .selectFrom('quarantine')
    .select(['id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new Error(`Quarantine entry ${id} does not exist.`);
  if (row.status !== 'OPEN')
    throw new Error(`Quarantine entry ${id} is already ${row.status}; only OPEN entries can be closed.`);
  await database.db
    .updateTable('quarantine')
    .set({
      status,
      closed_at: new Date().toISOString(),
      closed_by: options.by ?? null,
      note: options.note ?? null,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Inside a replay run's transaction (src/sync/replay.ts): every OPEN entry of the source from the
 * replayed run or earlier whose key the run accepted and did not quarantine again becomes RESOLVED.
 */
export async function resolveReplayed(ctx: RunContext, replayOf: number): Promise<number> {
  return ctx.session.run(
    "update quarantine set status = 'RESOLVED', closed_at = ?, closed_by = ?, note = ? " +
      "where source_id = ? and status = 'OPEN' and run_id <= ? and source_key is not null " +
      'and exists (select 1 from sync_keys st where st.record_type = quarantine.record_type and st.source_key = quarantine.source_key) ' +
      'and not exists (select 1 from sync_rejected r where r.record_type = quarantine.record_type and r.source_key = quarantine.source_key)',
    [
      ctx.now,
      `replay:${ctx.runId}`,
      `accepted by replay run ${ctx.runId} of run ${replayOf}`,
      ctx.source.id,
      replayOf,
    ],
  );
}
