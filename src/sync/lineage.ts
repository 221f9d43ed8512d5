import { contentHash } from './canonical-json.js';
import { pushTo } from './collections.js';
import type { Member } from './merge/members.js';
import { type ChangedRecord, precedenceOf, type RunContext } from './run-context.js';
import { type PendingRecord, type RunKeys, recordId } from './staging.js';

/**
 * Lineage (DESIGN.md §2 "Integration records"): one `source_records` row per (source, record type,
 * source key) with the canonical payload, its content hash, where it was read, the run that last
 * CHANGED it and the entity it builds. The content hash decides: a new key is inserted, a changed
 * hash updated, an equal hash is unchanged and not rewritten — so re-syncing the same export writes
 * nothing but its sync_runs row.
 */
export const ENTITY_OF_RECORD: Record<string, string> = {
  dossier: 'dossier',
  dossierEvent: 'dossier',
  office: 'office',
  procedure: 'procedure',
  holiday: 'holiday',
  staff: 'person',
};

interface ExistingLineage {
  record_type: string;
  source_key: string;
  content_hash: string;
  entity_id: string;
  run_id: number;
  locator: string;
}

interface PreRun {
  content_hash: string;
  run_id: number;
  locator: string;
}

/**
 * Splits a batch into changed records (new or different hash) and counts the rest unchanged, each
 * judged against the lineage as it was BEFORE the run (staging.ts). A key repeated from an earlier
 * batch supersedes that occurrence: its count is taken back, and when this last occurrence equals the
 * pre-run row although the earlier one rewrote it, the row is restored (`restoreRunId`). The first
 * rewrite of an existing row saves its pre-run state in `sync_before`.
 */
export async function classify(
  ctx: RunContext,
  batch: readonly PendingRecord[],
  keys: RunKeys,
): Promise<ChangedRecord[]> {
  const byType = new Map<string, PendingRecord[]>();
  for (const r of batch) {
    pushTo(byType, r.type, r);
  }
  const changed: ChangedRecord[] = [];
  const saveBefore: unknown[][] = [];
  const record: unknown[][] = [];
  for (const [type, records] of byType) {
    // Which keys this run may have classified before (a repeat): each is remembered as it is tested
    // (a batch's keys are distinct). When the source had no lineage row at the start, only those can
    // be stored, so only they are looked up.
    const repeats = records.filter((r) => ctx.classified.testAndAdd(recordId(type, r.key)));
    const lookup = ctx.written.lineage ? repeats : records;
    // A first load may have deferred the key index (deferred-indexes.ts): a lookup needs it.
    if (lookup.length > 0) await ctx.deferred.lookupIndexes?.rebuild();
    const existing =
      lookup.length === 0
        ? []
        : await ctx.session.selectIn<ExistingLineage>(
            'select record_type, source_key, content_hash, entity_id, run_id, locator from source_records ' +
              'where source_id = ? and record_type = ? and source_key in IN_LIST',
            lookup.map((r) => r.key),
            [ctx.source.id, type],
          );
    const known = new Map(existing.map((e) => [e.source_key, e]));
    const seenUnchanged = new Set<string>();
    if (keys.written > 0 && repeats.length > 0) {
      for (const k of await ctx.session.selectIn<{ source_key: string }>(
        'select source_key from sync_keys where record_type = ? and source_key in IN_LIST',
        repeats.map((r) => r.key),
        [type],
      )) {
        seenUnchanged.add(k.source_key);
      }
    }
    // Pre-run state of repeated keys this run already rewrote (rare: read only for them).
    const rewritten = records.filter((r) => isThisRun(ctx, known.get(r.key)));
    const before = new Map<string, PreRun>();
    if (rewritten.length > 0) {
      for (const b of await ctx.session.selectIn<PreRun & { source_key: string }>(
        'select source_key, content_hash, run_id, locator from sync_before where record_type = ? and source_key in IN_LIST',
        rewritten.map((r) => r.key),
        [type],
      )) {
        before.set(b.source_key, b);
      }
    }
    for (const r of records) {
      const e = known.get(r.key);
      let pre: PreRun | null = e ?? null;
      // A repeat: the earlier occurrence's count is superseded by this one.
      if (isThisRun(ctx, e)) {
        pre = before.get(r.key) ?? null;
        if (pre === null) ctx.counts.inserted -= 1;
        else ctx.counts.updated -= 1;
      } else if (seenUnchanged.has(r.key)) {
        ctx.counts.unchanged -= 1;
      }
      const unseen = !seenUnchanged.has(r.key);
      const previousEntityId = e?.entity_id ?? null;
      if (pre === null) {
        ctx.counts.inserted += 1;
        r.previousEntityId = previousEntityId;
        changed.push(r);
        if (keys.all && unseen) record.push([type, r.key]);
      } else if (pre.content_hash !== recordHash(r)) {
        ctx.counts.updated += 1;
        if (e !== undefined && !isThisRun(ctx, e)) {
          saveBefore.push([type, r.key, e.content_hash, Number(e.run_id), e.locator]);
        }
        r.previousEntityId = previousEntityId;
        changed.push(r);
        if (keys.all && unseen) record.push([type, r.key]);
      } else {
        ctx.counts.unchanged += 1;
        if (isThisRun(ctx, e)) {
          // An earlier occurrence rewrote it; this last one is what was there before the run.
          changed.push({ ...r, locator: pre.locator, previousEntityId, restoreRunId: Number(pre.run_id) });
        }
        if (unseen) record.push([type, r.key]);
      }
    }
  }
  await ctx.session.insert('sync_keys', ['record_type', 'source_key'], record);
  keys.written += record.length;
  await ctx.session.insert(
    'sync_before',
    ['record_type', 'source_key', 'content_hash', 'run_id', 'locator'],
    saveBefore,
    'on conflict (record_type, source_key) do nothing',
  );
  return changed;
}

