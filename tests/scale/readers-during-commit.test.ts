import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDvcqgJsonl } from '../../bench/generate.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { syncSource } from '../../src/sync/run-sync.js';
import { type SharedDatabase, sharedDatabase, sharedEngines, startCli } from '../support/shared-database.js';

/**
 * Readers never see half a run (DESIGN.md §1 "a run publishes atomically"; the scale-out issue §3):
 * a large sync runs in another process (the `lienthong sync` command) while this process queries the
 * same database in a loop through its own connection. Every answer is the state before the run or
 * the state after it — never a mix — including the answers taken while the run was writing.
 *
 * Each answer is ONE statement (one snapshot on both engines) reading several tables the run
 * writes: dossiers, their statuses and events, the lineage, and the published-runs count, which the
 * run sets in the same transaction as its data.
 */
const PER_EXPORT = 10_000;
const MAX_QUERIES = 4_000;

const FINGERPRINT = `select
  (select count(*) from dossiers) as dossiers,
  (select count(*) from dossiers where status = 'RESOLVED') as resolved,
  (select count(*) from dossier_events) as events,
  (select count(*) from source_records where source_id = 'portal') as lineage,
  (select count(*) from sync_runs where status = 'PUBLISHED') as published,
  (select count(*) from sync_runs where status = 'RUNNING') as running`;

interface Answer {
  state: string;
  running: boolean;
}

interface Reader {
  read(): Promise<Answer>;
  close(): Promise<void>;
}

function answer(row: Record<string, unknown>): Answer {
  const { running, ...state } = row;
  const normalised = Object.fromEntries(Object.entries(state).map(([k, v]) => [k, Number(v)]));
  return { state: JSON.stringify(normalised), running: Number(running) > 0 };
}

/** A connection of its own, as another API process would have. */
async function openReader(shared: SharedDatabase): Promise<Reader> {
  if (shared.config.engine === 'sqlite') {
    const handle = new BetterSqlite3(shared.config.file, { readonly: true });
    handle.pragma('busy_timeout = 10000');
    const statement = handle.prepare(FINGERPRINT);
    return {
      read: async () => answer(statement.get() as Record<string, unknown>),
      close: async () => {
        handle.close();
      },
    };
  }
  const config = shared.config as { url: string; searchPath: string };
  const client = new pg.Client({
    connectionString: config.url,
    options: `-c search_path=${config.searchPath}`,
  });
  await client.connect();
  return {
    read: async () => answer((await client.query(FINGERPRINT)).rows[0] as Record<string, unknown>),
    close: () => client.end(),
  };
}

describe.each(sharedEngines)('readers while a large sync commits on $name', ({ name }) => {
  let shared: SharedDatabase | undefined;
  afterEach(async () => {
    await shared?.cleanup();
    shared = undefined;
  });

  it('every answer is the old state or the new one, never a part of the run', async () => {
    shared = await sharedDatabase(name);
    const before = path.join(shared.dir, 'portal-monday.jsonl');
    const after = path.join(shared.dir, 'portal-tuesday.jsonl');
    await generateDvcqgJsonl(before, PER_EXPORT, 38);
    await generateDvcqgJsonl(after, PER_EXPORT, 39);

    const database = await openDatabase(shared.config);
    let reader: Reader | undefined;
    try {
      await migrateToLatest(database);
      const first = await syncSource(database, { connector: 'dvcqg', path: before, source: 'portal' });
      expect(first).toMatchObject({ status: 'PUBLISHED', inserted: PER_EXPORT });
      reader = await openReader(shared);
      const stateA = (await reader.read()).state;

      const { child, done } = startCli(['sync', 'dvcqg', after, '--source', 'portal', '--json'], shared.env);
      let exited = false;
      void done.then(() => {
        exited = true;
      });
      const answers: Answer[] = [];
      const deadline = Date.now() + 150_000;
      while (!exited && answers.length < MAX_QUERIES && Date.now() < deadline) {
        answers.push(await reader.read());
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const result = await done;
      expect(child.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ status: 'PUBLISHED', read: PER_EXPORT });
      const stateB = (await reader.read()).state;
      expect(stateB).not.toBe(stateA);

      const states = new Set(answers.map((a) => a.state));
      for (const s of states) expect([stateA, stateB], `an answer between the two states: ${s}`).toContain(s);
      // Some answers were taken while the run was writing its transaction, and they saw the old state.
      const duringRun = answers.filter((a) => a.running);
      expect(duringRun.length).toBeGreaterThan(0);
      for (const a of duringRun) expect(a.state).toBe(stateA);
    } finally {
      await reader?.close();
      await database.close();
    }
  }, 180_000);
});
