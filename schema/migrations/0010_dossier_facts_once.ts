import { type Kysely, sql } from 'kysely';

/**
 * Each dossier fact stored once (issue #3, the ingest speed; src/sync/README.md "Performance").
 *
 * Until now every dossier had a `dossier_aliases` row repeating its own number, and a
 * `dossier_due_revisions` row 0 repeating `dossiers.original_due_at`. Both are randomly keyed rows in
 * B-trees a sync fills one dossier at a time: three index entries per dossier that said nothing the
 * `dossiers` row did not. Now:
 * - `dossier_aliases` holds the dossier's OTHER numbers; the system that gave its own number is
 *   `dossiers.number_system`;
 * - `dossier_due_revisions` holds the revisions (supplement rounds); the original due time is
 *   `dossiers.original_due_at`, with `due_derived` (ORIGINAL or DERIVED) and `original_due_source`.
 * The API is unchanged: `Dossier.aliases` and `Dossier.dueRevisions` list the own number and the
 * original (seq 0) as before (src/graphql/dossiers/dossier-fields.ts).
 *
 * Existing rows are moved, not recomputed. Their content hashes were taken over the old layout, so a
 * dossier rebuilt later for any reason is rewritten once with the same content.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('dossiers').addColumn('number_system', 'text').execute();
  await db.schema.alterTable('dossiers').addColumn('original_due_source', 'text').execute();
  await sql`update dossiers set number_system =
      (select a.system from dossier_aliases a where a.alias = dossiers.id)`.execute(db);
  await sql`update dossiers set original_due_source =
      (select r.source from dossier_due_revisions r
        where r.dossier_id = dossiers.id and r.seq = 0 and r.reason in ('ORIGINAL', 'DERIVED'))`.execute(db);
  await sql`delete from dossier_aliases where alias = dossier_id`.execute(db);
  await sql`delete from dossier_due_revisions where seq = 0 and reason in ('ORIGINAL', 'DERIVED')`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`insert into dossier_aliases (alias, dossier_id, system)
      select id, id, number_system from dossiers where number_system is not null`.execute(db);
  await sql`insert into dossier_due_revisions
      (dossier_id, seq, due_at, previous_due_at, reason, excuses_lateness, source)
      select id, 0, original_due_at, null, case when due_derived = 1 then 'DERIVED' else 'ORIGINAL' end, 0,
        coalesce(original_due_source, 'unknown')
      from dossiers where original_due_at is not null`.execute(db);
  await db.schema.alterTable('dossiers').dropColumn('original_due_source').execute();
  await db.schema.alterTable('dossiers').dropColumn('number_system').execute();
}
