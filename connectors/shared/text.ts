/**
 * Text as sources send it (SOURCES.md "Common rules"): NFC or NFD, with a UTF-8 BOM, with
 * surrounding spaces; `NULL` or empty for "no value". Every connector reads text through `clean`.
 */
const BOM = '\uFEFF';

/** NFC, trimmed, BOM removed; `null` for undefined, null, empty or the literal `NULL`. */
export function clean(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  let s = typeof value === 'string' ? value : String(value);
  if (s.startsWith(BOM)) s = s.slice(1);
  s = s.normalize('NFC').trim();
  if (s === '' || s === 'NULL') return null;
  return s;
}

/**
 * Placeholders that mean "unknown" (SOURCES.md "Common rules"): national ID `000000001`, summary
 * `Dinhkem`, officer names `Chuyên viên` / `Cán bộ một cửa`.
 */
const PLACEHOLDERS: Record<'idNumber' | 'summary' | 'officer', ReadonlySet<string>> = {
  idNumber: new Set(['000000001']),
  summary: new Set(['Dinhkem']),
  officer: new Set(['Chuyên viên', 'Cán bộ một cửa']),
};

export function withoutPlaceholder(kind: keyof typeof PLACEHOLDERS, value: string | null): string | null {
  return value !== null && PLACEHOLDERS[kind].has(value) ? null : value;
}

/** Lower case, no diacritics, đ→d, single spaces: for matching names and vocabularies. */
export function fold(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
