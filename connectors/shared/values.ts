import type { Issue } from '../../schema/canonical/issue.js';
import { fixTcvn3 } from './tcvn3.js';
import { clean } from './text.js';
import { localToInstant, parseLocal } from './time.js';

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
 * Printable ASCII with no space at either end: already clean (NFC is the identity on ASCII), so
 * `clean` — which normalises and allocates — is skipped for most codes and times on the hot path.
 */
const PLAIN = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * A scalar as text: NFC, trimmed, BOM removed, `NULL`/empty → null (text.ts `clean`). Numbers and
 * booleans are read as their text (codes are strings: SOURCES.md "Common rules"); an object or
 * array where a scalar belongs is UNPARSABLE.
 */
export function text(value: unknown, field: string, issues: Issues): string | null {
  if (typeof value === 'string') return PLAIN.test(value) && value !== 'NULL' ? value : clean(value);
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
  const year = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const month = digit(value, 4) * 10 + digit(value, 5);
  const day = digit(value, 6) * 10 + digit(value, 7);
  const hour = digit(value, 8) * 10 + digit(value, 9);
  const minute = digit(value, 10) * 10 + digit(value, 11);
  const second = digit(value, 12) * 10 + digit(value, 13);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return issue(issues, 'IMPOSSIBLE_DATE', field, 'a real date and time', value);
  }
  return utcInstant(year, month, day, hour, minute, second, 0);
}

/**
 * The UTC instant of a VALID Vietnam local time (UTC = local − 7 h), written without a Date object:
 * from 07:00 the instant falls on the same date; earlier hours fall on the previous day.
 *
 * The text is made in one `String.fromCharCode` call: a template of eleven pieces leaves a tree of
 * joined strings that the schema's pattern check then copies flat, and every dossier has five or six
 * of these (src/sync/README.md "Performance", session 7).
 */
function utcInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
): string {
  let y = year;
  let m = month;
  let d = day;
  let h = hour - 7;
  if (h < 0) {
    h += 24;
    d--;
    if (d === 0) {
      m--;
      if (m === 0) {
        m = 12;
        y--;
      }
      d = daysInMonth(y, m);
    }
  }
  // biome-ignore format: one group per field of the text, in order
  return String.fromCharCode(
    ZERO + ((y / 1000) | 0) % 10, ZERO + ((y / 100) | 0) % 10, ZERO + ((y / 10) | 0) % 10, ZERO + (y % 10), DASH,
    ZERO + ((m / 10) | 0), ZERO + (m % 10), DASH, ZERO + ((d / 10) | 0), ZERO + (d % 10), T,
    ZERO + ((h / 10) | 0), ZERO + (h % 10), COLON, ZERO + ((minute / 10) | 0), ZERO + (minute % 10), COLON,
    ZERO + ((second / 10) | 0), ZERO + (second % 10), DOT,
    ZERO + ((ms / 100) | 0), ZERO + (((ms / 10) | 0) % 10), ZERO + (ms % 10), Z,
  );
}

const ZERO = 0x30;
const DASH = 0x2d;
const COLON = 0x3a;
const DOT = 0x2e;
const T = 0x54;
const Z = 0x5a;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The local calendar date (yyyy-MM-dd) of a `yyyyMMddHHmmss` value that compactLocalTime accepted. */
export function compactLocalDate(value: string): string {
  return `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
}

/**
 * onestop times: `yyyy-MM-dd HH:mm:ss[.fff]` (also `HH:mm`, a `T` separator or a bare date), Vietnam
 * local time → UTC instant. The common shapes are read by position (the hot path of a onestop sync);
 * anything else goes through time.ts `parseLocal`, which also tells a bad shape from an impossible date.
 */
export function isoLocalTime(value: string | null, field: string, issues: Issues): string | null {
  if (value === null) return null;
  const fast = fastIso(value);
  if (fast !== null) return fast;
  const parsed = parseLocal(value, 'iso');
  if (parsed.ok) return localToInstant(parsed.parts);
  return parsed.problem === 'format'
    ? issue(issues, 'UNPARSABLE', field, 'a local time yyyy-MM-dd HH:mm:ss[.fff]', value)
    : issue(issues, 'IMPOSSIBLE_DATE', field, 'a real date and time', value);
}

/** `yyyy-MM-dd HH:mm:ss` with an optional `.f`–`.fff`, a valid date; else null (let the slow path decide). */
function fastIso(v: string): string | null {
  const n = v.length;
  if (n !== 19 && (n < 21 || n > 23)) return null;
  if (v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 32) return null;
  if (v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58) return null;
  for (const i of DIGIT_POSITIONS) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  let ms = 0;
  if (n > 19) {
    if (v.charCodeAt(19) !== 46) return null;
    for (let i = 20; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c < 48 || c > 57) return null;
    }
    ms = Number(v.slice(20).padEnd(3, '0'));
  }
  const year = digit(v, 0) * 1000 + digit(v, 1) * 100 + digit(v, 2) * 10 + digit(v, 3);
  const month = digit(v, 5) * 10 + digit(v, 6);
  const day = digit(v, 8) * 10 + digit(v, 9);
  const hour = digit(v, 11) * 10 + digit(v, 12);
  const minute = digit(v, 14) * 10 + digit(v, 15);
  const second = digit(v, 17) * 10 + digit(v, 18);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > daysInMonth(year, month) ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  return utcInstant(year, month, day, hour, minute, second, ms);
}
const DIGIT_POSITIONS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];

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
