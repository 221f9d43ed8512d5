import { type Kysely, sql } from 'kysely';
import { isPostgres } from './column-types.js';

/**
 * Dossier rollups for the dashboard (DESIGN.md §1 "rollups for dashboards", §3 KPI definitions):
 * counts per (province, current commune, reported commune, local date) — and the same per local
 * month — so a province × commune × month `dossierStats` sums a few thousand rows however many
 * dossiers there are. Maintained by `refreshDossierRollups` (src/stats/rollups.ts), which the sync
 * engine calls inside its run transaction; always derivable again from `dossiers` alone.
 *
 * Keys are never null ('' = none) so the unique key is a real key on both engines:
 * - `grain` 'D' (bucket = local date yyyy-MM-dd, `week` = its Monday) or 'M' (bucket = yyyy-MM);
 * - `unit_code` the current commune, '' when the dossier counts at province level only (AMBIGUOUS,
 *   unresolved, or a province-level dossier: DESIGN.md §3);
 * - `reported_code` the commune as reported (geography AS_REPORTED), '' when none.
 * Received-side measures count dossiers by received date, settled-side measures by settle date;
 * timeliness is stored for each policy (src/stats/policies).
 */
const MEASURES = [
  'received',
  'online',
  'in_person',
  'postal',
  'channel_unknown',
  'withdrawn',
  'refused',
  'full_online',
  'full_online_online',
  'settled',
  'without_due',
  'day_early',
  'day_on_time',
  'day_late',
  'exact_early',
  'exact_on_time',
  'exact_late',
  'whd_early',
  'whd_on_time',
  'whd_late',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  let table = db.schema
    .createTable('dossier_rollups')
    .addColumn('grain', 'text', (c) => c.notNull())
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('week', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('reported_code', 'text', (c) => c.notNull());
  for (const m of MEASURES) table = table.addColumn(m, 'integer', (c) => c.notNull().defaultTo(0));
  table = table.addPrimaryKeyConstraint('dossier_rollups_pk', [
    'grain',
    'province_code',
    'bucket',
    'unit_code',
    'reported_code',
  ]);
  // SQLite: store the rows in key order, so a province's months are read as one contiguous range.
  if (!isPostgres(db)) table = table.modifyEnd(sql`without rowid`);
  await table.execute();
  // Snapshot figures (backlog, overdue at asOf) read `dossiers` by status; this index serves them
  // together with the unit columns they group by.
  await db.schema
    .createIndex('dossiers_snapshot')
    .on('dossiers')
    .columns(['status', 'province_code', 'unit_code'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('dossiers_snapshot').execute();
  await db.schema.dropTable('dossier_rollups').execute();
}
