import type { RecordType } from '../../schema/canonical/records.js';
import type { UnitRegistry, UnitResolution } from '../units/registry.js';
import type { DeferredIndexes } from './deferred-indexes.js';
import { SeenFilter } from './seen-filter.js';
import type { SqlSession } from './sql-session.js';
import { WorkingCalendar } from './working-calendar.js';

/** A source as the engine needs it: its id, kind, precedence (lower wins) and configured province. */
export interface SourceInfo {
  id: string;
  kind: string;
  precedence: number;
  provinceCode: string | null;
}

export interface RunCounts {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  warnings: number;
}

/** A validated record as staged for the run (the last one per key in the file wins). */
export interface StagedRecord {
  type: RecordType;
  key: string;
  payload: string;
  /**
   * The content hash of `payload` (canonical-json.ts `contentHash`), or null until something needs it:
   * `classify` takes it when it compares with a stored row (lineage.ts `recordHash`); otherwise the
   * lineage insert has it computed where the row is written (sql-session.ts HashColumn).
   */
  hash: string | null;
  locator: string;
  updatedAt: string | null;
}

/** A staged record compared with the lineage: new or changed (unchanged ones are dropped early). */
export interface ChangedRecord extends StagedRecord {
  data: unknown;
  /** The entity the record built before this run, when it existed. */
  previousEntityId: string | null;
  /**
   * Set when a repeated key's last occurrence equals the lineage row as it was before the run, after
   * an earlier occurrence of this run rewrote it: the row is restored with the run that last changed
   * it before (staging.ts), and its entity rebuilt.
   */
  restoreRunId?: number;
}

/** Everything one run shares while it writes its transaction. */
export interface RunContext {
  session: SqlSession;
  runId: number;
  source: SourceInfo;
  /** Every known source by id (precedence of the other sources' records). */
  sources: Map<string, SourceInfo>;
  registry: UnitRegistry;
  /** "Current" for unit resolution: the run's local date. */
  asOf: string;
  now: string;
  counts: RunCounts;
  /** What this run changed among reference data: dossiers depending on it are recomputed. */
  changedReferences: { offices: Set<string>; procedures: Set<string>; holidayProvinces: Set<string> };
  unitCache: Map<string, UnitResolution>;
  /** Working calendars by province; null = to be (re)read. */
  calendars: Map<string, WorkingCalendar> | null;
  /**
   * What lookups can find when the tables held nothing of theirs at the start (seen-filter.ts):
   * `lineage` is true when the source had no lineage row (its only rows are then the keys this run
   * classified: `classified`); `dossierNumbers` holds the numbers this run met when no dossier, alias or
   * dossier record existed, else null. Both only on SQLite (on PostgreSQL other sources' runs may commit
   * while this one reads): elsewhere everything is looked up.
   */
  written: { lineage: boolean; dossierNumbers: SeenFilter | null };
  /**
   * Every key (`type \0 key`) this run has classified (lineage.ts `classify`): a key it never met cannot
   * be a repeat of an earlier one, so only the filter's maybes are looked for among the run's keys.
   */
  classified: SeenFilter;
  /**
   * Indexes a first load of dossiers builds at the end (deferred-indexes.ts), null when in place:
   * - `dossierIndexes`: the `dossiers` table's secondary indexes, which nothing reads before the rollups;
   * - `lookupIndexes`: the lineage's key and entity indexes and the dossier id's, which whatever looks
   *   up by key, entity or id rebuilds first (only the filters' rare maybes do, during a first load);
   *   while they are dropped, every record the run writes is new and the lineage is written with plain
   *   inserts (lineage.ts `writeLineage`: an upsert needs its conflict target).
   */
  deferred: { dossierIndexes: DeferredIndexes | null; lookupIndexes: DeferredIndexes | null };
}

/**
 * The filters of a run that starts now: SQLite only (its write transaction shuts every other writer
 * out, so the tables hold nothing but what this run writes), each only when its tables are empty.
 */
export async function writtenFilters(s: SqlSession, sourceId: string): Promise<RunContext['written']> {
  if (s.engine !== 'sqlite') return { lineage: false, dossierNumbers: null };
  const none = async (text: string, params: unknown[] = []) => (await s.all(text, params)).length === 0;
  const lineage = await none('select 1 from source_records where source_id = ? limit 1', [sourceId]);
  const dossiers =
    (await none('select 1 from dossiers limit 1')) &&
    (await none('select 1 from dossier_aliases limit 1')) &&
    (await none("select 1 from source_records where entity_type = 'dossier' limit 1"));
  return {
    lineage,
    dossierNumbers: dossiers ? new SeenFilter() : null,
  };
}

export function precedenceOf(ctx: RunContext, sourceId: string): number {
  return ctx.sources.get(sourceId)?.precedence ?? 100;
}

export function resolveUnit(ctx: RunContext, code: string, date: string | null): UnitResolution {
  const k = `${code}|${date ?? ''}`;
  let r = ctx.unitCache.get(k);
  if (r === undefined) {
    r = ctx.registry.resolveCode(code, date, ctx.asOf);
    if (ctx.unitCache.size > 50_000) ctx.unitCache.clear();
    ctx.unitCache.set(k, r);
  }
  return r;
}

/**
 * Every province's working calendar (its holidays), read once per run with one query and read
 * again only after this run changed holidays (the holidays table is small: a few dozen dates per
 * province).
 */
export async function calendarsOf(ctx: RunContext): Promise<Map<string, WorkingCalendar>> {
  if (ctx.calendars === null) {
    const byProvince = new Map<string, Set<string>>();
    for (const r of await ctx.session.all<{ province_code: string; date: string }>(
      'select province_code, date from holidays',
    )) {
      const set = byProvince.get(r.province_code);
      if (set) set.add(r.date);
      else byProvince.set(r.province_code, new Set([r.date]));
    }
    ctx.calendars = new Map([...byProvince].map(([p, dates]) => [p, new WorkingCalendar(dates)]));
  }
  return ctx.calendars;
}
