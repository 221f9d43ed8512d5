import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { inWriteTransaction } from '../../src/sync/write-transaction.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines, type TestEngine } from '../support/engines.js';
import { dumpTables } from './support.js';

/**
 * The run's write transaction (src/sync/write-transaction.ts): on a SQLite file the statements run on
 * the writer thread (sqlite-writer-session.ts) while the run goes on; an in-memory SQLite database
 * runs them in place; PostgreSQL on one connection. The same contract on each: a question sees every
 * write posted before it, a failed write fails the whole transaction with the statement's own
 * message, and nothing of a failed transaction is published.
 */
const inMemory: TestEngine = {
  name: 'sqlite',
  async open() {
    const database = await openDatabase({ engine: 'sqlite', file: ':memory:' });
    await migrateToLatest(database);
    return database;
  },
};

const variants: { label: string; engine: TestEngine }[] = [
  ...engines.map((engine) => ({ label: engine.name === 'sqlite' ? 'a SQLite file' : engine.name, engine })),
  { label: 'in-memory SQLite', engine: inMemory },
];

const HOLIDAY = ['province_code', 'date', 'description', 'source_id'];
const DVCQG_SAMPLES = path.resolve('fixtures/samples/dvcqg');

describe.each(variants)('the run write transaction on $label', ({ engine }) => {
  const opened: Database[] = [];
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.close();
  });
  const open = async () => {
    const d = await engine.open();
    opened.push(d);
    return d;
  };

  it('answers a question after every write posted before it, and publishes at commit', async () => {
    const d = await open();
    // 9,000 rows in nine posts: more than the writer thread may fall behind by (two fences of 2,000
    // rows), so the run also waits on fences on the way.
    const days = Array.from({ length: 9_000 }, (_, i) => [
      '38',
      `2030-01-01+${String(i).padStart(4, '0')}`,
      null,
      'test',
    ]);
    const seen = await inWriteTransaction(d, async (s) => {
      for (let i = 0; i < days.length; i += 1_000) {
        await s.insert('holidays', HOLIDAY, days.slice(i, i + 1_000));
        if (i === 1_000)
          await s.runIn('delete from holidays where date in IN_LIST', [days[0]![1], days[1]![1]]);
      }
      return s.all<{ n: number }>('select cast(count(*) as integer) as n from holidays');
    });
    expect(Number(seen[0]!.n)).toBe(8_998);
    const published = await d.db
      .selectFrom('holidays')
      .select((e) => e.fn.countAll().as('n'))
      .execute();
    expect(Number(published[0]!.n)).toBe(8_998);
  });

  it('fails with the failing statement’s own message and publishes nothing', async () => {
    const d = await open();
    const failed = inWriteTransaction(d, async (s) => {
      await s.insert('holidays', HOLIDAY, [['38', '2030-09-02', 'first', 'test']]);
      // The same key again: the primary key refuses it (a posted write: reported by the next question).
      await s.insert('holidays', HOLIDAY, [['38', '2030-09-02', 'again', 'test']]);
      await s.all('select 1');
    });
    await expect(failed).rejects.toThrow(/unique|duplicate key/i);
    expect(await d.db.selectFrom('holidays').selectAll().execute()).toEqual([]);
    // The database is free again: the next transaction takes the writer's place at once.
    await inWriteTransaction(d, (s) => s.insert('holidays', HOLIDAY, [['38', '2030-09-02', 'ok', 'test']]));
    expect(await d.db.selectFrom('holidays').select('description').execute()).toEqual([
      { description: 'ok' },
    ]);
  });

  it('rolls back what was posted when the work itself throws', async () => {
    const d = await open();
    await expect(
      inWriteTransaction(d, async (s) => {
        await s.insert('holidays', HOLIDAY, [['38', '2030-04-30', null, 'test']]);
        throw new Error('the run stopped');
      }),
    ).rejects.toThrow('the run stopped');
    expect(await d.db.selectFrom('holidays').selectAll().execute()).toEqual([]);
  });
});

describe('a sync into an in-memory SQLite database', () => {
  it('publishes exactly what the same sync publishes into a SQLite file', async () => {
    const memory = await inMemory.open();
    const file = await engines[0]!.open();
    try {
      for (const d of [memory, file]) {
        await loadUnitReference(d);
        const r = await syncSource(d, { connector: 'dvcqg', path: DVCQG_SAMPLES });
        expect(r.status).toBe('PUBLISHED');
      }
      const options = {
        exclude: ['sync_runs', 'leases', 'reference_loads', 'sources'] as const,
        dropColumns: ['created_at', 'updated_at', 'loaded_at'],
      };
      const fromFile = await dumpTables(file, { ...options, exclude: [...options.exclude] });
      expect(fromFile.dossiers!.length).toBeGreaterThan(0);
      expect(await dumpTables(memory, { ...options, exclude: [...options.exclude] })).toEqual(fromFile);
    } finally {
      await memory.close();
      await file.close();
    }
  });
});
