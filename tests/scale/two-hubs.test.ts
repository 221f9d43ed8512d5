import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { generateDvcqgJsonl } from '../../bench/generate.js';
import { type Database, openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createApiKey } from '../../src/security/api-keys.js';
import { syncSource } from '../../src/sync/run-sync.js';
import {
  graphqlRequest,
  type HubProcess,
  runCli,
  type SharedDatabase,
  sharedDatabase,
  sharedEngines,
  startHubProcess,
} from '../support/shared-database.js';

/**
 * Scale-out (DESIGN.md §1, docs/deploy.md): two API processes on ONE database, a steward asks both
 * to sync the same source at the same moment, and a third worker (the CLI) tries too while the run
 * lasts. Exactly one run happens and publishes; the others are refused with a message naming the
 * source and the holder (or, for the losing hub, answered with that same run); nothing is
 * duplicated; both processes then give the same answers.
 * PostgreSQL: the lease is an advisory lock (src/sync/advisory-lock.ts). SQLite: the leases row,
 * judged by the holder's pid, with SQLite's single writer.
 */
const FIRST = 2_000;
const SECOND = 12_000;

function numbersIn(file: string): Set<string> {
  const out = new Set<string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    for (const d of (JSON.parse(line) as { data: { MaHoSo: string }[] }).data) out.add(d.MaHoSo);
  }
  return out;
}

const SAME_QUERY = `{
  dossiers(first: 5, orderBy: NUMBER) { totalCount nodes { id number status } }
  dossierStats(period: { from: "2020-01-01", to: "2030-12-31" }, groupBy: [STATUS]) { status received settled backlog }
  syncRuns(first: 10) { nodes { id source status read inserted updated unchanged } }
}`;

