/**
 * Query benchmark of the dashboard API (src/stats, src/graphql/dashboard):
 *
 *   tsx bench/query.ts [sizes=1000000,10000000]      (or BENCH_QUERY_SIZES)
 *
 * For each size: generates that many SYNTHETIC dossiers directly into the tables of a fresh SQLite
 * file (bulk prepared inserts, bypassing connectors and the sync engine: this measures queries, not
 * ingestion), builds the rollups (refreshDossierRollups, whole table), then measures:
 * 1. dossierStats province × commune × month over a year, through the GraphQL layer in-process with
 *    the server's own executor (`runGraphQL`: parsed once, executed compiled; fresh context per
 *    request), with the answer cache emptied before each request and cached: p50 / p99;
 * 2. the same figures computed naively — GROUP BY over `dossiers` directly (plan DIRECT): p50 / p99;
 * 3. requests/s over HTTP on loopback of a realistic dashboard query (a province's communes for a
 *    month with rates and snapshot figures) against the hub server, and of a bare Apollo Server
 *    answering a constant, with the same client loop (fixed concurrency, fixed duration).
 * Data: the 3,321 current communes of fixtures/reference spread over their 34 provinces, received
 * through 2025, 200 procedures, realistic shares of channels and statuses; ~4 % AMBIGUOUS units.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { runGraphQL } from '../src/graphql/compiled-execution.js';
import { createContext } from '../src/graphql/context.js';
import { buildHubSchema } from '../src/graphql/schema.js';
import { anonymousPrincipal } from '../src/security/principal.js';
import { defaultSecurityConfig } from '../src/security/security-config.js';
import { startHub } from '../src/server/hub-server.js';
import { dossierStats } from '../src/stats/dossier-stats.js';
import { rebuildAllDossierRollups } from '../src/stats/rollups.js';
import { invalidateStatsCache } from '../src/stats/stats-cache.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, 'out');

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function communes(): { code: string; province: string }[] {
  const text = fs
    .readFileSync(path.join(HERE, '../fixtures/reference/communes.csv'), 'utf8')
    .split('\n')
    .slice(1);
  return text
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [code, , , province] = l.split(',');
      return { code: code!, province: province! };
    });
}

const iso = (ms: number) => new Date(ms).toISOString();
const localDate = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

async function generate(database: Database, count: number): Promise<void> {
  const raw = database.sqlite!;
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const units = communes();
  const random = prng(20250701);
  const procedures = Array.from({ length: 200 }, (_, i) => ({
    id: `1.${String(100000 + i * 37).padStart(6, '0')}`,
    level: i % 3 === 0 ? 'FULL_ONLINE' : i % 3 === 1 ? 'PARTIAL_ONLINE' : 'INFORMATION',
  }));
  const insertProcedure = raw.prepare(
    `insert into procedures (id, name, sector_code, level, content_hash) values (?, ?, ?, ?, 'bench')`,
  );
  for (const p of procedures) insertProcedure.run(p.id, `Thủ tục ${p.id}`, `LV${p.id.slice(-2)}`, p.level);
  const insert = raw.prepare(
    `insert into dossiers (id, code, procedure_id, sector_code, unit_reported_code, unit_status, unit_code, province_code,
      receiving_office_id, channel, status, submitted_at, received_at, received_date, due_at, resolved_at, settled_at, settled_date, content_hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench')`,
  );
  const start = Date.parse('2024-12-31T17:00:00.000Z'); // 2025-01-01 00:00 local
  const year = 365 * 86_400_000;
  const batch = raw.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const u = units[Math.floor(random() * units.length)]!;
      const ambiguous = random() < 0.04;
      const proc = procedures[Math.floor(random() * procedures.length)]!;
      const c = random();
      const channel = c < 0.6 ? 'ONLINE' : c < 0.95 ? 'IN_PERSON' : c < 0.99 ? 'POSTAL' : null;
      // Office hours, spread over the year.
      const day = Math.floor(random() * 365);
      const received = start + day * 86_400_000 + (7 + random() * 10) * 3_600_000;
      const due = received + Math.floor(1 + random() * 15) * 86_400_000;
      const s = random();
      const status =
        s < 0.55
          ? 'RETURNED'
          : s < 0.85
            ? 'RESOLVED'
            : s < 0.9
              ? 'PROCESSING'
              : s < 0.92
                ? 'SUPPLEMENT_REQUESTED'
                : s < 0.94
                  ? 'ACCEPTED'
                  : s < 0.96
                    ? 'SUBMITTED'
                    : s < 0.98
                      ? 'WITHDRAWN'
                      : 'REFUSED';
      const settled =
        status === 'RESOLVED' || status === 'RETURNED' ? received + random() * 18 * 86_400_000 : null;
      const number = `B${String(i).padStart(9, '0')}`;
      insert.run(
        number,
        number,
        proc.id,
        `LV${proc.id.slice(-2)}`,
        u.code,
        ambiguous ? 'AMBIGUOUS' : 'EXACT',
        ambiguous ? null : u.code,
        u.province,
        `office:${u.code}`,
        channel,
        status,
        iso(received - 3_600_000),
        iso(received),
        localDate(received),
        received < start + year ? iso(due) : null,
        settled === null ? null : iso(settled),
        settled === null ? null : iso(settled),
        settled === null ? null : localDate(settled),
      );
    }
  });
  // Bulk load without the secondary indexes, then build them once (much faster than row by row).
  const indexes = raw
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and tbl_name = 'dossiers' and sql is not null`,
    )
    .all() as { name: string; sql: string }[];
  for (const i of indexes) raw.exec(`drop index ${i.name}`);
  const step = 100_000;
  for (let i = 0; i < count; i += step) batch(i, Math.min(count, i + step));
  for (const i of indexes) raw.exec(i.sql);
  raw.exec('analyze');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < Math.min(3, runs); i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

/** Requests/s with `concurrency` clients in a loop for `seconds` (keep-alive, loopback). */
async function requestsPerSecond(
  url: string,
  body: string,
  seconds: number,
  concurrency = 8,
): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () =>
            res.statusCode === 200 && !text.includes('"errors"')
              ? resolve()
              : reject(new Error(text.slice(0, 300))),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  for (let i = 0; i < 20; i++) await post();
  let done = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        await post();
        done++;
      }
    }),
  );
  agent.destroy();
  return done / seconds;
}

