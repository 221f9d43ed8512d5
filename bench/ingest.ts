/**
 * Ingest benchmark (the sync engine's acceptance figures, src/sync/README.md "Performance"):
 *
 *   tsx bench/ingest.ts [--rows 1000000] [--engine sqlite|postgres] [--repeat 1] [--only dvcqg|onestop]
 *
 * Generates (bench/generate.ts, SYNTHETIC data) a dvcqg `.jsonl` and an onestop folder of `rows`
 * dossiers each, then measures, in ONE run and each in its own child process (so peak memory —
 * `process.resourceUsage().maxRSS` — is that measurement's alone):
 *
 * - **ceiling**: the same file parsed alone through its connector, plus ONE prepared INSERT per
 *   dossier into a table with the same indexes as `dossiers` (the `dossiers` table of a fresh
 *   migrated database itself, with SQLite's default page size), in one transaction: the raw speed of
 *   "read + store", no validation, no lineage, no merge;
 * - **first sync**: `syncSource` into a fresh database (file → published, lineage included; the
 *   official unit register is loaded before, by a process of its own, as a deployment has it);
 * - **re-sync**: the same file again onto that database (every record unchanged).
 *
 * Each row reports records/s (wall clock), records per CPU-second (the machine is shared: the wall
 * figure depends on the load), peak RSS, and the RSS when 25/50/75/100 % of the file had been read
 * (flat = memory does not grow with the file). `--repeat N` runs every measurement N times and keeps
 * the fastest (peak RSS of that run). `--engine postgres` uses TEST_DATABASE_URL or DATABASE_URL, a
 * fresh schema per database, dropped afterwards.
 *
 * Generated inputs are cached in the OS temp folder by size (`lienthong-ingest-<rows>`), since
 * generating a million rows takes a while; `--fresh` regenerates. BENCH_CHILD_NODE_ARGS adds node
 * options to the measured children (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`); MEMDEBUG=1 prints the
 * children's heap figures at each checkpoint.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import type { Connector } from '../connectors/contract.js';
import { connectors } from '../connectors/index.js';
import type { DossierCandidate } from '../schema/canonical/records.js';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { syncSource } from '../src/sync/run-sync.js';
import { keepSyncHeapSmall } from '../src/sync/sync-process-heap.js';
import { loadUnitReference } from '../src/units/load-units.js';
import { generateDvcqgJsonl, generateOnestopFolder } from './generate.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const MiB = 2 ** 20;

type EngineName = 'sqlite' | 'postgres';
type Kind = 'dvcqg' | 'onestop';
type Measure = 'ceiling' | 'first' | 'resync';
/** What a child does: a measurement, or `setup` — the first sync's database made ready, unmeasured. */
type Step = Measure | 'setup';

interface ChildSpec {
  measure: Step;
  kind: Kind;
  input: string;
  engine: EngineName;
  /** SQLite file, or PostgreSQL schema. */
  target: string;
  /** Records the connector yields for the input (for the 25/50/75/100 % checkpoints). */
  expected: number;
}

interface ChildResult {
  records: number;
  dossiers: number;
  seconds: number;
  cpuSeconds: number;
  /** Sync children: the main thread's busy seconds (event loop utilisation). */
  mainSeconds?: number;
  maxRssMiB: number;
  /** RSS (MiB) when 25, 50, 75 and 100 % of the records had been read. */
  checkpoints: (number | null)[];
  counts?: { read: number; inserted: number; updated: number; unchanged: number; rejected: number };
  status?: string;
}

// ---------------------------------------------------------------------------------------------
// Child side: one measurement.

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      '--engine postgres needs TEST_DATABASE_URL or DATABASE_URL = postgres://user@host:port/database; found none.',
    );
  }
  return url;
}

/**
 * The ceiling's file keeps SQLite's default 4 KiB pages: its INSERT maintains every index row by row,
 * which is faster with them than with the 16 KiB pages the hub gives a new file (src/db/dialects/sqlite.ts;
 * 1M rows: 20.9 s vs 24.4 s, 5.1 vs 7.5 system CPU-s). The ceiling is the fastest raw speed.
 */
const CEILING_PAGE_SIZE = 4096;

