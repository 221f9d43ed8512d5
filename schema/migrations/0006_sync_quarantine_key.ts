import type { Kysely } from 'kysely';

/**
 * The sync engine looks quarantine entries up by (source, source key): a re-sync of the same export
 * does not quarantine an identical record twice (a re-run changes nothing, DESIGN.md §1), and a
 * replay resolves the entries whose key is now accepted (src/sync/replay.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('quarantine_source_key')
    .on('quarantine')
    .columns(['source_id', 'source_key', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('quarantine_source_key').execute();
}
