import DataLoader from 'dataloader';
import type { Selectable } from 'kysely';
import type {
  AssignmentSectorsTable,
  AssignmentsTable,
  QualificationsTable,
} from '../../../schema/tables.js';
import type { Database } from '../../db/database.js';
import { inKeyOrder, MAX_BATCH } from '../batch.js';

/** Assignments and qualifications by person, sectors by assignment: one query per batch each. */
export function staffLoaders({ db }: Database) {
  return {
    assignmentsByPerson: new DataLoader<string, Selectable<AssignmentsTable>[]>(
      async (ids) => {
        const rows = await db
          .selectFrom('assignments')
          .selectAll()
          .where('person_id', 'in', [...ids])
          .orderBy('person_id')
          .orderBy('id')
          .execute();
        return inKeyOrder(ids, rows, (r) => r.person_id);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    sectorsByAssignment: new DataLoader<string, Selectable<AssignmentSectorsTable>[]>(
      async (ids) => {
        const rows = await db
          .selectFrom('assignment_sectors')
          .selectAll()
          .where('assignment_id', 'in', [...ids])
          .orderBy('assignment_id')
          .orderBy('sector')
          .orderBy('raw')
          .execute();
        return inKeyOrder(ids, rows, (r) => r.assignment_id);
      },
      { maxBatchSize: MAX_BATCH },
    ),
    qualificationsByPerson: new DataLoader<string, Selectable<QualificationsTable>[]>(
      async (ids) => {
        const rows = await db
          .selectFrom('qualifications')
          .selectAll()
          .where('person_id', 'in', [...ids])
          .orderBy('person_id')
          .orderBy('level')
          .orderBy('specialty')
          .execute();
        return inKeyOrder(ids, rows, (r) => r.person_id);
      },
      { maxBatchSize: MAX_BATCH },
    ),
  };
}
