import DataLoader from 'dataloader';
import type { Selectable } from 'kysely';
import type { ConflictsTable, SourceRecordsTable } from '../../../schema/tables.js';
import type { Database } from '../../db/database.js';
import { inKeyOrder, MAX_BATCH } from '../batch.js';

/** A lineage row with its source's connector kind. */
export type SourceRecordRow = Omit<Selectable<SourceRecordsTable>, 'payload'> & { kind: string | null };

/** Loader key of a merged record: `<entity type>:<entity id>` (entity types: dossier, office, procedure, person). */
export function entityKey(entityType: string, entityId: string): string {
  return `${entityType}:${entityId}`;
}

function split(keys: readonly string[]): { types: string[]; ids: string[] } {
  const types = new Set<string>();
  const ids = new Set<string>();
  for (const k of keys) {
    const at = k.indexOf(':');
    types.add(k.slice(0, at));
    ids.add(k.slice(at + 1));
  }
  return { types: [...types], ids: [...ids] };
}

/**
 * Lineage and conflicts of any merged record, by `entityKey(type, id)`: one query per batch, whatever
 * mix of records asks (the payload column is never read: lists show where a record came from, not it).
 */
export function lineageLoaders({ db }: Database) {
  return {
    sourceRecordsOf: new DataLoader<string, SourceRecordRow[]>(
      async (keys) => {
        const { types, ids } = split(keys);
        const rows = await db
          .selectFrom('source_records as r')
          .leftJoin('sources as s', 's.id', 'r.source_id')
          .select([
            'r.source_id',
            'r.record_type',
            'r.source_key',
            'r.entity_type',
            'r.entity_id',
            'r.content_hash',
            'r.locator',
            'r.run_id',
            'r.updated_at',
            's.kind',
          ])
          .where('r.entity_type', 'in', types)
          .where('r.entity_id', 'in', ids)
          .orderBy('r.source_id')
          .orderBy('r.record_type')
          .orderBy('r.source_key')
          .execute();
        return inKeyOrder(keys, rows, (r) => entityKey(r.entity_type, r.entity_id));
      },
      { maxBatchSize: MAX_BATCH },
    ),

    conflictsOf: new DataLoader<string, Selectable<ConflictsTable>[]>(
      async (keys) => {
        const { types, ids } = split(keys);
        const rows = await db
          .selectFrom('conflicts')
          .selectAll()
          .where('entity_type', 'in', types)
          .where('entity_id', 'in', ids)
          .orderBy('field')
          .execute();
        return inKeyOrder(keys, rows, (r) => entityKey(r.entity_type, r.entity_id));
      },
      { maxBatchSize: MAX_BATCH },
    ),
  };
}