async function bareApollo(): Promise<{ url: string; close(): Promise<void> }> {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
  });
  await apollo.start();
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method!, headers, search: '', body: JSON.parse(body) },
      context: async () => ({}),
    });
    res.statusCode = result.status ?? 200;
    for (const [k, v] of result.headers) res.setHeader(k, v);
    res.end(result.body.kind === 'complete' ? result.body.string : '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await apollo.stop();
    },
  };
}

export interface QueryBenchResult {
  dossiers: number;
  generateSeconds: number;
  rollupSeconds: number;
  rollupRows: number;
  /** Through GraphQL, the answer cache emptied before every request: rollup SQL + GraphQL. */
  graphqlCold: { p50: number; p99: number };
  /** Through GraphQL, answered from the cache (the repeated dashboard question). */
  graphqlWarm: { p50: number; p99: number };
  /** The rollup plan alone (src/stats, no GraphQL, no cache). */
  rollupSql: { p50: number; p99: number };
  naive: { p50: number; p99: number };
  dashboardRps: number;
  bareApolloRps: number;
}

/**
 * BENCH_REUSE=1: keep each generated database (bench/out/query-<size>.sqlite, with its build times in
 * `….sqlite.json`) and measure an existing one again instead of regenerating it (10 million dossiers
 * take ~15 minutes to load and roll up). The data is the same (fixed seed); the rollups are the ones
 * built then, so rebuild them (delete the files) after a change to how rollups are computed.
 */
const REUSE = Boolean(process.env.BENCH_REUSE);

function reusable(file: string, size: number): { generateSeconds: number; rollupSeconds: number } | null {
  if (!REUSE || !fs.existsSync(file) || !fs.existsSync(`${file}.json`)) return null;
  const built = JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as {
    dossiers: number;
    generateSeconds: number;
    rollupSeconds: number;
  };
  return built.dossiers === size ? built : null;
}

