import { GraphQLError } from 'graphql';
import { Arg, Ctx, ID, Int, Mutation, Resolver } from 'type-graphql';
import { notFoundError } from '../../security/errors.js';
import { assertInScope, requireRole } from '../../security/scope.js';
import { logger } from '../../server/logger.js';
import { closeQuarantineEntry } from '../../sync/quarantine.js';
import { replayQuarantine } from '../../sync/replay.js';
import { type SyncResult, syncSource } from '../../sync/run-sync.js';
import type { HubContext } from '../context.js';
import { userInputError } from '../errors.js';
import { QuarantineEntry, SyncRun } from '../sync/sync-types.js';

/** How often a starting sync is checked for its run row. */

/**
 * The steward's actions (issue §5, DESIGN.md "data stewards: run connector syncs, … fix and replay"):
 * run a configured source's sync, replay quarantine, resolve or ignore a quarantine entry. All need
 * STEWARD and act only within the principal's provinces: a source, run or entry outside them is
 * answered as not found.
 *
 * A sync can take minutes, longer than a request may run (LIENTHONG_TIMEOUT_MS), so `runSync` and
 * `replayQuarantine` start the run and answer with it as soon as its row exists (usually RUNNING);
 * clients follow it with `syncRun(id)`. Refusals before the run starts (another worker holds the
 * source's lease, a bad configuration) are returned as errors.
 */
@Resolver()
export class StewardMutations {
  @Mutation(() => SyncRun, {
    description:
      "Syncs a configured source again from the file or folder of its last run (STEWARD, in the source's province). Answers with the run as soon as it starts; follow it with `syncRun(id)`.",
  })
  async runSync(
    @Arg('source', () => ID, { description: 'The source id (as `syncRuns` shows it).' }) source: string,
    @Ctx() context: HubContext,
  ): Promise<SyncRun> {
    requireRole(context, 'STEWARD', 'runSync');
    const { db } = context.database;
    const row = await db
      .selectFrom('sources')
      .select(['id', 'province_code'])
      .where('id', '=', source)
      .executeTakeFirst();
    if (!row) throw notFoundError('source', source);
    assertInScope(context, row.province_code, 'source', source);
    const last = await db
      .selectFrom('sync_runs')
      .select(['kind', 'path'])
      .where('source_id', '=', source)
      .where('path', 'is not', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!last?.path) {
      throw userInputError(
        `Source "${source}" has no earlier run with a file or folder to read; run its first sync from the command line with the path.`,
        { argument: 'source' },
      );
    }
    return startRun(context, source, (onStarted) =>
      syncSource(context.database, { connector: last.kind, path: last.path!, source }, { onStarted }),
    );
  }

  @Mutation(() => SyncRun, {
    description:
      'Replays a run (or the run of one quarantine entry) after its source file was fixed: a new run of the same file; entries whose records now pass become RESOLVED (STEWARD, in scope). Answers with the new run as soon as it starts.',
  })
  async replayQuarantine(
    @Arg('runId', () => Int, { nullable: true, description: 'The run to replay.' }) runId: number | null,
    @Arg('entryId', () => ID, { nullable: true, description: 'Or: a quarantine entry whose run to replay.' })
    entryId: string | null,
    @Ctx() context: HubContext,
  ): Promise<SyncRun> {
    requireRole(context, 'STEWARD', 'replayQuarantine');
    if ((runId === null || runId === undefined) === (entryId === null || entryId === undefined)) {
      throw userInputError('replayQuarantine takes exactly one of runId or entryId.');
    }
    const { db } = context.database;
    let run: number;
    if (entryId !== null && entryId !== undefined) {
      const entry = await entryInScope(context, entryId);
      run = Number(entry.run_id);
    } else {
      run = runId!;
    }
    const found = await db
      .selectFrom('sync_runs as r')
      .leftJoin('sources as s', 's.id', 'r.source_id')
      .select(['r.id', 'r.source_id', 's.province_code'])
      .where('r.id', '=', run)
      .executeTakeFirst();
    if (!found) throw notFoundError('sync run', String(run));
    assertInScope(context, found.province_code, 'sync run', String(run));
    return startRun(context, found.source_id, (onStarted) =>
      replayQuarantine(context.database, { runId: run }, { onStarted }),
    );
  }

