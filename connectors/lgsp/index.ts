import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { streamValues } from 'stream-json/streamers/stream-values.js';
import { z } from 'zod';
import type { Connector, ConnectorOutput } from '../contract.js';
import { listSourceFiles, type SourceFile } from '../shared/files.js';
import { type Issues, issue } from '../shared/values.js';
import { mapOfficeRow } from './map-row.js';

/** Source configuration: the province the registry covers (used when a row's unit code names none). */
export const LgspConfig = z.object({
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'a 2-digit province code')
    .optional(),
});
export type LgspConfig = z.infer<typeof LgspConfig>;

/**
 * lgsp — the agency registry saved from the provincial integration platform's `/dmdc` API
 * (SOURCES.md "lgsp"; connectors/lgsp/README.md): `{catalog, metadata, rows}`. Each row is an
 * `office` record keyed by `MaDinhDanh`. A `.json` file, or every `.json` file of a folder.
 */
export const lgsp: Connector<LgspConfig> = {
  kind: 'lgsp',
  description:
    'Agency registry (mã định danh điện tử) from the provincial integration platform (LGSP /dmdc), .json',
  configSchema: LgspConfig,
  async *read(path: string, config: LgspConfig): AsyncIterable<ConnectorOutput> {
    const { files } = await listSourceFiles(path);
    for (const file of files) {
      if (file.name.toLowerCase().endsWith('.json')) yield* readRegistry(file, config.provinceCode ?? null);
      else yield { kind: 'skipped', file: file.name, reason: 'not an LGSP registry file (expected .json)' };
    }
  },
};

/**
 * Two streaming passes over the file (stream-json): the first picks `metadata` (to know which
 * properties are DateTime — JSON has no key order, so it may follow `rows`), the second streams
 * `rows` one element at a time. Neither pass holds the rows. A syntax error ends the file with one
 * UNPARSABLE record; the rows already yielded stand.
 */
async function* readRegistry(file: SourceFile, provinceCode: string | null): AsyncGenerator<ConnectorOutput> {
  const dateTimes = new Set<string>();
  try {
    const metadata = tokens(file.path, pick.asStream({ filter: 'metadata' }), streamValues.asStream());
    for await (const { value } of metadata as AsyncIterable<{ value: unknown }>) {
      if (!Array.isArray(value)) continue;
      for (const p of value as Array<Record<string, unknown>>) {
        if (p?.PropertyType === 'DateTime' && typeof p.PropertyCode === 'string')
          dateTimes.add(p.PropertyCode);
      }
    }
  } catch {
    // The rows pass below meets the same syntax error and reports it with its position.
  }

  let index = -1;
  try {
    const rows = tokens(
      file.path,
      pick.asStream({ filter: 'rows' }),
      streamArray.asStream({ numberAsString: true }),
    );
    for await (const { key, value } of rows as AsyncIterable<{ key: number; value: unknown }>) {
      index = key;
      const locator = { file: file.name, pointer: `/rows/${key}` };
      const issues: Issues = [];
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        issue(issues, 'UNPARSABLE', 'row', 'an object of /dmdc properties', value);
        yield { kind: 'record', type: 'office', sourceKey: null, locator, raw: value, data: null, issues };
        continue;
      }
      const { sourceKey, data } = mapOfficeRow(
        value as Record<string, unknown>,
        dateTimes,
        provinceCode,
        issues,
      );
      yield { kind: 'record', type: 'office', sourceKey, locator, raw: value, data, issues };
    }
  } catch (error) {
    const issues: Issues = [];
    issue(
      issues,
      'UNPARSABLE',
      'file',
      'well-formed JSON',
      `a syntax error after row ${index}: ${(error as Error).message}`,
    );
    yield {
      kind: 'record',
      type: 'office',
      sourceKey: null,
      locator: { file: file.name, pointer: index < 0 ? '' : `/rows/${index + 1}` },
      raw: null,
      data: null,
      issues,
    };
  }
}

/**
 * file → stream-json parser → the given stages, as one readable. `pipeline` destroys every stage
 * when one fails, so a syntax error surfaces in the `for await` over the result.
 */
function tokens(path: string, filter: NodeJS.ReadWriteStream, streamer: NodeJS.ReadWriteStream): Readable {
  return pipeline(
    createReadStream(path),
    parser.asStream(),
    filter,
    streamer,
    () => {},
  ) as unknown as Readable;
}
