import type { TimelinessPolicyDefinition } from './policy.js';

/**
 * EXACT (DESIGN.md §3 "timestamps"): lateness is decided by the instants — LATE when the settle time
 * is after the effective due time, to the millisecond. Among the dossiers that are not late, EARLY
 * keeps the meaning it has under every policy (settled on an earlier local date than the due date)
 * and the rest (same local day, at or before the due instant) are ON_TIME. So early + onTime = the
 * dossiers settled at or before their due instant, and onTimeRate is the strict timestamp rate.
 */
export const exactPolicy: TimelinessPolicyDefinition = {
  name: 'EXACT',
  column: 'exact',
  description:
    'Compare instants: settled after the due instant = LATE; otherwise EARLY when on an earlier local date than the due date, else ON_TIME.',
  sql(d, c) {
    const due = d.localDate(c.dueAt);
    return `case when ${c.dueAt} is null then 0 when ${c.settledAt} > ${c.dueAt} then 3 when ${c.settledDate} < ${due} then 1 else 2 end`;
  },
};
