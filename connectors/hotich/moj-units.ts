import { readCsvTable } from '../shared/csv-table.js';
import { clean } from '../shared/text.js';

/**
 * The steward's `moj-units.csv` (`moj_id,commune_code`; SOURCES.md "hotich"): the Ministry of
 * Justice's own unit ids → commune codes. Ids are compared as text (they exceed 2^53), with leading
 * zeros stripped so that `0038…` and `38…` name the same id. A commune code is 5 digits; a row
 * without one, or an id given two different codes, is reported and left out, never guessed.
 */
export interface MojUnits {
  codes: ReadonlyMap<string, string>;
  problems: string[];
}

export function mojIdKey(id: string): string {
  const s = id.trim().replace(/^0+(?=\d)/, '');
  return s;
}

export async function loadMojUnits(path: string, name: string): Promise<MojUnits> {
  const codes = new Map<string, string>();
  const problems: string[] = [];
  const conflicted = new Set<string>();
  for await (const r of readCsvTable(path, { name, required: ['moj_id', 'commune_code'] })) {
    const id = clean(r.record.moj_id);
    const code = clean(r.record.commune_code);
    if (
      r.problem !== undefined ||
      id === null ||
      !/^\d+$/.test(id) ||
      code === null ||
      !/^\d{5}$/.test(code)
    ) {
      problems.push(
        `line ${r.line}: expected moj_id (digits) and a 5-digit commune_code, found ${JSON.stringify(r.record)}`,
      );
      continue;
    }
    const key = mojIdKey(id);
    const known = codes.get(key);
    if (known !== undefined && known !== code) {
      problems.push(`line ${r.line}: moj_id ${id} is mapped to both ${known} and ${code}; left unmapped`);
      conflicted.add(key);
    }
    codes.set(key, code);
  }
  for (const key of conflicted) codes.delete(key);
  return { codes, problems };
}
