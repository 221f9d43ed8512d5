/**
 * Local calendar dates (`yyyy-MM-dd`, Vietnam time, UTC+7 with no daylight saving: DESIGN.md §2) and
 * the few dates the unit register is built around.
 */

/** The two-tier system took effect on this day (Resolution 202/2025/QH15; Decision 19/2025/QĐ-TTg). */
export const REFORM_DATE = '2025-07-01';

/** The last day the pre-reform register (63 provinces, 696 districts, 10,035 communes) was in force. */
export const LEGACY_VALID_TO = '2025-06-30';

/**
 * The pre-reform register (fixtures/reference/SOURCE.md §3: the GSO register as of 2025-03-01) does not
 * say when each unit began. Its versions are given this early sentinel as `valid_from`, meaning
 * "since before the register's date", so records dated any time before the reform find them.
 */
export const LEGACY_VALID_FROM = '1900-01-01';

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** True for a real calendar date written `yyyy-MM-dd` (2025-02-30 is not one). */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** Today's date in Vietnam (UTC+7), `yyyy-MM-dd`. */
export function todayLocal(now: Date = new Date()): string {
  return new Date(now.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The local date `days` after `date` (negative for before). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Throws a misuse error unless `value` is a `yyyy-MM-dd` date; `what` names the argument. */
export function assertLocalDate(value: string, what: string): void {
  if (!isLocalDate(value)) {
    throw new RangeError(
      `${what} must be a local date written yyyy-MM-dd (e.g. 2025-07-01); found "${value}".`,
    );
  }
}
