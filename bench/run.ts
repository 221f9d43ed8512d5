/**
 * `npm run bench`: every benchmark part present in bench/. The ingest part (bench/ingest.ts, written
 * by the sync engine's owner) runs first when it exists; then the query part (bench/query.ts).
 * Sizes of the query part: BENCH_QUERY_SIZES (default 1000000,10000000).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatQueryBench, runQueryBench } from './query.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ingest = path.join(HERE, 'ingest.ts');
if (fs.existsSync(ingest)) {
  const mod = (await import(pathToFileURL(ingest).href)) as {
    main?: () => Promise<void>;
    runIngestBench?: () => Promise<unknown>;
  };
  const run = mod.main ?? mod.runIngestBench;
  if (run) await run();
}
const sizes = (process.env.BENCH_QUERY_SIZES ?? '1000000,10000000').split(',').map(Number);
console.log('\n## Query benchmark (bench/query.ts)\n');
console.log(formatQueryBench(await runQueryBench(sizes)));
