import DataLoader from 'dataloader';
import type { Selectable } from 'kysely';
import type { SyncRunsTable } from '../../../schema/tables.js';
import type { Database } from '../../db/database.js';
import { MAX_BATCH, oneInKeyOrder } from '../batch.js';

/** Sync runs by id (lineage `run`, quarantine `run`): one query per batch. */
export function syncLoaders({ db }: Database) {
  return {
    syncRunById: new DataLoader<number, Selectable<SyncRunsTable> | null>(
      async (ids) => {
        const rows = await db
          .selectFrom('sync_runs')
          .selectAll()
          .where('id', 'in', [...ids])
          .execute();
        return oneInKeyOrder(
          ids.map((id) => String(id)),
          rows,
          (r) => String(r.id),
        );
      },
      { maxBatchSize: MAX_BATCH },
    ),
  };
}
