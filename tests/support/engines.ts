import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, openDatabase, startPglite } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * The storage engines every suite runs on (DESIGN.md §1 "Two storage engines, one behaviour").
 * - `sqlite`: a fresh file in a temporary folder.
 * - `postgres`: the server named by TEST_DATABASE_URL or DATABASE_URL (a fresh schema per
 *   database opened), else PGlite in-process (one instance per test process, a schema per database).
 * Use: `describe.each(engines)('… on $name', (engine) => { … engine.open() … })`.
 */
export interface TestEngine {
  name: 'sqlite' | 'postgres' | 'pglite';
  /** A new, empty, migrated database, isolated from every other one. */
  open(): Promise<Database>;
}

const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
let sharedPglite: Promise<PGlite> | undefined;

function schemaName(): string {
  return `lt_${crypto.randomBytes(6).toString('hex')}`;
}

const sqlite: TestEngine = {
  name: 'sqlite',
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-test-'));
    const database = await openDatabase({ engine: 'sqlite', file: path.join(dir, 'hub.sqlite') });
    await migrateToLatest(database);
    const close = database.close;
    return Object.assign(database, {
      close: async () => {
        await close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    });
  },
};

const postgresServer: TestEngine = {
  name: 'postgres',
  async open() {
    const schema = schemaName();
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const database = await openDatabase({ engine: 'postgres', url: serverUrl!, searchPath: schema });
    await migrateToLatest(database);
    // The schema stays until the run ends (tests/support/test-schemas.ts says why).
    return database;
  },
};

const pglite: TestEngine = {
  name: 'pglite',
  async open() {
    sharedPglite ??= startPglite('memory');
    const client = await sharedPglite;
    const schema = schemaName();
    await client.query(`create schema ${schema}`);
    const database = await openDatabase({ engine: 'pglite', dataDir: 'memory', client, searchPath: schema });
    await migrateToLatest(database);
    const close = database.close;
    return Object.assign(database, {
      close: async () => {
        await close();
        await client.query(`drop schema if exists ${schema} cascade`);
      },
    });
  },
};

export const engines: TestEngine[] = [sqlite, serverUrl ? postgresServer : pglite];
