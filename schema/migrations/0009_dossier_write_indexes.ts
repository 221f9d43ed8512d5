import type { Kysely } from 'kysely';

/**
 * Two `dossiers` indexes no query uses, dropped: every dossier a sync writes updated them (issue #3,
 * the ingest speed; src/sync/README.md "Performance").
 * - `dossiers_reported_unit (unit_reported_code)`: the AS_REPORTED commune is a CASE over this column
 *   and the office's unit (src/stats/measures.ts `communeKey`), which no index on the column serves;
 *   nothing else filters by it.
 * - `dossiers_status (province_code, status)`: status filters are served by `dossiers_snapshot
 *   (status, province_code, unit_code)` (migration 0007), province filters by `dossiers_unit_received
 *   (province_code, unit_code, received_date)`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('dossiers_reported_unit').execute();
  await db.schema.dropIndex('dossiers_status').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('dossiers_status')
    .on('dossiers')
    .columns(['province_code', 'status'])
    .execute();
  await db.schema
    .createIndex('dossiers_reported_unit')
    .on('dossiers')
    .columns(['unit_reported_code'])
    .execute();
}
