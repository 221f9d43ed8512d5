import crypto from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider, migrations } from '../../schema/migrations/index.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { engines, type TestEngine } from '../support/engines.js';
import { admin, serverUrl } from '../support/shared-database.js';

describe.each(engines)('migrations on $name', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await engine.open();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('creates every table of the unified model', async () => {
    const tables = (await database.db.introspection.getTables()).map((t) => t.name).sort();
    for (const t of [
      'unit_versions',
      'unit_successions',
      'offices',
      'office_aliases',
      'procedures',
      'persons',
      'assignments',
      'dossiers',
      'dossier_aliases',
      'dossier_events',
      'dossier_pauses',
      'dossier_due_revisions',
      'sources',
      'sync_runs',
      'source_records',
      'quarantine',
      'conflicts',
      'quality_results',
    ]) {
      expect(tables).toContain(t);
    }
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(database)).toEqual([]);
    const applied = await sql<{
      n: number;
    }>`select cast(count(*) as integer) as n from kysely_migration`.execute(database.db);
    expect(applied.rows[0]?.n).toBe(Object.keys(migrations).length);
  });

  it('gives auto-numbered ids the same way on both engines', async () => {
    const now = new Date().toISOString();
    const a = await database.db
      .insertInto('sync_runs')
      .values({ source_id: 's', kind: 'dvcqg', status: 'RUNNING', started_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const b = await database.db
      .insertInto('sync_runs')
      .values({ source_id: 's', kind: 'dvcqg', status: 'RUNNING', started_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(typeof a.id).toBe('number');
    expect(b.id).toBe(a.id + 1);
  });

  it('0010 moves the own-number alias and the original due revision onto the dossier row, and back', async () => {
    // A database of its own on a PostgreSQL server: Kysely's migrator reads the columns of every
    // schema of the database it runs on (tests/support/test-schemas.ts), and migrating down drops
    // columns, which would fail another test file's migration starting at that moment.
    const own = await privateDatabase(engine);
    try {
      await moveAndBack(own.database);
    } finally {
      await own.close();
    }
  });

  it('0011 turns the lineage key and the dossier id into named unique indexes on SQLite (rows and uniqueness kept), and back', async () => {
    const own = await privateDatabase(engine);
    try {
      await keysAndBack(own.database);
    } finally {
      await own.close();
    }
  });
});

/** A migrated database no other test file reads: SQLite and PGlite are already; a server gets a new one. */
async function privateDatabase(engine: TestEngine): Promise<{ database: Database; close(): Promise<void> }> {
  if (engine.name !== 'postgres' || !serverUrl) {
    const database = await engine.open();
    return { database, close: () => database.close() };
  }
  const name = `lt_migration_${crypto.randomBytes(6).toString('hex')}`;
  await admin(`create database ${name}`);
  const target = new URL(serverUrl);
  target.pathname = `/${name}`;
  const database = await openDatabase({ engine: 'postgres', url: target.toString() });
  await migrateToLatest(database);
  return {
    database,
    close: async () => {
      await database.close();
      await admin(`drop database if exists ${name} with (force)`);
    },
  };
}

/** A migrator on the database's own schema (a PostgreSQL test database has one per test file). */
async function migratorOf(database: Database): Promise<Migrator> {
  const schema =
    database.engine === 'sqlite'
      ? undefined
      : (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]!.s;
  return new Migrator({
    db: database.db,
    provider: migrationProvider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

async function moveAndBack(database: Database): Promise<void> {
  const migrator = await migratorOf(database);
  expect((await migrator.migrateTo('0009_dossier_write_indexes')).error).toBeUndefined();
  // The layout before 0010: an alias row repeating the id, a revision 0 repeating the original.
  const id = '000.00.13.H56-250703-0012';
  await sql`insert into dossiers (id, code, status, original_due_at, due_derived, content_hash)
      values (${id}, ${id}, 'RECEIVED', '2025-07-10T09:00:00.000Z', 0, 'h')`.execute(database.db);
  await sql`insert into dossier_aliases (alias, dossier_id, system) values
      (${id}, ${id}, 'onestop'), ('HKD-38-2025-000417', ${id}, 'dvcqg')`.execute(database.db);
  await sql`insert into dossier_due_revisions
      (dossier_id, seq, due_at, previous_due_at, reason, excuses_lateness, source) values
      (${id}, 0, '2025-07-10T09:00:00.000Z', null, 'ORIGINAL', 0, 'onestop'),
      (${id}, 1, '2025-07-12T09:00:00.000Z', '2025-07-10T09:00:00.000Z', 'SUPPLEMENT', 1, 'onestop')`.execute(
    database.db,
  );
  const before = {
    aliases: await database.db.selectFrom('dossier_aliases').selectAll().orderBy('alias').execute(),
    revisions: await database.db.selectFrom('dossier_due_revisions').selectAll().orderBy('seq').execute(),
  };

  expect((await migrator.migrateTo('0010_dossier_facts_once')).error).toBeUndefined();
  const row = await database.db.selectFrom('dossiers').selectAll().executeTakeFirstOrThrow();
  expect(row).toMatchObject({ number_system: 'onestop', original_due_source: 'onestop' });
  expect(await database.db.selectFrom('dossier_aliases').select('alias').execute()).toEqual([
    { alias: 'HKD-38-2025-000417' },
  ]);
  expect(
    (await database.db.selectFrom('dossier_due_revisions').select('seq').execute()).map((r) => Number(r.seq)),
  ).toEqual([1]);

  // Down restores the rows exactly.
  expect((await migrator.migrateTo('0009_dossier_write_indexes')).error).toBeUndefined();
  expect(await database.db.selectFrom('dossier_aliases').selectAll().orderBy('alias').execute()).toEqual(
    before.aliases,
  );
  expect(await database.db.selectFrom('dossier_due_revisions').selectAll().orderBy('seq').execute()).toEqual(
    before.revisions,
  );
  expect(await migrateToLatest(database)).toEqual(['0010_dossier_facts_once', '0011_lookup_keys_as_indexes']);
}

/** Which indexes SQLite keeps for a table: named ones with their statement, and its own (`sqlite_autoindex_…`). */
async function sqliteIndexes(database: Database, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string; sql: string | null }>`
    select name, sql from sqlite_master where type = 'index' and tbl_name = ${table} order by name`.execute(
    database.db,
  );
  return rows.map((r) => (r.sql === null ? r.name : r.sql));
}

async function keysAndBack(database: Database): Promise<void> {
  const migrator = await migratorOf(database);
  expect((await migrator.migrateTo('0010_dossier_facts_once')).error).toBeUndefined();
  const id = '000.00.13.H56-250703-0012';
  await sql`insert into dossiers (id, code, status, content_hash) values (${id}, ${id}, 'RECEIVED', 'h')`.execute(
    database.db,
  );
  await sql`insert into source_records
      (source_id, record_type, source_key, entity_type, entity_id, payload, content_hash, locator, run_id)
      values ('s', 'dossier', ${id}, 'dossier', ${id}, '{}', 'h', '{"file":"a.jsonl"}', 1)`.execute(
    database.db,
  );
  const rows = async () => ({
    dossiers: await database.db.selectFrom('dossiers').selectAll().execute(),
    lineage: await database.db.selectFrom('source_records').selectAll().execute(),
  });
  const before = await rows();
  const duplicatesRefused = async () => {
    await expect(
      sql`insert into dossiers (id, code, status, content_hash) values (${id}, ${id}, 'RECEIVED', 'h')`.execute(
        database.db,
      ),
    ).rejects.toThrow(/unique|duplicate/i);
    await expect(
      sql`insert into source_records
        (source_id, record_type, source_key, entity_type, entity_id, payload, content_hash, locator, run_id)
        values ('s', 'dossier', ${id}, 'dossier', ${id}, '{}', 'h', '{"file":"a.jsonl"}', 2)`.execute(
        database.db,
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  };

  // Migrates to `target`: the same rows, duplicates still refused, and on SQLite the lineage's indexes
  // and the dossier id's index as `sqlite` says.
  const step = async (target: string, sqlite: { lineage: string[]; dossierId: string }) => {
    expect((await migrator.migrateTo(target)).error).toBeUndefined();
    expect(await rows()).toEqual(before);
    await duplicatesRefused();
    if (database.engine !== 'sqlite') return;
    expect(await sqliteIndexes(database, 'source_records')).toEqual(sqlite.lineage);
    expect(await sqliteIndexes(database, 'dossiers')).toContain(sqlite.dossierId);
  };
  const entityIndex = 'CREATE INDEX "source_records_entity" on "source_records" ("entity_type", "entity_id")';

  await step('0011_lookup_keys_as_indexes', {
    lineage: [
      entityIndex,
      'CREATE UNIQUE INDEX "source_records_key" on "source_records" ("source_id", "record_type", "source_key")',
    ],
    dossierId: 'CREATE UNIQUE INDEX "dossiers_id" on "dossiers" ("id")',
  });
  if (database.engine === 'sqlite') {
    expect(
      (await sqliteIndexes(database, 'dossiers')).filter((i) => i.startsWith('sqlite_autoindex')),
    ).toEqual([]);
  }

  // Down: the primary keys again, the same rows.
  await step('0010_dossier_facts_once', {
    lineage: [entityIndex, 'sqlite_autoindex_source_records_1'],
    dossierId: 'sqlite_autoindex_dossiers_1',
  });
  expect(await migrateToLatest(database)).toEqual(['0011_lookup_keys_as_indexes']);
}