describe.each(sharedEngines)('two hub processes on one $name database', ({ name }) => {
  let shared: SharedDatabase | undefined;
  let database: Database | undefined;
  const hubs: HubProcess[] = [];
  afterEach(async () => {
    await Promise.all(hubs.splice(0).map((h) => h.stop()));
    await database?.close();
    database = undefined;
    await shared?.cleanup();
    shared = undefined;
  });

  it('sync the same source at once: one run publishes, the others are refused, both answer alike', async () => {
    shared = await sharedDatabase(name);
    const exportFile = path.join(shared.dir, 'portal.jsonl');
    const first = path.join(shared.dir, 'first.jsonl');
    await generateDvcqgJsonl(first, FIRST, 38);
    fs.copyFileSync(first, exportFile);
    database = await openDatabase(shared.config);
    await migrateToLatest(database);
    const initial = await syncSource(database, { connector: 'dvcqg', path: exportFile, source: 'portal' });
    expect(initial).toMatchObject({ status: 'PUBLISHED', inserted: FIRST });
    const { key } = await createApiKey(database, { name: 'scale-test', role: 'ADMIN', provinces: '*' });
    // The portal's next export lands where the last one was; `runSync` re-reads that path. It arrives
    // through a named pipe that the test opens only after the CLI was refused: the run holds its lease
    // for as long as it waits for its input, so the refusal does not depend on how fast a run is.
    const second = path.join(shared.dir, 'second.jsonl');
    await generateDvcqgJsonl(second, SECOND, 39);
    const expected = new Set([...numbersIn(first), ...numbersIn(second)]);
    fs.rmSync(exportFile);
    execFileSync('mkfifo', [exportFile]);

    hubs.push(...(await Promise.all([startHub(shared), startHub(shared)])));
    const [a, b] = hubs as [HubProcess, HubProcess];

    // Both processes answer (and cache) the first state before the run.
    const [beforeA, beforeB] = await Promise.all([
      graphqlRequest(a.url, key, SAME_QUERY),
      graphqlRequest(b.url, key, SAME_QUERY),
    ]);
    expect(beforeA.errors).toBeUndefined();
    expect(beforeB).toEqual(beforeA);
    expect((beforeA.data!.dossiers as { totalCount: number }).totalCount).toBe(FIRST);

    // A third worker starts with them; the hubs' run waits for the pipe until the CLI has answered.
    const cli = runCli(['sync', 'dvcqg', exportFile, '--source', 'portal', '--json'], shared.env);
    const answers = await Promise.all(
      [a, b].map((h) => graphqlRequest(h.url, key, 'mutation { runSync(source: "portal") { id status } }')),
    );
    const started = answers.flatMap((r) => (r.data?.runSync ? [(r.data.runSync as { id: number }).id] : []));
    const refused = answers.flatMap((r) => r.errors ?? []);
    // One hub starts the run; the other is refused (the engine tells each caller which run is its own).
    expect(started, JSON.stringify(answers)).toHaveLength(1);
    expect(refused, JSON.stringify(answers)).toHaveLength(1);
    for (const e of refused) {
      expect(e.message).toMatch(
        /The sync of "portal" did not start: Source "portal" is already being synced by \S+:\d+/,
      );
      expect(e.message).toContain('Wait for that run to finish');
    }
    const runId = started[0]!;

    const cliResult = await cli;
    expect(cliResult.code, cliResult.stdout + cliResult.stderr).toBe(1);
    const holder = /Source "portal" is already being synced by (\S+):(\d+)/.exec(cliResult.stderr);
    expect(holder, cliResult.stderr).not.toBeNull();
    expect(holder![1]).toBe(os.hostname());
    expect([a.pid, b.pid]).toContain(Number(holder![2]));
    expect(cliResult.stderr).toContain('Wait for that run to finish');

    await pipeline(fs.createReadStream(second), fs.createWriteStream(exportFile));
    const run = await waitForRun(a, key, runId);
    expect(run).toMatchObject({ status: 'PUBLISHED', read: SECOND });

    // Exactly one run after the first one; no dossier twice.
    const runs = await database.db
      .selectFrom('sync_runs')
      .select(['id', 'status'])
      .where('source_id', '=', 'portal')
      .orderBy('id')
      .execute();
    expect(runs.map((r) => [Number(r.id), r.status])).toEqual([
      [initial.runId, 'PUBLISHED'],
      [runId, 'PUBLISHED'],
    ]);
    const counts = await database.db
      .selectFrom('dossiers')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.count<number>('code').distinct().as('numbers'),
      ])
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(expected.size);
    expect(Number(counts.numbers)).toBe(expected.size);
    const lineage = await database.db
      .selectFrom('source_records')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source_id', '=', 'portal')
      .executeTakeFirstOrThrow();
    expect(Number(lineage.n)).toBe(expected.size);
    // The lease is released right after the commit (the run row says PUBLISHED a moment before).
    const db = database.db;
    const leases = async () => db.selectFrom('leases').selectAll().execute();
    for (let i = 0; i < 100 && (await leases()).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await leases()).toEqual([]);

    // Stateless processes: the same question, the same answer, from either.
    const [fromA, fromB] = await Promise.all([
      graphqlRequest(a.url, key, SAME_QUERY),
      graphqlRequest(b.url, key, SAME_QUERY),
    ]);
    expect(fromA.errors).toBeUndefined();
    expect(fromB).toEqual(fromA);
    expect((fromA.data!.dossiers as { totalCount: number }).totalCount).toBe(expected.size);
  }, 180_000);
});

function startHub(shared: SharedDatabase): Promise<HubProcess> {
  return startHubProcess(shared.env);
}

async function waitForRun(hub: HubProcess, key: string, id: number): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const r = await graphqlRequest(
      hub.url,
      key,
      'query($id: Int!) { syncRun(id: $id) { id status read inserted updated unchanged message } }',
      { id },
    );
    const run = r.data?.syncRun as Record<string, unknown> | null | undefined;
    if (run && run.status !== 'RUNNING') return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still RUNNING after 120 s: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
