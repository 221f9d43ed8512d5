import DataLoader from 'dataloader';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { OfficeAliasesTable, OfficesTable } from '../../../schema/tables.js';
import type { Database } from '../../db/database.js';
import { inKeyOrder, MAX_BATCH, oneInKeyOrder } from '../batch.js';

/** Offices, their aliases and their active staff counts by office id: one query per batch each. */
export function officeLoaders({ db }: Database) {
  return {
    officeById: new DataLoader<string, Selectable<OfficesTable> | null>(
      async (ids) => {
        const rows = await db
          .selectFrom('offices')
          .selectAll()
          .where('id', 'in', [...ids])
          .execute();
        return oneInKeyOrder(ids, rows, (r) => r.id);
      },
      { maxBatchSize: MAX_BATCH },
    ),

    officeAliasesById: new DataLoader<string, Selectable<OfficeAliasesTable>[]>(
      async (ids) => {
        const rows = await db
          .selectFrom('office_aliases')
          .selectAll()
          .where('office_id', 'in', [...ids])
          .orderBy('system')
          .orderBy('alias')
          .execute();
        return inKeyOrder(ids, rows, (r) => r.office_id);
      },
      { maxBatchSize: MAX_BATCH },
    ),

    /** Persons with at least one ACTIVE assignment at the office (DESIGN.md §3 "active persons"). */
    activeStaffCountByOffice: new DataLoader<string, number>(
      async (ids) => {
        const rows = await db
          .selectFrom('assignments')
          .select(['office_id', sql<number>`cast(count(distinct person_id) as integer)`.as('n')])
          .where('office_id', 'in', [...ids])
          .where('status', '=', 'ACTIVE')
          .groupBy('office_id')
          .execute();
        const byId = new Map(rows.map((r) => [r.office_id ?? '', Number(r.n)] as const));
        return ids.map((id) => byId.get(id) ?? 0);
      },
      { maxBatchSize: MAX_BATCH },
    ),
  };
}
