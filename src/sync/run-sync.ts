import type { Connector, SkippedFile } from '../../connectors/contract.js';
import { connectors } from '../../connectors/index.js';
import type { Database } from '../db/database.js';
import { refreshDossierRollups } from '../stats/rollups.js';
import { todayLocal } from '../units/dates.js';
import { loadUnitReference } from '../units/load-units.js';
import { getUnitRegistry } from '../units/registry-cache.js';
import { markAbandonedRuns } from './abandoned-runs.js';
import { pushTo } from './collections.js';
import { deferIndexes, together } from './deferred-indexes.js';
import { rebuildDependents } from './dependents.js';
import { rebuildDossiers } from './entities/dossiers.js';
import { rebuildHolidays } from './entities/holidays.js';
import { rebuildOffices } from './entities/offices.js';
import { rebuildProcedures } from './entities/procedures.js';
import { rebuildStaff } from './entities/staff.js';
import { acquireLease, currentHolder } from './lease.js';
import { classify } from './lineage.js';
import { writeQuality } from './quality.js';
import { type QuarantineInput, resolveReplayed, writeQuarantine } from './quarantine.js';
import { prepareRecord } from './read-records.js';
import { type ChangedRecord, type RunContext, type RunCounts, writtenFilters } from './run-context.js';
import { SeenFilter } from './seen-filter.js';
import { ensureSource, loadSources } from './source-row.js';
import { createStaging, dropStaging, type PendingRecord, PHASE, type RunKeys, recordId } from './staging.js';
import { inWriteTransaction } from './write-transaction.js';

/**
 * One sync run (src/sync/README.md): read a source's export through its connector, validate every
 * record, and publish the result atomically.
 *
 * 1. The source row is created/updated and its lease taken (one worker per source).
 * 2. The run row is inserted RUNNING and committed on its own, so a crash leaves a trace
 *    (markAbandonedRuns turns it ABORTED).
 * 3. Everything else happens in ONE transaction: records are validated and staged (bad ones
 *    quarantined) as the connector streams them, then applied phase by phase in batches — lineage
 *    upsert, entities rebuilt from all their records — then quality results, and the run row is set
 *    PUBLISHED with its counts as the transaction's last write. Readers see the previous state until
 *    the commit; an error rolls everything back and the run is marked FAILED with the reason.
 */
export interface SyncRequest {
  /** Connector kind (`dvcqg`, `onestop`, …) or a connector object. */
  connector: string | Connector;
  /** A file or a folder, as the connector expects. */
  path: string;
  /** The source's name (default: the connector kind). */
  source?: string;
  /** The source's configuration (validated by the connector's configSchema; default: the stored one). */
  config?: unknown;
  /** Precedence of the source (lower wins); default by kind (source-row.ts). */
  precedence?: number;
  /** Set by replay: the run this one replays. */
  replayOf?: number;
}

export interface SyncProgress {
  phase: 'reading' | 'applying' | 'publishing';
  runId: number;
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  elapsedMs: number;
}

export interface SyncOptions {
  /**
   * Called while the run reads and applies (at most every `progressIntervalMs`). It runs inside the
   * run's transaction: a returned promise is awaited, so keep it short.
   */
  onProgress?: (p: SyncProgress) => void | Promise<void>;
  /** Minimum time between two progress calls (default 200 ms). */
  progressIntervalMs?: number;
  /** Called once the run is registered (RUNNING), before any record is read: callers that answer
   * "the run has started" (steward mutations) use it instead of polling sync_runs. */
  onStarted?: (runId: number) => void;
  /** Records per batch (default: SQLite 500, PostgreSQL 2,000; `defaultBatchSize`). */
  batchSize?: number;
}

export interface SyncResult extends RunCounts {
  runId: number;
  status: 'PUBLISHED' | 'FAILED';
  skippedFiles: SkippedFile[];
  message?: string;
  /** Replay runs: how many OPEN quarantine entries the replay resolved. */
  resolvedQuarantine?: number;
}

