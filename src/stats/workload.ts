import type { Database } from '../db/database.js';
import { dossierStats, type Rate, rate } from './dossier-stats.js';
import type { DossierFilterInput } from './filter.js';
import { staffStats } from './staff-stats.js';

/**
 * Workload (DESIGN.md §3): dossiers received per active staff member of a unit per month.
 * received = dossiers received in the period (current geography); activeStaff = active persons with
 * an assignment in the unit at asOf (the cadre sources give no staff history, so the same headcount
 * divides every month); months = the calendar months the period touches, or 1 per MONTH row.
 * The rate is received / (activeStaff × months); its denominator is that product.
 *
 * Rows: every unit with active staff (for each month of the period when grouped by MONTH: a staffed
 * unit that received nothing has a workload of 0, not no row), and every unit and month where
 * dossiers were received (without staff: value null). Other dossier activity — settlements, backlog —
 * does not make a row: it is not part of the figure.
 */
export type WorkloadDimension = 'PROVINCE' | 'COMMUNE' | 'MONTH';

export interface WorkloadRow {
  keys: Partial<Record<WorkloadDimension, string | null>>;
  received: number;
  activeStaff: number;
  months: number;
  perStaffPerMonth: Rate;
}

export async function workload(
  database: Database,
  filter: Pick<DossierFilterInput, 'provinceCodes' | 'communeCodes'>,
  period: { from: string; to: string },
  groupBy: readonly WorkloadDimension[],
  asOf: string,
): Promise<WorkloadRow[]> {
  const now = new Date().toISOString();
  const stats = await dossierStats(database, {
    filter: { provinceCodes: filter.provinceCodes ?? null, communeCodes: filter.communeCodes ?? null },
    period,
    groupBy: [...groupBy],
    policy: 'DAY',
    geography: 'CURRENT',
    asOf: now,
    now,
  });
  const unitDims = groupBy.filter((d): d is 'PROVINCE' | 'COMMUNE' => d !== 'MONTH');
  const staff = await staffStats(database, filter, unitDims, asOf);
  const unitKey = (keys: WorkloadRow['keys']) => JSON.stringify(unitDims.map((d) => keys[d] ?? null));
  const staffOf = new Map(staff.map((s) => [unitKey(s.keys), s.headcount]));
  const byMonth = groupBy.includes('MONTH');
  const months = byMonth ? 1 : monthsOf(period.from, period.to).length;
  const rows = new Map<string, WorkloadRow>();
  const row = (keys: WorkloadRow['keys']) => {
    const k = JSON.stringify(groupBy.map((d) => keys[d] ?? ''));
    let r = rows.get(k);
    if (!r) {
      const activeStaff = staffOf.get(unitKey(keys)) ?? 0;
      r = { keys, received: 0, activeStaff, months, perStaffPerMonth: rate(0, activeStaff * months) };
      rows.set(k, r);
    }
    return r;
  };
  // staffStats also lists communes that only have sector gaps (headcount 0): those are no row here.
  for (const s of staff) {
    if (s.headcount === 0) continue;
    for (const month of byMonth ? monthsOf(period.from, period.to) : [null]) {
      const keys: WorkloadRow['keys'] = {};
      for (const d of groupBy) keys[d] = d === 'MONTH' ? month : (s.keys[d] ?? null);
      row(keys);
    }
  }
  for (const s of stats) {
    if (s.received === 0) continue;
    const keys: WorkloadRow['keys'] = {};
    for (const d of groupBy) keys[d] = s.keys[d] ?? null;
    const r = row(keys);
    r.received = s.received;
    r.perStaffPerMonth = rate(s.received, r.activeStaff * months);
  }
  if (groupBy.length === 0) row({});
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/** The calendar months (`yyyy-MM`) from `from` to `to` (dates), both included. */
function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= end) return out;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y += 1;
  }
}