async function openTarget(spec: ChildSpec): Promise<Database> {
  const pageSize = spec.measure === 'ceiling' ? CEILING_PAGE_SIZE : undefined;
  const database =
    spec.engine === 'sqlite'
      ? await openDatabase({ engine: 'sqlite', file: spec.target, pageSize })
      : await openDatabase({ engine: 'postgres', url: serverUrl(), searchPath: spec.target });
  await migrateToLatest(database);
  return database;
}

class Checkpoints {
  readonly values: (number | null)[] = [null, null, null, null];
  constructor(private readonly expected: number) {}
  at(done: number): void {
    for (let q = 0; q < 4; q++) {
      if (this.values[q] === null && done >= (this.expected * (q + 1)) / 4) {
        this.values[q] = Math.round(process.memoryUsage().rss / MiB);
        if (process.env.MEMDEBUG) {
          const m = process.memoryUsage();
          console.error(
            `q${q} rss ${(m.rss / MiB) | 0} heapUsed ${(m.heapUsed / MiB) | 0} heapTotal ${(m.heapTotal / MiB) | 0} external ${(m.external / MiB) | 0}`,
          );
        }
      }
    }
  }
}

const CEILING_COLUMNS = [
  'id',
  'code',
  'procedure_code',
  'procedure_name',
  'sector_code',
  'sector_name',
  'unit_reported_code',
  'unit_reported_on',
  'receiving_office_ref',
  'handling_office_name',
  'applicant_type',
  'applicant_name',
  'applicant_id_number',
  'summary',
  'channel',
  'status',
  'raw_status',
  'submitted_at',
  'received_at',
  'received_date',
  'due_at',
  'resolved_at',
  'returned_at',
  'refused_at',
  'withdrawn_at',
  'flags',
  'content_hash',
] as const;

function ceilingRow(d: DossierCandidate): unknown[] {
  return [
    d.number,
    d.number,
    d.procedureCode,
    d.procedureName,
    d.sectorCode,
    d.sectorName,
    d.unitCode,
    d.unitDate,
    d.receivingOffice?.ref ?? null,
    d.handlingOfficeName,
    d.applicantType,
    d.applicantName,
    d.applicantIdNumber,
    d.summary,
    d.channel,
    d.status,
    d.rawStatus,
    d.submittedAt,
    d.receivedAt,
    d.receivedAt?.slice(0, 10) ?? null,
    d.dueAt,
    d.resolvedAt,
    d.returnedAt,
    d.refusedAt,
    d.withdrawnAt,
    '[]',
    '',
  ];
}

/** Parse + one prepared INSERT per dossier, one transaction. */
async function runCeiling(
  spec: ChildSpec,
  checkpoints: Checkpoints,
): Promise<Omit<ChildResult, 'maxRssMiB'>> {
  const database = await openTarget(spec);
  const connector = connectors[spec.kind] as Connector;
  const insertSql = `insert into dossiers (${CEILING_COLUMNS.join(',')}) values (${CEILING_COLUMNS.map(() => '?').join(',')})`;
  let records = 0;
  let dossiers = 0;
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  try {
    if (database.sqlite) {
      const raw = database.sqlite;
      const insert = raw.prepare(insertSql);
      raw.exec('begin');
      for await (const o of connector.read(spec.input, {})) {
        if (o.kind !== 'record') continue;
        records++;
        if (o.type === 'dossier' && o.data) {
          insert.run(...ceilingRow(o.data as DossierCandidate));
          dossiers++;
        }
        if ((records & 0x3ff) === 0) checkpoints.at(records);
      }
      raw.exec('commit');
    } else {
      // PostgreSQL: one named prepared statement, executed once per row on one connection.
      const client = new pg.Client({
        connectionString: serverUrl(),
        options: `-c search_path=${spec.target}`,
      });
      await client.connect();
      let n = 0;
      const pgSql = insertSql.replace(/\?/g, () => `$${++n}`);
      await client.query('begin');
      for await (const o of connector.read(spec.input, {})) {
        if (o.kind !== 'record') continue;
        records++;
        if (o.type === 'dossier' && o.data) {
          await client.query({
            name: 'ceiling',
            text: pgSql,
            values: ceilingRow(o.data as DossierCandidate),
          });
          dossiers++;
        }
        if ((records & 0x3ff) === 0) checkpoints.at(records);
      }
      await client.query('commit');
      await client.end();
    }
  } finally {
    await database.close();
  }
  checkpoints.at(records);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return {
    records,
    dossiers,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    checkpoints: checkpoints.values,
  };
}

