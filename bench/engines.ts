/**
 * SQLite beside PostgreSQL on the same data (docs/deploy.md "Choosing an engine"):
 *
 *   tsx bench/engines.ts [--rows 200000] [--engines sqlite,postgres]
 *
 * Generates (bench/generate.ts, SYNTHETIC data) one dvcqg `.jsonl` of `rows` dossiers, then for each
 * engine, in a child process of its own (so its peak RSS, `process.resourceUsage().maxRSS`, is that
 * engine's alone), on a fresh database (SQLite file in the OS temp folder; PostgreSQL: a fresh schema
 * on TEST_DATABASE_URL or DATABASE_URL, dropped afterwards):
 * 1. ingest: the first sync end to end (file → published), rows/s; the re-sync of the same file
 *    (every record unchanged), rows/s;
 * 2. dossierStats latency through the GraphQL layer (schema execution in-process, fresh context per
 *    request): the province with the most dossiers by commune × month over two years, p50 / p99 with the stats cache cleared
 *    before every request (cold) and without (warm).
 * PostgreSQL is included when a server URL is set (else the table says how to add it).
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { runGraphQL } from '../src/graphql/compiled-execution.js';
import { createContext } from '../src/graphql/context.js';
import { buildHubSchema } from '../src/graphql/schema.js';
import { invalidateStatsCache } from '../src/stats/stats-cache.js';
import { syncSource } from '../src/sync/run-sync.js';
import { loadUnitReference } from '../src/units/load-units.js';
import { generateDvcqgJsonl } from './generate.js';

const THIS_FILE = fileURLToPath(import.meta.url);
const MiB = 2 ** 20;
type EngineName = 'sqlite' | 'postgres';

interface ChildSpec {
  engine: EngineName;
  input: string;
  rows: number;
}

interface EngineFigures {
  engine: EngineName;
  firstSync: { seconds: number; rowsPerSecond: number };
  resync: { seconds: number; rowsPerSecond: number };
  statsCold: { p50: number; p99: number };
  statsWarm: { p50: number; p99: number };
  /** Rows of the dossierStats answer (its size decides the latency more than the data's). */
  statsRows: number;
  peakRssMiB: number;
}

const serverUrl = () => process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

async function pgAdmin(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** One engine, in this (child) process; prints its figures as one JSON line. */
async function child(spec: ChildSpec): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-engines-'));
  const schema = `lt_bench_${crypto.randomBytes(4).toString('hex')}`;
  let database: Database;
  if (spec.engine === 'sqlite') {
    database = await openDatabase({ engine: 'sqlite', file: path.join(dir, 'hub.sqlite') });
  } else {
    await pgAdmin(`create schema ${schema}`);
    database = await openDatabase({ engine: 'postgres', url: serverUrl()!, searchPath: schema });
  }
  try {
    await migrateToLatest(database);
    // A deployment has the official unit register loaded before its first sync.
    await loadUnitReference(database);
    const sync = async () => {
      const t0 = performance.now();
      // As bench/ingest.ts: the portal source of one province (its dossiers name offices, not areas).
      const r = await syncSource(database, {
        connector: 'dvcqg',
        path: spec.input,
        source: 'portal',
        config: { provinceCode: '38' },
      });
      if (r.status !== 'PUBLISHED') throw new Error(`sync ${r.status}: ${r.message}`);
      const seconds = (performance.now() - t0) / 1000;
      return { seconds, rowsPerSecond: Math.round(r.read / seconds) };
    };
    const firstSync = await sync();
    const resync = await sync();
    const schemaGql = await buildHubSchema();
    // The province with the most dossiers (the generated export spreads them over the country).
    const busiest = await database.db
      .selectFrom('dossiers')
      .select('province_code')
      .where('province_code', 'is not', null)
      .groupBy('province_code')
      .orderBy((eb) => eb.fn.countAll(), 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const query = `{ dossierStats(filter: { provinceCodes: ["${busiest.province_code}"] }, period: { from: "2024-01-01", to: "2025-12-31" }, groupBy: [COMMUNE, MONTH]) {
      commune month received online inPerson postal settled early onTime late
      onTimeRate { value numerator denominator } onlineRate { value } resolvedRate { value } } }`;
    let statsRows = 0;
    const ask = async () => {
      const r = await runGraphQL({ schema: schemaGql, source: query, contextValue: createContext(database) });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      statsRows = (r.data as { dossierStats: unknown[] }).dossierStats.length;
    };
    const statsCold = await timeIt(30, async () => {
      invalidateStatsCache();
      await ask();
    });
    const statsWarm = await timeIt(100, ask);
    const figures: EngineFigures = {
      engine: spec.engine,
      firstSync,
      resync,
      statsCold,
      statsWarm,
      statsRows,
      peakRssMiB: Math.round((process.resourceUsage().maxRSS * 1024) / MiB),
    };
    process.stdout.write(`${JSON.stringify(figures)}\n`);
  } finally {
    await database.close();
    if (spec.engine === 'postgres') await pgAdmin(`drop schema if exists ${schema} cascade`);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(spec: ChildSpec): Promise<EngineFigures> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', THIS_FILE, '--child', JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    p.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`the ${spec.engine} measurement failed (exit ${code}): ${out}`));
        return;
      }
      resolve(JSON.parse(line) as EngineFigures);
    });
  });
}

