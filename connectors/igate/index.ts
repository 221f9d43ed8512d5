import { z } from 'zod';
import type { Connector, ConnectorOutput } from '../contract.js';
import { listSourceFiles } from '../shared/files.js';
import { readJsonLines } from '../shared/json-lines.js';
import { type Issues, issue } from '../shared/values.js';
import { mapDossier } from './map-dossier.js';

/** Configuration of an iGate source: the province it serves (optional, informative). */
export const IgateConfig = z.object({
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'a 2-digit province code')
    .optional(),
});
export type IgateConfig = z.infer<typeof IgateConfig>;

/** In a folder, the `dossiers` collection export (split exports: `dossiers-001.jsonl` …). */
const DOSSIER_FILE = /^dossiers.*\.jsonl$/i;

/**
 * igate — VNPT iGate `mongoexport` of the `dossiers` collection (SOURCES.md "igate";
 * connectors/igate/README.md): JSON Lines, MongoDB Extended JSON (relaxed), one dossier per line.
 * A `.jsonl` file, or a folder holding `dossiers.jsonl`; other files are reported as skipped.
 */
export const igate: Connector<IgateConfig> = {
  kind: 'igate',
  description:
    'VNPT iGate one-stop system: mongoexport of the dossiers collection (JSON Lines, Extended JSON)',
  configSchema: IgateConfig,
  read(path: string): AsyncIterable<ConnectorOutput> {
    return readIgate(path);
  },
};

async function* readIgate(path: string): AsyncGenerator<ConnectorOutput> {
  const { folder, files } = await listSourceFiles(path);
  for (const f of files) {
    const wanted = folder ? DOSSIER_FILE.test(f.name) : f.name.toLowerCase().endsWith('.jsonl');
    if (!wanted) {
      yield { kind: 'skipped', file: f.name, reason: 'not an iGate dossiers export (dossiers.jsonl)' };
      continue;
    }
    for await (const l of readJsonLines(f.path)) {
      const locator = { file: f.name, line: l.line };
      const issues: Issues = [];
      if (l.parseError !== undefined) {
        issue(issues, 'UNPARSABLE', 'line', 'one JSON document', l.parseError);
        yield { kind: 'record', type: 'dossier', sourceKey: null, locator, raw: l.text, data: null, issues };
        continue;
      }
      const doc = l.value;
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
        issue(issues, 'UNPARSABLE', 'line', 'one dossier document (a JSON object)', doc);
        yield { kind: 'record', type: 'dossier', sourceKey: null, locator, raw: doc, data: null, issues };
        continue;
      }
      const data = mapDossier(doc as Record<string, unknown>, issues);
      yield {
        kind: 'record',
        type: 'dossier',
        sourceKey: data?.number ?? null,
        locator,
        raw: doc,
        data,
        issues,
      };
    }
  }
}
