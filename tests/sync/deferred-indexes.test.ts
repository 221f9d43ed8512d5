import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { engines } from '../support/engines.js';
import { dossier, fakeConnector, openWithUnits, record } from './support.js';

/**
 * A first load into an empty `dossiers` table builds the table's secondary indexes at the end of the
 * run (src/sync/deferred-indexes.ts). What must hold: the published database has exactly the indexes
 * the migrations made, the dashboard's queries use them, and a run that fails leaves them as they were.
 */
const DVCQG_SAMPLES = path.resolve('fixtures/samples/dvcqg');

/** The dossiers table's indexes as the engine stores them (name and definition). */
async function dossierIndexes(d: Database): Promise<string[]> {
  const query =
    d.engine === 'sqlite'
      ? sql`select name, sql from sqlite_master where type = 'index' and tbl_name = 'dossiers' order by name`
      : sql`select indexname, indexdef from pg_indexes
            where tablename = 'dossiers' and schemaname = current_schema() order by indexname`;
  return (await query.execute(d.db)).rows.map((r) => JSON.stringify(r));
}

describe.each(engines)('a first load on $name', (engine) => {
  const opened: Database[] = [];
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.close();
  });
  const open = async () => {
    const d = await openWithUnits(engine);
    opened.push(d);
    return d;
  };

  it('publishes the dossiers table with exactly the indexes the migrations made, in use', async () => {
    const d = await open();
    const migrated = await dossierIndexes(d);
    expect(migrated.length).toBeGreaterThan(5);
    const result = await syncSource(d, { connector: 'dvcqg', path: DVCQG_SAMPLES });
    expect(result.status).toBe('PUBLISHED');
    expect(result.inserted).toBeGreaterThan(0);
    expect(await dossierIndexes(d)).toEqual(migrated);
    if (d.engine === 'sqlite') {
      const plan = d
        .sqlite!.prepare(
          "explain query plan select count(*) from dossiers where province_code = '38' and unit_code = '14758' and received_date >= '2025-07-01'",
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('dossiers_unit_received');
    }
  });

  it('leaves the indexes as they were when the first load fails', async () => {
    const d = await open();
    const migrated = await dossierIndexes(d);
    const failing = fakeConnector(
      'dvcqg',
      () =>
        Array.from({ length: 250 }, (_, i) =>
          record('dossier', `K${i}`, dossier(`000.00.13.H56-250801-${i}`)),
        ),
      200,
    );
    const result = await syncSource(d, { connector: failing, path: 'x' });
    expect(result.status).toBe('FAILED');
    expect(await dossierIndexes(d)).toEqual(migrated);
    expect((await d.db.selectFrom('dossiers').select('id').execute()).length).toBe(0);
  });
});