export interface EnginesOptions {
  rows: number;
  engines: EngineName[];
}

export async function runEnginesBench(options: EnginesOptions): Promise<EngineFigures[]> {
  const input = path.join(os.tmpdir(), `lienthong-engines-${options.rows}.jsonl`);
  if (!fs.existsSync(input)) await generateDvcqgJsonl(input, options.rows);
  const out: EngineFigures[] = [];
  for (const engine of options.engines) out.push(await runChild({ engine, input, rows: options.rows }));
  return out;
}

export function formatEnginesBench(figures: EngineFigures[], options: EnginesOptions): string {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const lines = [
    `dvcqg, ${options.rows.toLocaleString('en')} SYNTHETIC dossiers; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs`,
    '',
    '| engine | first sync rows/s | re-sync rows/s | dossierStats cold p50 / p99 | warm p50 / p99 | answer rows | peak RSS |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const f of figures) {
    lines.push(
      `| ${f.engine} | ${f.firstSync.rowsPerSecond.toLocaleString('en')} (${f.firstSync.seconds.toFixed(1)} s) | ` +
        `${f.resync.rowsPerSecond.toLocaleString('en')} (${f.resync.seconds.toFixed(1)} s) | ` +
        `${ms(f.statsCold.p50)} / ${ms(f.statsCold.p99)} | ${ms(f.statsWarm.p50)} / ${ms(f.statsWarm.p99)} | ${f.statsRows} | ${f.peakRssMiB} MiB |`,
    );
  }
  if (!options.engines.includes('postgres')) {
    lines.push(
      '',
      'PostgreSQL not measured: set TEST_DATABASE_URL or DATABASE_URL (postgres://…) to add it.',
    );
  }
  return lines.join('\n');
}

function parseArgs(argv: string[]): EnginesOptions {
  const options: EnginesOptions = {
    rows: Number(process.env.BENCH_ENGINES_ROWS ?? 200_000),
    engines: serverUrl() ? ['sqlite', 'postgres'] : ['sqlite'],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--rows') options.rows = Number(value());
    else if (a === '--engines') options.engines = value().split(',') as EngineName[];
    else
      throw new Error(
        `Unknown option ${a}. Usage: tsx bench/engines.ts [--rows N] [--engines sqlite,postgres]`,
      );
  }
  if (!Number.isInteger(options.rows) || options.rows < 1) {
    throw new Error(`--rows must be a positive integer; found ${options.rows}.`);
  }
  for (const e of options.engines) {
    if (e !== 'sqlite' && e !== 'postgres')
      throw new Error(`--engines takes sqlite and/or postgres; found ${e}.`);
  }
  if (options.engines.includes('postgres') && !serverUrl()) {
    throw new Error(
      '--engines postgres needs TEST_DATABASE_URL or DATABASE_URL = postgres://user@host:port/database.',
    );
  }
  return options;
}

/** Entry point (also called by bench/run.ts with no arguments: BENCH_ENGINES_ROWS or the default). */
export async function main(argv: string[] = []): Promise<void> {
  const options = parseArgs(argv);
  console.log('\n## SQLite beside PostgreSQL (bench/engines.ts)\n');
  console.log(formatEnginesBench(await runEnginesBench(options), options));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv[2] === '--child') await child(JSON.parse(process.argv[3]!) as ChildSpec);
  else await main(process.argv.slice(2));
}