  @Mutation(() => QuarantineEntry, {
    description: 'Marks an OPEN quarantine entry RESOLVED: fixed some other way (STEWARD, in scope).',
  })
  resolveQuarantineEntry(
    @Arg('id', () => ID, { description: 'The entry id.' }) id: string,
    @Arg('note', () => String, { nullable: true, description: 'What was done (kept with the entry).' }) note:
      | string
      | null,
    @Ctx() context: HubContext,
  ): Promise<QuarantineEntry> {
    return close(context, id, 'RESOLVED', note, 'resolveQuarantineEntry');
  }

  @Mutation(() => QuarantineEntry, {
    description: 'Marks an OPEN quarantine entry IGNORED: not worth fixing (STEWARD, in scope).',
  })
  ignoreQuarantineEntry(
    @Arg('id', () => ID, { description: 'The entry id.' }) id: string,
    @Arg('note', () => String, { nullable: true, description: 'Why (kept with the entry).' }) note:
      | string
      | null,
    @Ctx() context: HubContext,
  ): Promise<QuarantineEntry> {
    return close(context, id, 'IGNORED', note, 'ignoreQuarantineEntry');
  }
}

async function entryInScope(context: HubContext, id: string) {
  const numeric = Number(id);
  const row = Number.isSafeInteger(numeric)
    ? await context.database.db
        .selectFrom('quarantine')
        .selectAll()
        .where('id', '=', numeric)
        .executeTakeFirst()
    : undefined;
  if (!row) throw notFoundError('quarantine entry', id);
  assertInScope(context, row.province_code, 'quarantine entry', id);
  return row;
}

async function close(
  context: HubContext,
  id: string,
  status: 'RESOLVED' | 'IGNORED',
  note: string | null,
  what: string,
): Promise<QuarantineEntry> {
  requireRole(context, 'STEWARD', what);
  const entry = await entryInScope(context, id);
  if (entry.status !== 'OPEN') {
    throw userInputError(
      `Quarantine entry ${id} is already ${entry.status}; only OPEN entries can be closed.`,
      {
        argument: 'id',
      },
    );
  }
  await closeQuarantineEntry(context.database, Number(entry.id), status, {
    by: context.principal.id,
    ...(note ? { note } : {}),
  });
  const row = await context.database.db
    .selectFrom('quarantine')
    .selectAll()
    .where('id', '=', Number(entry.id))
    .executeTakeFirstOrThrow();
  return QuarantineEntry.from(row);
}

/**
 * Starts a run in the background and answers with its row once it exists. The run keeps going after the
 * request ends; its failure is recorded on the run row by the sync engine (and logged here).
 */
/**
 * Starts `work` and answers with its run as soon as the engine has registered it (RUNNING): a steward
 * follows it with `syncRun(id)`. A sync that cannot start (the source is being synced by another
 * worker, a bad configuration) answers with SYNC_NOT_STARTED and the engine's reason; the engine's
 * `onStarted` callback tells which run is ours, so a concurrent run of another worker is never
 * mistaken for it.
 */
async function startRun(
  context: HubContext,
  source: string,
  work: (onStarted: (runId: number) => void) => Promise<SyncResult>,
): Promise<SyncRun> {
  const runId = await new Promise<number>((resolve, reject) => {
    work(resolve).then(
      (result) => resolve(result.runId),
      (error: unknown) => {
        logger.error({ err: error, source }, 'steward sync failed');
        reject(error);
      },
    );
  }).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    throw new GraphQLError(`The sync of "${source}" did not start: ${message}`, {
      extensions: { code: 'SYNC_NOT_STARTED' },
    });
  });
  const row = await context.database.db
    .selectFrom('sync_runs')
    .selectAll()
    .where('id', '=', runId)
    .executeTakeFirstOrThrow();
  return SyncRun.from(row);
}