/** syncSource of the input into the target (fresh for `first`, already synced for `resync`). */
async function runSync(spec: ChildSpec, checkpoints: Checkpoints): Promise<Omit<ChildResult, 'maxRssMiB'>> {
  const database = await openTarget(spec);
  try {
    if (process.env.MEMDEBUG)
      console.error(
        `setup rss ${Math.round(process.memoryUsage().rss / MiB)} maxRSS so far ${Math.round(process.resourceUsage().maxRSS / 1024)}`,
      );
    const start = process.hrtime.bigint();
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const result = await syncSource(
      database,
      { connector: spec.kind, path: spec.input, config: { provinceCode: '38' } },
      { progressIntervalMs: 50, onProgress: (p) => checkpoints.at(p.read) },
    );
    checkpoints.at(result.read);
    if (process.env.MEMDEBUG)
      console.error(
        `end rss ${Math.round(process.memoryUsage().rss / MiB)} maxRSS ${Math.round(process.resourceUsage().maxRSS / 1024)}`,
      );
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    // The main thread's busy time (its event loop not waiting): the rest of the run it waited for
    // the writer thread (src/sync/README.md "The writer thread").
    const mainSeconds = performance.eventLoopUtilization(elu0).active / 1000;
    if (result.status !== 'PUBLISHED') throw new Error(`sync ${result.status}: ${result.message}`);
    return {
      records: result.read,
      dossiers: result.read,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      mainSeconds,
      checkpoints: checkpoints.values,
      counts: {
        read: result.read,
        inserted: result.inserted,
        updated: result.updated,
        unchanged: result.unchanged,
        rejected: result.rejected,
      },
      status: result.status,
    };
  } finally {
    await database.close();
  }
}

/**
 * The first sync's database as a deployment has it: migrated, the official unit register loaded. In a
 * process of its own, as a deployment loads the register once, not in the sync's process (whose peak
 * memory would otherwise carry what loading the register left behind).
 */
async function setupTarget(spec: ChildSpec): Promise<void> {
  const database = await openTarget(spec);
  try {
    await loadUnitReference(database);
  } finally {
    await database.close();
  }
}

