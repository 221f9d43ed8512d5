import { isRealDate } from '../shared/time.js';
import { type Issues, issue } from '../shared/values.js';

/**
 * MongoDB Extended JSON as `mongoexport` writes it (SOURCES.md "igate": relaxed mode). Relaxed mode
 * writes plain JSON numbers and `{"$oid": …}` / `{"$date": "…Z"}`; a canonical-mode export wraps
 * numbers (`{"$numberLong": "7"}`) and dates (`{"$date": {"$numberLong": "…ms"}}`). Both are read.
 */

/** `{"$oid": "24 hex"}` (or a bare string) → the id text; anything else → null. */
export function objectId(value: unknown): string | null {
  const v = isWrapper(value, '$oid') ? value.$oid : value;
  return typeof v === 'string' && /^[0-9a-fA-F]{24}$/.test(v) ? v.toLowerCase() : null;
}

/** A scalar with `$numberInt` / `$numberLong` / `$numberDouble` unwrapped, for codes read as text. */
export function scalar(value: unknown): unknown {
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of ['$numberInt', '$numberLong', '$numberDouble', '$numberDecimal']) {
      if (typeof o[k] === 'string') return o[k];
    }
  }
  return value;
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * An iGate time → UTC instant (`yyyy-MM-ddTHH:mm:ss.SSSZ`). Accepted: `{"$date": "…Z"}`,
 * `{"$date": {"$numberLong": "ms"}}`, and strings with `Z` or a numeric offset (`+0000`, `+07:00`).
 * iGate stores UTC (SOURCES.md), so the local date is only taken later, from the instant.
 */
export function mongoInstant(value: unknown, field: string, issues: Issues): string | null {
  if (value === undefined || value === null || value === '') return null;
  let v: unknown = isWrapper(value, '$date') ? value.$date : value;
  if (isWrapper(v, '$numberLong')) {
    const ms = Number(v.$numberLong);
    if (!Number.isSafeInteger(ms)) return issue(issues, 'UNPARSABLE', field, 'a date in milliseconds', value);
    v = ms;
  }
  if (typeof v === 'number') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? issue(issues, 'UNPARSABLE', field, 'a date', value) : d.toISOString();
  }
  if (typeof v !== 'string') return issue(issues, 'UNPARSABLE', field, 'a date {"$date": "…Z"}', value);
  const m = INSTANT.exec(v.trim());
  if (!m)
    return issue(
      issues,
      'UNPARSABLE',
      field,
      'an ISO time with a zone, e.g. 2025-07-03T01:22:11.000Z',
      value,
    );
  const parts = {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    millisecond: m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0')),
  };
  if (!isRealDate(parts)) return issue(issues, 'IMPOSSIBLE_DATE', field, 'a real date and time', value);
  const zone = m[8]!;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    const sign = digits[0] === '-' ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const utc =
    Date.UTC(
      parts.year,
      parts.month - 1,
      parts.day,
      parts.hour,
      parts.minute,
      parts.second,
      parts.millisecond,
    ) -
    offsetMinutes * 60_000;
  return new Date(utc).toISOString();
}

function isWrapper<K extends string>(value: unknown, key: K): value is Record<K, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && key in value;
}
