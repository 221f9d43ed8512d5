import { z } from 'zod';
import type { Locator } from '../../schema/canonical/locator.js';
import type { Connector, ConnectorOutput } from '../contract.js';
import { readCsvTable } from '../shared/csv-table.js';
import { listSourceFiles, type SourceFile } from '../shared/files.js';
import { fold } from '../shared/text.js';
import { type CellValue, readXlsxRows } from '../shared/xlsx.js';
import { cellOf, type Header, matchHeader, rawRow } from './columns.js';
import { mapStaffRow } from './map-row.js';

/** Source configuration: nothing is needed; `provinceCode` only documents the list's province. */
export const CadreConfig = z
  .object({
    provinceCode: z
      .string()
      .regex(/^\d{2}$/)
      .optional(),
  })
  .strict();
export type CadreConfig = z.infer<typeof CadreConfig>;

/** One row of a sheet or CSV before the header is known. */
interface TableRow {
  cells: CellValue[];
  locator: Locator;
  date1904: boolean;
  /** The table the row belongs to: a sheet of a workbook, or the CSV file. */
  table: string;
}

/**
 * Staff lists from the cadre database (SOURCES.md "cadre"): `.xlsx` workbooks (every sheet) and
 * `.csv` files, one file or a folder of them. Each sheet is a table: title rows, the header row
 * (found by its column names), data rows, then footer rows — the table ends at the first row
 * without a name. One record per data row: type `staff`, a person and one assignment.
 */
export const cadre: Connector<CadreConfig> = {
  kind: 'cadre',
  description: 'Staff lists (cán bộ, công chức, viên chức) from the cadre database: .xlsx or .csv',
  configSchema: CadreConfig,
  async *read(path: string): AsyncIterable<ConnectorOutput> {
    const { files } = await listSourceFiles(path);
    for (const file of files) {
      const lower = file.name.toLowerCase();
      if (file.name.startsWith('~$')) {
        yield { kind: 'skipped', file: file.name, reason: 'an Excel lock file (~$…), not a workbook' };
      } else if (lower.endsWith('.xlsx')) {
        yield* readTables(xlsxRows(file), file.name);
      } else if (lower.endsWith('.csv')) {
        yield* readTables(csvRows(file), file.name);
      } else {
        yield { kind: 'skipped', file: file.name, reason: 'not a staff list (expected .xlsx or .csv)' };
      }
    }
  },
};

async function* xlsxRows(file: SourceFile): AsyncGenerator<TableRow> {
  for await (const r of readXlsxRows(file.path)) {
    yield {
      cells: r.cells,
      date1904: r.date1904,
      table: r.sheet,
      locator: { file: file.name, sheet: r.sheet, row: r.row },
    };
  }
}

/**
 * A CSV staff list: UTF-8, the header is the first row (csv-table.ts). We take the header's names
 * as they are and match them ourselves (case-insensitively, like a sheet's header), so no column is
 * "required" at the CSV layer. The header row itself is handed on as the table's first row.
 */
async function* csvRows(file: SourceFile): AsyncGenerator<TableRow> {
  let first = true;
  for await (const r of readCsvTable(file.path, { name: file.name, required: [] })) {
    if (first) {
      first = false;
      yield {
        cells: Object.keys(r.record),
        date1904: false,
        table: file.name,
        locator: { file: file.name, line: 1 },
      };
    }
    yield {
      cells: Object.values(r.record),
      date1904: false,
      table: file.name,
      locator: { file: file.name, line: r.line },
    };
  }
}

/**
 * Walks the rows of one file table by table: rows before the header are titles; after it, each row
 * with a name is a record and the first row without one ends the table (blank, "Người lập biểu",
 * signatures). A table with no header row is reported as skipped, naming the sheet.
 */
async function* readTables(rows: AsyncIterable<TableRow>, fileName: string): AsyncGenerator<ConnectorOutput> {
  let table: string | null = null;
  let header: Header | null = null;
  let ended = false;
  let previousRow: number | undefined;
  const noHeader = (t: string): ConnectorOutput => ({
    kind: 'skipped',
    file: fileName,
    reason: `${t === fileName ? 'the file' : `sheet "${t}"`} has no header row naming "Họ và tên" and at least three other staff-list columns`,
  });
  for await (const r of rows) {
    if (r.table !== table) {
      if (table !== null && header === null) yield noHeader(table);
      table = r.table;
      header = null;
      ended = false;
    }
    if (ended) continue;
    if (header === null) {
      header = matchHeader(r.cells);
      previousRow = r.locator.row;
      continue;
    }
    // exceljs' streaming reader does not emit empty rows: a jump in sheet row numbers IS the blank
    // row that ends the table.
    const skippedBlank =
      r.locator.row !== undefined && previousRow !== undefined && r.locator.row > previousRow + 1;
    previousRow = r.locator.row;
    if (!skippedBlank && isColumnNumbering(r.cells)) continue;
    if (skippedBlank || isFooter(cellOf(r.cells, header, 'fullName'))) {
      ended = true;
      continue;
    }
    const mapped = mapStaffRow(r.cells, header, r.date1904);
    yield {
      kind: 'record',
      type: 'staff',
      sourceKey: mapped.sourceKey,
      locator: r.locator,
      raw: rawRow(r.cells, header),
      data: mapped.data,
      issues: mapped.issues,
    };
  }
  if (table !== null && header === null) yield noHeader(table);
}

/**
 * Footer lines sit in the name column: the preparer ("Người lập biểu"), the head of unit, the
 * signature note "(Ký, ghi rõ họ tên)". An empty name ends the table (SOURCES.md "cadre"); these
 * end it too, for sheets where the footer follows the data without a blank row.
 */
const FOOTER_PREFIXES = [
  'nguoi lap bieu',
  'nguoi lap',
  'thu truong',
  'xac nhan',
  'ghi chu',
  'tong cong',
  '(',
];

function isFooter(name: CellValue): boolean {
  if (name === null) return true;
  if (typeof name !== 'string') return false;
  const f = fold(name);
  return f === '' || FOOTER_PREFIXES.some((p) => f.startsWith(p));
}

/**
 * Vietnamese forms often number their columns in the row under the header ("1", "2", … or
 * "(1)", "(2)", …). Such a row names no one and is not the footer: it is skipped.
 */
function isColumnNumbering(cells: ReadonlyArray<CellValue>): boolean {
  const filled = cells.filter((c) => c !== null && !(typeof c === 'string' && c.trim() === ''));
  return (
    filled.length >= 2 &&
    filled.every((c) => typeof c === 'number' || (typeof c === 'string' && /^\(?\d+\)?$/.test(c.trim())))
  );
}
