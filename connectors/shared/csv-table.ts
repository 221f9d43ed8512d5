import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

/**
 * One data row of a CSV table: `row` is the 1-based data row (the header is not counted), `line`
 * the physical line the record starts on (a quoted field may span lines), `record` the values by
 * header name (as read: the caller cleans them). `problem` is set when the row's field count differs
 * from the header's: the row is still yielded (with the fields it has) so the connector quarantines
 * it with every other reason, instead of the whole file failing on one bad row.
 */
export interface CsvRow {
  row: number;
  line: number;
  record: Record<string, string>;
  problem?: { expected: string; found: string };
}

/** Thrown for a table that cannot be read as a whole (bad header, broken quoting): names the file. */
export class CsvTableError extends Error {
  override name = 'CsvTableError';
}

export interface CsvTableOptions {
  /** The file's name as locators show it (SourceFile.name). */
  name: string;
  /** Columns the table must have; a missing one throws a CsvTableError listing what was found. */
  required: readonly string[];
}

/**
 * Streams a CSV table (RFC 4180, comma, header row; SOURCES.md onestop): csv-parse over a read
 * stream, so the file is never held. A UTF-8 BOM is dropped (`bom: true`), CRLF and LF both work
 * (csv-parse detects the record delimiter), blank lines are skipped. Nothing else is relaxed:
 * broken quoting throws a CsvTableError naming the file and line; a row with the wrong number of
 * fields comes back with `problem` set. Header names are NFC-normalised and trimmed.
 */
export async function* readCsvTable(path: string, options: CsvTableOptions): AsyncGenerator<CsvRow> {
  // Blank lines come through as one empty field and are skipped below, so physical lines are counted
  // exactly without csv-parse's per-record `info` objects (measurably slower on large tables).
  const parser = parse({ bom: true, relax_column_count: true });
  const input = createReadStream(path);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);

  let header: string[] | null = null;
  let row = 0;
  let nextStart = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      // Physical lines are counted here, not taken from csv-parse's `info.lines`: that counts a CRLF
      // inside a quoted field twice. A record spans one line more per line break inside its fields.
      const line = nextStart;
      nextStart = line + 1 + lineBreaksIn(record);
      if (record.length === 1 && record[0] === '') continue; // a blank line
      if (header === null) {
        header = checkHeader(record, line, options);
        continue;
      }
      row++;
      const out: Record<string, string> = {};
      const n = Math.min(header.length, record.length);
      for (let i = 0; i < n; i++) out[header[i]!] = record[i]!;
      yield record.length === header.length
        ? { row, line, record: out }
        : {
            row,
            line,
            record: out,
            problem: {
              expected: `${header.length} fields (as the header)`,
              found: `${record.length} fields`,
            },
          };
    }
  } catch (error) {
    if (error instanceof CsvTableError) throw error;
    throw new CsvTableError(`${options.name}: not a readable CSV table: ${(error as Error).message}`);
  } finally {
    input.destroy();
  }
  if (header === null) {
    throw new CsvTableError(
      `${options.name}: the file is empty; expected a header row with ${options.required.join(', ')}`,
    );
  }
}

function checkHeader(record: string[], line: number, options: CsvTableOptions): string[] {
  const header = record.map((h) => h.normalize('NFC').trim());
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h))
      throw new CsvTableError(`${options.name}, line ${line}: column "${h}" appears twice in the header`);
    seen.add(h);
  }
  const missing = options.required.filter((c) => !seen.has(c));
  if (missing.length > 0) {
    throw new CsvTableError(
      `${options.name}, line ${line}: the header lacks required column(s) ${missing.join(', ')}; ` +
        `found ${header.join(', ')}`,
    );
  }
  return header;
}

function lineBreaksIn(record: string[]): number {
  let n = 0;
  for (const field of record) {
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) n++;
  }
  return n;
}