/** A staged record's content hash, taken the first time it is needed (run-context.ts StagedRecord). */
function recordHash(r: PendingRecord): string {
  r.hash ??= contentHash(r.payload);
  return r.hash;
}

function isThisRun(ctx: RunContext, e: ExistingLineage | undefined): boolean {
  return e !== undefined && Number(e.run_id) === ctx.runId;
}

const LINEAGE_COLUMNS = [
  'source_id',
  'record_type',
  'source_key',
  'entity_type',
  'entity_id',
  'payload',
  'content_hash',
  'locator',
  'run_id',
  'updated_at',
] as const;

const LINEAGE_HASH = {
  into: LINEAGE_COLUMNS.indexOf('content_hash'),
  of: LINEAGE_COLUMNS.indexOf('payload'),
};

/** Upserts the changed records of this run with the entity each now builds. */
export async function writeLineage(
  ctx: RunContext,
  records: readonly { record: ChangedRecord; entityId: string }[],
): Promise<void> {
  const rows = records.map(({ record: r, entityId }) => [
    ctx.source.id,
    r.type,
    r.key,
    ENTITY_OF_RECORD[r.type]!,
    entityId,
    r.payload,
    r.hash,
    r.locator,
    r.restoreRunId ?? ctx.runId,
    r.updatedAt,
  ]);
  // While a first load has the key index away (run-context.ts `deferred`), every record is new: a
  // record the run may have written before was looked up, and that lookup rebuilt the index.
  const upsert = ctx.deferred.lookupIndexes?.dropped
    ? ''
    : 'on conflict (source_id, record_type, source_key) do update set entity_type = excluded.entity_type, ' +
      'entity_id = excluded.entity_id, payload = excluded.payload, content_hash = excluded.content_hash, ' +
      'locator = excluded.locator, run_id = excluded.run_id, updated_at = excluded.updated_at';
  // A hash nothing compared is computed where the row is written (sql-session.ts HashColumn).
  await ctx.session.insert('source_records', LINEAGE_COLUMNS, rows, upsert, LINEAGE_HASH);
}

/** A stored lineage row as a merge member. */
export interface StoredMember extends Member {
  entityId: string;
}

interface StoredRow {
  source_id: string;
  record_type: string;
  source_key: string;
  entity_id: string;
  payload: string;
  run_id: number;
  updated_at: string | null;
}

/** Every stored record (all sources) building one of `entityIds` (one IN-list query per 1,000 ids). */
export async function loadMembers(
  ctx: RunContext,
  entityType: string,
  entityIds: Iterable<string>,
): Promise<StoredMember[]> {
  const ids = [...new Set(entityIds)];
  if (ids.length === 0) return [];
  // A first load may have deferred the entity index (deferred-indexes.ts): this lookup needs it.
  await ctx.deferred.lookupIndexes?.rebuild();
  const rows = await ctx.session.selectIn<StoredRow>(
    'select source_id, record_type, source_key, entity_id, payload, run_id, updated_at from source_records ' +
      'where entity_type = ? and entity_id in IN_LIST',
    ids,
    [entityType],
  );
  return rows.map((r) => ({
    sourceId: r.source_id,
    precedence: precedenceOf(ctx, r.source_id),
    type: r.record_type,
    key: r.source_key,
    data: JSON.parse(r.payload),
    updatedAt: r.updated_at,
    runId: Number(r.run_id),
    entityId: r.entity_id,
  }));
}

/** Re-points stored records of other runs/sources at the entity they now build (merges, re-keys). */
export async function moveMembers(
  ctx: RunContext,
  moves: readonly { sourceId: string; type: string; key: string; entityId: string }[],
): Promise<void> {
  for (const m of moves) {
    await ctx.session.run(
      'update source_records set entity_id = ? where source_id = ? and record_type = ? and source_key = ?',
      [m.entityId, m.sourceId, m.type, m.key],
    );
  }
}

/**
 * The member of a batch's changed record (this source, this run). `entityId` is the entity a stored
 * member builds (StoredMember): null for a record not stored yet, so builders that track both kinds
 * take this object as it is.
 */
export function batchMember(ctx: RunContext, r: ChangedRecord): Member & { entityId: string | null } {
  return {
    sourceId: ctx.source.id,
    precedence: ctx.source.precedence,
    type: r.type,
    key: r.key,
    data: r.data,
    updatedAt: r.updatedAt,
    runId: r.restoreRunId ?? ctx.runId,
    entityId: null,
  };
}
