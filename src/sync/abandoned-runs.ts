import type { Database } from '../db/database.js';
import { holderIsDead } from './lease.js';

/**
 * Runs left RUNNING by a process that died (killed, crashed, machine restarted). Their transaction
 * never committed, so the published data is untouched (DESIGN.md §1); only the run row still says
 * RUNNING. A run is abandoned when its holder is a process of this host that no longer runs, or
 * when its source's lease is gone, expired, or held by someone else. Abandoned runs become ABORTED
 * and their dead lease is removed. Called at the start of every sync and when the server starts.
 * Returns the ids of the runs it aborted.
 */
export async function markAbandonedRuns(database: Database): Promise<number[]> {
  const running = await database.db
    .selectFrom('sync_runs')
    .select(['id', 'source_id', 'holder'])
    .where('status', '=', 'RUNNING')
    .execute();
  if (running.length === 0) return [];
  const leases = new Map(
    (await database.db.selectFrom('leases').selectAll().execute()).map((l) => [l.name, l] as const),
  );
  const now = new Date().toISOString();
  const aborted: number[] = [];
  for (const run of running) {
    const lease = leases.get(`sync:${run.source_id}`);
    const holder = run.holder ?? '';
    const dead =
      holderIsDead(holder) || lease === undefined || lease.holder !== holder || lease.expires_at < now;
    if (!dead) continue;
    const done = await database.db
      .updateTable('sync_runs')
      .set({
        status: 'ABORTED',
        finished_at: now,
        message: `Abandoned: the process ${holder || '(unknown)'} stopped before the run published; nothing it read was published.`,
      })
      .where('id', '=', run.id)
      .where('status', '=', 'RUNNING')
      .executeTakeFirst();
    if (Number(done.numUpdatedRows) === 1) aborted.push(Number(run.id));
    if (lease !== undefined && lease.holder === holder && holderIsDead(holder)) {
      await database.db
        .deleteFrom('leases')
        .where('name', '=', lease.name)
        .where('holder', '=', holder)
        .execute();
    }
  }
  return aborted;
}
