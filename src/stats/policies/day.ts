import type { TimelinessPolicyDefinition } from './policy.js';

/**
 * DAY (the default, DESIGN.md §3): compare local calendar dates. Settled on the due date = ON_TIME,
 * on an earlier date = EARLY, on a later date = LATE — how the national portal reports "trước hạn /
 * đúng hạn / quá hạn": a result handed over any time on the due day is on time.
 */
export const dayPolicy: TimelinessPolicyDefinition = {
  name: 'DAY',
  column: 'day',
  description:
    'Compare local (UTC+7) calendar dates: settled on the due date = ON_TIME, before it = EARLY, after it = LATE.',
  sql(d, c) {
    const due = d.localDate(c.dueAt);
    return `case when ${c.dueAt} is null then 0 when ${c.settledDate} < ${due} then 1 when ${c.settledDate} = ${due} then 2 else 3 end`;
  },
};
