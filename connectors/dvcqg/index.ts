import { z } from 'zod';
import type { Connector, ConnectorOutput } from '../contract.js';
import { listSourceFiles } from '../shared/files.js';
import { readJsonValues } from '../shared/json-lines.js';
import { envelopeOutputs, unparsable } from './envelopes.js';
import { readJsonFile } from './json-file.js';

/** Configuration of a dvcqg source: the province whose payloads it holds (optional, informative). */
export const DvcqgConfig = z.object({
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'a 2-digit province code')
    .optional(),
});
export type DvcqgConfig = z.infer<typeof DvcqgConfig>;

/**
 * dvcqg — National Public Service Portal sync payloads (SOURCES.md "dvcqg"; connectors/dvcqg/README.md).
 * Reads `.json` (one envelope or an array of envelopes) and `.jsonl` (one envelope per line), a file
 * or every such file of a folder in name order; other files are reported as skipped.
 */
export const dvcqg: Connector<DvcqgConfig> = {
  kind: 'dvcqg',
  description:
    'National Public Service Portal (DVCQG) sync payloads: DongBoHoSoMC dossiers and CapNhatTienDoHoSoMC history, .json or .jsonl',
  configSchema: DvcqgConfig,
  read(path: string, _config: DvcqgConfig): AsyncIterable<ConnectorOutput> {
    return readDvcqg(path);
  },
};

async function* readDvcqg(path: string): AsyncGenerator<ConnectorOutput> {
  const { files } = await listSourceFiles(path);
  for (const f of files) {
    const lower = f.name.toLowerCase();
    if (lower.endsWith('.jsonl')) {
      for await (const l of readJsonValues(f.path)) {
        if (l.parseError !== undefined) {
          yield unparsable(
            'dossier',
            l.text,
            { file: f.name, line: l.line },
            'line',
            'one JSON envelope per line',
            `text that is not JSON (${l.parseError})`,
          );
        } else {
          yield* envelopeOutputs(l.value, f.name, l.line, '');
        }
      }
    } else if (lower.endsWith('.json')) {
      yield* readJsonFile(f.path, f.name);
    } else {
      yield { kind: 'skipped', file: f.name, reason: 'not a dvcqg payload (.json or .jsonl)' };
    }
  }
}
