import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { ProblemList } from './reference-error.js';

/**
 * The official unit lists (fixtures/reference/SOURCE.md): UTF-8 CSV, comma, header row. Codes stay
 * strings — leading zeros matter (`01`, `00004`).
 */
export const DEFAULT_REFERENCE_DIR = fileURLToPath(new URL('../../fixtures/reference/', import.meta.url));

/** The columns each file must have (SOURCE.md §1, §6). Extra columns are ignored. */
export const REFERENCE_COLUMNS = {
  'provinces.csv': ['code', 'name', 'type', 'full_name'],
  'communes.csv': ['code', 'name', 'type', 'province_code', 'full_name'],
  'crosswalk.csv': [
    'old_commune_code',
    'old_commune_name',
    'old_district_code',
    'old_district_name',
    'old_province_code',
    'old_province_name',
    'new_commune_code',
    'new_commune_name',
    'new_province_code',
    'note_vi',
    'source_row',
  ],
  'changes.csv': ['effective_from', 'level', 'code', 'field', 'old_value', 'new_value', 'legal_basis'],
} as const;

export type ReferenceFileName = keyof typeof REFERENCE_COLUMNS;
export const REFERENCE_FILES = Object.keys(REFERENCE_COLUMNS) as ReferenceFileName[];

/** One data row: its values by column name (NFC, trimmed) and its 1-based line in the file. */
export interface CsvRow<C extends string> {
  line: number;
  values: Record<C, string>;
}

export type ReferenceRows = {
  [F in ReferenceFileName]: CsvRow<(typeof REFERENCE_COLUMNS)[F][number]>[];
};

/** SHA-256 over every reference file's name and bytes: the registry reloads only when this changes. */
export function hashReferenceFiles(dir: string): string {
  const hash = crypto.createHash('sha256');
  for (const file of REFERENCE_FILES) {
    hash.update(`${file}\0`);
    hash.update(readFile(dir, file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function readFile(dir: string, file: string): Buffer {
  const full = path.join(dir, file);
  try {
    return fs.readFileSync(full);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : String(error);
    throw new Error(
      `Unit reference file ${full}: ${reason}. Expected ${REFERENCE_FILES.join(', ')} in ${dir}.`,
    );
  }
}

/** Reads every reference file; structural problems (missing column, wrong field count) go to `problems`. */
export function readReferenceFiles(dir: string, problems: ProblemList): ReferenceRows {
  const rows = {} as Record<ReferenceFileName, CsvRow<string>[]>;
  for (const file of REFERENCE_FILES) rows[file] = readCsv(dir, file, REFERENCE_COLUMNS[file], problems);
  return rows as ReferenceRows;
}

function readCsv(
  dir: string,
  file: ReferenceFileName,
  required: readonly string[],
  problems: ProblemList,
): CsvRow<string>[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(readFile(dir, file), {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const e = error as Error & { lines?: number };
    problems.add(file, e.lines ?? 0, `not valid CSV: ${e.message}`);
    return [];
  }
  const [header, ...data] = records;
  if (!header) {
    problems.add(file, 1, `empty file; expected a header row with ${required.join(', ')}`);
    return [];
  }
  const names = header.record.map((h) => h.normalize('NFC').trim());
  const missing = required.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    problems.add(
      file,
      header.info.lines,
      `missing column(s) ${missing.join(', ')}; expected ${required.join(', ')}, found ${names.join(', ')}`,
    );
    return [];
  }
  const index = new Map(names.map((n, i) => [n, i]));
  return data.map(({ record, info }) => {
    if (record.length !== names.length) {
      problems.add(
        file,
        info.lines,
        `expected ${names.length} fields as in the header, found ${record.length}`,
      );
    }
    const values: Record<string, string> = {};
    for (const column of required)
      values[column] = (record[index.get(column)!] ?? '').normalize('NFC').trim();
    return { line: info.lines, values };
  });
}
