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
  const staffOf = new Map(
    staff.map((s) => [JSON.stringify(unitDims.map((d) => s.keys[d] ?? null)), s.headcount]),
  );
  const periodMonths = monthsBetween(period.from, period.to);
  const rows = new Map<string, WorkloadRow>();
  for (const s of stats) {
    const keys: WorkloadRow['keys'] = {};
    for (const d of groupBy) keys[d] = s.keys[d] ?? null;
    const activeStaff = staffOf.get(JSON.stringify(unitDims.map((d) => keys[d] ?? null))) ?? 0;
    const months = groupBy.includes('MONTH') ? 1 : periodMonths;
    rows.set(JSON.stringify(groupBy.map((d) => keys[d] ?? null)), {
      keys,
      received: s.received,
      activeStaff,
      months,
      perStaffPerMonth: rate(s.received, activeStaff * months),
    });
  }
  return [...rows.values()];
}

function monthsBetween(from: string, to: string): number {
  const y = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return y * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
}
