import type { Connector } from '../../connectors/contract.js';
import type { Database } from '../db/database.js';
import { type SyncOptions, type SyncResult, syncSource } from './run-sync.js';

/**
 * Quarantine replay (DESIGN.md §1 "data stewards: see what was rejected and why, fix and replay").
 *
 * Semantics: the steward fixes the source file(s) in place, then replays a run (or the run of one
 * quarantine entry). The replay is an ordinary new sync run of the same source and path, with
 * `replay_of` set — same validation, same atomic publish, and a re-run of an unchanged file still
 * changes nothing. Inside its transaction, every OPEN entry of the source from the replayed run or
 * earlier whose (record type, source key) the replay ACCEPTED — and did not quarantine again —
 * becomes RESOLVED (closed_by `replay:<run id>`). Entries whose record is still bad stay OPEN (an
 * entry with new reasons is added for the replay run); entries of records that cannot be keyed are
 * closed by hand. `closeQuarantineEntry` (quarantine.ts) sets RESOLVED or IGNORED with a note.
 */
export type ReplayTarget = { runId: number } | { entryId: number };

export interface ReplayOptions extends SyncOptions {
  /** The connector to read with (default: the registered connector of the run's kind). */
  connector?: Connector;
}

export async function replayQuarantine(
  database: Database,
  target: ReplayTarget,
  options: ReplayOptions = {},
): Promise<SyncResult & { replayOf: number }> {
  let runId: number;
  if ('entryId' in target) {
    const entry = await database.db
      .selectFrom('quarantine')
      .select(['run_id'])
      .where('id', '=', target.entryId)
      .executeTakeFirst();
    if (!entry)
      throw new Error(
        `Quarantine entry ${target.entryId} does not exist (see \`lienthong quarantine list\`).`,
      );
    runId = Number(entry.run_id);
  } else {
    runId = target.runId;
  }
  const run = await database.db
    .selectFrom('sync_runs')
    .select(['id', 'source_id', 'kind', 'path'])
    .where('id', '=', runId)
    .executeTakeFirst();
  if (!run) throw new Error(`Run ${runId} does not exist (see \`lienthong runs\`).`);
  if (!run.path) throw new Error(`Run ${runId} has no recorded path to replay.`);
  const result = await syncSource(
    database,
    { connector: options.connector ?? run.kind, path: run.path, source: run.source_id, replayOf: runId },
    options,
  );
  return { ...result, replayOf: runId };
}
