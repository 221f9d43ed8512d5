import { formatLocalDate, localToInstant, parseLocal } from './time.js';
import { type Issues, issue } from './values.js';

/**
 * The Vietnamese day-first forms used by hotich, lgsp and cadre (SOURCES.md): `dd/MM/yyyy HH:mm:ss`
 * for times and `dd/MM/yyyy` for dates, Vietnam local time. Same contract as the parsers in
 * values.ts: the value, or null after pushing an Issue naming the field, expected and found.
 */

/** `dd/MM/yyyy HH:mm:ss` (seconds optional), local → UTC instant. A bare date is not a time. */
export function vnLocalTime(value: string | null, field: string, issues: Issues): string | null {
  if (value === null) return null;
  const parsed = parseLocal(value, 'vn');
  if (!parsed.ok) {
    return parsed.problem === 'format'
      ? issue(issues, 'UNPARSABLE', field, 'a local time dd/MM/yyyy HH:mm:ss', value)
      : issue(issues, 'IMPOSSIBLE_DATE', field, 'a real date and time', value);
  }
  if (parsed.parts.hour === undefined) {
    return issue(issues, 'UNPARSABLE', field, 'a local time dd/MM/yyyy HH:mm:ss', value);
  }
  return localToInstant(parsed.parts);
}

/** `dd/MM/yyyy` → `yyyy-MM-dd` (a local calendar date; no time of day allowed). */
export function vnLocalDate(value: string | null, field: string, issues: Issues): string | null {
  if (value === null) return null;
  const parsed = parseLocal(value, 'vn');
  if (!parsed.ok) {
    return parsed.problem === 'format'
      ? issue(issues, 'UNPARSABLE', field, 'a date dd/MM/yyyy', value)
      : issue(issues, 'IMPOSSIBLE_DATE', field, 'a real calendar date dd/MM/yyyy', value);
  }
  const p = parsed.parts;
  if (p.hour !== undefined) return issue(issues, 'UNPARSABLE', field, 'a date dd/MM/yyyy', value);
  return formatLocalDate(p);
}
