import type { Kysely } from 'kysely';

/**
 * Dossiers (hồ sơ), DESIGN.md §2 "Dossier" and §3 (the columns KPIs read are precomputed here).
 *
 * A dossier is keyed by its dossier number with the agency prefix in long form
 * (`H56.14-250703-0012` = `000.00.14.H56-250703-0012`, SOURCES.md "Keys and duplicates"); every
 * other number (MaHoSoKhac, sectoral ids, iGate codes) is an alias so the same dossier from several
 * systems merges into one. Instants are UTC ISO text; `*_date` columns are the local (UTC+7)
 * calendar date of the instant, precomputed because every KPI period is a local date range.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dossiers')
    .addColumn('id', 'text', (c) => c.primaryKey()) // normalised dossier number
    .addColumn('code', 'text', (c) => c.notNull()) // number as first reported
    .addColumn('procedure_code', 'text') // as reported (national or local form)
    .addColumn('procedure_id', 'text') // resolved national code, null while unknown
    .addColumn('procedure_name', 'text')
    .addColumn('sector_code', 'text')
    .addColumn('sector_name', 'text')
    .addColumn('unit_reported_code', 'text')
    .addColumn('unit_reported_on', 'text') // local date the reported code is dated by
    .addColumn('unit_status', 'text') // EXACT | SUCCESSOR | AMBIGUOUS | NOT_FOUND | UNRESOLVED
    .addColumn('unit_code', 'text') // current commune (null when ambiguous / unresolved)
    .addColumn('unit_candidates', 'text') // JSON array of codes when AMBIGUOUS
    .addColumn('province_code', 'text')
    .addColumn('legacy_code', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('receiving_office_ref', 'text')
    .addColumn('receiving_office_id', 'text')
    .addColumn('handling_office_name', 'text')
    .addColumn('handling_office_id', 'text')
    .addColumn('applicant_type', 'text') // CITIZEN | BUSINESS | STATE_AGENCY | OTHER_ORGANISATION
    .addColumn('applicant_name', 'text') // PII
    .addColumn('applicant_id_number', 'text') // PII
    .addColumn('summary', 'text')
    .addColumn('channel', 'text') // IN_PERSON | ONLINE | POSTAL, null = unknown
    .addColumn('status', 'text', (c) => c.notNull()) // national 1–10 vocabulary, canonical
    .addColumn('raw_status', 'text') // the source's own status value
    .addColumn('status_source', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('received_at', 'text')
    .addColumn('received_date', 'text')
    .addColumn('due_at', 'text') // effective due time (original moved for supplement rounds)
    .addColumn('original_due_at', 'text')
    .addColumn('due_derived', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('resolved_at', 'text')
    .addColumn('returned_at', 'text')
    .addColumn('refused_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('settled_at', 'text') // resolved time, else returned time, when RESOLVED/RETURNED
    .addColumn('settled_date', 'text')
    .addColumn('digitised', 'integer')
    .addColumn('paid_online', 'integer')
    .addColumn('synced_to_portal', 'integer')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]')) // JSON: unresolved references, legacy codes…
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('updated_run_id', 'integer')
    .execute();
  await db.schema
    .createIndex('dossiers_unit_received')
    .on('dossiers')
    .columns(['province_code', 'unit_code', 'received_date'])
    .execute();
  await db.schema
    .createIndex('dossiers_unit_settled')
    .on('dossiers')
    .columns(['province_code', 'unit_code', 'settled_date'])
    .execute();
  await db.schema
    .createIndex('dossiers_status')
    .on('dossiers')
    .columns(['province_code', 'status'])
    .execute();
  await db.schema.createIndex('dossiers_procedure').on('dossiers').columns(['procedure_id']).execute();
  await db.schema
    .createIndex('dossiers_office')
    .on('dossiers')
    .columns(['receiving_office_id', 'received_date'])
    .execute();
  await db.schema
    .createIndex('dossiers_reported_unit')
    .on('dossiers')
    .columns(['unit_reported_code'])
    .execute();

  await db.schema
    .createTable('dossier_aliases')
    .addColumn('alias', 'text', (c) => c.primaryKey()) // normalised number
    .addColumn('dossier_id', 'text', (c) => c.notNull())
    .addColumn('system', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dossier_aliases_dossier')
    .on('dossier_aliases')
    .columns(['dossier_id'])
    .execute();

  await db.schema
    .createTable('dossier_events')
    .addColumn('dossier_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('raw_status', 'text')
    .addColumn('actor', 'text')
    .addColumn('position', 'text')
    .addColumn('department', 'text')
    .addColumn('content', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_events_pk', ['dossier_id', 'seq'])
    .execute();

  await db.schema
    .createTable('dossier_pauses')
    .addColumn('dossier_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // SUPPLEMENT | PAYMENT | STOPPED
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text') // null = still paused
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_pauses_pk', ['dossier_id', 'seq'])
    .execute();

  await db.schema
    .createTable('dossier_due_revisions')
    .addColumn('dossier_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull()) // 0 = the original due time
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('previous_due_at', 'text')
    .addColumn('reason', 'text', (c) => c.notNull()) // ORIGINAL | DERIVED | SUPPLEMENT | OTHER
    .addColumn('excuses_lateness', 'integer', (c) => c.notNull()) // only supplement rounds do (DESIGN.md §3)
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_due_revisions_pk', ['dossier_id', 'seq'])
    .execute();

  // The province's non-working days (onestop NgayNghi.csv), for derived due times.
  await db.schema
    .createTable('holidays')
    .addColumn('province_code', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('holidays_pk', ['province_code', 'date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'holidays',
    'dossier_due_revisions',
    'dossier_pauses',
    'dossier_events',
    'dossier_aliases',
    'dossiers',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
