import type { TimelinessPolicyDefinition } from './policy.js';

/**
 * WORKING_HALF_DAY (DESIGN.md §3: "on time within the working half-day that contains the due time").
 * The working half-days are the sessions of the working calendar, 07:00–11:30 and 13:30–17:00 local
 * time (DESIGN.md §3 "Due time when the sources have none"), both ends included — a derived due
 * ending exactly at 11:30 or 17:00 is that instant (SOURCES.md "Times and durations").
 *
 * - due inside a half-day: settled on the due date up to the END of that half-day = ON_TIME
 *   (a due of 09:00 is met by a result at 11:30 the same morning, not by one at 13:30);
 * - due outside both half-days (lunch, evening, night — e.g. a due moved by a pause measured to the
 *   minute): no half-day contains it, so the due instant itself is the limit;
 * - settled on an earlier local date = EARLY, on a later date = LATE, as under DAY.
 * Only the time of day is looked at: a due on a weekend or holiday is not moved (the source or the
 * derivation already placed it).
 */
const AM_START = "'07:00:00.000'";
const AM_END = "'11:30:00.000'";
const PM_START = "'13:30:00.000'";
const PM_END = "'17:00:00.000'";

export const workingHalfDayPolicy: TimelinessPolicyDefinition = {
  name: 'WORKING_HALF_DAY',
  column: 'whd',
  description:
    'On time when settled by the end of the working half-day (07:00–11:30, 13:30–17:00 local) that contains the due time; a due outside both half-days is its own limit; an earlier local date = EARLY.',
  sql(d, c) {
    const dueDate = d.localDate(c.dueAt);
    const dueTime = d.localTime(c.dueAt);
    const limit =
      `case when ${dueTime} between ${AM_START} and ${AM_END} then ${AM_END} ` +
      `when ${dueTime} between ${PM_START} and ${PM_END} then ${PM_END} else ${dueTime} end`;
    return (
      `case when ${c.dueAt} is null then 0 when ${c.settledDate} < ${dueDate} then 1 ` +
      `when ${c.settledDate} > ${dueDate} then 3 when ${d.localTime(c.settledAt)} <= ${limit} then 2 else 3 end`
    );
  },
};
