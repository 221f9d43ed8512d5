import { stat } from 'node:fs/promises';
import { z } from 'zod';
import type { RecordData, RecordType } from '../../schema/canonical/records.js';
import type { CandidateRecord, Connector, ConnectorOutput } from '../contract.js';
import { readCsvTable } from '../shared/csv-table.js';
import { listSourceFiles, type SourceFile } from '../shared/files.js';
import type { Issues } from '../shared/values.js';
import { mapDossier } from './map-dossier.js';
import { mapEvent } from './map-event.js';
import { mapHoliday } from './map-holiday.js';
import { mapOffice } from './map-office.js';
import { mapProcedure } from './map-procedure.js';

/** Configuration of a onestop source: the province whose one-stop system exported it (optional). */
export const OnestopConfig = z.object({
  provinceCode: z
    .string()
    .regex(/^\d{2}$/, 'a 2-digit province code')
    .optional(),
});
export type OnestopConfig = z.infer<typeof OnestopConfig>;

type Mapped = { sourceKey: string | null; data: RecordData[RecordType] | null };

/**
 * The tables, in the order they are emitted: reference data first (offices, procedures, holidays),
 * then dossiers, then their history, so a consumer that resolves as it goes meets the references
 * before the records that use them. `keys` are the columns the header must have.
 */
const TABLES: ReadonlyArray<{
  name: string;
  type: RecordType;
  keys: readonly string[];
  map: (r: Record<string, string>, issues: Issues) => Mapped;
}> = [
  { name: 'Groups.csv', type: 'office', keys: ['GroupCode'], map: keyed(mapOffice, (r) => r.GroupCode) },
  { name: 'ThuTucs.csv', type: 'procedure', keys: ['MaTTHC'], map: keyed(mapProcedure, (r) => r.MaTTHC) },
  { name: 'NgayNghi.csv', type: 'holiday', keys: ['Date'], map: keyed(mapHoliday, (r) => r.Date) },
  { name: 'HoSos.csv', type: 'dossier', keys: ['MaHoSo'], map: keyed(mapDossier, (r) => r.MaHoSo) },
  {
    name: 'QuaTrinhXuLyHoSos.csv',
    type: 'dossierEvent',
    keys: ['MaHoSo', 'ThoiGian', 'TrangThai'],
    map: mapEvent,
  },
];

/** The record's key is one column, cleaned; null when the mapping found no key. */
function keyed<T>(
  map: (r: Record<string, string>, issues: Issues) => T | null,
  key: (r: Record<string, string>) => string | undefined,
): (r: Record<string, string>, issues: Issues) => Mapped {
  return (r, issues) => {
    const data = map(r, issues);
    const raw = key(r)?.normalize('NFC').trim();
    return { sourceKey: data === null || !raw || raw === 'NULL' ? null : raw, data: data as Mapped['data'] };
  };
}

/**
 * onestop — provincial one-stop system table exports (SOURCES.md "onestop"; connectors/onestop/README.md).
 * Reads a folder: `HoSos.csv` (required) and the optional `QuaTrinhXuLyHoSos.csv`, `Groups.csv`,
 * `ThuTucs.csv`, `NgayNghi.csv`; any other file is reported as skipped.
 */
export const onestop: Connector<OnestopConfig> = {
  kind: 'onestop',
  description: 'Provincial one-stop system CSV exports: HoSos, QuaTrinhXuLyHoSos, Groups, ThuTucs, NgayNghi',
  configSchema: OnestopConfig,
  read(path: string, _config: OnestopConfig): AsyncIterable<ConnectorOutput> {
    return readOnestop(path);
  },
};

async function* readOnestop(path: string): AsyncGenerator<ConnectorOutput> {
  const info = await stat(path);
  if (!info.isDirectory()) {
    throw new Error(`onestop reads a folder of CSV tables (HoSos.csv required); ${path} is a file`);
  }
  const { files } = await listSourceFiles(path);
  const byName = new Map<string, SourceFile>();
  for (const f of files) {
    const table = TABLES.find((t) => t.name.toLowerCase() === f.name.toLowerCase());
    if (table) byName.set(table.name, f);
    else
      yield {
        kind: 'skipped',
        file: f.name,
        reason: `not a onestop table (${TABLES.map((t) => t.name).join(', ')})`,
      };
  }
  if (!byName.has('HoSos.csv')) {
    throw new Error(
      `onestop: ${path} has no HoSos.csv (the dossier table is required); found ${files.map((f) => f.name).join(', ') || 'no files'}`,
    );
  }
  for (const table of TABLES) {
    const f = byName.get(table.name);
    if (f === undefined) continue;
    for await (const row of readCsvTable(f.path, { name: f.name, required: table.keys })) {
      const issues: Issues = [];
      if (row.problem !== undefined) {
        issues.push({ field: '(row)', ...row.problem, severity: 'error', code: 'UNPARSABLE' });
      }
      const { sourceKey, data } = table.map(row.record, issues);
      yield {
        kind: 'record',
        type: table.type,
        sourceKey,
        locator: { file: f.name, line: row.line, row: row.row },
        raw: row.record,
        data,
        issues,
      } as CandidateRecord;
    }
  }
}
