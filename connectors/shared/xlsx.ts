import { clean } from './text.js';

/**
 * Streaming `.xlsx` reading (SOURCES.md "cadre": staff spreadsheets run to 100,000 rows). We use
 * exceljs' `stream.xlsx.WorkbookReader`, which never holds the workbook in memory, and read cells
 * as stored: styles are not loaded, so a date arrives as its serial number and is converted here
 * with the workbook's own date system (SOURCES.md "Times and durations": "Excel workbooks using the
 * 1904 date system are read as such").
 */
export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The sheet's name as the workbook names it. */
  sheet: string;
  /** The spreadsheet's own 1-based row number (what a steward sees in Excel). */
  row: number;
  /** Cell values by column, 0-based (column A is `cells[0]`); missing cells are null. */
  cells: CellValue[];
  /** True when the workbook uses the 1904 date system (`<workbookPr date1904="1">`). */
  date1904: boolean;
}

/** A workbook's internals we read beyond exceljs' published types. */
interface ReaderInternals {
  properties?: { model?: { date1904?: boolean } };
}
interface SheetInternals {
  name?: string;
  id?: number | string;
}

/** The two private exceljs 4.4 methods that feed sheet and shared-string XML to the SAX parser. */
interface ReaderHooks {
  _parseWorksheet?: (iterator: AsyncIterable<unknown>, sheetNo: string) => unknown;
  _parseSharedStrings?: (entry: { setEncoding(encoding: 'utf8'): unknown }) => unknown;
}

/**
 * exceljs 4.4's streaming reader decodes each compressed chunk on its own (`TextDecoder.decode`
 * without `stream: true`), so a Vietnamese letter whose UTF-8 bytes straddle two chunks comes out as
 * "��" — we saw "��ại học" in a 1,000-row sheet. Its decoder passes strings through untouched, so we
 * hand it text decoded by a stateful decoder: the sheet's chunk iterator is re-decoded here, and the
 * shared-strings entry gets `setEncoding('utf8')` (Node's StringDecoder keeps split characters).
 * If a future exceljs renames these methods we fail loudly rather than read corrupted text.
 */
function decodeUtf8AcrossChunks(reader: ReaderHooks): void {
  const parseWorksheet = reader._parseWorksheet;
  const parseSharedStrings = reader._parseSharedStrings;
  if (typeof parseWorksheet !== 'function' || typeof parseSharedStrings !== 'function') {
    throw new Error(
      'connectors/shared/xlsx.ts: this exceljs version has no _parseWorksheet/_parseSharedStrings; ' +
        're-check the UTF-8 chunk-boundary workaround before upgrading exceljs',
    );
  }
  reader._parseWorksheet = (iterator, sheetNo) =>
    parseWorksheet.call(reader, decodeChunks(iterator), sheetNo);
  reader._parseSharedStrings = (entry) => {
    entry.setEncoding('utf8');
    return parseSharedStrings.call(reader, entry);
  };
}

async function* decodeChunks(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
  }
  const tail = decoder.decode();
  if (tail !== '') yield tail;
}

/**
 * Streams every row that has at least one cell, sheet by sheet, in workbook order.
 *
 * exceljs 4.4's streaming reader now and then starts a sheet before it has kept the workbook's
 * sheet list and fails with "Cannot read properties of undefined (reading 'sheets')" (seen 2 times
 * in ~600 reads of the same sample workbook with two readers running at once; the same message is
 * reported upstream as exceljs issue #962). It fails before it yields the first row, so the file is
 * read again from the start, at most twice more; any other error, or one after a row was read,
 * is the caller's.
 */
export async function* readXlsxRows(path: string): AsyncGenerator<SheetRow> {
  for (let attempt = 1; ; attempt++) {
    let yielded = false;
    try {
      for await (const row of readXlsxRowsOnce(path)) {
        yielded = true;
        yield row;
      }
      return;
    } catch (error) {
      const sheetListRace = error instanceof TypeError && error.message.includes("reading 'sheets'");
      if (yielded || attempt >= 3 || !sheetListRace) throw error;
    }
  }
}

async function* readXlsxRowsOnce(path: string): AsyncGenerator<SheetRow> {
  // Loaded on first use: exceljs is ~16 MiB of heap and code that a process syncing JSON or CSV
  // exports never needs (src/sync/README.md "Performance": the sync process's peak memory).
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  decodeUtf8AcrossChunks(reader as unknown as ReaderHooks);
  for await (const worksheet of reader) {
    const sheet = (worksheet as unknown as SheetInternals).name ?? `Sheet${(worksheet as SheetInternals).id}`;
    // workbook.xml has been read by the time a sheet is parsed (exceljs defers sheets until then).
    const date1904 = (reader as unknown as ReaderInternals).properties?.model?.date1904 === true;
    for await (const row of worksheet) {
      const values = row.values as unknown[];
      const cells: CellValue[] = [];
      for (let c = 1; c < values.length; c++) cells.push(cellValue(values[c]));
      yield { sheet, row: row.number, cells, date1904 };
    }
  }
}

/** One cell's value, flattened: rich text → its text, formula → its cached result, error → its code. */
export function cellValue(v: unknown): CellValue {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return (o.richText as Array<{ text?: unknown }>).map((r) => String(r.text ?? '')).join('');
    }
    if ('result' in o) return cellValue(o.result);
    if ('error' in o) return String(o.error);
    if ('text' in o) return cellValue(o.text);
  }
  return String(v);
}

/** A cell as cleaned text (NFC, trimmed, null when empty); numbers are written without grouping. */
export function cellText(v: CellValue): string | null {
  if (v instanceof Date) return v.toISOString();
  return clean(v);
}

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: serial 0 of the 1900 system, counting Excel's fictitious 29 February 1900. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
/** 1904-01-01: serial 0 of the 1904 system (old Mac workbooks). */
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * The local calendar date (`yyyy-MM-dd`) an Excel date serial names, or null when the number is
 * no date (negative, beyond year 9999). A serial is a wall-clock date with no zone, so no UTC
 * conversion applies; a time fraction is dropped. Serials 1–59 of the 1900 system precede Excel's
 * phantom 29 February 1900 and are one day later than the plain epoch arithmetic says.
 */
export function excelSerialToLocalDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial >= 2_958_466) return null;
  const days = Math.floor(serial);
  if (!date1904 && days === 60) return null; // 29 February 1900 never existed
  const epoch = date1904 ? EPOCH_1904 : EPOCH_1900;
  const adjusted = !date1904 && days < 60 ? days + 1 : days;
  return new Date(epoch + adjusted * MS_PER_DAY).toISOString().slice(0, 10);
}
