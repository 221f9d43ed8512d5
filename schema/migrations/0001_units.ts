import type { Kysely } from 'kysely';

/**
 * Administrative units and their history (DESIGN.md §2 "Unit").
 *
 * A unit's identity is (level, code, valid_from): codes were reused by the 2025 reorganisation
 * (commune 00008 was Phường Liễu Giai until 2025-06-30 and is Phường Ngọc Hà since; province 52 was
 * Bình Định and is Gia Lai). Every amendment (changes.csv) closes one version and opens the next.
 * Successions link versions, from the official conversion table (crosswalk.csv); old→new is
 * many-to-many because 440 old communes were split.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('unit_versions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // `${level}:${code}:${valid_from}`
    .addColumn('level', 'text', (c) => c.notNull()) // PROVINCE | DISTRICT | COMMUNE
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull()) // tỉnh, thành phố, quận, huyện, thị xã, thị trấn, xã, phường, đặc khu
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull()) // folded for search: lower case, no diacritics
    .addColumn('province_code', 'text') // the province this version belongs to (null for a province)
    .addColumn('district_code', 'text') // legacy communes only
    .addColumn('valid_from', 'text', (c) => c.notNull()) // local date, inclusive
    .addColumn('valid_to', 'text') // local date, inclusive; null = still in force
    .addColumn('legal_basis', 'text')
    .addColumn('origin', 'text', (c) => c.notNull()) // reference file the version came from
    .addUniqueConstraint('unit_versions_identity', ['level', 'code', 'valid_from'])
    .execute();
  await db.schema.createIndex('unit_versions_code').on('unit_versions').columns(['code', 'level']).execute();
  await db.schema
    .createIndex('unit_versions_province')
    .on('unit_versions')
    .columns(['province_code', 'level', 'valid_from'])
    .execute();
  await db.schema.createIndex('unit_versions_name').on('unit_versions').columns(['name_key']).execute();

  await db.schema
    .createTable('unit_successions')
    .addColumn('predecessor_id', 'text', (c) => c.notNull().references('unit_versions.id'))
    .addColumn('successor_id', 'text', (c) => c.notNull().references('unit_versions.id'))
    .addColumn('relation', 'text', (c) => c.notNull()) // WHOLE | PART | UNCHANGED | RENAMED | RETYPED
    .addColumn('note', 'text') // the official table's "Ghi chú", verbatim
    .addColumn('source_row', 'integer') // row in the conversion workbook
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_successions_pk', ['predecessor_id', 'successor_id'])
    .execute();
  await db.schema
    .createIndex('unit_successions_successor')
    .on('unit_successions')
    .columns(['successor_id'])
    .execute();

  // One row per loaded reference set, with the hash of its files: the registry loads idempotently
  // on every start and reloads only when the reference files change.
  await db.schema
    .createTable('reference_loads')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addColumn('counts', 'text', (c) => c.notNull()) // JSON
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reference_loads').execute();
  await db.schema.dropTable('unit_successions').execute();
  await db.schema.dropTable('unit_versions').execute();
}
