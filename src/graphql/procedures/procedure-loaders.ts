import DataLoader from 'dataloader';
import type { Selectable } from 'kysely';
import type { ProcedureAliasesTable, ProceduresTable } from '../../../schema/tables.js';
import type { Database } from '../../db/database.js';
import { inKeyOrder, MAX_BATCH, oneInKeyOrder } from '../batch.js';

/** Procedures and their aliases by national code: one query per batch each. */
export function procedureLoaders({ db }: Database) {
  return {
    procedureById: new DataLoader<string, Selectable<ProceduresTable> | null>(
      async (ids) => {
        const rows = await db
          .selectFrom('procedures')
          .selectAll()
          .where('id', 'in', [...ids])
          .execute();
        return oneInKeyOrder(ids, rows, (r) => r.id);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    procedureAliasesById: new DataLoader<string, Selectable<ProcedureAliasesTable>[]>(
      async (ids) => {
        const rows = await db
          .selectFrom('procedure_aliases')
          .selectAll()
          .where('procedure_id', 'in', [...ids])
          .orderBy('alias')
          .execute();
        return inKeyOrder(ids, rows, (r) => r.procedure_id);
      },
      { maxBatchSize: MAX_BATCH },
    ),
  };
}