async function child(spec: ChildSpec): Promise<void> {
  if (spec.measure === 'setup') {
    await setupTarget(spec);
    process.stdout.write('\nINGEST_RESULT {}\n');
    return;
  }
  // As the CLI's `sync` does (src/sync/sync-process-heap.ts); the ceiling child too, for a fair pair.
  keepSyncHeapSmall();
  const checkpoints = new Checkpoints(spec.expected);
  const r =
    spec.measure === 'ceiling' ? await runCeiling(spec, checkpoints) : await runSync(spec, checkpoints);
  const result: ChildResult = { ...r, maxRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / MiB) };
  process.stdout.write(`\nINGEST_RESULT ${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------------------------------------
// Parent side: inputs, children, table.

function runChild(spec: ChildSpec): Promise<ChildResult> {
  const extra = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  // The parent runs under tsx: its execArgv carries tsx's loader, which the child needs too.
  const loader = process.execArgv.length > 0 ? process.execArgv : ['--import', 'tsx'];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...loader, ...extra, THIS_FILE, '--child', JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('INGEST_RESULT '));
      if (code !== 0 || !line) {
        reject(
          new Error(`bench child ${spec.measure} ${spec.kind} exited with ${code}:\n${out.slice(-2000)}`),
        );
        return;
      }
      resolve(JSON.parse(line.slice('INGEST_RESULT '.length)) as ChildResult);
    });
  });
}

export interface IngestOptions {
  rows: number;
  engine: EngineName;
  repeat: number;
  only?: Kind;
  fresh?: boolean;
}

interface Row {
  kind: Kind;
  measure: Measure;
  best: ChildResult;
}

async function prepareInputs(
  rows: number,
  fresh: boolean,
): Promise<{ dir: string; dvcqg: string; onestop: string }> {
  const dir = path.join(os.tmpdir(), `lienthong-ingest-${rows}`);
  const done = path.join(dir, 'complete');
  if (fresh || !fs.existsSync(done)) {
    fs.rmSync(dir, { recursive: true, force: true });
    const t = Date.now();
    await generateDvcqgJsonl(path.join(dir, 'dvcqg.jsonl'), rows);
    await generateOnestopFolder(path.join(dir, 'onestop'), rows);
    fs.writeFileSync(done, new Date().toISOString());
    console.error(
      `generated ${rows.toLocaleString('en')} rows per source in ${((Date.now() - t) / 1000).toFixed(0)} s`,
    );
  }
  return { dir, dvcqg: path.join(dir, 'dvcqg.jsonl'), onestop: path.join(dir, 'onestop') };
}

/** Records each connector yields: dvcqg one per dossier; onestop also its offices, procedures, holidays. */
function expectedRecords(kind: Kind, rows: number): number {
  return kind === 'dvcqg' ? rows : rows + 40 + 6 + 4;
}

async function pgAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: serverUrl() });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** A fresh target (SQLite file / PostgreSQL schema) and its disposal. */
async function freshTarget(
  engine: EngineName,
  workDir: string,
): Promise<{ target: string; drop: () => Promise<void> }> {
  const name = `bench_${crypto.randomBytes(5).toString('hex')}`;
  if (engine === 'sqlite') {
    const file = path.join(workDir, `${name}.sqlite`);
    return {
      target: file,
      drop: async () => {
        for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
      },
    };
  }
  await pgAdmin((c) => c.query(`create schema ${name}`));
  return {
    target: name,
    drop: () => pgAdmin((c) => c.query(`drop schema if exists ${name} cascade`)).then(() => undefined),
  };
}

export async function runIngestBench(options: IngestOptions): Promise<Row[]> {
  const inputs = await prepareInputs(options.rows, options.fresh ?? false);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-ingest-db-'));
  const rows: Row[] = [];
  const keep = (kind: Kind, measure: Measure, r: ChildResult) => {
    const row = rows.find((x) => x.kind === kind && x.measure === measure);
    if (!row) rows.push({ kind, measure, best: r });
    else if (r.seconds < row.best.seconds) row.best = r;
    console.error(
      `  ${kind} ${measure}: ${r.records.toLocaleString('en')} records in ${r.seconds.toFixed(1)} s ` +
        `(${Math.round(r.records / r.seconds).toLocaleString('en')}/s), ${r.cpuSeconds.toFixed(1)} CPU-s` +
        `${r.mainSeconds === undefined ? '' : ` (main thread busy ${r.mainSeconds.toFixed(1)} s)`}, ` +
        `max RSS ${r.maxRssMiB} MiB, load ${os.loadavg()[0]!.toFixed(2)}`,
    );
  };
  try {
    for (const kind of ['dvcqg', 'onestop'] as const) {
      if (options.only && options.only !== kind) continue;
      const input = inputs[kind];
      const expected = expectedRecords(kind, options.rows);
      for (let i = 0; i < options.repeat; i++) {
        const t = await freshTarget(options.engine, workDir);
        try {
          keep(
            kind,
            'ceiling',
            await runChild({
              measure: 'ceiling',
              kind,
              input,
              engine: options.engine,
              target: t.target,
              expected,
            }),
          );
        } finally {
          await t.drop();
        }
      }
      const t = await freshTarget(options.engine, workDir);
      try {
        for (let i = 0; i < options.repeat; i++) {
          if (i > 0) {
            // Every first sync starts from an empty database.
            await t.drop();
            if (options.engine === 'postgres') await pgAdmin((c) => c.query(`create schema ${t.target}`));
          }
          await runChild({
            measure: 'setup',
            kind,
            input,
            engine: options.engine,
            target: t.target,
            expected,
          });
          keep(
            kind,
            'first',
            await runChild({
              measure: 'first',
              kind,
              input,
              engine: options.engine,
              target: t.target,
              expected,
            }),
          );
        }
        for (let i = 0; i < options.repeat; i++) {
          keep(
            kind,
            'resync',
            await runChild({
              measure: 'resync',
              kind,
              input,
              engine: options.engine,
              target: t.target,
              expected,
            }),
          );
        }
      } finally {
        await t.drop();
      }
    }
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  return rows;
}

const LABEL: Record<Measure, string> = {
  ceiling: 'ceiling: parse + 1 prepared INSERT/row',
  first: 'first sync (file → published)',
  resync: 'unchanged re-sync',
};

export function formatIngestBench(
  rows: Row[],
  options: IngestOptions,
  load: { before: number[]; after: number[] },
): string {
  const fmt = (n: number) => Math.round(n).toLocaleString('en');
  const out: string[] = [];
  out.push(
    `Ingest, ${options.engine}, ${fmt(options.rows)} dossiers per source, best of ${options.repeat}; ` +
      `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? '?'}), load average ${load.before.map((l) => l.toFixed(2)).join(' ')} before, ` +
      `${load.after.map((l) => l.toFixed(2)).join(' ')} after.`,
  );
  out.push('');
  out.push(
    '| source | measurement | records | seconds | records/s | per CPU-s | vs ceiling | peak RSS MiB | RSS at 25/50/75/100 % |',
  );
  out.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    const ceiling = rows.find((x) => x.kind === r.kind && x.measure === 'ceiling');
    const rate = r.best.records / r.best.seconds;
    const vs = ceiling ? `${Math.round((100 * rate) / (ceiling.best.records / ceiling.best.seconds))} %` : '';
    out.push(
      `| ${r.kind} | ${LABEL[r.measure]} | ${fmt(r.best.records)} | ${r.best.seconds.toFixed(1)} | ${fmt(rate)} | ` +
        `${fmt(r.best.records / r.best.cpuSeconds)} | ${r.measure === 'ceiling' ? '100 %' : vs} | ${r.best.maxRssMiB} | ` +
        `${r.best.checkpoints.map((c) => c ?? '–').join(' / ')} |`,
    );
  }
  return out.join('\n');
}

function parseArgs(argv: string[]): IngestOptions {
  const options: IngestOptions = {
    rows: Number(process.env.BENCH_INGEST_ROWS ?? 1_000_000),
    engine: (process.env.BENCH_INGEST_ENGINE as EngineName | undefined) ?? 'sqlite',
    repeat: Number(process.env.BENCH_INGEST_REPEAT ?? 1),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--rows') options.rows = Number(value());
    else if (a === '--engine') options.engine = value() as EngineName;
    else if (a === '--repeat') options.repeat = Number(value());
    else if (a === '--only') options.only = value() as Kind;
    else if (a === '--fresh') options.fresh = true;
    else
      throw new Error(
        `Unknown option ${a}. Usage: tsx bench/ingest.ts [--rows N] [--engine sqlite|postgres] [--repeat N] [--only dvcqg|onestop] [--fresh]`,
      );
  }
  if (!Number.isInteger(options.rows) || options.rows < 1)
    throw new Error(`--rows must be a positive integer; found ${options.rows}.`);
  if (options.engine !== 'sqlite' && options.engine !== 'postgres') {
    throw new Error(`--engine must be sqlite or postgres; found ${options.engine}.`);
  }
  if (!Number.isInteger(options.repeat) || options.repeat < 1)
    throw new Error(`--repeat must be a positive integer; found ${options.repeat}.`);
  if (options.only && options.only !== 'dvcqg' && options.only !== 'onestop') {
    throw new Error(`--only must be dvcqg or onestop; found ${options.only}.`);
  }
  return options;
}

/** Entry point (also called by bench/run.ts, which passes no arguments: BENCH_INGEST_* or defaults). */
export async function main(argv: string[] = []): Promise<void> {
  const options = parseArgs(argv);
  const before = os.loadavg();
  console.log(`\n## Ingest benchmark (bench/ingest.ts)\n`);
  const rows = await runIngestBench(options);
  console.log(formatIngestBench(rows, options, { before, after: os.loadavg() }));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]!) as ChildSpec);
  else await main(process.argv.slice(2));
}
