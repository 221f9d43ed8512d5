import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';
import { SQLITE_PAGE_SIZE } from '../../src/db/dialects/sqlite.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { dumpTables } from '../sync/support.js';

/**
 * The page size of a SQLite file (src/db/dialects/sqlite.ts SQLITE_PAGE_SIZE): a new file gets the
 * hub's, a file made by an earlier build (SQLite's default 4 KiB) keeps its own, and a sync stores
 * the same rows in either.
 */
const DVCQG_SAMPLES = path.resolve('fixtures/samples/dvcqg');

describe('SQLite page size', () => {
  const dirs: string[] = [];
  const opened: Database[] = [];
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.close();
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const file = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-page-size-'));
    dirs.push(dir);
    return path.join(dir, 'hub.sqlite');
  };
  const open = async (f: string, pageSize?: number) => {
    const d = await openDatabase({ engine: 'sqlite', file: f, pageSize });
    opened.push(d);
    await migrateToLatest(d);
    return d;
  };
  const pageSizeOf = (d: Database) => d.sqlite!.pragma('page_size', { simple: true });

  it('gives a new file 16 KiB pages', async () => {
    expect(SQLITE_PAGE_SIZE).toBe(16_384);
    expect(pageSizeOf(await open(file()))).toBe(16_384);
  });

  it('leaves an existing 4 KiB file as it is, and a sync stores there what it stores in a new file', async () => {
    const f = file();
    const before = await open(f, 4096);
    expect(pageSizeOf(before)).toBe(4096);
    await before.close();
    opened.splice(opened.indexOf(before), 1);

    const old = await open(f);
    const fresh = await open(file());
    expect(pageSizeOf(old)).toBe(4096);
    for (const d of [old, fresh]) {
      const r = await syncSource(d, { connector: 'dvcqg', path: DVCQG_SAMPLES });
      expect(r).toMatchObject({ status: 'PUBLISHED' });
      expect(r.inserted).toBeGreaterThan(0);
    }
    const dump = (d: Database) =>
      dumpTables(d, {
        exclude: ['sync_runs', 'quality_results'],
        dropColumns: ['created_at', 'loaded_at'],
      });
    const stored = await dump(old);
    expect(stored.dossiers!.length).toBeGreaterThan(0);
    expect(stored).toEqual(await dump(fresh));
    expect(pageSizeOf(old)).toBe(4096);
  });
});
