/**
 * Parse throughput of the dvcqg and onestop connectors on generated exports (bench/generate.ts):
 *
 *   tsx bench/connector-throughput.ts [count=200000]
 *
 * Reads every output and counts records; no validation, no database (that is the engine's part).
 * Prints dossiers/s and the peak RSS, the figure the engine's 25,000 dossiers/s budget is checked against.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connector } from '../connectors/contract.js';
import { dvcqg } from '../connectors/dvcqg/index.js';
import { onestop } from '../connectors/onestop/index.js';
import { generateDvcqgJsonl, generateOnestopFolder } from './generate.js';

async function measure(name: string, connector: Connector<unknown>, path: string): Promise<void> {
  let records = 0;
  let issues = 0;
  let peak = 0;
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  for await (const o of connector.read(path, {})) {
    if (o.kind !== 'record') continue;
    records++;
    issues += o.issues.length;
    if ((records & 0xffff) === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  // CPU seconds as well as wall seconds: on a shared machine the wall figure depends on the load.
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `${name}: ${records} records in ${seconds.toFixed(2)} s = ${Math.round(records / seconds).toLocaleString('en')} records/s, ` +
      `${Math.round(records / cpuSeconds).toLocaleString('en')} records per CPU-second, ${issues} issues, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`,
  );
}

const count = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'lienthong-bench-'));
try {
  await generateDvcqgJsonl(join(dir, 'dvcqg.jsonl'), count);
  await generateOnestopFolder(join(dir, 'onestop'), count);
  await measure('dvcqg .jsonl', dvcqg, join(dir, 'dvcqg.jsonl'));
  await measure('onestop HoSos.csv', onestop, join(dir, 'onestop'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
