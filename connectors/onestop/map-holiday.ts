import type { HolidayCandidate } from '../../schema/canonical/records.js';
import { type Issues, localDate, prose, required, text } from '../shared/values.js';

/** Maps one `NgayNghi.csv` row (the province's holidays) to a HolidayCandidate; the key is `Date`. */
export function mapHoliday(r: Record<string, string>, issues: Issues): HolidayCandidate | null {
  const raw = required(text(r.Date, 'Date', issues), 'Date', issues);
  const date = localDate(raw, 'Date', issues);
  const description = prose(r.Description, 'Description', issues);
  return date === null ? null : { date, description };
}
