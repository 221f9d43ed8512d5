import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../schema/migrations/index.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { engines } from '../support/engines.js';

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
});
