import type { Issue } from '../../schema/canonical/issue.js';
import { clean } from './text.js';
import { fixTcvn3 } from './tcvn3.js';
import { isRealDate, type LocalParts, localToInstant, parseLocal } from './time.js';

/**
 * Value parsers for connectors. Each takes the raw value, the source field name and the record's
 * issue list; it returns the canonical value, or `null` after pushing an Issue that names the field,
 * what was expected and what was found. A connector runs every parser of a record, so the record
 * ends up with ALL its issues (SOURCES.md "What quarantines a record": every reason is kept).
 *
 * Issue codes: MISSING, UNPARSABLE, UNKNOWN_VALUE, IMPOSSIBLE_DATE, ORDER (schema/canonical/issue.ts).
 * They are built here only, so the wording is the same for every connector.
 */
export type Issues = Issue[];

/** Shows a found value in a message: strings quoted, anything else as JSON. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export function issue(
  issues: Issues,
  code: string,
  field: string,
  expected: string,
  found: unknown,
  severity: Issue['severity'] = 'error',
): null {
  issues.push({ field, expected, found: show(found), severity, code });
  return null;
}

/**
 * A scalar as text: NFC, trimmed, BOM removed, `NULL`/empty → null (text.ts `clean`). Numbers and
 * booleans are read as their text (codes are strings: SOURCES.md "Common rules"); an object or
 * array where a scalar belongs is UNPARSABLE.
 */
export function text(value: unknown, field: string, issues: Issues): string | null {
  if (typeof value === 'string') return clean(value);
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return clean(String(value));
  return issue(issues, 'UNPARSABLE', field, 'a text value', value);
}

/** Free text (names, summaries): like `text`, and TCVN3 mojibake converted to Unicode (tcvn3.ts). */
export function prose(value: unknown, field: string, issues: Issues): string | null {
  const s = text(value, field, issues);
  return s === null ? null : fixTcvn3(s);
}

/** A required value: pushes MISSING when absent. */
export function required(value: string | null, field: string, issues: Issues): string | null {
  if (value === null) issue(issues, 'MISSING', field, 'a value (required field)', undefined);
  return value;
}

/** A code of a closed vocabulary; an unknown code is UNKNOWN_VALUE. */
export function closedCode<T>(
  value: string | null,
  table: Readonly<Record<string, T>>,
  field: string,
  expected: string,
  issues: Issues,
): T | null {
  if (value === null) return null;
  const hit = Object.hasOwn(table, value) ? table[value] : undefined;
  return hit === undefined ? issue(issues, 'UNKNOWN_VALUE', field, expected, value) : hit;
}

/** "0"/"1" flags (HoSoCoThanhPhanSoHoa, DuocThanhToanTrucTuyen, TrangThaiDongBoDVC). */
export function flag(value: string | null, field: string, issues: Issues): boolean | null {
  if (value === null) return null;
  if (value === '1') return true;
  if (value === '0') return false;
  return issue(issues, 'UNKNOWN_VALUE', field, '"0" or "1"', value);
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A non-negative decimal number written with a point (ThoiGianThucHien, ThoiGianGiaiQuyet). */
export function nonNegativeNumber(value: string | null, field: string, issues: Issues): number | null {
  if (value === null) return null;
  if (!DECIMAL.test(value)) return issue(issues, 'UNPARSABLE', field, 'a number', value);
  const n = Number(value);
  return n < 0 ? issue(issues, 'UNPARSABLE', field, 'a number ≥ 0', value) : n;
}

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const isDigits = (s: string) => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

/**
 * dvcqg times: `yyyyMMddHHmmss`, Vietnam local time → UTC instant (SOURCES.md dvcqg: "Dates are
 * yyyyMMddHHmmss, local time; "" means none"). Hand-rolled (no regex) because every dossier has
 * five or six of them and the parse path must stay well above 100k records/s.
 */
export function compactLocalTime(value: string | null, field: string, issues: Issues): string | null {
  if (value === null) return null;
  if (value.length !== 14 || !isDigits(value)) {
    return issue(issues, 'UNPARSABLE', field, 'a local time yyyyMMddHHmmss', value);
  }
  const parts: LocalParts = {
    year: digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3),
    month: digit(value, 4) * 10 + digit(value, 5),
    day: digit(value, 6) * 10 + digit(value, 7),
    hour: digit(value, 8) * 10 + digit(value, 9),
    minute: digit(value, 10) * 10 + digit(value, 11),
    second: digit(value, 12) * 10 + digit(value, 13),
  };
  if (!isRealDate(parts)) return issue(issues, 'IMPOSSIBLE_DATE', field, 'a real date and time', value);
  return localToInstant(parts);
}

/** onestop times: `yyyy-MM-dd HH:mm:ss[.fff]` (or a bare date), Vietnam local time → UTC instant. */
export function isoLocalTime(value: string | null, field: string, issues: Issues): string | null {
  if (value === null) return null;
  const parsed = parseLocal(value, 'iso');
  if (parsed.ok) return localToInstant(parsed.parts);
  return parsed.problem === 'format'
    ? issue(issues, 'UNPARSABLE', field, 'a local time yyyy-MM-dd HH:mm:ss[.fff]', value)
    : issue(issues, 'IMPOSSIBLE_DATE', field, 'a real date and time', value);
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A local calendar date `yyyy-MM-dd` (NgayNghi.csv `Date`). */
export function localDate(value: string | null, field: string, issues: Issues): string | null {
  if (value === null) return null;
  if (!LOCAL_DATE.test(value)) return issue(issues, 'UNPARSABLE', field, 'a date yyyy-MM-dd', value);
  const parsed = parseLocal(value, 'iso');
  return parsed.ok ? value : issue(issues, 'IMPOSSIBLE_DATE', field, 'a real calendar date', value);
}

/**
 * Order of two times. "Resolved before received" quarantines the record (SOURCES.md "What quarantines
 * a record"), so the default severity is 'error'; other inversions are flagged as warnings.
 * Instants are ISO strings of one fixed shape, so string order is time order.
 */
export function notBefore(
  later: string | null,
  earlier: string | null,
  field: string,
  earlierField: string,
  rawLater: unknown,
  issues: Issues,
  severity: Issue['severity'] = 'error',
): void {
  if (later !== null && earlier !== null && later < earlier) {
    issue(issues, 'ORDER', field, `a time not before ${earlierField} (${earlier})`, rawLater, severity);
  }
}
