import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import type { DatabaseConfig } from '../../src/db/config.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { markAbandonedRuns } from '../../src/sync/abandoned-runs.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { loadUnitReference } from '../../src/units/load-units.js';
import { engines } from '../support/engines.js';
import { generatedPortal } from '../support/sync-child.js';
import { dumpTables } from './support.js';

/**
 * A sync killed with SIGKILL in the middle of its transaction publishes nothing: the data is
 * exactly as before, the run is marked ABORTED by markAbandonedRuns, and a re-run publishes.
 * The run happens in a child process on a database shared through a file, a server schema, or a
 * PGlite data folder.
 */
const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

async function targetFor(name: string): Promise<{ config: DatabaseConfig; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-kill-'));
  if (name === 'sqlite') {
    return {
      config: { engine: 'sqlite', file: path.join(dir, 'hub.sqlite') },
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (name === 'postgres') {
    const schema = `lt_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    return {
      config: { engine: 'postgres', url: serverUrl!, searchPath: schema },
      // The schema stays until the run ends (tests/support/test-schemas.ts says why).
      cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  return {
    config: { engine: 'pglite', dataDir: path.join(dir, 'pgdata') },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Resolves when the child reports it is applying records inside its transaction. */
function waitUntilApplying(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let stderr = '';
    child.stderr!.on('data', (d) => {
      stderr += String(d);
    });
    child.stdout!.on('data', (d) => {
      buffer += String(d);
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const p = JSON.parse(line) as { phase?: string; inserted?: number; done?: unknown };
        if (p.done) reject(new Error('the child finished before it could be killed'));
        if (p.phase === 'applying' && (p.inserted ?? 0) > 1000) resolve();
      }
    });
    child.on('exit', (code) => reject(new Error(`the child exited (${code}) before applying: ${stderr}`)));
  });
}

describe.each(engines)('a sync killed mid-run on $name', (engine) => {
  it('leaves the published data untouched, is marked ABORTED, and a re-run publishes', {
    timeout: 180_000,
  }, async () => {
    const { config, cleanup } = await targetFor(engine.name);
    try {
      let database = await openDatabase(config);
      await migrateToLatest(database);
      await loadUnitReference(database);
      const first = await syncSource(database, { connector: generatedPortal(300), path: 'generated.jsonl' });
      expect(first.status).toBe('PUBLISHED');
      const before = await dumpTables(database, { exclude: ['sync_runs', 'leases'] });
      // PGlite is one process's database: the parent lets go of it while the child writes.
      if (config.engine === 'pglite') await database.close();

      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'tests/support/sync-child.ts', JSON.stringify(config), '6000'],
        {
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      const exited = new Promise((r) => child.on('exit', r));
      await waitUntilApplying(child);
      child.kill('SIGKILL');
      await exited;

      if (config.engine === 'pglite') database = await openDatabase(config);
      expect(await dumpTables(database, { exclude: ['sync_runs', 'leases'] })).toEqual(before);
      const running = await database.db
        .selectFrom('sync_runs')
        .selectAll()
        .where('status', '=', 'RUNNING')
        .execute();
      expect(running).toHaveLength(1);
      expect(running[0]!.holder).toMatch(new RegExp(`:${child.pid}$`));

      expect(await markAbandonedRuns(database)).toEqual([Number(running[0]!.id)]);
      const aborted = await database.db
        .selectFrom('sync_runs')
        .selectAll()
        .where('id', '=', running[0]!.id)
        .executeTakeFirstOrThrow();
      expect(aborted.status).toBe('ABORTED');
      expect(aborted.message).toMatch(/nothing it read was published/);
      expect(await database.db.selectFrom('leases').selectAll().execute()).toEqual([]);

      const rerun = await syncSource(database, {
        connector: generatedPortal(2000, 'RETURNED'),
        path: 'generated.jsonl',
      });
      expect(rerun).toMatchObject({ status: 'PUBLISHED', inserted: 1700, updated: 300 });
      await database.close();
    } finally {
      await cleanup();
    }
  });
});
