/**
 * `npm run bench` (never part of `npm test`): every benchmark part present in bench/.
 * 1. Ingest (bench/ingest.ts, the sync engine's figures): on SQLite, then on PostgreSQL when
 *    TEST_DATABASE_URL or DATABASE_URL names a server (BENCH_INGEST_ROWS, default 1,000,000).
 * 2. SQLite beside PostgreSQL on the same data (bench/engines.ts): first sync and re-sync rows/s,
 *    dossierStats latency, peak RSS (BENCH_ENGINES_ROWS, default 200,000).
 * 3. Queries (bench/query.ts, SQLite): sizes BENCH_QUERY_SIZES (default 1000000,10000000).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main as enginesBench } from './engines.js';
import { formatQueryBench, runQueryBench } from './query.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const pgServer = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL?.startsWith('postgres'));
const ingest = path.join(HERE, 'ingest.ts');
if (fs.existsSync(ingest)) {
  const mod = (await import(pathToFileURL(ingest).href)) as { main?: (argv?: string[]) => Promise<void> };
  if (mod.main) {
    await mod.main(['--engine', 'sqlite']);
    if (pgServer) await mod.main(['--engine', 'postgres']);
  }
}
await enginesBench();
const sizes = (process.env.BENCH_QUERY_SIZES ?? '1000000,10000000').split(',').map(Number);
console.log('\n## Query benchmark (bench/query.ts)\n');
console.log(formatQueryBench(await runQueryBench(sizes)));
