import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { engines } from '../support/engines.js';
import { generatedPortal } from '../support/sync-child.js';
import { openWithUnits } from './support.js';

/**
 * Readers keep seeing the last published state while a run writes (DESIGN.md §1: "a run publishes
 * atomically"). The reader runs inside the writer's progress callback, after some batches have been
 * written in the open transaction: SQLite through another connection (WAL), a PostgreSQL server
 * through another session. PGlite is a single session: a reader waits for the run to commit and
 * then sees the whole run — never a part of it.
 */
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

async function countOutside(database: Database, engineName: string): Promise<number> {
  if (engineName === 'sqlite') {
    const reader = new BetterSqlite3(database.sqlite!.name, { readonly: true });
    try {
      return (reader.prepare('select count(*) as n from dossiers').get() as { n: number }).n;
    } finally {
      reader.close();
    }
  }
  const schema =
    (await database.db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s')).executeTakeFirst())
      ?.s ?? 'public';
  const client = new pg.Client({ connectionString: serverUrl, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    return Number((await client.query('select count(*) as n from dossiers')).rows[0].n);
  } finally {
    await client.end();
  }
}

describe.each(engines)('readers during a sync on $name', (engine) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it('see the previous state until the run commits', async () => {
    database = await openWithUnits(engine);
    const d = database;
    expect((await syncSource(d, { connector: generatedPortal(100), path: 'g' })).status).toBe('PUBLISHED');
    const seen: number[] = [];
    let pending: Promise<number> | null = null;
    const result = await syncSource(
      d,
      { connector: generatedPortal(1500), path: 'g' },
      {
        batchSize: 200,
        progressIntervalMs: 0,
        onProgress: async (p) => {
          if (p.phase !== 'applying' || p.inserted < 400) return;
          if (engine.name === 'pglite') {
            // One session: the query queues behind the transaction (not awaited here, or it would wait forever).
            pending ??= d.db
              .selectFrom('dossiers')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
              .then((r) => Number(r.n));
          } else if (seen.length === 0) {
            seen.push(await countOutside(d, engine.name));
          }
        },
      },
    );
    expect(result).toMatchObject({ status: 'PUBLISHED', inserted: 1400 });
    if (engine.name === 'pglite') {
      expect(await pending).toBe(1500);
    } else {
      expect(seen).toEqual([100]);
      expect(await countOutside(d, engine.name)).toBe(1500);
    }
  });
});
