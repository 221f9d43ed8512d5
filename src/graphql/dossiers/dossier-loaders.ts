import DataLoader from 'dataloader';
import type { Selectable } from 'kysely';
import type { Tables } from '../../../schema/tables.js';
import type { Database } from '../../db/database.js';
import { inKeyOrder, MAX_BATCH } from '../batch.js';

type ByDossier = 'dossier_aliases' | 'dossier_events' | 'dossier_pauses' | 'dossier_due_revisions';

/** One loader per child table of dossiers: every row of a batch of dossiers in one query, in order. */
function childLoader<T extends ByDossier>(db: Database['db'], table: T, orderBy: 'seq' | 'alias') {
  return new DataLoader<string, Selectable<Tables[T]>[]>(
    async (ids) => {
      const rows = (await db
        .selectFrom(table as ByDossier)
        .selectAll()
        .where('dossier_id', 'in', [...ids])
        .orderBy('dossier_id')
        .orderBy(orderBy as never)
        .execute()) as unknown as Selectable<Tables[T]>[];
      return inKeyOrder(ids, rows, (r) => (r as { dossier_id: string }).dossier_id);
    },
    { maxBatchSize: MAX_BATCH },
  );
}

/** Aliases, history events, pauses and due-date revisions of dossiers, by dossier id. */
export function dossierLoaders({ db }: Database) {
  return {
    dossierAliasesById: childLoader(db, 'dossier_aliases', 'alias'),
    dossierEventsById: childLoader(db, 'dossier_events', 'seq'),
    dossierPausesById: childLoader(db, 'dossier_pauses', 'seq'),
    dossierDueRevisionsById: childLoader(db, 'dossier_due_revisions', 'seq'),
  };
}
