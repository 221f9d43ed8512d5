import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { engines } from '../support/engines.js';
import { dossier, fakeConnector, openWithUnits, record } from './support.js';

/**
 * A first load of dossiers builds the `dossiers` table's secondary indexes and the lineage's entity
 * index at the end of the run, or the entity index at the first lookup that needs it
 * (src/sync/deferred-indexes.ts). What must hold: the published database has exactly the indexes the
 * migrations made, the dashboard's queries use them, a run that fails leaves them as they were, and a
 * record that joins an earlier one of the same run finds it.
 */
const DVCQG_SAMPLES = path.resolve('fixtures/samples/dvcqg');

/** A table's indexes as the engine stores them (name and definition). */
async function indexesOf(d: Database, table: string): Promise<string[]> {
  const query =
    d.engine === 'sqlite'
      ? sql`select name, sql from sqlite_master where type = 'index' and tbl_name = ${table} order by name`
      : sql`select indexname, indexdef from pg_indexes
            where tablename = ${table} and schemaname = current_schema() order by indexname`;
  return (await query.execute(d.db)).rows.map((r) => JSON.stringify(r));
}

/** The indexes a first load defers: the dossiers table's and the lineage's. */
async function deferrable(d: Database): Promise<string[]> {
  return [...(await indexesOf(d, 'dossiers')), ...(await indexesOf(d, 'source_records'))];
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
    const migrated = await deferrable(d);
    expect(migrated.some((i) => i.includes('dossiers_unit_received'))).toBe(true);
    expect(migrated.some((i) => i.includes('source_records_entity'))).toBe(true);
    const result = await syncSource(d, { connector: 'dvcqg', path: DVCQG_SAMPLES });
    expect(result.status).toBe('PUBLISHED');
    expect(result.inserted).toBeGreaterThan(0);
    expect(await deferrable(d)).toEqual(migrated);
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
    const migrated = await deferrable(d);
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
    expect(await deferrable(d)).toEqual(migrated);
    expect((await d.db.selectFrom('dossiers').select('id').execute()).length).toBe(0);
  });

  it("finds the run's own records when a later batch names an earlier number (the index is built then)", async () => {
    const d = await open();
    const migrated = await deferrable(d);
    // 0 is reported first; 250 records later (three batches of 100 on) another record gives 0's
    // number as its alias: the two must become one dossier, found through the lineage by entity.
    const first = '000.00.13.H56-250801-0000';
    const later = '000.00.13.H56-250801-9999';
    const outputs = () => [
      record('dossier', 'K0', dossier(first)),
      ...Array.from({ length: 250 }, (_, i) =>
        record('dossier', `K${i + 1}`, dossier(`000.00.13.H56-250801-${i + 1}`)),
      ),
      record('dossier', 'K9999', dossier(later, { aliases: [{ number: first, system: 'dvcqg' }] })),
    ];
    const result = await syncSource(
      d,
      { connector: fakeConnector('dvcqg', outputs), path: 'x' },
      { batchSize: 100 },
    );
    expect(result).toMatchObject({ status: 'PUBLISHED', inserted: 252, rejected: 0 });
    const merged = await d.db
      .selectFrom('source_records')
      .select(['source_key', 'entity_id'])
      .where('source_key', 'in', ['K0', 'K9999'])
      .orderBy('source_key')
      .execute();
    // Same source, same precedence: the smaller number is the id (src/sync/entities/dossiers.ts).
    expect(merged).toEqual([
      { source_key: 'K0', entity_id: first },
      { source_key: 'K9999', entity_id: first },
    ]);
    expect(
      await d.db.selectFrom('dossiers').select('id').where('id', 'in', [first, later]).execute(),
    ).toEqual([{ id: first }]);
    expect((await d.db.selectFrom('dossiers').select('id').execute()).length).toBe(251);
    expect(await deferrable(d)).toEqual(migrated);
  });
});
