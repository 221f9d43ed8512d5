/**
 * The working calendar statutory durations run on (DESIGN.md §3 "Due time when the sources have
 * none"; SOURCES.md "Times and durations"): Monday–Friday, 07:00–11:30 and 13:30–17:00 local time
 * (UTC+7, no daylight saving), 8 working hours a day, minus the province's holidays.
 *
 * Arithmetic is done on "local milliseconds" (UTC ms + 7 h) read through the UTC getters, so no
 * host time zone ever leaks in.
 */
const LOCAL_OFFSET_MS = 7 * 3_600_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The two working sessions of a day, as ms after local midnight. */
const SESSIONS: readonly (readonly [number, number])[] = [
  [7 * HOUR, 11.5 * HOUR],
  [13.5 * HOUR, 17 * HOUR],
];
/** Working hours in a working day: 4.5 + 3.5. */
export const WORKING_HOURS_PER_DAY = 8;
/** A calendar with no working day for ten years is a data error, not a reason to loop forever. */
const MAX_DAYS_SCANNED = 3660;

export class WorkingCalendar {
  /** `holidays`: the province's non-working local dates, yyyy-MM-dd. */
  constructor(private readonly holidays: ReadonlySet<string> = new Set()) {}

  /** True for Monday–Friday dates that are not holidays. */
  isWorkingDay(localDate: string): boolean {
    const d = new Date(`${localDate}T00:00:00.000Z`);
    const wd = d.getUTCDay();
    return wd !== 0 && wd !== 6 && !this.holidays.has(localDate);
  }

  /**
   * `start` + `hours` working hours. A start outside working hours begins at the next opening; a
   * result that lands exactly on the end of a session (11:30, 17:00) is that instant.
   */
  addWorkingHours(start: string, hours: number): string {
    let remaining = Math.round(hours * HOUR);
    let t = Date.parse(start) + LOCAL_OFFSET_MS;
    let dayStart = Math.floor(t / DAY) * DAY;
    for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++) {
      if (this.isWorkingDay(isoDate(dayStart))) {
        for (const [from, to] of SESSIONS) {
          const s = dayStart + from;
          const e = dayStart + to;
          if (t < s) t = s;
          if (t < e) {
            const available = e - t;
            if (remaining <= available) return toInstant(t + remaining);
            remaining -= available;
            t = e;
          }
        }
      }
      dayStart += DAY;
      t = dayStart;
    }
    throw new Error(
      `The working calendar has no working day within ${MAX_DAYS_SCANNED} days after ${start}.`,
    );
  }

  addWorkingDays(start: string, days: number): string {
    return this.addWorkingHours(start, days * WORKING_HOURS_PER_DAY);
  }

  /**
   * `start` + `days` calendar days; when the result is not a working day, the next working day at
   * the same time of day (SOURCES.md "Times and durations": `Ngày`).
   */
  addCalendarDays(start: string, days: number): string {
    let t = Date.parse(start) + LOCAL_OFFSET_MS + Math.round(days * DAY);
    for (let scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++) {
      if (this.isWorkingDay(isoDate(t))) return toInstant(t);
      t += DAY;
    }
    throw new Error(
      `The working calendar has no working day within ${MAX_DAYS_SCANNED} days after ${start}.`,
    );
  }
}

function isoDate(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 10);
}

function toInstant(localMs: number): string {
  return new Date(localMs - LOCAL_OFFSET_MS).toISOString();
}