export async function runQueryBench(sizes: number[]): Promise<QueryBenchResult[]> {
  fs.mkdirSync(OUT, { recursive: true });
  const results: QueryBenchResult[] = [];
  for (const size of sizes) {
    const file = path.join(OUT, `query-${size}.sqlite`);
    const built = reusable(file, size);
    if (!built) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    const database = await openDatabase({ engine: 'sqlite', file });
    await migrateToLatest(database);
    let generateSeconds: number;
    let rollupSeconds: number;
    if (built) {
      ({ generateSeconds, rollupSeconds } = built);
      console.error(
        `reusing ${file} (built earlier: load ${generateSeconds.toFixed(0)} s, rollups ${rollupSeconds.toFixed(0)} s)`,
      );
    } else {
      let t = performance.now();
      await generate(database, size);
      generateSeconds = (performance.now() - t) / 1000;
      t = performance.now();
      await rebuildAllDossierRollups(database);
      rollupSeconds = (performance.now() - t) / 1000;
      if (REUSE)
        fs.writeFileSync(`${file}.json`, JSON.stringify({ dossiers: size, generateSeconds, rollupSeconds }));
    }
    const rollupRows = Number(
      (database.sqlite!.prepare('select count(*) as n from dossier_rollups').get() as { n: number }).n,
    );
    // The province with the most communes: the largest province × commune × month answer.
    const province = String(
      (
        database
          .sqlite!.prepare(
            `select province_code as p from dossiers group by province_code order by count(*) desc limit 1`,
          )
          .get() as { p: string }
      ).p,
    );
    const schema = await buildHubSchema();
    const query = `{ dossierStats(filter: { provinceCodes: ["${province}"] }, period: { from: "2025-01-01", to: "2025-12-31" }, groupBy: [PROVINCE, COMMUNE, MONTH]) {
      province commune month received online inPerson postal settled early onTime late
      onTimeRate { value numerator denominator } onlineRate { value } resolvedRate { value } } }`;
    const runs = size >= 5_000_000 ? 100 : 200;
    const ask = async () => {
      const r = await runGraphQL({ schema, source: query, contextValue: createContext(database) });
      if (r.errors) throw new Error(JSON.stringify(r.errors));
    };
    const graphqlCold = await timeIt(runs, async () => {
      invalidateStatsCache();
      await ask();
    });
    const graphqlWarm = await timeIt(runs, ask);
    const request = (plan: 'AUTO' | 'DIRECT') => {
      const now = new Date().toISOString();
      return {
        filter: { provinceCodes: [province] },
        period: { from: '2025-01-01', to: '2025-12-31' },
        groupBy: ['PROVINCE', 'COMMUNE', 'MONTH'] as ('PROVINCE' | 'COMMUNE' | 'MONTH')[],
        policy: 'DAY' as const,
        geography: 'CURRENT' as const,
        asOf: now,
        now,
        plan,
      };
    };
    const rollupSql = await timeIt(runs, () => dossierStats(database, request('AUTO')));
    const naive = await timeIt(size >= 5_000_000 ? 5 : 10, () => dossierStats(database, request('DIRECT')));
    const hub = await startHub({
      database,
      port: 0,
      host: '127.0.0.1',
      security: defaultSecurityConfig({
        anonymous: anonymousPrincipal('VIEWER', '*'),
        anonymousReason: 'configured',
      }),
    });
    const dashboard = JSON.stringify({
      query: `{ dossierStats(filter: { provinceCodes: ["${province}"] }, period: { from: "2025-11-01", to: "2025-11-30" }, groupBy: [COMMUNE]) {
        commune received settled onTimeRate { value numerator denominator } onlineRate { value numerator denominator } backlog overdue } }`,
    });
    const dashboardRps = await requestsPerSecond(`${hub.url}/graphql`, dashboard, 5);
    await hub.close();
    const bare = await bareApollo();
    const bareApolloRps = await requestsPerSecond(bare.url, JSON.stringify({ query: '{ hello }' }), 5);
    await bare.close();
    await database.close();
    const r = {
      dossiers: size,
      generateSeconds,
      rollupSeconds,
      rollupRows,
      graphqlCold,
      graphqlWarm,
      rollupSql,
      naive,
      dashboardRps,
      bareApolloRps,
    };
    console.log(JSON.stringify(r));
    results.push(r);
    if (!process.env.BENCH_KEEP && !REUSE)
      for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}.json`]) fs.rmSync(f, { force: true });
  }
  return results;
}

export function formatQueryBench(results: QueryBenchResult[]): string {
  const ms = (t: { p50: number; p99: number }) => `${t.p50.toFixed(1)} / ${t.p99.toFixed(1)} ms`;
  const lines = [
    '| dossiers | load (bulk) | rollup build (rows) | GraphQL, cache emptied | GraphQL, cached | rollup SQL alone | naive GROUP BY | dashboard req/s | bare Apollo req/s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.dossiers.toLocaleString('en')} | ${r.generateSeconds.toFixed(0)} s | ${r.rollupSeconds.toFixed(0)} s (${r.rollupRows.toLocaleString('en')}) | ${ms(r.graphqlCold)} | ${ms(r.graphqlWarm)} | ${ms(r.rollupSql)} | ${ms(r.naive)} | ${r.dashboardRps.toFixed(0)} | ${r.bareApolloRps.toFixed(0)} |`,
    );
  }
  return `province × commune × month over 2025 for the largest province, p50 / p99:\n\n${lines.join('\n')}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const sizes = (process.argv[2] ?? process.env.BENCH_QUERY_SIZES ?? '1000000,10000000')
    .split(',')
    .map(Number);
  console.log(formatQueryBench(await runQueryBench(sizes)));
}
