/**
 * Staff-spreadsheet sync benchmark (README.md "Benchmarks" → "Staff spreadsheets"):
 *
 *   npx tsx bench/staff-sync.ts [--rows 100000] [--fresh]
 *
 * Generates (bench/generate-cadre.ts, SYNTHETIC) one `.xlsx` staff list of `rows` rows — cached in the
 * OS temp folder by size, `--fresh` regenerates — then measures, each in its own child process (so
 * its peak RSS, `process.resourceUsage().maxRSS`, is that measurement's alone), on SQLite:
 * - **first sync**: `syncSource(cadre)` into a fresh database whose unit register and offices (the
 *   lgsp and onestop samples) are loaded before the clock starts, as a deployment has them: read the
 *   workbook, validate, build persons and assignments, publish;
 * - **re-sync**: the same workbook again (every record unchanged: nothing written).
 * Reports rows/s (wall), CPU seconds, peak RSS and the RSS at 25/50/75/100 % of the rows read (flat =
 * memory does not grow with the file).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { syncSource } from '../src/sync/run-sync.js';
import { keepSyncHeapSmall } from '../src/sync/sync-process-heap.js';
import { loadUnitReference } from '../src/units/load-units.js';
import { generateCadreWorkbook } from './generate-cadre.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const SAMPLES = path.resolve(path.dirname(THIS_FILE), '..', 'fixtures', 'samples');
const MiB = 2 ** 20;

interface ChildSpec {
  measure: 'first' | 'resync';
  workbook: string;
  database: string;
  rows: number;
}

interface ChildResult {
  measure: string;
  seconds: number;
  cpuSeconds: number;
  maxRssMiB: number;
  checkpoints: (number | null)[];
  counts: {
    read: number;
    inserted: number;
    updated: number;
    unchanged: number;
    rejected: number;
    warnings: number;
  };
  persons: number;
  assignments: number;
}

async function child(spec: ChildSpec): Promise<void> {
  // As the CLI's `sync` does (src/sync/sync-process-heap.ts).
  keepSyncHeapSmall();
  const database = await openDatabase({ engine: 'sqlite', file: spec.database });
  await migrateToLatest(database);
  if (spec.measure === 'first') {
    await loadUnitReference(database);
    for (const kind of ['lgsp', 'onestop']) {
      await syncSource(database, {
        connector: kind,
        path: path.join(SAMPLES, kind),
        config: { provinceCode: '38' },
      });
    }
  }
  const checkpoints: (number | null)[] = [null, null, null, null];
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const result = await syncSource(
    database,
    { connector: 'cadre', path: spec.workbook, config: { provinceCode: '38' } },
    {
      progressIntervalMs: 50,
      onProgress: (p) => {
        for (let q = 0; q < 4; q++) {
          if (checkpoints[q] === null && p.read >= (spec.rows * (q + 1)) / 4) {
            checkpoints[q] = Math.round(process.memoryUsage().rss / MiB);
          }
        }
      },
    },
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  if (result.status !== 'PUBLISHED') throw new Error(`sync failed: ${result.message}`);
  const count = async (t: 'persons' | 'assignments') =>
    Number(
      (
        await database.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const out: ChildResult = {
    measure: spec.measure,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / MiB),
    checkpoints,
    counts: {
      read: result.read,
      inserted: result.inserted,
      updated: result.updated,
      unchanged: result.unchanged,
      rejected: result.rejected,
      warnings: result.warnings,
    },
    persons: await count('persons'),
    assignments: await count('assignments'),
  };
  await database.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function runChild(spec: ChildSpec): Promise<ChildResult> {
  // The parent runs under tsx: its execArgv carries tsx's loader, which the child needs too.
  const loader = process.execArgv.length > 0 ? process.execArgv : ['--import', 'tsx'];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...loader, THIS_FILE, '--child', JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    p.stdout.on('data', (b) => {
      text += b;
    });
    p.on('error', reject);
    p.on('close', (code) => {
      if (code !== 0) reject(new Error(`the ${spec.measure} measurement exited with ${code}`));
      else resolve(JSON.parse(text.trim().split('\n').pop()!) as ChildResult);
    });
  });
}

export async function main(args: string[]): Promise<ChildResult[]> {
  const at = args.indexOf('--rows');
  const rows = at >= 0 ? Number(args[at + 1]) : 100_000;
  if (!Number.isSafeInteger(rows) || rows < 1)
    throw new Error(`--rows expects a positive integer; found ${args[at + 1]}`);
  const dir = path.join(os.tmpdir(), 'lienthong-staff-bench');
  fs.mkdirSync(dir, { recursive: true });
  const workbook = path.join(dir, `cadre-${rows}.xlsx`);
  if (args.includes('--fresh') || !fs.existsSync(workbook)) {
    console.error(`generating ${rows} staff rows → ${workbook}`);
    await generateCadreWorkbook(workbook, rows);
  }
  const database = path.join(dir, `hub-${rows}.sqlite`);
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${database}${suffix}`, { force: true });
  const results = [
    await runChild({ measure: 'first', workbook, database, rows }),
    await runChild({ measure: 'resync', workbook, database, rows }),
  ];
  const mb = (fs.statSync(workbook).size / MiB).toFixed(1);
  console.log(`\n### Staff spreadsheets (bench/staff-sync.ts, ${rows} rows, ${mb} MiB .xlsx, SQLite)\n`);
  console.log(
    '| measurement | rows/s | wall s | CPU s | peak RSS MiB | RSS at 25/50/75/100 % | persons | assignments |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.measure === 'first' ? 'first sync' : 're-sync (unchanged)'} | ${Math.round(r.counts.read / r.seconds)} | ${r.seconds.toFixed(1)} | ${r.cpuSeconds.toFixed(1)} | ${r.maxRssMiB} | ${r.checkpoints.map((c) => c ?? '–').join(' / ')} | ${r.persons} | ${r.assignments} |`,
    );
  }
  console.log(`\ncounts: ${results.map((r) => `${r.measure} ${JSON.stringify(r.counts)}`).join('; ')}`);
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]!) as ChildSpec);
  else await main(process.argv.slice(2));
}
