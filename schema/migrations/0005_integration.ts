import type { Kysely } from 'kysely';
import { DOUBLE, withSerialId } from './column-types.js';

/**
 * Integration records, DESIGN.md §2: sources, sync runs, lineage, quarantine, conflicts, quality
 * results; plus the lease that keeps one worker per source (§1) and the security tables (API keys,
 * the append-only access log of unmasked personal-data reads, DESIGN.md §4).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey()) // the steward's name for it
    .addColumn('kind', 'text', (c) => c.notNull()) // connector kind: dvcqg | onestop | igate | hotich | cadre | lgsp
    .addColumn('config', 'text', (c) => c.notNull().defaultTo('{}')) // JSON, validated by the connector's zod schema
    .addColumn('province_code', 'text') // scope
    .addColumn('legal_basis', 'text')
    .addColumn('precedence', 'integer', (c) => c.notNull().defaultTo(100)) // lower wins (SOURCES.md: onestop, igate, hotich, dvcqg)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withSerialId(db, db.schema.createTable('sync_runs'))
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('path', 'text')
    .addColumn('status', 'text', (c) => c.notNull()) // RUNNING | PUBLISHED | FAILED | ABORTED
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('inserted', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('skipped_files', 'text', (c) => c.notNull().defaultTo('[]')) // JSON
    .addColumn('message', 'text')
    .addColumn('holder', 'text') // host:pid of the worker, to detect a dead one
    .addColumn('replay_of', 'integer')
    .execute();
  await db.schema.createIndex('sync_runs_source').on('sync_runs').columns(['source_id', 'id']).execute();

  await db.schema
    .createTable('source_records')
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull()) // dossier | dossier_event | office | procedure | person | holiday …
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull()) // the canonical record it builds
    .addColumn('payload', 'text', (c) => c.notNull()) // the canonical candidate, JSON
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('locator', 'text', (c) => c.notNull()) // JSON {file, line?, sheet?, row?, pointer?}
    .addColumn('run_id', 'integer', (c) => c.notNull()) // the run that last changed it
    .addColumn('updated_at', 'text') // the source's own "last updated" time, to pick among duplicates
    .addPrimaryKeyConstraint('source_records_pk', ['source_id', 'record_type', 'source_key'])
    .execute();
  await db.schema
    .createIndex('source_records_entity')
    .on('source_records')
    .columns(['entity_type', 'entity_id'])
    .execute();

  await withSerialId(db, db.schema.createTable('quarantine'))
    .addColumn('run_id', 'integer', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text')
    .addColumn('source_key', 'text')
    .addColumn('locator', 'text', (c) => c.notNull()) // JSON
    .addColumn('payload', 'text', (c) => c.notNull()) // the raw record as read
    .addColumn('reasons', 'text', (c) => c.notNull()) // JSON [{field, expected, found, message}]
    .addColumn('status', 'text', (c) => c.notNull()) // OPEN | RESOLVED | IGNORED
    .addColumn('province_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('quarantine_run').on('quarantine').columns(['run_id']).execute();
  await db.schema
    .createIndex('quarantine_status')
    .on('quarantine')
    .columns(['status', 'source_id'])
    .execute();

  await db.schema
    .createTable('conflicts')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('values', 'text', (c) => c.notNull()) // JSON [{source, value}]
    .addColumn('chosen_value', 'text')
    .addColumn('chosen_source', 'text')
    .addColumn('rule', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('conflicts_pk', ['entity_type', 'entity_id', 'field'])
    .execute();

  await db.schema
    .createTable('quality_results')
    .addColumn('run_id', 'integer', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('value', DOUBLE, (c) => c.notNull())
    .addColumn('numerator', 'integer')
    .addColumn('denominator', 'integer')
    .addColumn('detail', 'text')
    .addPrimaryKeyConstraint('quality_results_pk', ['run_id', 'metric'])
    .execute();

  await db.schema
    .createTable('leases')
    .addColumn('name', 'text', (c) => c.primaryKey()) // `sync:<source>` or `migrate`
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull()) // VIEWER | ANALYST | STEWARD | ADMIN
    .addColumn('provinces', 'text', (c) => c.notNull()) // JSON array; ["*"] = every province
    .addColumn('purposes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await withSerialId(db, db.schema.createTable('access_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('principal', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('record_ids', 'text', (c) => c.notNull()) // JSON
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'access_log',
    'api_keys',
    'leases',
    'quality_results',
    'conflicts',
    'quarantine',
    'source_records',
    'sync_runs',
    'sources',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
