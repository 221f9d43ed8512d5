import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Connector, ConnectorOutput } from '../contract.js';
import { parseJsonExact } from '../shared/exact-json.js';
import { listSourceFiles } from '../shared/files.js';
import { readJsonLines } from '../shared/json-lines.js';
import { type Issues, issue } from '../shared/values.js';
import { mapHotichRecord } from './map-record.js';
import { loadMojUnits } from './moj-units.js';

/**
 * Source configuration. `unitsFile`: the steward's unit-id CSV, relative to the folder (default
 * `moj-units.csv`, SOURCES.md "hotich"); `provinceCode` documents the province the export covers.
 */
export const HotichConfig = z.object({
  unitsFile: z.string().min(1).default('moj-units.csv'),
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'a 2-digit province code')
    .optional(),
});
export type HotichConfig = z.infer<typeof HotichConfig>;

/**
 * hotich — civil-status registration exports of the Ministry of Justice system (SOURCES.md "hotich";
 * connectors/hotich/README.md). Always a folder: every `*.jsonl` file is read, one record per line;
 * the units CSV maps the ministry's unit ids to commune codes; other files are skipped.
 */
export const hotich: Connector<HotichConfig> = {
  kind: 'hotich',
  description:
    'Civil-status registration (hộ tịch: birth, death, marriage) from the Ministry of Justice system, a folder of .jsonl',
  configSchema: HotichConfig,
  read(path: string, config: HotichConfig): AsyncIterable<ConnectorOutput> {
    return readHotich(path, HotichConfig.parse(config));
  },
};

async function* readHotich(path: string, config: HotichConfig): AsyncGenerator<ConnectorOutput> {
  if (!(await stat(path)).isDirectory()) {
    throw new Error(
      `hotich reads a folder (the *.jsonl exports and ${config.unitsFile}), but ${path} is a file (SOURCES.md "Common rules")`,
    );
  }
  const { files } = await listSourceFiles(path);
  const unitsPath = join(path, config.unitsFile);
  const unitsFile = files.find((f) => f.path === unitsPath);
  let units: ReadonlyMap<string, string> = new Map();
  if (unitsFile === undefined) {
    yield {
      kind: 'skipped',
      file: config.unitsFile,
      reason:
        'not found: the ministry unit ids (maDonVi) cannot be mapped to communes; every record is flagged',
    };
  } else {
    const loaded = await loadMojUnits(unitsFile.path, unitsFile.name);
    units = loaded.codes;
    if (loaded.problems.length > 0) {
      yield { kind: 'skipped', file: unitsFile.name, reason: `rows left out: ${loaded.problems.join('; ')}` };
    }
  }

  for (const f of files) {
    if (f === unitsFile) continue;
    if (!f.name.toLowerCase().endsWith('.jsonl')) {
      yield {
        kind: 'skipped',
        file: f.name,
        reason: `not a civil-status export (*.jsonl) nor ${config.unitsFile}`,
      };
      continue;
    }
    for await (const l of readJsonLines(f.path)) {
      const locator = { file: f.name, line: l.line };
      if (l.parseError !== undefined) {
        const issues: Issues = [];
        issue(issues, 'UNPARSABLE', 'line', 'one JSON record', l.parseError);
        yield { kind: 'record', type: 'dossier', sourceKey: null, locator, raw: l.text, data: null, issues };
        continue;
      }
      // Re-read from the text so that maDonVi (a long integer beyond 2^53) keeps every digit.
      yield* mapHotichRecord(parseJsonExact(l.text), locator, units);
    }
  }
}
