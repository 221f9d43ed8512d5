import { type Kysely, sql } from 'kysely';

/**
 * Person identity index for the sync engine (src/sync/entities/person-identity.ts). A person is
 * matched across staff records by national ID (CCCD), by legacy CMND, or by normalised name + birth
 * date (DESIGN.md §2 "Staff", §3 last bullet). One person may be known by several of these (a CCCD
 * row and a CMND row; two spellings of a name), so `persons` alone (one value per column) cannot find
 * every person a new record may join: this table lists every identity key of every record of a
 * person. Keys are personal data (ID numbers, name + birth date), so only their SHA-1 is stored.
 *
 * Staff records synced before persons were built sit in the lineage under their person key with no
 * person: their content hash is cleared so the next sync of their source rebuilds them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person_keys')
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_keys_pk', ['key_hash', 'person_id'])
    .execute();
  await db.schema.createIndex('person_keys_person').on('person_keys').columns(['person_id']).execute();
  await sql`update source_records set content_hash = '' where record_type = 'staff'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('person_keys').execute();
}