/**
 * Records per batch. PostgreSQL pays a round trip per statement, so its batches are large (fewer,
 * longer IN lists and multi-row inserts). SQLite pays none: its batches are small, so what a batch
 * holds (records, payloads, built rows) mostly dies young instead of surviving into V8's old
 * generation — a lower peak RSS for the same speed (src/sync/README.md "Performance").
 */
export function defaultBatchSize(engine: Database['engine']): number {
  return engine === 'sqlite' ? 100 : 2000;
}

export function resolveConnector(kind: string | Connector): Connector {
  if (typeof kind !== 'string') return kind;
  const c = connectors[kind];
  if (!c) {
    throw new Error(
      `Unknown connector "${kind}". Known connectors: ${Object.keys(connectors).sort().join(', ')}.`,
    );
  }
  return c;
}

export async function syncSource(
  database: Database,
  request: SyncRequest,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const connector = resolveConnector(request.connector);
  const sourceId = request.source ?? connector.kind;
  const batchSize = Math.max(1, options.batchSize ?? defaultBatchSize(database.engine));
  await markAbandonedRuns(database);
  // The lease comes first: two workers registering the same new source at once must meet at the
  // lease (a clear refusal naming the holder), not at SQLite's writer lock.
  const lease = await acquireLease(database, `sync:${sourceId}`);
  try {
    const source = await ensureSource(database, {
      sourceId,
      connector,
      config: request.config,
      precedence: request.precedence,
    });
    const config = JSON.parse(
      (
        await database.db
          .selectFrom('sources')
          .select('config')
          .where('id', '=', sourceId)
          .executeTakeFirstOrThrow()
      ).config,
    ) as unknown;
    let registry = await getUnitRegistry(database);
    if (registry.size === 0) {
      // The unit register is reference data the engine cannot resolve without; load it once.
      await loadUnitReference(database);
      registry = await getUnitRegistry(database);
    }
    // Read before the transaction: a single-session engine (PGlite) serves nothing else while it is open.
    const sources = await loadSources(database);
    const started = new Date().toISOString();
    const run = await database.db
      .insertInto('sync_runs')
      .values({
        source_id: sourceId,
        kind: connector.kind,
        path: request.path,
        status: 'RUNNING',
        started_at: started,
        holder: currentHolder(),
        replay_of: request.replayOf ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const runId = Number(run.id);
    options.onStarted?.(runId);
    const counts: RunCounts = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, warnings: 0 };
    const skippedFiles: SkippedFile[] = [];
    let resolved = 0;
    const t0 = Date.now();
    let lastProgress = 0;
    const interval = options.progressIntervalMs ?? 200;
    const progress = async (phase: SyncProgress['phase'], force = false): Promise<void> => {
      if (!options.onProgress) return;
      const now = Date.now();
      if (!force && now - lastProgress < interval) return;
      lastProgress = now;
      await options.onProgress({ phase, runId, ...counts, elapsedMs: now - t0 });
    };
    try {
      await inWriteTransaction(database, async (session) => {
        const ctx: RunContext = {
          session,
          runId,
          source,
          sources,
          registry,
          asOf: todayLocal(),
          now: started,
          counts,
          changedReferences: { offices: new Set(), procedures: new Set(), holidayProvinces: new Set() },
          unitCache: new Map(),
          calendars: null,
          written: await writtenFilters(session, sourceId),
          classified: new SeenFilter(),
          deferred: { dossierIndexes: null, lookupIndexes: null },
        };
        await createStaging(session);
        await readAndApply(
          ctx,
          connector,
          { path: request.path, config, batchSize, replay: request.replayOf !== undefined },
          skippedFiles,
          () => progress('reading'),
        );
        await progress('applying', true);
        await ctx.deferred.lookupIndexes?.rebuild();
        await ctx.deferred.dossierIndexes?.rebuild();
        // Dashboard rollups publish in the same transaction as the dossiers they count (src/stats
        // README). A changed procedure (it decides "full-process online") or office (it can move a
        // dossier to another province) rebuilds every province; otherwise only the run's provinces.
        // A run that started with no dossier stored (run-context.ts `written`) owns every dossier:
        // every province, without a scan to find which.
        const referencesChanged =
          ctx.changedReferences.procedures.size > 0 || ctx.changedReferences.offices.size > 0;
        const everyProvince = referencesChanged || ctx.written.dossierNumbers !== null;
        await refreshDossierRollups(session, everyProvince ? undefined : { runId });
        if (request.replayOf !== undefined) resolved = await resolveReplayed(ctx, request.replayOf);
        const quality = await writeQuality(ctx);
        // Warnings: records accepted with a warning + the source's dossiers left with an unresolved
        // reference (stable across re-syncs: the same export reports the same warnings).
        counts.warnings += quality.flaggedDossiers;
        await dropStaging(session);
        await progress('publishing', true);
        await session.run(
          'update sync_runs set status = ?, finished_at = ?, read = ?, inserted = ?, updated = ?, unchanged = ?, ' +
            'rejected = ?, warnings = ?, skipped_files = ? where id = ?',
          [
            'PUBLISHED',
            new Date().toISOString(),
            counts.read,
            counts.inserted,
            counts.updated,
            counts.unchanged,
            counts.rejected,
            counts.warnings,
            JSON.stringify(skippedFiles),
            runId,
          ],
        );
      });
      return {
        runId,
        status: 'PUBLISHED',
        ...counts,
        skippedFiles,
        ...(request.replayOf !== undefined ? { resolvedQuarantine: resolved } : {}),
      };
    } catch (error) {
      const message = describeFailure(error);
      await database.db
        .updateTable('sync_runs')
        .set({
          status: 'FAILED',
          finished_at: new Date().toISOString(),
          read: counts.read,
          message,
          skipped_files: JSON.stringify(skippedFiles),
        })
        .where('id', '=', runId)
        .execute();
      // Counts describe what was read; nothing was published.
      return {
        runId,
        status: 'FAILED',
        ...counts,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        warnings: 0,
        skippedFiles,
        message,
      };
    }
  } finally {
    await lease.release();
  }
}

function describeFailure(error: unknown): string {
  const e = error as { message?: string; code?: string };
  if (e?.code === 'SQLITE_BUSY') {
    return 'The database is busy: SQLite allows one writer at a time and another sync is writing; run this sync when it has finished.';
  }
  return `The run was rolled back, nothing it read was published: ${e?.message ?? String(error)}`;
}

/**
 * Streams the export and applies it batch by batch: check the contract, validate, quarantine or keep
 * (a later record with the same key replaces an earlier one of the same batch; across batches,
 * staging.ts/lineage.ts supersede the earlier occurrence), then apply the batch phase by phase.
 * Nothing but the current batch is held: memory stays flat however large the file.
 */
async function readAndApply(
  ctx: RunContext,
  connector: Connector,
  input: { path: string; config: unknown; batchSize: number; replay: boolean },
  skippedFiles: SkippedFile[],
  progress: () => Promise<void>,
): Promise<void> {
  let pending = new Map<string, PendingRecord>();
  let rejected: QuarantineInput[] = [];
  const run = {
    runId: ctx.runId,
    sourceId: ctx.source.id,
    provinceCode: ctx.source.provinceCode,
    now: ctx.now,
  };
  const { path, config, batchSize } = input;
  const applier = new BatchApplier(ctx, batchSize, { all: input.replay, written: 0 });
  // A batch is applied while the next one is read: its questions to the database (the lineage lookup,
  // above all on a re-sync) are answered while this thread parses and validates the next records. One
  // batch at a time still: the next starts applying only once the previous has, so it sees every write
  // of it (a repeated key, a merged dossier), as if applied in turn.
  let applying: Promise<void> = Promise.resolve();
  const flush = async () => {
    await applying;
    const batch = [...pending.values()];
    const quarantined = rejected;
    pending = new Map();
    rejected = [];
    applying = (async () => {
      if (quarantined.length > 0) await writeQuarantine(ctx.session, run, quarantined);
      if (batch.length > 0) await applier.apply(batch);
    })();
    // Awaited at the next flush; a failure is rethrown there (not an unhandled rejection meanwhile).
    applying.catch(() => undefined);
  };
  let index = 0;
  try {
    for await (const out of connector.read(path, config)) {
      // No generator between the connector and this loop: a layer costs a promise per record.
      const item = prepareRecord(connector.kind, index++, out, ctx.source.provinceCode);
      if (item.kind === 'skipped') {
        skippedFiles.push({ kind: 'skipped', file: item.file, reason: item.reason });
        continue;
      }
      ctx.counts.read += 1;
      if (item.kind === 'accepted') {
        if (item.warned) ctx.counts.warnings += 1;
        const id = recordId(item.record.type, item.record.key);
        pending.delete(id);
        pending.set(id, item.record);
      } else {
        ctx.counts.rejected += 1;
        rejected.push(item.entry);
      }
      if (pending.size + rejected.length >= batchSize) {
        await flush();
        await progress();
      }
    }
    await flush();
    await applying;
  } catch (error) {
    // A batch may still be applying: nothing of the run may reach the database after its transaction
    // ends (on PostgreSQL a late statement would run outside it, and be published).
    await applying.catch(() => undefined);
    throw error;
  }
  await applier.finish();
  await progress();
}

/**
 * Applies batches in phase order (holidays, procedures, offices, staff, then dossiers and their
 * events). Dossiers that depend on reference data this run changed are rebuilt (dependents.ts)
 * before the first dossier batch — reference data comes first in every export that has both — and
 * once more at the end when reference records arrived after dossiers had started.
 */
class BatchApplier {
  private dossiersStarted = false;
  private referencesChangedSince = false;
  private readonly rebuild: Record<number, (changed: ChangedRecord[]) => Promise<void>>;

  constructor(
    private readonly ctx: RunContext,
    private readonly batchSize: number,
    private readonly keys: RunKeys,
  ) {
    this.rebuild = {
      [PHASE.holiday]: (c) => rebuildHolidays(ctx, c),
      [PHASE.procedure]: (c) => rebuildProcedures(ctx, c),
      [PHASE.office]: (c) => rebuildOffices(ctx, c),
      [PHASE.staff]: (c) => rebuildStaff(ctx, c),
      [PHASE.dossier]: (c) => rebuildDossiers(ctx, c),
    };
  }

  async apply(batch: PendingRecord[]): Promise<void> {
    const byPhase = new Map<number, PendingRecord[]>();
    for (const r of batch) pushTo(byPhase, PHASE[r.type], r);
    for (const phase of [...byPhase.keys()].sort((a, b) => a - b)) {
      if (phase === PHASE.dossier && !this.dossiersStarted) {
        this.dossiersStarted = true;
        await rebuildDependents(this.ctx, this.batchSize);
        if (this.ctx.written.dossierNumbers !== null) await this.deferIndexes();
      }
      const changed = await classify(this.ctx, byPhase.get(phase)!, this.keys);
      if (changed.length === 0) continue;
      await this.rebuild[phase]!(changed);
      if (phase !== PHASE.dossier && this.dossiersStarted) this.referencesChangedSince = true;
    }
  }

  /**
   * A first load of dossiers (run-context.ts `written`) builds indexes at the end
   * (deferred-indexes.ts): the `dossiers` table's secondary ones, which nothing reads before the
   * rollups. When the source has no lineage row either, also the indexes lookups go through (the
   * lineage's key and entity, the dossier id): only the filters' rare maybes look anything up, and such
   * a lookup builds them first (lineage.ts, entities/dossiers.ts).
   */
  private async deferIndexes(): Promise<void> {
    const { session, deferred, written } = this.ctx;
    deferred.dossierIndexes = await deferIndexes(session, 'dossiers', {
      which: 'secondary',
      onlyWhenEmpty: true,
    });
    if (!written.lineage) return;
    deferred.lookupIndexes = together([
      await deferIndexes(session, 'source_records', { which: 'secondary', onlyWhenEmpty: false }),
      await deferIndexes(session, 'source_records', { which: 'unique', onlyWhenEmpty: false }),
      await deferIndexes(session, 'dossiers', { which: 'unique', onlyWhenEmpty: true }),
    ]);
  }

  async finish(): Promise<void> {
    if (!this.dossiersStarted || this.referencesChangedSince) {
      // Dependents are found by reading dossiers in id order.
      await this.ctx.deferred.lookupIndexes?.rebuild();
      await rebuildDependents(this.ctx, this.batchSize);
    }
  }
}
