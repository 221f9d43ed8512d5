import type { Kysely } from 'kysely';
import { DOUBLE } from './column-types.js';

/**
 * Offices (cơ quan, đơn vị) and procedures (thủ tục hành chính), DESIGN.md §2.
 *
 * An office is keyed by its electronic agency identifier in long form (`000.00.14.H56`); the short
 * form (`H56.14`) and each system's own ids (one-stop GroupCode, iGate ObjectId) are aliases.
 * Offices seen only through a system id, with no agency id, are keyed `<system>:<id>`.
 * A procedure is keyed by its national code (`1.000656`); local variants are aliases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('offices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text') // long form, when known
    .addColumn('name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull()) // PEOPLES_COMMITTEE | DEPARTMENT | COMMUNE_OFFICE | SERVICE_CENTRE | BRANCH | LEGACY_DISTRICT | OTHER
    .addColumn('parent_id', 'text') // an office id, possibly not (yet) known
    .addColumn('unit_reported_code', 'text')
    .addColumn('unit_code', 'text') // current commune or province code it resolves to
    .addColumn('unit_status', 'text') // EXACT | SUCCESSOR | AMBIGUOUS | NOT_FOUND | UNRESOLVED
    .addColumn('province_code', 'text')
    .addColumn('address', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('decision_date', 'text')
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('updated_run_id', 'integer')
    .execute();
  await db.schema.createIndex('offices_agency').on('offices').columns(['agency_id']).execute();
  await db.schema
    .createIndex('offices_province')
    .on('offices')
    .columns(['province_code', 'unit_code'])
    .execute();
  await db.schema.createIndex('offices_parent').on('offices').columns(['parent_id']).execute();

  await db.schema
    .createTable('office_aliases')
    .addColumn('system', 'text', (c) => c.notNull()) // AGENCY_SHORT | onestop | igate | lgsp | …
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('office_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('office_aliases_pk', ['system', 'alias'])
    .execute();
  await db.schema.createIndex('office_aliases_office').on('office_aliases').columns(['office_id']).execute();

  await db.schema
    .createTable('procedures')
    .addColumn('id', 'text', (c) => c.primaryKey()) // national code `1.000656`
    .addColumn('name', 'text')
    .addColumn('sector_code', 'text')
    .addColumn('sector_name', 'text')
    .addColumn('level', 'text') // INFORMATION | PARTIAL_ONLINE | FULL_ONLINE
    .addColumn('authority_level', 'text') // PROVINCE | COMMUNE
    .addColumn('duration', DOUBLE)
    .addColumn('duration_unit', 'text') // WORKING_DAYS | CALENDAR_DAYS | WORKING_HOURS
    .addColumn('online_duration', DOUBLE)
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('updated_run_id', 'integer')
    .execute();
  await db.schema.createIndex('procedures_sector').on('procedures').columns(['sector_code']).execute();

  await db.schema
    .createTable('procedure_aliases')
    .addColumn('alias', 'text', (c) => c.primaryKey()) // `1.000656.000.00.00.H56`, `1.000656.H56`
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('procedure_aliases_procedure')
    .on('procedure_aliases')
    .columns(['procedure_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['procedure_aliases', 'procedures', 'office_aliases', 'offices']) {
    await db.schema.dropTable(t).execute();
  }
}
